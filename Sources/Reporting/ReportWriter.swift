import Foundation

/// Writes `report.md`, `report.html` (self-contained) and `results.json` (every number the
/// report shows) into a reports directory.
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

    /// As ``write(_:figures:figuresDirectory:to:)`` with an analysis already computed.
    public static func write(_ document: ResultsDocument, analysis: ResultsAnalysis, figures: [FigureOutput],
                             figuresDirectory: URL, to reportsDirectory: URL) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: reportsDirectory, withIntermediateDirectories: true)
        } catch {
            throw ReportError("\(reportsDirectory.path): cannot create the reports directory (\(error.localizedDescription))")
        }
        let rel = relativePath(from: reportsDirectory, to: figuresDirectory)
        let md = markdown(document, analysis: analysis, figures: figures, mode: .commonMark) { _, f in
            "![\(MarkdownText.escape(f.id + ": " + f.title, .commonMark))](\(percentEncode(rel.isEmpty ? f.png : rel + "/" + f.png)))"
        }
        let htmlMarkdown = markdown(document, analysis: analysis, figures: figures, mode: .ink) { i, _ in HTMLReport.placeholder(i) }
        let html = HTMLReport.render(markdown: htmlMarkdown, figures: figures) { i in
            try? Data(contentsOf: figuresDirectory.appendingPathComponent(figures[i].png))
        }
        let json = try ReportResults(document: document, analysis: analysis).jsonData()
        try atomicWrite(Data(md.utf8), reportsDirectory.appendingPathComponent("report.md"))
        try atomicWrite(Data(html.utf8), reportsDirectory.appendingPathComponent("report.html"))
        try atomicWrite(json, reportsDirectory.appendingPathComponent("results.json"))
    }

    /// The report's Markdown; `figureBlock` renders figure i.
    static func markdown(_ document: ResultsDocument, analysis: ResultsAnalysis, figures: [FigureOutput],
                         mode: MarkdownText.Mode, figureBlock: @escaping (Int, FigureOutput) -> String) -> String {
        MarkdownReport(document: document, analysis: analysis, figures: figures, figureBlock: figureBlock, mode: mode).render()
    }

    static func atomicWrite(_ data: Data, _ url: URL) throws {
        do { try data.write(to: url, options: .atomic) } catch {
            throw ReportError("\(url.path): cannot write (\(error.localizedDescription))")
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
