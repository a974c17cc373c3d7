import Foundation
import Reporting

/// The identity of a work item, typed. ``description`` is its one string form (store paths, logs,
/// inputs, `--dry-run` listings, the report's provenance) and ``init(parsing:)`` its one parser;
/// nothing else assembles or splits item ids.
///
/// Forms: `dataset`; `dim/<set>/synthetic|nosynthetic`; `donor/<task>`; `rep/<set>/<representation>`;
/// `<figure>/<task>/n<labels, 4 digits>/<arm>/t<trial, 2 digits>` (e.g. `fig7/e_form/n0050/sitenet-dim/t03`);
/// `tsne/<set>/<representation>` for a map's first seed, `…/seed<k>` for its k-th repeat.
public enum ItemID: Hashable, Sendable, CustomStringConvertible {
    case dataset
    case dim(structureSet: String, synthetic: Bool)
    case donor(PropertyTask)
    case representation(structureSet: String, Representation)
    case trial(experiment: String, task: PropertyTask, labels: Int, arm: String, trial: Int)
    case tsne(structureSet: String, Representation, seed: Int)

    public var description: String {
        switch self {
        case .dataset: return "dataset"
        case let .dim(set, synthetic): return "dim/\(set)/\(synthetic ? "synthetic" : "nosynthetic")"
        case let .donor(task): return "donor/\(task.rawValue)"
        case let .representation(set, r): return "rep/\(set)/\(r.rawValue)"
        case let .trial(experiment, task, n, arm, k): return "\(experiment)/\(task.rawValue)/n\(Self.pad(n, 4))/\(arm)/t\(Self.pad(k, 2))"
        case let .tsne(set, r, seed): return "tsne/\(set)/\(r.rawValue)" + (seed == 0 ? "" : "/seed\(seed)")
        }
    }

    /// The id written `text`; an error quoting it otherwise.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        func bad() -> ExperimentError { .badInput("'\(text)' is not a work item id (e.g. dataset, dim/shared/synthetic, fig7/gap/n0050/sitenet-dim/t03)") }
        /// `s` = `prefix` followed by decimal digits only.
        func number(_ s: String, prefix: String) throws -> Int {
            let digits = s.dropFirst(prefix.count)
            guard s.hasPrefix(prefix), !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
                  let n = Int(digits) else { throw bad() }
            return n
        }
        guard parts.allSatisfy({ !$0.isEmpty }) else { throw bad() }
        switch (parts.first, parts.count) {
        case ("dataset", 1): self = .dataset
        case ("dim", 3):
            guard ["synthetic", "nosynthetic"].contains(parts[2]) else { throw bad() }
            self = .dim(structureSet: parts[1], synthetic: parts[2] == "synthetic")
        case ("donor", 2):
            guard let t = PropertyTask(rawValue: parts[1]) else { throw bad() }
            self = .donor(t)
        case ("rep", 3):
            guard let r = Representation(rawValue: parts[2]) else { throw bad() }
            self = .representation(structureSet: parts[1], r)
        case ("tsne", 3), ("tsne", 4):
            guard let r = Representation(rawValue: parts[2]) else { throw bad() }
            let seed = parts.count == 4 ? try number(parts[3], prefix: "seed") : 0
            guard parts.count == 3 || (seed > 0 && parts[3] == "seed\(seed)") else { throw bad() }
            self = .tsne(structureSet: parts[1], r, seed: seed)
        case (_, 5):
            guard let t = PropertyTask(rawValue: parts[1]) else { throw bad() }
            self = .trial(experiment: parts[0], task: t, labels: try number(parts[2], prefix: "n"), arm: parts[3],
                          trial: try number(parts[4], prefix: "t"))
            guard description == text else { throw bad() }
        default: throw bad()
        }
    }

    private static func pad(_ x: Int, _ width: Int) -> String {
        let s = String(x); return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

extension WorkKind {
    /// The id of the item that computes this (a probed trial has the id of the unprobed one: the
    /// probe continues the same run).
    public var itemID: ItemID {
        switch self {
        case .dataset: return .dataset
        case let .dimPretrain(set, synthetic): return .dim(structureSet: set, synthetic: synthetic)
        case let .donor(task): return .donor(task)
        case let .representation(set, r): return .representation(structureSet: set, r)
        case let .supervisedTrial(e, task, n, arm, k, _), let .regressorTrial(e, task, n, arm, k):
            return .trial(experiment: e, task: task, labels: n, arm: arm, trial: k)
        case let .tsne(set, r, seed): return .tsne(structureSet: set, r, seed: seed ?? 0)
        }
    }
}
