import ArgumentParser

// Placeholder until this command lands.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run (a shard of) a profile's trial plan into a result store.")
    func run() throws { throw CLIFailure("'run' is not implemented yet") }
}
