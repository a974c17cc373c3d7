import Crystals
import Foundation
import Reporting

/// Writes the report of a store: `results.json` (deterministic: no timings), `models/*.ckpt` (the
/// trained DIM encoders), `timings.json`
/// (machine-dependent stage times), `missing.txt` (what the store lacks), the figures
/// (``Reporting/PaperFigures``) and the report (``Reporting/ReportWriter``, which receives the
/// document *with* timings so it can say what each stage cost).
public enum ReportOutput {
    /// What `write` produced.
    public struct Written: Sendable {
        /// The timing-free document (as written to results.json), what is missing, what failed.
        public var results: AssembledResults
        /// The figures PaperFigures rendered.
        public var figures: [FigureOutput]
    }

    /// Assembles the document from `runner`'s store and writes every output file (see the type).
    ///
    /// With a `selection` (`--figure`, `--claim`) only those figures are redrawn and only their
    /// report cells replaced; the other cells of an existing report keep the text of the run that
    /// wrote them, and the whole-run files (`results.json`, `timings.json`, `missing.txt`, the
    /// encoders) are left as they are. `invocation` names the paths in each cell's regenerating
    /// command (nil: the directories' paths).
    public static func write(runner: Runner, context: RunContext, reports: URL, figures: URL,
                             selection: FigureSelection? = nil, invocation: ReportInvocation? = nil,
                             started: Date = Date()) throws -> Written {
        let fm = FileManager.default
        try fm.createDirectory(at: reports, withIntermediateDirectories: true)
        try fm.createDirectory(at: figures, withIntermediateDirectories: true)
        let timed = try ResultsAssembler.assemble(runner: runner, context: context, includeTimings: true)
        var deterministic = timed
        deterministic.document.provenance.stageSeconds = []
        deterministic.document.provenance.jobs = 0

        let only = selection.map { Set($0.figures) }
        let figs = try PaperFigures.render(timed.document, to: figures, only: only)
        // One analysis, of the timing-free document (statistics never depend on timings).
        let analysis = ResultsAnalyzer.analyze(deterministic.document)
        let cellIDs = ReportCell.sectionIDs
        let provenance = try CellProvenanceBuilder.build(
            runner: runner, context: context,
            invocation: invocation ?? ReportInvocation(store: runner.store.root.path, reports: reports.path, figures: figures.path),
            cellIDs: cellIDs, started: started)
        let current = CurrentCode(codeVersion: "\(FrameworkVersion.current) + backend \(runner.backend.codeVersion)",
                                  profile: runner.plan.profile.name)
        try ReportWriter.write(timed.document, analysis: analysis, figures: figs, figuresDirectory: figures, to: reports,
                               cells: CellOptions(provenance: provenance, only: only, current: current,
                                                  writeResults: selection == nil))
        if selection != nil { return Written(results: deterministic, figures: figs) }
        // Written after the report writer: results.json is the timing-free document plus its
        // analysis, which `repro check` and the determinism tests compare byte for byte.
        let results = ReportResults(document: deterministic.document, analysis: analysis)
        try ResultStore.atomicWrite(try results.jsonData(), to: reports.appendingPathComponent("results.json"))
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try ResultStore.atomicWrite(try enc.encode(timed.document.provenance), to: reports.appendingPathComponent("timings.json"))
        // The trained encoders, as checkpoints a user can embed their own structures with
        // (`repro embed --model Reports/models/dim-synthetic.ckpt FILES…`).
        if !timed.encoders.isEmpty {
            let models = reports.appendingPathComponent("models")
            try fm.createDirectory(at: models, withIntermediateDirectories: true)
            for (stem, weights) in timed.encoders.sorted(by: { $0.key < $1.key }) {
                try ResultStore.atomicWrite(weights, to: models.appendingPathComponent(stem + ".ckpt"))
            }
        }
        var lines = ["# Plan items without a result in the store (\(deterministic.missing.count)) and failures (\(deterministic.failed.count))"]
        lines += deterministic.missing.map { "missing \($0)" }
        lines += deterministic.failed.map { "failed \($0.item): \($0.message)" }
        try ResultStore.atomicWrite(Data((lines.joined(separator: "\n") + "\n").utf8), to: reports.appendingPathComponent("missing.txt"))
        return Written(results: deterministic, figures: figs)
    }

    /// Re-analyses the `results.json` in `reports` with today's analysis and rewrites it, the
    /// report and the figures, without a store: for a change of the analysis or the rendering,
    /// when the store that computed the trials is gone (a committed report, another machine's
    /// run). The trials, the stage times (`timings.json`) and every cell's provenance (which run
    /// computed it, its regenerating command) are kept; `codeVersion` is the code checked out now,
    /// so cells computed by other code are marked stale. Returns the analysis.
    public static func reanalyse(reports: URL, figures: URL, codeVersion: String) throws -> ResultsAnalysis {
        let resultsURL = reports.appendingPathComponent("results.json")
        let data: Data
        do { data = try Data(contentsOf: resultsURL) }
        catch { throw ExperimentError.store("\(resultsURL.path): cannot read the results to re-analyse (\(plainIOErrorText(error)))") }
        let results = try ReportResults.decode(data, source: resultsURL.path)
        var timed = results.document
        let timingsURL = reports.appendingPathComponent("timings.json")
        if let t = try? Data(contentsOf: timingsURL) {
            do { timed.provenance = try JSONDecoder().decode(Provenance.self, from: t) }
            catch { throw ExperimentError.store("\(timingsURL.path): not the stage times of a report (\(error))") }
        }
        guard let manifest = CellManifest.load(from: reports) else {
            throw ExperimentError.store("\(reports.appendingPathComponent("cells.json").path): missing or unreadable, so the cells' provenance cannot be kept; rebuild the report from its store with `repro report --store …`")
        }
        var provenance: [String: CellProvenance] = [:]
        for cell in manifest.cells { if let p = cell.provenance { provenance[cell.id] = p } }
        try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true)
        let figs = try PaperFigures.render(timed, to: figures)
        let analysis = ResultsAnalyzer.analyze(results.document, settings: results.analysis.settings)
        try ReportWriter.write(timed, analysis: analysis, figures: figs, figuresDirectory: figures, to: reports,
                               cells: CellOptions(provenance: provenance,
                                                  current: CurrentCode(codeVersion: codeVersion, profile: results.document.profile.name)))
        try ResultStore.atomicWrite(try ReportResults(document: results.document, analysis: analysis).jsonData(), to: resultsURL)
        return analysis
    }
}
