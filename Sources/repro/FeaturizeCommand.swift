import ArgumentParser

/// `repro featurize …`: turn one structure file into a feature vector.
struct Featurize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "featurize",
        abstract: "Featurise one structure file (CIF, POSCAR/CONTCAR/.vasp, pymatgen JSON).",
        subcommands: [FeaturizeSiteNet.self, FeaturizeXRD.self, FeaturizeOFM.self]
    )
}
