import Foundation

/// A prediction of a plan's wall time on a number of cores.
public struct WallTimePrediction: Equatable, Sendable {
    /// Cores (runner jobs) simulated.
    public var cores: Int
    /// Simulated wall time of the runner's schedule, seconds.
    public var wallSeconds: Double
    /// Sum of the items' one-core seconds.
    public var coreSeconds: Double
    /// Lower bound on any schedule: the longest dependency chain, each item at its fastest
    /// (all cores it can use), or the total work spread evenly, whichever is longer.
    public var lowerBoundSeconds: Double
}

/// Simulates the runner's schedule (``Runner``, ``SchedulerState``) on `cores` cores, from each
/// item's one-core seconds.
///
/// The simulation follows the runner: items start in critical-path order
/// (``TrialPlan/criticalPathOrder(_:)``) as soon as their inputs are done, one per core; a core
/// with nothing to start is lent to the running item first in that order that can use it
/// (training and embedding items, at most ``SchedulerState/maxChunks`` cores each), filling that
/// item before the next. An item on k cores progresses at Amdahl's rate
/// s(k) = 1 / ((1 − p) + p / k), where p is the parallel fraction of a data-parallel step
/// (measured by `repro bench train`'s scaling table: s(2) = 1 / (1 − p/2), so p = 2 (1 − 1/s(2))).
public enum WallTimeModel {
    /// The DIM step's speed-up on 2 threads over 1 measured by `repro bench train` on an idle AMD
    /// Zen 4 machine (2026-12-02); the default for predictions and for converting lent-core timings.
    public static let measuredTwoCoreSpeedup = 1.62

    /// Amdahl speed-up on `k` cores of a step whose parallel fraction is `p`.
    public static func speedup(cores k: Int, parallelFraction p: Double) -> Double {
        speedup(meanCores: Double(k), parallelFraction: p)
    }

    /// Amdahl's speed-up for a mean core count over an item's run (e.g. 1.4 when a lent core was
    /// held 40 % of the time): 1 / ((1 − p) + p / c), c ≥ 1.
    public static func speedup(meanCores c: Double, parallelFraction p: Double) -> Double {
        1 / ((1 - p) + p / max(c, 1))
    }

    /// The parallel fraction p that gives speed-up `s2` on 2 cores.
    public static func parallelFraction(twoCoreSpeedup s2: Double) -> Double {
        min(1, max(0, 2 * (1 - 1 / s2)))
    }

    /// Predicts the wall time of running `items` (inputs before their dependants; inputs outside
    /// them count as done) on `cores` cores. `seconds[id]` is item id's one-core time.
    public static func predict(items: [WorkItem], seconds: [String: Double], cores: Int,
                               parallelFraction p: Double) -> WallTimePrediction {
        let cores = max(1, cores)
        let order = TrialPlan.criticalPathOrder(items, in: items)
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1.id, $0) })
        let inScope = Set(items.map(\.id))
        let lendable = Dictionary(uniqueKeysWithValues: items.map { ($0.id, SchedulerState.canUseLentCores($0.kind)) })
        var pending = order
        var done = Set<String>()
        var remaining: [String: Double] = [:]   // running item → one-core seconds left
        var clock = 0.0
        while !pending.isEmpty || !remaining.isEmpty {
            // Start what is ready, in order, one core each.
            var i = 0
            while remaining.count < cores && i < pending.count {
                let it = pending[i]
                if it.inputs.allSatisfy({ !inScope.contains($0) || done.contains($0) }) {
                    remaining[it.id] = seconds[it.id] ?? 0
                    pending.remove(at: i)
                } else { i += 1 }
            }
            // Lend the idle cores, first-ranked lendable item first.
            var extra: [String: Int] = [:]
            var idle = cores - remaining.count
            for id in remaining.keys.sorted(by: { rank[$0]! < rank[$1]! }) where lendable[id] == true && idle > 0 {
                let n = min(idle, SchedulerState.maxChunks - 1)
                extra[id] = n; idle -= n
            }
            let rate = Dictionary(uniqueKeysWithValues: remaining.keys.map { id in
                (id, lendable[id] == true ? speedup(cores: 1 + (extra[id] ?? 0), parallelFraction: p) : 1)
            })
            guard let step = remaining.map({ $0.value / rate[$0.key]! }).min() else { break }
            clock += step
            for id in Array(remaining.keys) {
                let left = remaining[id]! - step * rate[id]!
                if left <= 1e-9 { remaining[id] = nil; done.insert(id) } else { remaining[id] = left }
            }
        }
        let total = items.reduce(0) { $0 + (seconds[$1.id] ?? 0) }
        // Longest chain, each item at its fastest.
        var chain: [String: Double] = [:]
        for it in items {
            let fastest = (seconds[it.id] ?? 0) / (lendable[it.id] == true
                ? speedup(cores: min(cores, SchedulerState.maxChunks), parallelFraction: p) : 1)
            chain[it.id] = fastest + (it.inputs.compactMap { chain[$0] }.max() ?? 0)
        }
        let bound = max(total / Double(cores), chain.values.max() ?? 0)
        return WallTimePrediction(cores: cores, wallSeconds: clock, coreSeconds: total, lowerBoundSeconds: bound)
    }
}

