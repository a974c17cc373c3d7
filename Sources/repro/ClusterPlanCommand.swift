import ArgumentParser
import Experiments
import Foundation
import Learning

/// `repro cluster plan`: how the plan splits into shards.
struct ClusterPlan: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan", abstract: "Items and estimated cost per shard and stage.")
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Number of shards.") var shards = 4

    func run() throws {
        guard shards >= 1 else { throw CLIFailure("--shards \(shards): expected at least 1") }
        let plan = TrialPlan(profile: try profileOptions.resolve())
        let a = Sharding.assignment(plan, shards: shards)
        let loads = Sharding.loads(plan, shards: shards)
        print("profile \(plan.profile.name): \(plan.items.count) items in \(plan.stageCount) stages; cost in relative units")
        for s in 0..<plan.stageCount {
            let items = plan.items.filter { $0.stage == s }
            print("stage \(s) (\(StageNames.name(s))): \(items.count) items")
            for i in 0..<shards {
                let n = items.filter { a[$0.id] == i }.count
                print(String(format: "  shard %d/%d: %5d items, cost %.3g", i + 1, shards, n, loads[i][s]))
            }
        }
    }
}
