import CCairo
import Foundation

/// Where everything of one panel goes, in figure coordinates (points).
struct PanelLayout {
    var panel: Panel
    var letter: String?
    var plot: Rect
    var x: ResolvedAxis
    var y: ResolvedAxis
    /// Colour bar rectangle, its value axis and label (continuous scatter only).
    var colorBar: (rect: Rect, axis: ResolvedAxis, label: String, map: ColorMap)?
    /// In-panel legend rectangle and entries.
    var legend: (rect: Rect, entries: [LegendEntry])?
    /// Left edge of the cell (for the y axis label and the letter).
    var cellX: Double
    /// Top edge of the cell.
    var cellY: Double
}

/// The complete layout of a figure; computed once and drawn identically on every surface.
///
/// Every plot area has the figure's `plotWidth × plotHeight`. Column c's left and right margins are the
/// largest any panel of that column needs (tick labels, axis label, colour bar); row r's top and bottom
/// margins likewise (title, tick labels, axis label). So plot areas align in rows and columns and no
/// label can reach into a neighbour.
struct FigureLayout {
    var width: Double
    var height: Double
    var panels: [PanelLayout]
    var titleBaselineY: Double
    /// Shared legend rows: each row a list of (entry, x) with the row's y centre.
    var sharedLegend: [(entries: [(LegendEntry, Double)], y: Double)]

    static let pad = 4.0
    static let tickLength = 4.0
    static let colorBarGap = 10.0
    static let colorBarWidth = 9.0
    static let swatchWidth = 16.0

