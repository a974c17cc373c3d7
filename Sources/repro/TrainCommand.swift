import ArgumentParser

// Placeholder until this command lands.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "Train a Deep InfoMax or supervised Site-Net model.")
    func run() throws { throw CLIFailure("'train' is not implemented yet") }
}
