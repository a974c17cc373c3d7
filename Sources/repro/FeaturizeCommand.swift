import ArgumentParser

/// `repro featurize …`: turn one structure file into a feature vector.
struct Featurize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "featurize",
        abstract: "Featurise one structure file (CIF, POSCAR/CONTCAR/.vasp, pymatgen JSON).",
        discussion: """
        Examples:
          repro featurize xrd mp-10.cif              # XRD peaks and the 128-d KDE vector
          repro featurize ofm POSCAR --json          # orbital field matrix as JSON
          repro featurize sitenet structure.json     # Site-Net input (primitive cell, supercell, distances)
        """,
        subcommands: [FeaturizeSiteNet.self, FeaturizeXRD.self, FeaturizeOFM.self]
    )
}
