/// A slice `index/count` of a plan (1-based index, as on the command line: `--shard 2/8`).
public struct ShardSpec: Equatable, Sendable, CustomStringConvertible {
    /// 1-based shard index.
    public var index: Int
    /// Number of shards.
    public var count: Int
    public init(index: Int, count: Int) throws {
        guard count >= 1, index >= 1, index <= count else {
            throw ExperimentError.badInput("shard \(index)/\(count): expected i/n with 1 ≤ i ≤ n")
        }
        self.index = index; self.count = count
    }
    /// Parses `i/n`.
    public init(parsing s: String) throws {
        let parts = s.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw ExperimentError.badInput("--shard '\(s)': expected i/n, e.g. 2/8")
        }
        try self.init(index: i, count: n)
    }
    public var description: String { "\(index)/\(count)" }
}

/// Splits a plan into shards balanced by estimated cost, stage by stage.
///
/// Within each stage, items are assigned longest-processing-time first (cost descending, then
/// plan order) to the shard with the least cost so far in that stage (lowest index on ties).
/// So every stage is spread over all shards, the assignment is deterministic, and the shards of
/// a stage are disjoint and together cover it.
///
/// Dependencies: a shard running stage s needs stage s−1's outputs. Two ways to respect that:
/// - a scheduler runs stage by stage (`repro run --stage s --shard i/n`, one job array per stage,
///   each array depending on the previous one) — nothing is computed twice;
/// - or a shard runs all its stages in order, and any input another shard has not yet written is
///   computed by this shard too (identical bytes, atomic writes: correct, but duplicated work).
public enum Sharding {
    /// Ids of the items of `shard`, restricted to `stages` (nil = all), in plan order.
    public static func items(of plan: TrialPlan, shard: ShardSpec, stages: Set<Int>? = nil) -> [WorkItem] {
        let a = assignment(plan, shards: shard.count)
        return plan.items.filter { a[$0.id] == shard.index - 1 && (stages?.contains($0.stage) ?? true) }
    }

    /// Item id → 0-based shard.
    public static func assignment(_ plan: TrialPlan, shards: Int) -> [String: Int] {
        var out: [String: Int] = [:]
        for stage in 0..<plan.stageCount {
            let items = plan.items.enumerated().filter { $0.element.stage == stage }
                .sorted { ($0.element.estimatedCost, -$0.offset) > ($1.element.estimatedCost, -$1.offset) }
            var load = [Double](repeating: 0, count: shards)
            for (_, it) in items {
                var best = 0
                for s in 1..<max(shards, 1) where load[s] < load[best] { best = s }
                load[best] += it.estimatedCost
                out[it.id] = best
            }
        }
        return out
    }

    /// Estimated cost per shard and stage: `[shard][stage]`.
    public static func loads(_ plan: TrialPlan, shards: Int) -> [[Double]] {
        let a = assignment(plan, shards: shards)
        var l = [[Double]](repeating: [Double](repeating: 0, count: plan.stageCount), count: shards)
        for it in plan.items { l[a[it.id]!][it.stage] += it.estimatedCost }
        return l
    }
}
