import ArgumentParser

// Placeholder until this command lands.
struct BenchTSNE: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tsne", abstract: "Time t-SNE on 1,500 and 20,000 points.")
    func run() throws { throw CLIFailure("'tsne' is not implemented yet") }
}
