import ArgumentParser

/// `repro cluster …`: the trial plan on a cluster scheduler.
struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Run the trial plan on a Slurm cluster.",
        subcommands: [ClusterSlurm.self, ClusterStatus.self, ClusterPlan.self, ClusterPredict.self, ClusterTask.self])
}
