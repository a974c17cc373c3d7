import ArgumentParser

// Placeholder until this command lands.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Parse a structure file and print its cell and composition.")
    func run() throws { throw CLIFailure("'inspect' is not implemented yet") }
}
