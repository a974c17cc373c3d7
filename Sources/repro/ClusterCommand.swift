import ArgumentParser
import Experiments
import Foundation

/// `repro cluster …`: the trial plan on a cluster scheduler.
struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Run the trial plan on a Slurm cluster.",
        subcommands: [ClusterSlurm.self, ClusterStatus.self, ClusterPlan.self])
}

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

/// `repro cluster status`: finished, failed and missing items of a store.
struct ClusterStatus: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: "List finished, failed and missing items of a result store.")
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Result store directory.") var store = ".repro-store"
    @Flag(help: "List every missing item, not just counts.") var verbose = false

    func run() throws {
        let runner = try RunSupport.runner(profile: try profileOptions.resolve(store: store), backendName: profileOptions.backend, store: store)
        let states = try runner.itemStates()
        var missingTotal = 0
        for s in 0..<runner.plan.stageCount {
            let st = states.filter { $0.item.stage == s }
            let done = st.filter { $0.state == .done }.count
            let failed = st.filter { if case .failed = $0.state { return true }; return false }
            let missing = st.filter { $0.state == .missing }
            let corrupt = st.filter { if case .corrupt = $0.state { return true }; return false }
            missingTotal += missing.count + corrupt.count
            print("stage \(s) (\(StageNames.name(s))): \(done) finished, \(failed.count) failed, \(missing.count) missing, \(corrupt.count) corrupt, of \(st.count)")
            for f in failed { if case let .failed(m) = f.state { print("  failed \(f.item.id): \(m)") } }
            for c in corrupt { if case let .corrupt(m) = c.state { print("  corrupt \(c.item.id): \(m)") } }
            if verbose { for m in missing { print("  missing \(m.item.id)") } }
        }
        print(missingTotal == 0 ? "complete" : "\(missingTotal) item(s) to run; re-run `repro cluster slurm … --submit` (or `repro run`) to complete the plan")
    }
}

