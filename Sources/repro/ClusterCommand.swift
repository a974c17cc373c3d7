import ArgumentParser
import Experiments
import Foundation
import Learning

/// `repro cluster …`: the trial plan on a cluster scheduler.
struct Cluster: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster",
        abstract: "Run the trial plan on a Slurm cluster.",
        subcommands: [ClusterSlurm.self, ClusterStatus.self, ClusterPlan.self, ClusterPredict.self, ClusterTask.self])
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
        if missingTotal == 0 {
            print(failedTotal == 0 ? "complete" : "complete except \(failedTotal) failed item(s) (recompute with --retry-failed)")
        } else {
            print("\(missingTotal) item(s) to run; re-run `repro cluster slurm … --submit` (or `repro run`) to complete the plan")
        }
    }
}

/// `repro cluster slurm`: write (and submit) one job array per stage plus a report job.
struct ClusterSlurm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm",
        abstract: "Write (and with --submit, submit) the plan as Slurm job arrays.",
        discussion: """
        Writes a readable shell script that submits one `sbatch` job array per stage (task i runs \
        `repro cluster task --stage s --shard i/m`, i.e. `repro run` on the i-th of m slices \
        balanced by estimated cost), each array depending on the previous one \
        (`--dependency=afterany`), and a report job after the last. Only shards with items \
        missing from the store are submitted, so re-running the command after a failed or \
        pre-empted job submits just what is left (wait until the earlier jobs have left the queue). \
        Each task runs $SLURM_CPUS_PER_TASK items side by side with one BLAS thread each and \
        records it in the store. The store must be on a filesystem every node sees.
        """)
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Result store on a filesystem shared by all nodes.") var store: String
    @Option(help: "Array tasks per stage (fewer when a stage has fewer items).") var shards: Int
    @Option(help: "Slurm partition.") var partition: String?
    @Option(help: "Wall-time limit per task, e.g. 12:00:00.") var time: String?
    @Option(help: "CPUs per task (= items run side by side, one BLAS thread each).") var cpusPerTask = 2
    @Option(help: "Memory per task, e.g. 8G.") var mem: String?
    @Option(help: "Slurm account.") var account: String?
    @Option(parsing: .singleValue, help: "Any other sbatch option for every job (repeatable), e.g. --sbatch-option=--qos=long.") var sbatchOption: [String] = []
    @Option(help: "The repro binary the nodes run (default: this one).") var repro: String?
    @Option(help: "Directory for report.md/results.json.") var reports = "Reports"
    @Option(help: "Directory for the figures.") var figures = "Figures"
    @Option(help: "Where to write the script.") var output = "repro-slurm.sh"
    @Flag(help: "Also resubmit items whose stored result is a failure (tasks run with --retry-failed).") var retryFailed = false
    @Flag(help: "Run the script (needs sbatch on PATH).") var submit = false

    func run() throws {
        guard shards >= 1, cpusPerTask >= 1 else { throw CLIFailure("--shards and --cpus-per-task must be at least 1") }
        let profile = try profileOptions.resolve()
        let runner = try RunSupport.runner(profile: profile, backendName: profileOptions.backend, store: store)
        do { try runner.store.prepare() } catch { throw CLIFailure("\(store): cannot create the result store (\(error))") }
        let states = Dictionary(uniqueKeysWithValues: try runner.itemStates().map { ($0.item.id, $0.state) })
        let absolute = { (p: String) in URL(fileURLWithPath: p).standardizedFileURL.path }
        let binary = absolute(repro ?? ClusterSupport.executablePath())
        var options = ["--cpus-per-task=\(cpusPerTask)"]
        if let partition { options.append("--partition=\(partition)") }
        if let time { options.append("--time=\(time)") }
        if let mem { options.append("--mem=\(mem)") }
        if let account { options.append("--account=\(account)") }
        options += sbatchOption
        let q = SlurmScript.quote
        var profileArgs = "--profile \(profile.name) --backend \(profileOptions.backend)"
        if let e = profileOptions.matbenchEForm { profileArgs += " --matbench-e-form \(q(absolute(e)))" }
        if let g = profileOptions.matbenchGap { profileArgs += " --matbench-gap \(q(absolute(g)))" }
        let script = SlurmScript(plan: runner.plan, states: states, shards: shards, retryFailed: retryFailed, repro: binary,
                                 store: absolute(store), profileArguments: profileArgs, sbatchOptions: options,
                                 reports: absolute(reports), figures: absolute(figures))
        do {
            try ResultStore.atomicWrite(Data(script.text.utf8), to: URL(fileURLWithPath: output))
            chmod(output, 0o755)
        } catch { throw CLIFailure("\(output): cannot write the script (\(error))") }
        let left = script.stages.filter { !$0.tasks.isEmpty }.map { "stage \($0.stage): \($0.tasks.count)" }
        print("wrote \(output): \(script.taskCount) array task(s) with work left\(left.isEmpty ? "" : " (" + left.joined(separator: ", ") + ")"), then the report job")
        if submit {
            fflush(stdout)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = [output]
            do { try p.run() } catch { throw CLIFailure("cannot run \(output): \(error)") }
            p.waitUntilExit()
            if p.terminationStatus != 0 { throw CLIFailure("\(output) exited with status \(p.terminationStatus) (is sbatch on PATH, and the options valid for your site?)") }
        }
    }
}

