import ArgumentParser

// Placeholder until this command lands.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "check", abstract: "Compare results with a committed baseline within tolerance.")
    func run() throws { throw CLIFailure("'check' is not implemented yet") }
}
