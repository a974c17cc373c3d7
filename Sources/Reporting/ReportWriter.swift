import FileOutput
import Foundation

/// Writes `report.md`, `report.html` (self-contained), `report.ipynb` (nbformat 4), `cells.json`
/// (the sections as cells, see ``ReportCell``) and `results.json` (every number the report shows)
/// into a reports directory.
public enum ReportWriter {
    /// Analyses `document` (statistics, claim verdicts) and writes the report files.
    /// `figures` are files already rendered into `figuresDirectory`.
    ///
    /// - `report.md` links figures by their path relative to `reportsDirectory`;
    /// - `report.html` embeds each figure's PNG as a base64 data URI (one file, no network);
    /// - `results.json` is a ``ReportResults`` (the document and its ``ResultsAnalysis``).
    /// Files are written atomically (temporary file, then rename).
    public static func write(_ document: ResultsDocument, figures: [FigureOutput], figuresDirectory: URL,
                             to reportsDirectory: URL) throws {
        try write(document, analysis: ResultsAnalyzer.analyze(document), figures: figures,
                  figuresDirectory: figuresDirectory, to: reportsDirectory)
    }

    /// As ``write(_:figures:figuresDirectory:to:)`` with an analysis already computed. `cells`
    /// says where each cell came from and which cells to replace (see ``CellOptions``).
    public static func write(_ document: ResultsDocument, analysis: ResultsAnalysis, figures: [FigureOutput],
                             figuresDirectory: URL, to reportsDirectory: URL, cells options: CellOptions = CellOptions()) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: reportsDirectory, withIntermediateDirectories: true)
        } catch {
            throw ReportError("\(reportsDirectory.path): cannot create the reports directory (\(error.localizedDescription))")
        }
        var fresh = cells(document, analysis: analysis, figures: figures)
        for i in fresh.indices { fresh[i].provenance = options.provenance[fresh[i].id] }
        let manifest: CellManifest
        if let only = options.only, let old = CellManifest.load(from: reportsDirectory) {
            manifest = old.merging(fresh, replacing: only)
        } else {
            manifest = CellManifest(cells: fresh)
        }
        let current = options.current ?? CurrentCode(codeVersion: document.provenance.toolVersion, profile: document.profile.name)
        let assembly = ReportAssembly(cells: manifest.cells, current: current, figuresDirectory: figuresDirectory,
                                      reportsDirectory: reportsDirectory)
        try atomicWrite(Data(assembly.markdown().utf8), reportsDirectory.appendingPathComponent("report.md"))
        try atomicWrite(Data(assembly.html().utf8), reportsDirectory.appendingPathComponent("report.html"))
        try atomicWrite(try assembly.notebook(), reportsDirectory.appendingPathComponent("report.ipynb"))
        try atomicWrite(try manifest.jsonData(), reportsDirectory.appendingPathComponent("cells.json"))
        if options.writeResults {
            let json = try ReportResults(document: document, analysis: analysis).jsonData()
            try atomicWrite(json, reportsDirectory.appendingPathComponent("results.json"))
        }
    }

    /// The report's sections as cells (no provenance), in order.
    static func cells(_ document: ResultsDocument, analysis: ResultsAnalysis, figures: [FigureOutput]) -> [ReportCell] {
        /// The section a figure belongs to: its id up to the first `-` (`fig8-e_form` → `fig8`).
        func section(_ f: FigureOutput) -> String { String(f.id.split(separator: "-").first ?? Substring(f.id)) }
        func local(_ f: FigureOutput) -> Int { figures.filter { section($0) == section(f) }.firstIndex(of: f) ?? 0 }
        let md = MarkdownReport(document: document, analysis: analysis, figures: figures,
                                figureBlock: { _, f in ReportCell.placeholder(local(f)) }, mode: .commonMark).sections()
        let ink = MarkdownReport(document: document, analysis: analysis, figures: figures,
                                 figureBlock: { _, f in ReportCell.placeholder(local(f)) }, mode: .ink).sections()
        return zip(md, ink).map { m, i in
            let title = m.markdown.split(separator: "\n").first.map { String($0.dropFirst(3)) } ?? m.id
            let html = m.id == "claims" ? ClaimsHTML.render(analysis: analysis, heading: i.markdown)
                                        : HTMLReport.markdownToHTML(i.markdown)
            return ReportCell(id: m.id, title: title, markdown: m.markdown, html: html,
                              figures: figures.filter { section($0) == m.id }, provenance: nil)
        }
    }

    /// The report's Markdown; `figureBlock` renders figure i.
    static func markdown(_ document: ResultsDocument, analysis: ResultsAnalysis, figures: [FigureOutput],
                         mode: MarkdownText.Mode, figureBlock: @escaping (Int, FigureOutput) -> String) -> String {
        MarkdownReport(document: document, analysis: analysis, figures: figures, figureBlock: figureBlock, mode: mode).render()
    }

    static func atomicWrite(_ data: Data, _ url: URL) throws {
        do { try AtomicFile.write(data, to: url) } catch let f as AtomicFile.Failure {
            throw ReportError("\(url.path): cannot write (\(f.reason))")
        }
    }

    /// Path of `target` relative to `base` (both directories), e.g. `../Figures`.
    static func relativePath(from base: URL, to target: URL) -> String {
        let b = base.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let t = target.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var i = 0
        while i < b.count && i < t.count && b[i] == t[i] { i += 1 }
        return (Array(repeating: "..", count: b.count - i) + t[i...]).joined(separator: "/")
    }

    /// Percent-encodes characters that would break a Markdown link target.
    static func percentEncode(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "()[]<> ")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}

/// Where the cells of a report come from and which to replace.
public struct CellOptions: Sendable {
    /// Provenance by cell id (cells without an entry show none).
    public var provenance: [String: CellProvenance]
    /// Cell ids to replace in an existing `cells.json`; nil = write every cell afresh. Cells not
    /// in the set keep the text (and provenance) of the run that wrote them.
    public var only: Set<String>?
    /// The code and profile checked out now (cells computed by another are marked stale); nil =
    /// the document's.
    public var current: CurrentCode?
    /// Whether to (re)write `results.json` (off when only some cells are replaced).
    public var writeResults: Bool
    public init(provenance: [String: CellProvenance] = [:], only: Set<String>? = nil, current: CurrentCode? = nil,
                writeResults: Bool = true) {
        self.provenance = provenance; self.only = only; self.current = current; self.writeResults = writeResults
    }
}

/// The result-affecting code version and the profile of the run writing a report.
public struct CurrentCode: Sendable, Equatable {
    public var codeVersion: String
    public var profile: String
    public init(codeVersion: String, profile: String) { self.codeVersion = codeVersion; self.profile = profile }

    /// Why `p`'s inputs are stale against this code and profile, or nil when they are not.
    public func staleness(of p: CellProvenance) -> String? {
        var why: [String] = []
        if p.codeVersion != codeVersion { why.append("code \(p.codeVersion), now \(codeVersion)") }
        if p.profile != profile { why.append("profile \(p.profile), now \(profile)") }
        return why.isEmpty ? nil : why.joined(separator: "; ")
    }
}