/// `repro cluster task`: one array task of the Slurm script.
struct ClusterTask: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task",
        abstract: "Run one cluster array task: `repro run --stage s --shard i/m`, recorded in the store.",
        discussion: """
        What the script of `repro cluster slurm` runs in each array task. The same as \
        `repro run --stage s --shard i/m --inputs require --quiet`, with --jobs taken from \
        $SLURM_CPUS_PER_TASK (items side by side, one OpenBLAS thread each, so the results do not \
        depend on the allocation), and a record of the attempt (job id, host, CPUs, jobs, BLAS \
        threads and core, start, end, counts) written to STORE/cluster/tasks/<profile>/ when it \
        starts and when it ends. SIGTERM (scancel, pre-emption, time limit) is handled like \
        Ctrl-C: items in flight finish, the rest stay missing. Exits non-zero if an item failed \
        or was blocked, so Slurm shows the task as failed.
        """)
    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Result store directory.") var store: String
    @Option(help: "The stage to run (0–3).") var stage: Int
    @Option(help: "The slice i/m of the stage.") var shard: String
    @Option(help: "Items side by side (default: $SLURM_CPUS_PER_TASK, else the CPUs of this machine).") var jobs: Int?
    @Flag(help: "Recompute items whose stored result is a failure.") var retryFailed = false

    func run() throws {
        let profile = try profileOptions.resolve()
        let spec: ShardSpec
        do { spec = try ShardSpec(parsing: shard) } catch { throw CLIFailure(String(describing: error)) }
        let env = ProcessInfo.processInfo.environment
        let cpus = env["SLURM_CPUS_PER_TASK"].flatMap { Int($0) }
        let n = jobs ?? cpus ?? ProcessInfo.processInfo.activeProcessorCount
        let arrayTask = env["SLURM_ARRAY_JOB_ID"].flatMap { a in env["SLURM_ARRAY_TASK_ID"].map { "\(a)_\($0)" } }
        var record = ClusterTaskRecord(
            profile: profile.name, stage: stage, shard: spec.index, shards: spec.count,
            jobID: env["SLURM_JOB_ID"] ?? "local-\(getpid())", arrayTask: arrayTask, host: ClusterSupport.hostName(),
            cpusPerTask: cpus, jobs: n, blasThreadsPerJob: BLAS.setThreads(1), blasCore: BLAS.kernelDescription)
        let resultStore = ResultStore(root: URL(fileURLWithPath: store))
        do { try resultStore.prepare(); try record.write(to: resultStore) }
        catch { throw CLIFailure("\(store): cannot write the task record (\(error))") }
        FileHandle.standardError.write(Data("task \(record.arrayTask ?? record.jobID) on \(record.host): profile \(profile.name), stage \(stage), shard \(spec), \(cpus.map { "\($0) CPU(s) allocated, " } ?? "")\(n) job(s) × \(record.blasThreadsPerJob) OpenBLAS thread (\(record.blasCore))\n".utf8))

        // scancel / pre-emption / time limit send SIGTERM: stop taking new items (as SIGINT does).
        let term = ClusterSupport.forwardSIGTERMAsSIGINT()
        defer { term.cancel() }
        let summary: RunSummary
        do {
            summary = try RunSupport.execute(profile: profile, backendName: profileOptions.backend, store: store, jobs: n,
                                             shard: spec.description, stage: String(stage), inputs: "require",
                                             retryFailed: retryFailed, quiet: true)
        } catch {
            record.outcome = "error"; record.message = String(describing: error)
            record.ended = ClusterTaskRecord.timestamp(Date())
            try? record.write(to: resultStore)
            throw error
        }
        record.ended = ClusterTaskRecord.timestamp(Date())
        record.outcome = summary.cancelled ? "cancelled" : "finished"
        record.computed = summary.computed; record.reused = summary.reused
        record.failed = summary.failed.count; record.blocked = summary.blocked.count
        try? record.write(to: resultStore)
        for f in summary.failed { print("failed \(f.item): \(f.message)") }
        for b in summary.blocked { print("blocked \(b.item): \(b.message)") }
        print("task \(record.arrayTask ?? record.jobID): \(summary.computed) computed, \(summary.reused) reused, \(summary.failed.count) failed, \(summary.blocked.count) blocked\(summary.cancelled ? ", cancelled (the rest stays missing)" : "")")
        if summary.cancelled { throw ExitCode(143) }
        if !summary.failed.isEmpty || !summary.blocked.isEmpty { throw ExitCode(1) }
    }
}

/// Small helpers of the cluster commands.
enum ClusterSupport {
    /// Absolute path of the running executable (`/proc/self/exe`, else argv[0]).
    static func executablePath() -> String {
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        return CommandLine.arguments[0]
    }

    /// Short host name.
    static func hostName() -> String {
        var buf = [CChar](repeating: 0, count: 256)
        guard gethostname(&buf, buf.count) == 0 else { return "unknown" }
        return String(cString: buf)
    }

    /// Turns SIGTERM into SIGINT for this process, so the runner's Ctrl-C handling (finish the
    /// items in flight, leave the rest missing) also applies to scancel and pre-emption.
    static func forwardSIGTERMAsSIGINT() -> DispatchSourceSignal {
        signal(SIGTERM, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
        source.setEventHandler { kill(getpid(), SIGINT) }
        source.resume()
        return source
    }
}
