import ArgumentParser
import Experiments
import Foundation
import Reporting

/// `repro report`: build the results document, figures and report from a result store.
struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Build the report from a result store.",
        discussion: """
        Reads whatever the store holds for the profile's plan (from any number of shards), writes \
        results.json (deterministic: no timings), timings.json, missing.txt and the report into \
        --reports and the figures into --figures, and lists what is missing or failed.

        With --reanalyse, no store is read: the results.json in --reports is re-analysed with \
        this version's statistics and claim rules, and it, the report and the figures are \
        rewritten (the trials, stage times and each cell's provenance are kept). Use it after a \
        change of the analysis or the report when the store that computed the trials is gone, \
        e.g. for a committed report.
        """)

    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Result store directory.") var store = ".repro-store"
    @Option(help: "Directory for report.md, report.html, results.json.") var reports = "Reports"
    @Option(help: "Directory for the figures.") var figures = "Figures"
    @OptionGroup var figureOptions: FigureOptions
    @Flag(help: "Re-analyse --reports/results.json with this version and rewrite it, the report and the figures, without a store.")
    var reanalyse = false

    func run() throws {
        let selection = try figureOptions.resolve()
        if reanalyse {
            guard selection == nil else { throw CLIFailure("--reanalyse rewrites the whole report: drop --figure/--claim") }
            let backendVersion = profileOptions.backend == .fake ? FakeBackend().codeVersion : RealBackend.version
            let analysis: ResultsAnalysis
            do {
                analysis = try ReportOutput.reanalyse(
                    reports: URL(fileURLWithPath: reports), figures: URL(fileURLWithPath: figures),
                    codeVersion: "\(FrameworkVersion.current) + backend \(backendVersion)")
            } catch { throw CLIFailure("--reanalyse: \(error)") }   // the error names the file
            let counts = Dictionary(grouping: analysis.claims, by: \.verdict.rawValue).mapValues(\.count)
            print("re-analysed \(reports)/results.json: \(counts.keys.sorted().map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")); rewrote it, the report in \(reports)/ and the figures in \(figures)/")
            return
        }
        guard FileManager.default.fileExists(atPath: store) else { throw CLIFailure("\(store): no such result store") }
        let profile = try profileOptions.resolve(store: store)
        let runner = try RunSupport.runner(profile: profile, backendName: profileOptions.backend, store: store)
        try ReportSupport.write(runner: runner, jobs: 0, reports: reports, figures: figures, selection: selection,
                                invocation: profileOptions.invocation(store: store, reports: reports, figures: figures))
    }
}

enum ReportSupport {
    static func write(runner: Runner, jobs: Int, reports: String, figures: String, selection: FigureSelection? = nil,
                      invocation: ReportInvocation? = nil, started: Date = Date()) throws {
        if selection != nil && !FileManager.default.fileExists(atPath: URL(fileURLWithPath: reports).appendingPathComponent("cells.json").path) {
            print("note: \(reports)/cells.json does not exist (no report yet, or one from before report cells): every cell is written from this store, the unselected ones with what it holds")
        }
        let written: ReportOutput.Written
        do {
            written = try ReportOutput.write(runner: runner, context: RunContext.current(jobs: jobs),
                                             reports: URL(fileURLWithPath: reports), figures: URL(fileURLWithPath: figures),
                                             selection: selection, invocation: invocation, started: started)
        } catch { throw CLIFailure("writing the report: \(error)") }
        if let selection {
            let ids = written.figures.map(\.id)
            print("redrew \(ids.isEmpty ? "no figure (no data for \(selection.figures.joined(separator: ", ")))" : ids.joined(separator: ", ")) into \(figures)/ and rewrote the report cell(s) \(selection.figures.joined(separator: ", ")) of \(reports)/report.md, report.html, report.ipynb; other cells kept as they were")
            return
        }
        let r = written.results
        let total = runner.plan.items.count
        print("report: \(total - r.missing.count - r.failed.count) of \(total) plan items have results; \(r.missing.count) missing, \(r.failed.count) failed")
        print("wrote \(reports)/results.json, \(reports)/timings.json, \(reports)/missing.txt, the report into \(reports)/ and \(written.figures.count) figure(s) into \(figures)/")
        for f in r.failed.prefix(20) { print("  failed \(f.item): \(f.message)") }
        if r.failed.count > 20 { print("  … \(r.failed.count - 20) more in \(reports)/missing.txt") }
        let byPrefix = Dictionary(grouping: r.missing) { String($0.split(separator: "/").first ?? "") }
        for k in byPrefix.keys.sorted() { print("  missing \(byPrefix[k]!.count) \(k) item(s), e.g. \(byPrefix[k]![0])") }
    }
}
