import ArgumentParser
import Experiments
import Foundation
import Learning

/// `repro cluster plan`: what a profile's plan costs before anything runs, and how it splits into
/// shards.
struct ClusterPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Core-hours per stage, predicted wall time on N cores, and the split into shards, from measured unit costs.",
        discussion: """
        Every item is priced in one-core seconds from unit costs measured by `repro bench` (a DIM \
        step, a supervised step and inference per crystal; featurisers per structure; a regressor \
        fit at 1000 labels; t-SNE at 20,000 points; stage 0 per record): built in, measured on a \
        2-vCPU Intel Xeon (see Reproduce.md, "What a plan costs"), or --unit-costs FILE with the \
        same keys measured on your own node. Training runs with a stopping rule are priced under \
        two assumptions: expected (from the patience; DIM at least half its ceiling) and ceiling \
        (every run at its ceiling, an upper bound). The wall time on N cores simulates the \
        runner's schedule (`repro cluster predict`'s model, p from --two-core-speedup). Without \
        the Matbench files, --profile paper is planned at the real files' sizes.
        """)
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Number of shards.") var shards = 4
    @Option(parsing: .upToNextOption, help: "Core counts to predict the wall time for (e.g. one 2-core machine, one 64-core node, 16 such nodes).")
    var cores: [Int] = [2, 64, 1024]
    @Option(help: "Unit costs measured on another machine (JSON with the keys of the built-in set; see Reproduce.md).")
    var unitCosts: String?
    @Flag(help: "Print the unit costs in use as JSON (a template for --unit-costs) and stop.")
    var showUnitCosts = false
    @Option(help: "Speed-up of one training step on 2 threads over 1 (`repro bench train`).")
    var twoCoreSpeedup = WallTimeModel.measuredTwoCoreSpeedup

    func validate() throws {
        guard shards >= 1 else { throw ValidationError("--shards \(shards): expected at least 1") }
        guard !cores.isEmpty, cores.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--cores: expected core counts ≥ 1") }
        guard twoCoreSpeedup >= 1, twoCoreSpeedup <= 2 else { throw ValidationError("--two-core-speedup \(twoCoreSpeedup): expected 1…2") }
    }

    func run() throws {
        let costs = try unitCosts.map { path -> UnitCosts in
            do { return try UnitCosts.load(URL(fileURLWithPath: path)) } catch { throw CLIFailure(String(describing: error)) }
        } ?? .reference
        if showUnitCosts {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(costs), as: UTF8.self))
            return
        }
        let profile = try resolveProfile()
        let plans = EpochAssumption.allCases.map { TrialPlan(profile: profile, costs: costs, epochs: $0) }
        let plan = plans[0]
        let p = WallTimeModel.parallelFraction(twoCoreSpeedup: twoCoreSpeedup)
        print("profile \(profile.name): \(plan.items.count) items in \(plan.stageCount) stages")
        print("unit costs: \(costs.machine)")
        print("one-core hours per stage (expected epochs / every run at its ceiling):")
        for s in 0..<plan.stageCount {
            let h = plans.map { pl in pl.items.filter { $0.stage == s }.reduce(0) { $0 + $1.estimatedCost } / 3600 }
            print(String(format: "  stage %d (%@): %d items, %@ / %@ core-hours", s, StageNames.name(s),
                         plan.items.filter { $0.stage == s }.count, Self.hours(h[0]), Self.hours(h[1])))
        }
        let totals = plans.map { $0.items.reduce(0) { $0 + $1.estimatedCost } / 3600 }
        print("  total: \(Self.hours(totals[0])) / \(Self.hours(totals[1])) core-hours")
        print(String(format: "predicted wall time (parallel fraction of a training step p = %.2f):", p))
        print("  cores   expected epochs   at the ceilings")
        for n in cores {
            let w = plans.map { pl in
                WallTimeModel.predict(items: pl.items, seconds: Dictionary(uniqueKeysWithValues: pl.items.map { ($0.id, $0.estimatedCost) }),
                                      cores: n, parallelFraction: p).wallSeconds
            }
            print(FigurePlanReport.rightAligned(String(n), 7) + FigurePlanReport.rightAligned(FigurePlanReport.duration(w[0]), 18) + FigurePlanReport.rightAligned(FigurePlanReport.duration(w[1]), 18))
        }
        let a = Sharding.assignment(plan, shards: shards)
        let loads = Sharding.loads(plan, shards: shards)
        print("shards (expected epochs; one-core hours):")
        for s in 0..<plan.stageCount {
            let items = plan.items.filter { $0.stage == s }
            print("stage \(s) (\(StageNames.name(s))): \(items.count) items")
            for i in 0..<shards {
                let n = items.filter { a[$0.id] == i }.count
                print(String(format: "  shard %d/%d: %5d items, %@ core-hours", i + 1, shards, n, Self.hours(loads[i][s] / 3600)))
            }
        }
    }

    /// The profile; `paper` and `paper-smoke` without their files are planned at the real files' sizes.
    private func resolveProfile() throws -> Profile {
        if profileOptions.matbenchEForm == nil && profileOptions.matbenchGap == nil {
            if profileOptions.profile == .paper {
                return .paper(eFormPath: "matbench_mp_e_form.json.gz", gapPath: "matbench_mp_gap.json.gz")
            }
        }
        return try profileOptions.resolve()
    }

    static func hours(_ h: Double) -> String {
        h >= 100 ? String(format: "%.0f", h) : h >= 1 ? String(format: "%.1f", h) : String(format: "%.2f", h)
    }
}
