import ArgumentParser
import Experiments
import Foundation
import Learning
import SiteNet

/// `repro cluster status`: finished, failed and missing items of a store, and the cluster tasks
/// that wrote them.
struct ClusterStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "List finished, failed and missing items of a result store, and the cluster tasks that ran.",
        discussion: """
        Per stage: items finished, failed (the failure is stored and shown; `--retry-failed` \
        recomputes it), missing and corrupt (both recomputed by the next run). Then the last \
        attempt of every cluster task (`repro cluster task`): host, CPUs, jobs, BLAS threads and \
        outcome; an attempt that started but never ended was killed, pre-empted or is still running. \
        Then the saved training states of trainings in flight (continued by the next run) and \
        any state of a key no item of this plan has (its settings changed since, or another \
        profile's item: delete it when no other profile uses the store). \
        Exits 0 whether or not the plan is complete; the last line says which.
        """)
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Result store directory.") var store = ".repro-store"
    @Flag(help: "List every missing item and every task attempt, not just counts and last attempts.") var verbose = false

    func run() throws {
        let profile = try profileOptions.resolve(store: store)
        let runner = try RunSupport.runner(profile: profile, backendName: profileOptions.backend, store: store)
        let states = try runner.itemStates()
        var missingTotal = 0, failedTotal = 0
        print("profile \(profile.name), store \(store): \(runner.plan.items.count) plan items")
        for s in 0..<runner.plan.stageCount {
            let st = states.filter { $0.item.stage == s }
            let done = st.filter { $0.state == .done }.count
            let failed = st.filter { if case .failed = $0.state { return true }; return false }
            let missing = st.filter { $0.state == .missing }
            let corrupt = st.filter { if case .corrupt = $0.state { return true }; return false }
            missingTotal += missing.count + corrupt.count
            failedTotal += failed.count
            print("stage \(s) (\(StageNames.name(s))): \(done) finished, \(failed.count) failed, \(missing.count) missing, \(corrupt.count) corrupt, of \(st.count)")
            for f in failed { if case let .failed(m) = f.state { print("  failed \(f.item.id): \(m)") } }
            for c in corrupt { if case let .corrupt(m) = c.state { print("  corrupt \(c.item.id): \(m)") } }
            if verbose { for m in missing { print("  missing \(m.item.id)") } }
        }
        let (records, unreadable) = ClusterTaskRecord.all(in: runner.store, profile: profile.name)
        if !records.isEmpty {
            // The last attempt of each (stage, shard i/m), unless --verbose.
            var shown = records
            if !verbose {
                var last: [String: ClusterTaskRecord] = [:]
                for r in records { last["\(r.stage) \(r.shard)/\(r.shards)"] = r }
                shown = records.filter { r in last["\(r.stage) \(r.shard)/\(r.shards)"] == r }
            }
            print("cluster tasks (\(verbose ? "every attempt" : "last attempt per shard"); \(records.count) attempt(s) recorded):")
            for r in shown {
                let cpus = r.cpusPerTask.map { "\($0) CPU(s)" } ?? "no Slurm CPU allocation"
                var line = "  stage \(r.stage) shard \(r.shard)/\(r.shards): job \(r.arrayTask ?? r.jobID) on \(r.host), \(cpus), \(r.jobs) job(s) × \(r.blasThreadsPerJob) BLAS thread (\(r.blasCore)); "
                switch r.outcome {
                case "started": line += "started \(r.started), never ended (killed, pre-empted or still running)"
                case "error": line += "error: \(r.message ?? "?")"
                default: line += "\(r.outcome) \(r.ended ?? "?"): \(r.computed ?? 0) computed, \(r.reused ?? 0) reused, \(r.failed ?? 0) failed, \(r.blocked ?? 0) blocked"
                }
                print(line)
            }
        }
        for u in unreadable { print("  unreadable task record \(u)") }
        printSavedTrainingStates(runner)
        if missingTotal == 0 {
            print(failedTotal == 0 ? "complete" : "complete except \(failedTotal) failed item(s) (recompute with --retry-failed)")
        } else {
            print("\(missingTotal) item(s) to run; re-run `repro cluster slurm … --submit` (or `repro run`) to complete the plan")
        }
    }
}

extension ClusterStatus {
    /// The saved training states: this plan's, with the epoch each was saved after, then the others.
    func printSavedTrainingStates(_ runner: Runner) {
        guard let (ofPlan, others) = try? runner.savedTrainingStates(), !(ofPlan.isEmpty && others.isEmpty) else { return }
        print("saved training states (\(runner.store.root.appendingPathComponent("partial").path)):")
        for (item, url) in ofPlan {
            let size = ((try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil).map { String(format: "%.1f MB", Double($0) / 1e6) } ?? "?"
            do { print("  \(item.id): saved after epoch \(try SavedTrainingState.epoch(at: url)) (\(size)); the next run continues it") }
            catch { print("  \(item.id): unreadable: \(error)") }
        }
        for key in others {
            print("  \(key).state: no item of this plan has this key (settings changed since, or another profile's item)")
        }
    }
}
