import ArgumentParser
import Experiments
import Foundation
import Learning

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
    @Option(help: "The slice i/m of the stage.", transform: PlanSliceArguments.shard) var shard: ShardSpec
    @Option(help: "Items side by side (default: $SLURM_CPUS_PER_TASK, else the CPUs of this machine).") var jobs: Int?
    @Flag(help: "Recompute items whose stored result is a failure.") var retryFailed = false

    func validate() throws {
        guard (0...PlanSliceArguments.maxStage).contains(stage) else {
            throw ValidationError("--stage \(stage): expected a stage number 0–\(PlanSliceArguments.maxStage)")
        }
    }

    func run() throws {
        let profile = try profileOptions.resolve()
        let spec = shard
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
                                             shard: spec, stages: [stage], inputs: .require,
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
