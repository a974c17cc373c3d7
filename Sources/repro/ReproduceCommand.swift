import ArgumentParser
import Experiments
import Foundation

/// `repro reproduce`: run the whole plan of a profile, then write the report and figures.
struct Reproduce: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Regenerate every figure, table and claim verdict of the paper.",
        discussion: """
        Equivalent to `repro run` (all stages) followed by `repro report`. Resumable: results \
        already in the store are reused. `--profile smoke` runs the whole pipeline in minutes; \
        `default` (the embedded dataset) is the committed report; `paper` needs the Matbench files.

        Failures: a failed item is recorded and the run keeps going (--keep-going, the default); \
        the report is still written and lists what is missing. With --no-keep-going no new item \
        starts after the first failure and no report is written. Exit status: 0 when every item is \
        done, 3 when any item failed or was blocked, 1 for other errors, 64 for invalid arguments.

        One figure (a notebook cell): `--figure fig8` (or `fig8,fig12`, or `--claim C7`) computes \
        exactly the work items those figures need and their inputs, reusing the store, redraws \
        those figures and rewrites their report cells; the other cells stay as they were and \
        each cell says which run wrote it. `--dry-run` lists the items and an estimated cost.
        """)

    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Items computed side by side (threads, one BLAS thread each).") var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Result store directory.") var store = ".repro-store"
    @Option(help: "Directory for report.md, report.html, results.json.") var reports = "Reports"
    @Option(help: "Directory for the figures.") var figures = "Figures"
    @Flag(help: "Recompute items whose stored result is a failure.") var retryFailed = false
    @Flag(help: "Only failures and the summary.") var quiet = false
    @Flag(inversion: .prefixedNo, help: "After a failed item, go on with every item that does not need its result (default); --no-keep-going starts no new item after the first failure. Exit status 3 either way.")
    var keepGoing = true
    @OptionGroup var figureOptions: FigureOptions
    @Flag(help: "With --figure/--claim: list the work items it would compute and reuse, with an estimated cost; compute nothing.")
    var dryRun = false
    @OptionGroup var stateOptions: TrainingStateOptions

    func run() throws {
        let selection = try figureOptions.resolve()
        if dryRun && selection == nil { throw CLIFailure("--dry-run needs --figure or --claim (for the whole plan: repro run --dry-run)") }
        let profile = try profileOptions.resolve()
        let started = Date()
        if let selection {
            let runner = try RunSupport.runner(profile: profile, backendName: profileOptions.backend, store: store)
            do { try FigurePlanReport.show(runner: runner, selection: selection, listItems: dryRun) }
            catch let e as CLIFailure { throw e } catch { throw CLIFailure(describeRunError(error)) }
            if dryRun { return }
        }
        let summary = try RunSupport.execute(profile: profile, backendName: profileOptions.backend, store: store, jobs: jobs,
                                             shard: nil, stages: nil, inputs: nil, retryFailed: retryFailed, quiet: quiet,
                                             keepGoing: keepGoing, figures: selection, stateInterval: stateOptions.saveStateEvery)
        let failures = summary.failed.count + summary.blocked.count
        if summary.cancelled {
            if failures > 0 && !keepGoing {
                FileHandle.standardError.write(Data("stopped after a failure (--no-keep-going): \(summary.failed.count) failed, \(summary.blocked.count) blocked; no report written\n".utf8))
                throw ExitCode(ExitStatus.itemsFailed)
            }
            throw CLIFailure("interrupted before the plan finished; run the same command again to resume")
        }
        let runner = try RunSupport.runner(profile: profile, backendName: profileOptions.backend, store: store)
        try ReportSupport.write(runner: runner, jobs: jobs, reports: reports, figures: figures, selection: selection,
                                invocation: profileOptions.invocation(store: store, reports: reports, figures: figures),
                                started: started)
        if failures > 0 {
            FileHandle.standardError.write(Data("\(summary.failed.count) failed, \(summary.blocked.count) blocked item(s): the report lists them as missing; `repro cluster status --store \(store)` lists them\n".utf8))
            throw ExitCode(ExitStatus.itemsFailed)
        }
    }
}
