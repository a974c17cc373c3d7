import Foundation

/// Everything that determines a work item's output; its SHA-256 (over sorted-key JSON) is the
/// item's store key. Inputs enter through their own keys, so a change anywhere upstream
/// changes every dependant's key.
public struct KeyMaterial: Codable, Equatable, Sendable {
    /// Version of the key/envelope format and of the runner's own logic (label subsets, row gathering).
    public var frameworkVersion: String
    /// The backend's ``ExperimentBackend/codeVersion``.
    public var codeVersion: String
    /// SHA-256 of the dataset file(s).
    public var dataChecksum: String
    /// Profile name.
    public var profile: String
    /// The OpenBLAS kernel family (`openblas_get_corename()`, e.g. `Haswell`) and the BLAS threads
    /// per item: products differ in their last bits between kernels and thread counts, so a store
    /// shared by machines of different kinds never mixes them. Optional only so that entries
    /// written before the field existed still decode (they differ in key, so they are recomputed).
    public var blasKernel: String?
    public var blasThreads: Int?
    /// What the item computes.
    public var kind: WorkKind
    /// Its seed base (``Seeds/base(for:root:)``).
    public var seeds: SeedBase
    /// The profile settings this item's output depends on (only those).
    public var settings: ItemSettings
    /// Input item id → its key.
    public var inputs: [String: String]

    /// Canonical bytes: JSON with sorted keys, no whitespace.
    public func canonicalJSON() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return try e.encode(self)
    }

    /// The store key: lower-case hex SHA-256 of ``canonicalJSON()``.
    public func key() throws -> String { SHA256.hex(try canonicalJSON()) }
}

/// The profile settings one item depends on.
public struct ItemSettings: Codable, Equatable, Sendable {
    /// Dataset settings (dataset item).
    public var data: DataSettings?
    /// Training budget (DIM, donor, fig 7 items).
    public var budget: TrainingBudget?
    /// The budget probe's longer budget, for items followed under it too.
    public var probe: TrainingBudget?
    /// Regressor settings (fig 8/12 items).
    public var regressor: RegressorSettings?
    /// The regressor arm's standardisation switch.
    public var standardise: Bool?
    /// t-SNE settings (t-SNE items).
    public var tsne: TSNESettings?

    /// The settings of `kind` under `profile`.
    public static func of(_ kind: WorkKind, profile p: Profile) -> ItemSettings {
        var s = ItemSettings()
        switch kind {
        case .dataset:
            // File locations do not enter the key (the data checksum covers the contents).
            var d = p.data
            if case .matbench = d.source { d.source = .matbench(eFormPath: "", gapPath: "") }
            s.data = d
        case .dimPretrain:
            s.budget = p.dim
            if let probe = p.budgetProbe, probe.pretraining {
                s.probe = probe.longer(p.dim)
                // the probe's downstream check fits the profile's regressors on the encoder's vectors
                s.regressor = p.regressor
            }
        case .donor: s.budget = p.donor
        case .representation: break
        case let .supervisedTrial(_, _, _, _, _, probed):
            s.budget = p.supervised
            if probed, let probe = p.budgetProbe { s.probe = probe.longer(p.supervised) }
        case let .regressorTrial(_, _, _, arm, _):
            s.regressor = p.regressor
            if case let .regressor(_, _, standardise) = ArmSpec.named(arm).kind { s.standardise = standardise }
        case .tsne: s.tsne = p.tsne
        }
        return s
    }
}
