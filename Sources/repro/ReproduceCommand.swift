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
        """)

    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Items computed side by side (threads, one BLAS thread each).") var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Result store directory.") var store = ".repro-store"
    @Option(help: "Directory for report.md, report.html, results.json.") var reports = "Reports"
    @Option(help: "Directory for the figures.") var figures = "Figures"
    @Flag(help: "Recompute items whose stored result is a failure.") var retryFailed = false
    @Flag(help: "Only failures and the summary.") var quiet = false

    func run() throws {
        let profile = try profileOptions.resolve()
        let summary = try RunSupport.execute(profile: profile, backendName: profileOptions.backend, store: store, jobs: jobs,
                                             shard: nil, stage: nil, inputs: nil, retryFailed: retryFailed, quiet: quiet)
        if summary.cancelled { throw CLIFailure("interrupted before the plan finished; run the same command again to resume") }
        let runner = try RunSupport.runner(profile: profile, backendName: profileOptions.backend, store: store)
        try ReportSupport.write(runner: runner, jobs: jobs, reports: reports, figures: figures)
    }
}
