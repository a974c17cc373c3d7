import ArgumentParser

/// `repro`: regenerates the results of Moran et al. (Deep InfoMax for materials) and exposes
/// each stage — reading structures, featurising, training, embedding, t-SNE, reporting — as
/// its own subcommand.
@main
struct Repro: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repro",
        abstract: "Reproduce 'Establishing Deep InfoMax as an effective self-supervised learning methodology in materials informatics'.",
        discussion: """
        Start with `repro reproduce` to regenerate every figure and the report from the embedded \
        dataset (see Reproduce.md). The other subcommands run one stage each, or use the trained \
        encoder and the baseline featurisers on your own CIF / POSCAR / pymatgen-JSON files.
        """,
        subcommands: [
            Reproduce.self, Run.self, Report.self, Check.self, Cluster.self,
            Inspect.self, Featurize.self, DataCommand.self, Train.self, Embed.self, TSNECommand.self,
            Bench.self, Tune.self, BLASInfo.self,
        ]
    )

    /// Pins the OpenBLAS kernel (re-executing if needed) before anything calls OpenBLAS, then runs
    /// the command.
    static func main() {
        BLASLaunch.apply()
        main(nil)
    }
}
