import Foundation

/// A figure written to disk in every format.
public struct FigureOutput: Codable, Equatable, Sendable {
    /// `fig6` … `fig12` (fig 8 and 12 may be split per task, e.g. `fig8-e_form`).
    public var id: String
    public var title: String
    /// What the figure shows, for the report.
    public var caption: String
    /// File names relative to the figures directory.
    public var png: String
    public var svg: String
    public var pdf: String
    public var csv: String
    public var gnuplot: String
    public init(id: String, title: String, caption: String, png: String, svg: String, pdf: String, csv: String, gnuplot: String) {
        self.id = id; self.title = title; self.caption = caption
        self.png = png; self.svg = svg; self.pdf = pdf; self.csv = csv; self.gnuplot = gnuplot
    }
}

/// Draws the paper's figures 6–12 from a results document.
public enum PaperFigures {
    /// Renders every figure the document has data for into `directory` and returns them in order.
    public static func render(_ document: ResultsDocument, to directory: URL) throws -> [FigureOutput] {
        // STUB: replaced by the Plotting work.
        return []
    }
}
