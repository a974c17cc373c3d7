import ArgumentParser

// Placeholder until this command lands.
struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reproduce", abstract: "Regenerate every figure, table and claim verdict of the paper.")
    func run() throws { throw CLIFailure("'reproduce' is not implemented yet") }
}
