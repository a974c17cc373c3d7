import ArgumentParser

// Placeholder until this command lands.
struct BenchFeaturize: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "featurize", abstract: "Time the featurisers on the embedded dataset.")
    func run() throws { throw CLIFailure("'featurize' is not implemented yet") }
}
