import ArgumentParser
import Experiments
import Foundation
import Learning

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
        var profileArgs = "--profile \(profile.name) --backend \(profileOptions.backend.rawValue)"
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
