import ArgumentParser
import Experiments
import Foundation

/// `repro cluster predict`: the wall time of a whole plan on N cores, from the costs a store measured.
struct ClusterPredict: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict the wall time of a profile's whole plan on N cores from a store's measured item times.",
        discussion: """
        Every item's one-core time comes from the store's timings (a run of the same profile, any \
        number of jobs; an item that had lent cores counts as wall × s(mean cores)). Items the store \
        has not timed are extrapolated from the unit-cost model (`repro cluster plan`) times the median \
        ratio of measured to modelled seconds of timed items of the \
        same kind. The runner's schedule is then simulated on each core count: critical-path order, \
        idle cores lent to the running training item first in that order, Amdahl speed-up \
        s(k) = 1 / ((1 − p) + p / k) with p from the measured two-thread speed-up of a training step \
        (`repro bench train`). Memory bandwidth, other load and machine kind are not modelled.
        """)
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Result store whose timings to use.") var store = ".repro-store"
    @Option(parsing: .upToNextOption, help: "Core counts to predict for.") var cores: [Int] = [2, 16, 64]
    @Option(help: "Speed-up of one training step on 2 threads over 1 (`repro bench train`; 1.62 measured for the DIM step on AMD Zen 4).")
    var twoCoreSpeedup = WallTimeModel.measuredTwoCoreSpeedup

    func validate() throws {
        guard !cores.isEmpty, cores.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--cores: expected core counts ≥ 1") }
        guard twoCoreSpeedup >= 1, twoCoreSpeedup <= 2 else { throw ValidationError("--two-core-speedup \(twoCoreSpeedup): expected 1…2") }
    }

    func run() throws {
        let profile = try profileOptions.resolve(store: store)
        let runner = try RunSupport.runner(profile: profile, backendName: profileOptions.backend, store: store)
        let plan = runner.plan
        let p = WallTimeModel.parallelFraction(twoCoreSpeedup: twoCoreSpeedup)
        let estimate = try MeasuredCosts(runner: runner, parallelFraction: p)
        let measured = estimate.measured
        guard !measured.isEmpty else {
            throw CLIFailure("store \(store) has no timings for profile \(profile.name): run the profile (or part of it) into this store first")
        }
        print("profile \(profile.name): \(plan.items.count) items; \(measured.count) timed in \(store) (\(estimate.measuredByCPU) by their CPU time, \(measured.count - estimate.measuredByCPU) by wall time), \(plan.items.count - measured.count) extrapolated")
        print(String(format: "one-core work: %.2f core-hours (timed %.2f); parallel fraction of a training step p = %.2f", estimate.total / 3600,
                     measured.values.reduce(0, +) / 3600, p))
        print("timed items against the plan's unit-cost model (\(UnitCosts.reference.machine)):")
        print("  kind               items   measured   unit-cost model   measured ÷ model")
        for row in Self.byKind(plan.items, measured: measured) {
            print("  " + row.kind.padding(toLength: 17, withPad: " ", startingAt: 0) + FigurePlanReport.rightAligned(String(row.count), 6)
                  + FigurePlanReport.rightAligned(FigurePlanReport.duration(row.measured), 11) + FigurePlanReport.rightAligned(FigurePlanReport.duration(row.modelled), 18)
                  + FigurePlanReport.rightAligned(row.modelled > 0 ? String(format: "%.2f", row.measured / row.modelled) : "—", 19))
        }
        print("cores   predicted wall   lower bound")
        for n in cores {
            let r = WallTimeModel.predict(items: plan.items, seconds: estimate.seconds, cores: n, parallelFraction: p)
            print(FigurePlanReport.rightAligned(String(n), 5) + FigurePlanReport.rightAligned(FigurePlanReport.duration(r.wallSeconds), 17)
                  + FigurePlanReport.rightAligned(FigurePlanReport.duration(r.lowerBoundSeconds), 14))
        }
    }

    /// Timed items grouped by kind: how many, their measured one-core seconds and what the plan's
    /// unit-cost model (``WorkItem/estimatedCost``) predicted for them.
    static func byKind(_ items: [WorkItem], measured: [String: Double]) -> [(kind: String, count: Int, measured: Double, modelled: Double)] {
        var order: [String] = [], rows: [String: (Int, Double, Double)] = [:]
        for it in items {
            guard let m = measured[it.id] else { continue }
            let kind = String(String(describing: it.kind).prefix { $0 != "(" })
            if rows[kind] == nil { order.append(kind); rows[kind] = (0, 0, 0) }
            rows[kind]!.0 += 1; rows[kind]!.1 += m; rows[kind]!.2 += it.estimatedCost
        }
        return order.map { (kind: $0, count: rows[$0]!.0, measured: rows[$0]!.1, modelled: rows[$0]!.2) }
    }
}
