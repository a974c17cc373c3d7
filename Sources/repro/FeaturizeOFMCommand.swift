import ArgumentParser

// Placeholder until this command lands.
struct FeaturizeOFM: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ofm", abstract: "The orbital field matrix (1521 values).")
    func run() throws { throw CLIFailure("'ofm' is not implemented yet") }
}
