import Foundation

/// Where a report cell's content came from: the command that regenerates it, the code and profile
/// that computed its inputs, short hashes of its inputs' store keys and the compute time they cost.
public struct CellProvenance: Codable, Equatable, Sendable {
    /// The shell command that regenerates exactly this cell (e.g. `repro reproduce --figure fig8 …`).
    public var command: String
    /// The run that wrote the cell: its git commit, and its start time when known.
    public var run: String
    /// The result-affecting code version of the inputs (framework + backend versions).
    public var codeVersion: String
    /// Profile the inputs were computed under.
    public var profile: String
    /// Number of plan items the cell reads (itself and transitively).
    public var inputCount: Int
    /// Items of those with a result in the store.
    public var inputsPresent: Int
    /// First 12 hex digits of SHA-256 over the sorted `item key` lines of all its inputs.
    public var inputDigest: String
    /// The non-trial inputs (dataset, models, vectors, maps) by item id: the first 12 hex digits of
    /// their store keys.
    public var keyInputs: [String: String]
    /// Summed compute seconds recorded in the store for its inputs.
    public var computeSeconds: Double

    public init(command: String, run: String, codeVersion: String, profile: String, inputCount: Int, inputsPresent: Int,
                inputDigest: String, keyInputs: [String: String], computeSeconds: Double) {
        self.command = command; self.run = run; self.codeVersion = codeVersion; self.profile = profile
        self.inputCount = inputCount; self.inputsPresent = inputsPresent; self.inputDigest = inputDigest
        self.keyInputs = keyInputs; self.computeSeconds = computeSeconds
    }
}

/// One section of the report, kept as a unit that can be re-run, read and taken away: its text in
/// CommonMark and as an HTML fragment (figures as placeholder paragraphs, see
/// ``HTMLReport/placeholder(_:)``, numbered within the cell), the figures it shows and where it
/// came from.
public struct ReportCell: Codable, Equatable, Sendable {
    /// `run`, `summary`, `profile`, `claims`, `methods`, `fig6` … `fig12`, `convergence`,
    /// `budgets`, `failures`, `provenance`.
    public var id: String
    /// The section heading (without `## `).
    public var title: String
    /// CommonMark body including its `## ` heading; figure i of the cell is the line
    /// ``HTMLReport/placeholder(_:)``.
    public var markdown: String
    /// HTML fragment of the same content; figure i is `<p>placeholder(i)</p>`.
    public var html: String
    /// The figures the cell shows, in order.
    public var figures: [FigureOutput]
    /// Nil for a cell written without store information (library use).
    public var provenance: CellProvenance?

    /// Ids of the report's cells, in order.
    public static let sectionIDs = ["run", "summary", "profile", "claims", "methods", "fig6", "fig7", "fig8", "fig9", "fig10",
                                    "fig11", "fig12", "convergence", "budgets", "failures", "provenance"]

    /// The placeholder of the cell's figure i.
    public static func placeholder(_ i: Int) -> String { HTMLReport.placeholder(i) }
}

/// The cells of a report as written to `cells.json`, so a later run that recomputes some figures
/// can replace their cells and keep the rest.
public struct CellManifest: Codable, Equatable, Sendable {
    public var schemaVersion = 1
    /// The cells in report order.
    public var cells: [ReportCell]

    public init(cells: [ReportCell]) { self.cells = cells }

    /// The manifest in `reportsDirectory` (`cells.json`), or nil when there is none or it is unreadable.
    public static func load(from reportsDirectory: URL) -> CellManifest? {
        guard let data = try? Data(contentsOf: reportsDirectory.appendingPathComponent("cells.json")) else { return nil }
        return try? JSONDecoder().decode(CellManifest.self, from: data)
    }

    /// Sorted-key, pretty JSON.
    public func jsonData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try e.encode(self)
    }

    /// `fresh` with the cells whose ids are not in `replace` taken from `self` where `self` has them.
    public func merging(_ fresh: [ReportCell], replacing replace: Set<String>) -> CellManifest {
        let old = Dictionary(cells.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return CellManifest(cells: fresh.map { replace.contains($0.id) ? $0 : (old[$0.id] ?? $0) })
    }
}
