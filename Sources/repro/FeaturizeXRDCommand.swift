import ArgumentParser

// Placeholder until this command lands.
struct FeaturizeXRD: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "xrd", abstract: "The XRD powder pattern and its 128-d KDE vector.")
    func run() throws { throw CLIFailure("'xrd' is not implemented yet") }
}
