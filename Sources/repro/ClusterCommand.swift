import ArgumentParser

// Placeholder until this command lands.
struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cluster", abstract: "Run the trial plan on a Slurm cluster.")
    func run() throws { throw CLIFailure("'cluster' is not implemented yet") }
}