    init(figure: Figure, text: TextEngine) {
        let w = figure.plotWidth, h = figure.plotHeight
        let tickH = text.lineHeight(size: Typography.tick)
        let labelH = text.lineHeight(size: Typography.axisLabel)
        let titleH = text.lineHeight(size: Typography.panelTitle, bold: true)
        let letters = figure.panelLetters

        // 1. Resolve every panel's axes in plot-local coordinates and measure its margin needs.
        struct Local { var x: ResolvedAxis; var y: ResolvedAxis; var cb: ResolvedAxis?; var need: (l: Double, r: Double, t: Double, b: Double) }
        var locals: [Local?] = []
        for (i, p) in figure.panels.enumerated() {
            guard let p else { locals.append(nil); continue }
            var ext = p.dataExtents
            if case .scatter(let s) = p.content, s.equalAspect, p.xAxis.range == nil, p.yAxis.range == nil,
               p.xAxis.scale == .linear, p.yAxis.scale == .linear, let ex = ext.x, let ey = ext.y {
                let sx = max(ex.1 - ex.0, 1e-12), sy = max(ey.1 - ey.0, 1e-12)
                if sx / w > sy / h {
                    let half = sx * h / w / 2, c = (ey.0 + ey.1) / 2
                    ext.y = (c - half, c + half)
                } else {
                    let half = sy * w / h / 2, c = (ex.0 + ex.1) / 2
                    ext.x = (c - half, c + half)
                }
            }
            var xa: ResolvedAxis, ya: ResolvedAxis
            if case .boxes(let b) = p.content, b.orientation == .horizontal {
                xa = AxisResolver.numeric(axis: p.xAxis, dataMin: ext.x?.0, dataMax: ext.x?.1, start: 0, end: w, horizontal: true, text: text)
                ya = AxisResolver.categorical(labels: b.boxes.map(\.label), start: 0, end: h, show: p.yAxis.showTickLabels)
            } else if case .boxes(let b) = p.content {
                xa = AxisResolver.categorical(labels: b.boxes.map(\.label), start: 0, end: w, show: p.xAxis.showTickLabels)
                ya = AxisResolver.numeric(axis: p.yAxis, dataMin: ext.y?.0, dataMax: ext.y?.1, start: h, end: 0, horizontal: false, text: text)
            } else {
                xa = AxisResolver.numeric(axis: p.xAxis, dataMin: ext.x?.0, dataMax: ext.x?.1, start: 0, end: w, horizontal: true, text: text)
                ya = AxisResolver.numeric(axis: p.yAxis, dataMin: ext.y?.0, dataMax: ext.y?.1, start: h, end: 0, horizontal: false, text: text)
            }
            var cb: ResolvedAxis? = nil
            var cbLabel = ""
            if case .scatter(let s) = p.content, case let .continuous(_, label, _, _) = s.coloring, let r = s.colorRange {
                cb = AxisResolver.numeric(axis: Axis(range: r), dataMin: r.lowerBound, dataMax: r.upperBound,
                                          start: h, end: 0, horizontal: false, text: text)
                cbLabel = label
            }
            let yLabels = ya.ticks.filter { !$0.label.isEmpty }
            let yTickW = yLabels.map { text.width($0.label, size: Typography.tick) }.max() ?? 0
            let xLabels = xa.ticks.filter { !$0.label.isEmpty }
            var left = Self.pad + (p.yAxis.label.isEmpty ? 0 : labelH + Self.pad) + yTickW + Self.tickLength + 3
            var right = 8.0
            // Half of an x tick label may stick out beyond the plot's left or right edge.
            for t in xLabels {
                let pos = xa.mapping.position(t.value), half = text.width(t.label, size: Typography.tick) / 2
                left = max(left, half - pos + Self.pad)
                right = max(right, pos + half - w + Self.pad)
            }
            if let cb {
                let cbTickW = cb.ticks.filter { !$0.label.isEmpty }.map { text.width($0.label, size: Typography.tick) }.max() ?? 0
                right = Self.colorBarGap + Self.colorBarWidth + Self.tickLength + 2 + cbTickW + Self.pad
                    + (cbLabel.isEmpty ? 0 : labelH + Self.pad)
            }
            let hasTitle = !p.title.isEmpty || letters[i] != nil && figure.letters
            let top = (hasTitle ? titleH + 6 : 0) + Self.pad + (yLabels.isEmpty ? 0 : tickH / 2)
            let bottom = Self.tickLength + 2 + (xLabels.isEmpty ? 0 : tickH) + (p.xAxis.label.isEmpty ? 0 : Self.pad + labelH) + Self.pad + 2
            locals.append(Local(x: xa, y: ya, cb: cb, need: (left, right, top, bottom)))
        }

        // 2. Column and row margins.
        var colL = [Double](repeating: 0, count: figure.columns), colR = colL
        var rowT = [Double](repeating: 0, count: figure.rows), rowB = rowT
        for (i, l) in locals.enumerated() {
            guard let l else { continue }
            let r = i / figure.columns, c = i % figure.columns
            colL[c] = max(colL[c], l.need.l); colR[c] = max(colR[c], l.need.r)
            rowT[r] = max(rowT[r], l.need.t); rowB[r] = max(rowB[r], l.need.b)
        }
        let outer = 6.0
        let figTitleH = figure.title.isEmpty ? 0 : text.lineHeight(size: Typography.figureTitle, bold: true) + 8
        var colX = [Double](), rowY = [Double]()
        var xCursor = outer
        for c in 0..<figure.columns { colX.append(xCursor); xCursor += colL[c] + w + colR[c] }
        var yCursor = outer + figTitleH
        for r in 0..<figure.rows { rowY.append(yCursor); yCursor += rowT[r] + h + rowB[r] }
        var totalW = xCursor + outer

        // 3. Shared legend rows below the grid.
        let legendH = text.lineHeight(size: Typography.legend) + 4
        var rows: [[(LegendEntry, Double)]] = []
        var rowWidths: [Double] = []
        var current: [(LegendEntry, Double)] = []
        var cx = 0.0
        let maxRow = max(totalW - 2 * outer, 200)
        for e in figure.sharedLegend {
            let ew = Self.swatchWidth + 4 + text.width(e.label, size: Typography.legend) + 14
            if cx + ew > maxRow && !current.isEmpty { rows.append(current); rowWidths.append(cx); current = []; cx = 0 }
            current.append((e, cx)); cx += ew
        }
        if !current.isEmpty { rows.append(current); rowWidths.append(cx) }
        // The figure is at least as wide as its title and legend; the grid is then centred.
        let gridW = totalW
        let titleW = figure.title.isEmpty ? 0 : text.width(figure.title, size: Typography.figureTitle, bold: true) + 2 * outer
        totalW = max(totalW, (rowWidths.max() ?? 0) + 2 * outer, titleW)
        let gridOffset = ((totalW - gridW) / 2).rounded()
        colX = colX.map { $0 + gridOffset }
        var legendRows: [(entries: [(LegendEntry, Double)], y: Double)] = []
        for (k, row) in rows.enumerated() {
            let x0 = (totalW - rowWidths[k] + 14) / 2
            legendRows.append((row.map { ($0.0, $0.1 + x0) }, yCursor + 4 + (Double(k) + 0.5) * legendH))
        }
        let totalH = yCursor + (rows.isEmpty ? 0 : 4 + Double(rows.count) * legendH + 2) + outer

        // 4. Place panels in figure coordinates.
        var placed: [PanelLayout] = []
        for (i, p) in figure.panels.enumerated() {
            guard let p, let l = locals[i] else { continue }
            let r = i / figure.columns, c = i % figure.columns
            let plot = Rect(x: colX[c] + colL[c], y: rowY[r] + rowT[r], width: w, height: h)
            var layout = PanelLayout(panel: p, letter: figure.letters ? letters[i] : nil, plot: plot,
                                     x: l.x.shifted(by: plot.x), y: l.y.shifted(by: plot.y), colorBar: nil, legend: nil,
                                     cellX: colX[c], cellY: rowY[r])
            if let cb = l.cb, case .scatter(let s) = p.content, case let .continuous(_, label, map, _) = s.coloring {
                let rect = Rect(x: plot.maxX + Self.colorBarGap, y: plot.y, width: Self.colorBarWidth, height: h)
                layout.colorBar = (rect, cb.shifted(by: plot.y), label, map)
            }
            if p.legend == .bestCorner {
                let entries = p.legendEntries
                if !entries.isEmpty { layout.legend = (Self.bestLegendRect(layout, entries: entries, text: text), entries) }
            }
            placed.append(layout)
        }
        self.width = totalW.rounded(.up)
        self.height = totalH.rounded(.up)
        self.panels = placed
        self.titleBaselineY = outer + text.metrics(size: Typography.figureTitle, bold: true).ascent
        self.sharedLegend = legendRows
    }

