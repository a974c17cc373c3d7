import CCairo
import Foundation

/// Draws a laid-out figure on a Cairo context (any surface; units are points).
enum FigureRenderer {
    static func draw(_ figure: Figure, layout: FigureLayout, on cr: OpaquePointer, recorder: TextRecorder? = nil) {
        TextEngine.configure(cr)
        let text = TextEngine(cr: cr, recorder: recorder)
        PanelDrawing.setColor(cr, .white); cairo_paint(cr)
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
        if !figure.title.isEmpty {
            text.draw(figure.title, x: layout.width / 2, y: layout.titleBaselineY, size: Typography.figureTitle, bold: true,
                      color: .black, h: 0.5, v: 0.8)
        }
        for p in layout.panels { drawPanel(p, cr: cr, text: text) }
        for row in layout.sharedLegend {
            for (e, x) in row.entries {
                drawSwatch(e.swatch, x: x, y: row.y, cr: cr)
                text.draw(e.label, x: x + FigureLayout.swatchWidth + 4, y: row.y, size: Typography.legend, h: 0, v: 0.5)
            }
        }
    }

    static func drawPanel(_ l: PanelLayout, cr: OpaquePointer, text: TextEngine) {
        let p = l.plot
        // Grid at major ticks of numeric axes.
        cairo_set_line_width(cr, 0.5); PanelDrawing.setColor(cr, Color(hex: 0xe8e8e8))
        if !l.x.isCategorical {
            for t in l.x.ticks where t.isMajor { let x = l.x.mapping.position(t.value); cairo_move_to(cr, x, p.y); cairo_line_to(cr, x, p.maxY) }
        }
        if !l.y.isCategorical {
            for t in l.y.ticks where t.isMajor { let y = l.y.mapping.position(t.value); cairo_move_to(cr, p.x, y); cairo_line_to(cr, p.maxX, y) }
        }
        cairo_stroke(cr)
        PanelDrawing.drawContent(cr, l)
        // Frame.
        PanelDrawing.setColor(cr, .darkGrey); cairo_set_line_width(cr, 0.8)
        cairo_rectangle(cr, p.x, p.y, p.width, p.height); cairo_stroke(cr)
        // Ticks and tick labels.
        let tl = FigureLayout.tickLength
        for t in l.x.ticks {
            let x = l.x.mapping.position(t.value)
            cairo_move_to(cr, x, p.maxY); cairo_line_to(cr, x, p.maxY + (t.isMajor ? tl : tl / 2))
        }
        for t in l.y.ticks {
            let y = l.y.mapping.position(t.value)
            cairo_move_to(cr, p.x, y); cairo_line_to(cr, p.x - (t.isMajor ? tl : tl / 2), y)
        }
        cairo_stroke(cr)
        for t in l.x.ticks where !t.label.isEmpty {
            text.draw(t.label, x: l.x.mapping.position(t.value), y: p.maxY + tl + 2, size: Typography.tick, h: 0.5, v: 0)
        }
        var maxYLabel = 0.0
        for t in l.y.ticks where !t.label.isEmpty {
            text.draw(t.label, x: p.x - tl - 3, y: l.y.mapping.position(t.value), size: Typography.tick, h: 1, v: 0.5)
            maxYLabel = max(maxYLabel, text.width(t.label, size: Typography.tick))
        }
        // Axis labels.
        let tickH = text.lineHeight(size: Typography.tick)
        if !l.panel.xAxis.label.isEmpty {
            let hasTickLabels = l.x.ticks.contains { !$0.label.isEmpty }
            text.draw(l.panel.xAxis.label, x: p.midX, y: p.maxY + tl + 2 + (hasTickLabels ? tickH : 0) + FigureLayout.pad,
                      size: Typography.axisLabel, color: .black, h: 0.5, v: 0)
        }
        if !l.panel.yAxis.label.isEmpty {
            let x = p.x - tl - 3 - maxYLabel - FigureLayout.pad
            text.draw(l.panel.yAxis.label, x: x, y: p.midY, size: Typography.axisLabel, color: .black, h: 0.5, v: 1, rotated: true)
        }
        // Letter and title on one line above the plot.
        let titleY = l.cellY + text.lineHeight(size: Typography.panelTitle, bold: true) + 2
        var titleStart = l.cellX + 2
        if let letter = l.letter {
            let s = "(\(letter))"
            text.draw(s, x: l.cellX + 2, y: titleY, size: Typography.letter, bold: true, color: .black, h: 0, v: 1)
            titleStart += text.width(s, size: Typography.letter, bold: true) + 6
        }
        if !l.panel.title.isEmpty {
            var size = Typography.panelTitle
            let available = p.maxX - titleStart
            while text.width(l.panel.title, size: size, bold: true) > available && size > 6 { size -= 0.5 }
            let w = text.width(l.panel.title, size: size, bold: true)
            let x = max(titleStart, p.midX - w / 2)
            text.draw(l.panel.title, x: x, y: titleY, size: size, bold: true, color: .black, h: 0, v: 1)
        }
        if let cb = l.colorBar { drawColorBar(cb, cr: cr, text: text) }
        if let lg = l.legend { drawLegend(lg.rect, lg.entries, cr: cr, text: text) }
    }

