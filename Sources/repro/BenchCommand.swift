import ArgumentParser

/// `repro bench …`: throughput figures (timings live here, never in tests).
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure throughput: training steps, featurisers, regressors, t-SNE.",
        subcommands: [BenchTrain.self, BenchFeaturize.self, BenchRegressors.self, BenchTSNE.self]
    )
}
