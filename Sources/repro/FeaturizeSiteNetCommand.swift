import ArgumentParser

// Placeholder until this command lands.
struct FeaturizeSiteNet: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sitenet", abstract: "The Site-Net input of one structure (primitive cell, supercell, distances).")
    func run() throws { throw CLIFailure("'sitenet' is not implemented yet") }
}
