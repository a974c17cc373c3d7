import ArgumentParser

// Placeholder until this command lands.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "Build the report from a result store.")
    func run() throws { throw CLIFailure("'report' is not implemented yet") }
}
