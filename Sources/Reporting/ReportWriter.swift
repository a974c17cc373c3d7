import Foundation

/// Writes `report.md`, `report.html` (self-contained) and `results.json` (every number the
/// report shows) into a reports directory.
public enum ReportWriter {
    /// Analyses `document` (statistics, claim verdicts) and writes the report files.
    /// `figures` are files already rendered into `figuresDirectory`.
    public static func write(_ document: ResultsDocument, figures: [FigureOutput], figuresDirectory: URL,
                             to reportsDirectory: URL) throws {
        // STUB: replaced by the Reporting work.
    }
}