/// `repro cluster slurm`: write (and submit) one job array per stage plus a report job.
struct ClusterSlurm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write (and with --submit, submit) the plan as Slurm job arrays.",
        discussion: """
        Writes a shell script that submits one `sbatch` job array per stage (task i runs \
        `repro run --stage s --shard i/m`), each array depending on the previous one \
        (`--dependency=afterany`), and a report job after the last. Only shards with items \
        missing from the store are submitted, so re-running the command after a failed or \
        pre-empted job submits just what is left. Each task runs --cpus-per-task items side by \
        side with one BLAS thread each.
        """)
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Result store on a filesystem shared by all nodes.") var store: String
    @Option(help: "Array tasks per stage (fewer when a stage has fewer items).") var shards: Int
    @Option(help: "Slurm partition.") var partition: String?
    @Option(help: "Wall-time limit per task, e.g. 12:00:00.") var time: String?
    @Option(help: "CPUs per task (= items run side by side).") var cpusPerTask = 2
    @Option(help: "Memory per task, e.g. 8G.") var mem: String?
    @Option(help: "Slurm account.") var account: String?
    @Option(help: "The repro binary the nodes run (default: this one).") var repro: String?
    @Option(help: "Directory for report.md/results.json.") var reports = "Reports"
    @Option(help: "Directory for the figures.") var figures = "Figures"
    @Option(help: "Where to write the script.") var output = "repro-slurm.sh"
    @Flag(help: "Run the script (needs sbatch on PATH).") var submit = false

    func run() throws {
        guard shards >= 1, cpusPerTask >= 1 else { throw CLIFailure("--shards and --cpus-per-task must be at least 1") }
        let profile = try profileOptions.resolve()
        let runner = try RunSupport.runner(profile: profile, backendName: profileOptions.backend, store: store)
        try runner.store.prepare()
        let states = try runner.itemStates()
        let absolute = { (p: String) in URL(fileURLWithPath: p).standardizedFileURL.path }
        let binary = absolute(repro ?? CommandLine.arguments[0])
        let storePath = absolute(store)
        var common = ["--cpus-per-task=\(cpusPerTask)"]
        if let partition { common.append("--partition=\(partition)") }
        if let time { common.append("--time=\(time)") }
        if let mem { common.append("--mem=\(mem)") }
        if let account { common.append("--account=\(account)") }
        var profileArgs = "--profile \(profile.name) --backend \(profileOptions.backend)"
        if let e = profileOptions.matbenchEForm, let g = profileOptions.matbenchGap { profileArgs += " --matbench-e-form \(q(absolute(e))) --matbench-gap \(q(absolute(g)))" }

        var lines = [
            "#!/bin/sh",
            "# Generated by `repro cluster slurm` for profile \(profile.name): one job array per stage, each",
            "# depending on the previous one (afterany: a failed task does not hold back the rest; its",
            "# items are recorded as failed or stay missing, and re-running the generator resubmits them),",
            "# then a report job. Edit the sbatch options below for your site.",
            "set -eu",
            "REPRO=\(q(binary))",
            "STORE=\(q(storePath))",
            "SBATCH_OPTS=\(q(common.joined(separator: " ")))",
            "export OPENBLAS_NUM_THREADS=1",
            "mkdir -p \"$STORE/logs\"",
            "DEP=\"\"",
        ]
        var submitted = 0
        for s in 0..<runner.plan.stageCount {
            let stageItems = runner.plan.items.filter { $0.stage == s }
            let m = min(shards, stageItems.count)
            guard m > 0 else { continue }
            let missing = Set(states.filter { $0.item.stage == s && $0.state != .done }.map(\.item.id))
            var tasks: [Int] = []
            for i in 1...m {
                let ids = Sharding.items(of: runner.plan, shard: try ShardSpec(index: i, count: m), stages: [s]).map(\.id)
                if ids.contains(where: missing.contains) { tasks.append(i) }
            }
            lines.append("# stage \(s): \(StageNames.name(s)) — \(stageItems.count) items in \(m) shard(s), \(tasks.count) with work left")
            guard !tasks.isEmpty else { continue }
            submitted += tasks.count
            let cmd = "$REPRO run \(profileArgs) --store $STORE --stage \(s) --shard \\${SLURM_ARRAY_TASK_ID}/\(m) --jobs \(cpusPerTask) --quiet"
            lines.append("J=$(sbatch --parsable $SBATCH_OPTS $DEP --job-name=repro-s\(s) --array=\(tasks.map(String.init).joined(separator: ",")) --output=\"$STORE/logs/stage\(s)-%a.out\" --wrap=\"\(cmd)\")")
            lines.append("echo \"stage \(s): job array $J\"")
            lines.append("DEP=\"--dependency=afterany:$J\"")
        }
        lines.append("R=$(sbatch --parsable $SBATCH_OPTS $DEP --job-name=repro-report --output=\"$STORE/logs/report.out\" --wrap=\"$REPRO report \(profileArgs) --store $STORE --reports \(q(absolute(reports))) --figures \(q(absolute(figures)))\")")
        lines.append("echo \"report: job $R\"")
        try ResultStoreWriter.write(lines.joined(separator: "\n") + "\n", to: output)
        print("wrote \(output): \(submitted) array task(s) with work left, then the report job")
        if submit {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = [output]
            do { try p.run() } catch { throw CLIFailure("cannot run \(output): \(error)") }
            p.waitUntilExit()
            if p.terminationStatus != 0 { throw CLIFailure("\(output) exited with status \(p.terminationStatus) (is sbatch on PATH?)") }
        }
    }

    /// Single-quoted for sh.
    func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

enum ResultStoreWriter {
    static func write(_ text: String, to path: String) throws {
        do {
            try ResultStore.atomicWrite(Data(text.utf8), to: URL(fileURLWithPath: path))
            chmod(path, 0o755)
        } catch { throw CLIFailure("\(path): cannot write the script (\(error))") }
    }
}