/// One-core seconds for every plan item: measured where the store timed it (its worker thread's
/// CPU seconds where recorded, which a machine shared with other work does not inflate; else wall
/// seconds, an item that had lent cores counting as wall × s(mean cores)), else the median ratio of measured to predicted seconds
/// (``WorkItem/estimatedCost``) of timed items of the same kind (else of all timed items) times
/// the item's estimated cost.
public struct MeasuredCosts: Sendable {
    /// Item id → one-core seconds, for every plan item.
    public let seconds: [String: Double]
    /// The items the store timed, and their one-core seconds.
    public let measured: [String: Double]
    /// Sum of ``seconds``.
    public var total: Double { seconds.values.reduce(0, +) }
    /// How many of ``measured`` are CPU seconds (the rest are from wall time).
    public let measuredByCPU: Int

    /// From the timings `runner`'s store holds for `runner`'s plan.
    public init(runner: Runner, parallelFraction p: Double) throws {
        let materials = try runner.keyMaterials()
        var measured: [String: Double] = [:]
        var byCPU = 0
        for item in runner.plan.items {
            guard let t = runner.store.timingDetail(key: try materials[item.id]!.key()) else { continue }
            if let cpu = t.cpuSeconds { measured[item.id] = cpu; byCPU += 1; continue }
            measured[item.id] = t.seconds * WallTimeModel.speedup(meanCores: t.cores, parallelFraction: p)
        }
        self.init(items: runner.plan.items, measured: measured, measuredByCPU: byCPU)
    }

    /// From measured one-core seconds of some of `items` (`measuredByCPU` of them CPU seconds).
    public init(items: [WorkItem], measured: [String: Double], measuredByCPU: Int = 0) {
        self.measuredByCPU = measuredByCPU
        func kindName(_ k: WorkKind) -> String { String(String(describing: k).prefix { $0 != "(" }) }
        var rates: [String: [Double]] = [:]
        for it in items where it.estimatedCost > 0 {
            if let s = measured[it.id] { rates[kindName(it.kind), default: []].append(s / it.estimatedCost) }
        }
        func median(_ x: [Double]) -> Double { let s = x.sorted(); return s.isEmpty ? 0 : s[s.count / 2] }
        let overall = median(rates.values.flatMap { $0 })
        var out: [String: Double] = [:]
        for it in items {
            out[it.id] = measured[it.id] ?? it.estimatedCost * (rates[kindName(it.kind)].map(median) ?? overall)
        }
        seconds = out
        self.measured = measured
    }
}
