import ArgumentParser

// Placeholder until this command lands.
struct Embed: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "embed", abstract: "Encode structure files with a trained encoder.")
    func run() throws { throw CLIFailure("'embed' is not implemented yet") }
}