    /// A vertical colour bar: 128 horizontal bands (no gradient objects, so SVG ids stay fixed).
    static func drawColorBar(_ cb: (rect: Rect, axis: ResolvedAxis, label: String, map: ColorMap), cr: OpaquePointer, text: TextEngine) {
        let r = cb.rect, n = 128
        for k in 0..<n {
            let t0 = Double(k) / Double(n)
            PanelDrawing.setColor(cr, cb.map.color(at: t0 + 0.5 / Double(n)))
            let y1 = r.maxY - t0 * r.height, y0 = r.maxY - (t0 + 1 / Double(n)) * r.height
            cairo_rectangle(cr, r.x, y0 - 0.25, r.width, y1 - y0 + 0.5); cairo_fill(cr)
        }
        PanelDrawing.setColor(cr, .darkGrey); cairo_set_line_width(cr, 0.8)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height); cairo_stroke(cr)
        var maxW = 0.0
        for t in cb.axis.ticks {
            let y = cb.axis.mapping.position(t.value)
            cairo_move_to(cr, r.maxX, y); cairo_line_to(cr, r.maxX + (t.isMajor ? FigureLayout.tickLength : 2), y)
        }
        cairo_stroke(cr)
        for t in cb.axis.ticks where !t.label.isEmpty {
            text.draw(t.label, x: r.maxX + FigureLayout.tickLength + 2, y: cb.axis.mapping.position(t.value), size: Typography.tick, h: 0, v: 0.5)
            maxW = max(maxW, text.width(t.label, size: Typography.tick))
        }
        if !cb.label.isEmpty {
            text.draw(cb.label, x: r.maxX + FigureLayout.tickLength + 2 + maxW + FigureLayout.pad, y: r.midY,
                      size: Typography.axisLabel, color: .black, h: 0.5, v: 0, rotated: true)
        }
    }

    static func drawSwatch(_ s: LegendSwatch, x: Double, y: Double, cr: OpaquePointer) {
        let w = FigureLayout.swatchWidth
        switch s {
        case let .line(c, dashed):
            PanelDrawing.setColor(cr, c); cairo_set_line_width(cr, 1.6); PanelDrawing.dash(cr, dashed)
            cairo_move_to(cr, x, y); cairo_line_to(cr, x + w, y); cairo_stroke(cr); PanelDrawing.dash(cr, false)
        case let .dot(c):
            PanelDrawing.setColor(cr, c); PanelDrawing.dot(cr, x + w / 2, y, 3); cairo_fill(cr)
        case let .box(c):
            cairo_rectangle(cr, x + 2, y - 4, w - 4, 8)
            PanelDrawing.setColor(cr, c.withAlpha(0.25)); cairo_fill_preserve(cr)
            PanelDrawing.setColor(cr, c); cairo_set_line_width(cr, 1); cairo_stroke(cr)
        case let .diamond(c):
            PanelDrawing.diamond(cr, x + w / 2, y, 4.5)
            PanelDrawing.setColor(cr, c); cairo_fill(cr)
        case let .triangle(c):
            cairo_move_to(cr, x + w / 2 + 3.5, y); cairo_line_to(cr, x + w / 2 - 3.5, y - 4); cairo_line_to(cr, x + w / 2 - 3.5, y + 4)
            cairo_close_path(cr); PanelDrawing.setColor(cr, c); cairo_fill(cr)
        }
    }

    static func drawLegend(_ r: Rect, _ entries: [LegendEntry], cr: OpaquePointer, text: TextEngine) {
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        PanelDrawing.setColor(cr, Color.white.withAlpha(0.88)); cairo_fill_preserve(cr)
        PanelDrawing.setColor(cr, Color(hex: 0xbbbbbb)); cairo_set_line_width(cr, 0.6); cairo_stroke(cr)
        let rowH = text.lineHeight(size: Typography.legend) + 2
        for (k, e) in entries.enumerated() {
            let y = r.y + 3 + (Double(k) + 0.5) * rowH
            drawSwatch(e.swatch, x: r.x + 5, y: y, cr: cr)
            text.draw(e.label, x: r.x + 5 + FigureLayout.swatchWidth + 4, y: y, size: Typography.legend, h: 0, v: 0.5)
        }
    }
}