    /// The legend rectangle in the corner covering the fewest data marks (see ``LegendPlacement``).
    static func bestLegendRect(_ l: PanelLayout, entries: [LegendEntry], text: TextEngine) -> Rect {
        let rowH = text.lineHeight(size: Typography.legend) + 2
        let wText = entries.map { text.width($0.label, size: Typography.legend) }.max() ?? 0
        let lw = 5 + swatchWidth + 4 + wText + 5, lh = Double(entries.count) * rowH + 6
        let p = l.plot, m = 4.0
        let candidates = [Rect(x: p.maxX - m - lw, y: p.y + m, width: lw, height: lh),
                          Rect(x: p.x + m, y: p.y + m, width: lw, height: lh),
                          Rect(x: p.maxX - m - lw, y: p.maxY - m - lh, width: lw, height: lh),
                          Rect(x: p.x + m, y: p.maxY - m - lh, width: lw, height: lh)]
        let marks = PanelDrawing.markPositions(l)
        var best = candidates[0], bestCount = Int.max
        for c in candidates {
            let grown = c.insetBy(-3)
            let n = marks.reduce(0) { $0 + (grown.contains($1.0, $1.1) ? 1 : 0) }
            if n < bestCount { best = c; bestCount = n }
        }
        return best
    }
}
