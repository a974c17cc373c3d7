import ArgumentParser

// Placeholder until this command lands.
struct TSNECommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tsne", abstract: "t-SNE of a CSV of vectors.")
    func run() throws { throw CLIFailure("'tsne' is not implemented yet") }
}
