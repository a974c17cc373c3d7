import ArgumentParser

// Placeholder until this command lands.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "data", abstract: "Summaries of the embedded dataset or a Matbench file.")
    func run() throws { throw CLIFailure("'data' is not implemented yet") }
}
