// swift-tools-version:6.0
// Reproduction harness for Moran et al., "Establishing Deep InfoMax as an effective
// self-supervised learning methodology in materials informatics".
// Modules are listed in the order data flows; dependencies point one way only.
import PackageDescription

/// Hot numerical modules are built with unchecked arithmetic and AVX2 code generation in release.
let fast: [SwiftSetting] = [
    .unsafeFlags(["-Ounchecked", "-target-cpu", "haswell"], .when(configuration: .release)),
]

let package = Package(
    name: "DeepInfoMaxRepro",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "repro", targets: ["repro"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // System-library shims (Debian packages named in each provider).
        .systemLibrary(name: "CBLAS", path: "Sources/Shims/CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CCairo", path: "Sources/Shims/CCairo", pkgConfig: "cairo",
                       providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/Shims/CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSpglib", path: "Sources/Shims/CSpglib", pkgConfig: "spglib",
                       providers: [.apt(["libsymspg-dev"])]),

        // Seeded, keyed random streams shared by every module that draws.
        .target(name: "Randomness", swiftSettings: fast),
        // Atomic whole-file writes (temporary file, then rename) for every module that writes files.
        .target(name: "FileOutput"),
        // Elements, lattices, structures, readers, primitive cell, Site-Net supercell, datasets.
        .target(name: "Crystals", dependencies: ["CZlib", "CSpglib"],
                exclude: ["Resources/DATASET.md"],
                resources: [.copy("Resources/mp-offline-7k.jsonl.gz")], swiftSettings: fast),
        // Site-Net input tensors, XRD pattern, orbital field matrix.
        .target(name: "Featurizers", dependencies: ["Crystals", "CSpglib"], swiftSettings: fast),
        // Matrix type, sgemm-backed layers with explicit backward passes, optimisers.
        .target(name: "Learning", dependencies: ["CBLAS", "Randomness", "FileOutput"], swiftSettings: fast),
        // The Site-Net encoder, Deep InfoMax heads and losses, supervised head, trainers.
        .target(name: "SiteNet", dependencies: ["Learning", "Featurizers", "Crystals", "Randomness"],
                swiftSettings: fast),
        // Least squares, scikit-learn-style MLP regressor, standard scaler.
        .target(name: "Regressors", dependencies: ["Learning", "CBLAS", "Randomness"], swiftSettings: fast),
        // Exact and Barnes–Hut t-SNE.
        .target(name: "TSNE", dependencies: ["CBLAS", "Randomness"], swiftSettings: fast),
        // Quantiles, box statistics, Wilcoxon, Hodges–Lehmann, bootstrap, Holm.
        .target(name: "Statistics", dependencies: ["Randomness"]),
        // Cairo charts: box plots, scatter, line charts; PNG/SVG/PDF + CSV + gnuplot.
        .target(name: "Plotting", dependencies: ["CCairo", "FileOutput", "Statistics"]),
        // Results document, claim verdicts, Markdown/HTML report, baseline diff.
        .target(name: "Reporting", dependencies: ["Statistics", "Plotting", "FileOutput", .product(name: "Ink", package: "Ink")],
                resources: [.copy("Resources/paper_transfer_maes.json")]),
        // Experiment catalogue, profiles, trial plan, result store, runner, sharding, checks.
        .target(name: "Experiments",
                dependencies: ["Crystals", "Featurizers", "Learning", "SiteNet", "Regressors", "TSNE",
                               "Statistics", "Plotting", "Reporting", "Randomness", "FileOutput", "CBLAS"],
                resources: [.copy("Resources/matbench_fold0_test_ids.json.gz")]),
        // The command-line tool.
        .executableTarget(name: "repro",
                          dependencies: ["Experiments", "Crystals", "Featurizers", "SiteNet", "Regressors",
                                         "TSNE", "Statistics", "Plotting", "Reporting", "Learning", "FileOutput",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")],
                          swiftSettings: fast),

        // Shared test helpers (fixture loading, tolerances, locating the built binary).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "RandomnessTests", dependencies: ["Randomness", "TestSupport"]),
        .testTarget(name: "FileOutputTests", dependencies: ["FileOutput"]),
        .testTarget(name: "CrystalsTests", dependencies: ["Crystals", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "FeaturizersTests", dependencies: ["Featurizers", "Crystals", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "LearningTests", dependencies: ["Learning", "TestSupport"]),
        .testTarget(name: "SiteNetTests", dependencies: ["SiteNet", "Learning", "Featurizers", "Crystals", "TestSupport"]),
        .testTarget(name: "RegressorsTests", dependencies: ["Regressors", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "TSNETests", dependencies: ["TSNE", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PlottingTests", dependencies: ["Plotting", "TestSupport"]),
        .testTarget(name: "ReportingTests", dependencies: ["Reporting", "Statistics", "Plotting", "TestSupport"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
