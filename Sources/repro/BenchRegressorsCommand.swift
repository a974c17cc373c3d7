import ArgumentParser

// Placeholder until this command lands.
struct BenchRegressors: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "regressors", abstract: "Time least-squares and MLP fits.")
    func run() throws { throw CLIFailure("'regressors' is not implemented yet") }
}
