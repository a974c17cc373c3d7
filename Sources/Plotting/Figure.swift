/// A figure: a grid of panels of equal plot-area size, optional title, optional shared legend
/// below the grid. Units are PDF points (1/72 in); PNG output multiplies by ``pngScale``.
public struct Figure: Equatable, Sendable {
    /// File stem of every output (`fig7` → `fig7.png`, `fig7.svg`, …).
    public var name: String
    /// Drawn centred above the grid when not empty.
    public var title: String
    /// Grid rows.
    public var rows: Int
    /// Grid columns.
    public var columns: Int
    /// Row-major cells; `nil` leaves a cell empty. Count must be `rows · columns`.
    public var panels: [Panel?]
    /// Width of every panel's plot area (the data rectangle inside the axes), in points.
    public var plotWidth: Double
    /// Height of every panel's plot area, in points.
    public var plotHeight: Double
    /// Label panels (a), (b), … in row-major order of the non-empty cells.
    public var letters: Bool
    /// A legend drawn once, centred below the grid (outside every plot area, so it hides no data).
    public var sharedLegend: [LegendEntry]
    /// Pixels per point in the PNG (2 ⇒ 144 dpi).
    public var pngScale: Double

    /// A figure; `panels.count` must equal `rows · columns`.
    public init(name: String, title: String = "", rows: Int, columns: Int, panels: [Panel?],
                plotWidth: Double = 180, plotHeight: Double = 140, letters: Bool = true,
                sharedLegend: [LegendEntry] = [], pngScale: Double = 2) {
        precondition(rows >= 1 && columns >= 1 && panels.count == rows * columns,
                     "figure \(name): \(panels.count) panels for a \(rows)×\(columns) grid")
        self.name = name; self.title = title; self.rows = rows; self.columns = columns; self.panels = panels
        self.plotWidth = plotWidth; self.plotHeight = plotHeight; self.letters = letters
        self.sharedLegend = sharedLegend; self.pngScale = pngScale
    }

    /// The letter of each cell ("a", "b", …; nil for empty cells or when ``letters`` is off).
    public var panelLetters: [String?] {
        var next = 0
        return panels.map { p in
            guard p != nil else { return nil }
            defer { next += 1 }
            return Figure.letter(next)
        }
    }

    /// "a" … "z", then "aa", "ab", …
    static func letter(_ i: Int) -> String {
        let a = Array("abcdefghijklmnopqrstuvwxyz")
        return i < 26 ? String(a[i]) : String(a[i / 26 - 1]) + String(a[i % 26])
    }
}

/// One panel: two axes, one kind of content, optional reference lines and an in-panel legend.
public struct Panel: Equatable, Sendable {
    /// Centred above the plot area, beside the panel letter.
    public var title: String
    /// Horizontal axis. For a horizontal box plot this is the value axis.
    public var xAxis: Axis
    /// Vertical axis. For a horizontal box plot this is the category axis (its label may be empty).
    public var yAxis: Axis
    /// What the panel plots.
    public var content: PanelContent
    /// Straight lines across the plot area (drawn above grid, below data), listed in the legend when labelled.
    public var referenceLines: [ReferenceLine]
    /// Where the panel's own legend goes.
    public var legend: LegendPlacement

    public init(title: String = "", xAxis: Axis, yAxis: Axis, content: PanelContent,
                referenceLines: [ReferenceLine] = [], legend: LegendPlacement = .none) {
        self.title = title; self.xAxis = xAxis; self.yAxis = yAxis; self.content = content
        self.referenceLines = referenceLines; self.legend = legend
    }
}

/// One axis of a panel.
public struct Axis: Equatable, Sendable {
    /// Label with units, e.g. "MAE (eV/atom)". Empty draws none.
    public var label: String
    /// Linear or log10.
    public var scale: ScaleKind
    /// Fixed data interval; nil fits the data (and reference values) with 5 % padding on each side
    /// (in log10 space for a log axis).
    public var range: ClosedRange<Double>?
    /// Larger values to the left (x) or downwards (y).
    public var reversed: Bool
    /// Draw ticks and tick labels (categorical axes of box plots always show their box labels
    /// unless this is false).
    public var showTickLabels: Bool
    /// Draw tick marks and grid lines at all (off for axes whose numbers mean nothing, e.g. t-SNE).
    public var showTicks: Bool
    /// Linear tick steps are whole numbers (≥ 1), e.g. for epochs.
    public var integerTicks: Bool

    public init(label: String = "", scale: ScaleKind = .linear, range: ClosedRange<Double>? = nil,
                reversed: Bool = false, showTickLabels: Bool = true, showTicks: Bool = true, integerTicks: Bool = false) {
        self.label = label; self.scale = scale; self.range = range; self.reversed = reversed
        self.showTickLabels = showTickLabels && showTicks; self.showTicks = showTicks; self.integerTicks = integerTicks
    }
}

/// What a panel plots.
public enum PanelContent: Equatable, Sendable {
    case boxes(BoxPlot)
    case scatter(ScatterPlot)
    case lines([LineSeries])
}

/// Where a panel's legend goes.
public enum LegendPlacement: Equatable, Sendable {
    /// No in-panel legend (use the figure's shared legend instead).
    case none
    /// Inside the plot area, in whichever corner covers the fewest drawn data marks
    /// (points, line vertices sampled every 2 pt, box extents); ties go to top-right, top-left,
    /// bottom-right, bottom-left in that order.
    case bestCorner
}

/// A horizontal (y = value) or vertical (x = value) straight line across the plot area.
public struct ReferenceLine: Equatable, Sendable {
    /// Data value where the line sits.
    public var value: Double
    /// true: y = value; false: x = value.
    public var horizontal: Bool
    /// Stroke colour.
    public var color: Color
    /// Dashed (4 on, 3 off) rather than solid.
    public var dashed: Bool
    /// Legend text; nil keeps it out of the legend.
    public var label: String?
    public init(value: Double, horizontal: Bool = true, color: Color = .red, dashed: Bool = true, label: String? = nil) {
        self.value = value; self.horizontal = horizontal; self.color = color; self.dashed = dashed; self.label = label
    }
}

/// One legend line: a swatch and a text.
public struct LegendEntry: Equatable, Sendable {
    /// Legend text.
    public var label: String
    /// Symbol drawn before the text.
    public var swatch: LegendSwatch
    public init(label: String, swatch: LegendSwatch) { self.label = label; self.swatch = swatch }
}

/// The symbol shown beside a legend text.
public enum LegendSwatch: Equatable, Sendable {
    case line(Color, dashed: Bool)
    case dot(Color)
    case box(Color)
    case diamond(Color)
    /// A right-pointing triangle (edge marker of an off-axis reference).
    case triangle(Color)
}
