import Randomness

/// Seed derivation for every work item, from names only (Docs/Protocol.md §8.2; Docs/Architecture.md §3).
///
/// - Trials: `(seedRoot, experiment, task, "n<N>", "trial<k>", arm)` + purpose.
///   The budget probe uses exactly the seeds of the fig 7 trial it re-runs.
/// - Label subsets: `(seedRoot, "labels", task, "n<N>", "trial<k>")` — **no experiment, no arm**:
///   trial k of every arm of figs 7, 8 and 12 (and so fig 11) at (task, n) sees the same labels,
///   so every comparison is paired.
/// - Models: `(seedRoot, "dim", set, synthetic|nosynthetic)`, `(seedRoot, "donor", task)`,
///   `(seedRoot, "representation", set, rep)`, `(seedRoot, "tsne", set, rep)`, `(seedRoot, "dataset")`.
public enum Seeds {
    /// The seed base of a work item.
    public static func base(for kind: WorkKind, root: String) -> SeedBase {
        switch kind {
        case .dataset: return SeedBase([root, "dataset"])
        case let .dimPretrain(set, synthetic): return SeedBase([root, "dim", set, synthetic ? "synthetic" : "nosynthetic"])
        case let .donor(task): return SeedBase([root, "donor", task.rawValue])
        case let .representation(set, r): return SeedBase([root, "representation", set, r.rawValue])
        case let .supervisedTrial(e, task, n, arm, k, _), let .regressorTrial(e, task, n, arm, k):
            return SeedBase([root, e, task.rawValue, "n\(n)", "trial\(k)", arm])
        case let .tsne(set, r, seed): return SeedBase([root, "tsne", set, r.rawValue] + (seed.map { ["seed\($0)"] } ?? []))
        }
    }

    /// The label subset of trial `trial` at `n` labels: the rows of the task's training pool at
    /// ``labelPositions(root:task:n:trial:pool:)``, in draw order.
    public static func labelRows(root: String, task: PropertyTask, n: Int, trial: Int, pool: TaskData) throws -> [Int] {
        try labelPositions(root: root, task: task, n: n, trial: trial, pool: pool).map { pool.trainRows[$0] }
    }

    /// Splits a label subset into (train, validation) with n//20 validation crystals, drawn from
    /// the stream `(root, "labels", task, n, trial, "validation")` — the same for every arm.
    public static func validationSplit(_ rows: [Int], root: String, task: PropertyTask, n: Int, trial: Int) -> (train: [Int], validation: [Int]) {
        var s = SeedPath(root, "labels", task.rawValue, "n\(n)", "trial\(trial)", "validation").stream()
        let v = Set(s.sample(rows.count / 20, from: rows.count))
        var train: [Int] = [], validation: [Int] = []
        for (i, r) in rows.enumerated() { if v.contains(i) { validation.append(r) } else { train.append(r) } }
        return (train, validation)
    }

    /// Streams shared by every fig 7 arm of one (task, n, trial).
    public static func paired(root: String, task: PropertyTask, n: Int, trial: Int) -> SeedBase {
        SeedBase([root, "paired", task.rawValue, "n\(n)", "trial\(trial)"])
    }

    /// Positions (in `pool.trainRows`) of the label subset of trial `trial` at `n` labels: `n`
    /// distinct positions drawn by partial Fisher–Yates from the stream `(root, "labels", task, n,
    /// trial)`, in draw order. Throws when the pool has fewer than `n` crystals.
    static func labelPositions(root: String, task: PropertyTask, n: Int, trial: Int, pool: TaskData) throws -> [Int] {
        guard n <= pool.trainRows.count else {
            throw ExperimentError.invalidResult("\(task.rawValue): \(n) labels requested but the training pool holds \(pool.trainRows.count) crystals")
        }
        var s = SeedPath(root, "labels", task.rawValue, "n\(n)", "trial\(trial)").stream()
        return s.sample(n, from: pool.trainRows.count)
    }
}
