import CCairo
import Foundation

/// Geometry of one drawn box: summary and the position of every dot (figure coordinates).
struct BoxGeometry {
    var center: Double
    var halfWidth: Double
    var summary: BoxSummary?
    /// (value index, px, py) for every finite value.
    var dots: [(index: Int, x: Double, y: Double)]
}

/// Draws panel contents on a Cairo context.
enum PanelDrawing {
    /// Per-box geometry of a box plot panel.
    static func boxGeometry(_ l: PanelLayout, _ b: BoxPlot) -> [BoxGeometry] {
        let horizontal = b.orientation == .horizontal
        let cat = horizontal ? l.y.mapping : l.x.mapping
        let val = horizontal ? l.x.mapping : l.y.mapping
        let band = abs(cat.position(2) - cat.position(1))
        let half = min(0.32 * band, 16)
        return b.boxes.enumerated().map { i, box in
            let c = cat.position(Double(i + 1))
            var dots: [(Int, Double, Double)] = []
            for (j, v) in box.values.enumerated() where v.isFinite {
                let p = val.position(v)
                guard p.isFinite else { continue }
                let off = boxJitter(j) * half * 0.8
                dots.append(horizontal ? (j, p, c + off) : (j, c + off, p))
            }
            return BoxGeometry(center: c, halfWidth: half, summary: BoxSummary(values: box.values, rule: b.whiskers), dots: dots)
        }
    }

    /// Pixel positions of every data mark (for legend placement).
    static func markPositions(_ l: PanelLayout) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        switch l.panel.content {
        case .scatter(let s):
            for (a, b) in zip(s.x, s.y) { out.append((l.x.mapping.position(a), l.y.mapping.position(b))) }
        case .lines(let series):
            for s in series {
                let pts = zip(s.x, s.y).map { (l.x.mapping.position($0), l.y.mapping.position($1)) }.filter { $0.0.isFinite && $0.1.isFinite }
                for (a, b) in zip(pts, pts.dropFirst()) {
                    let d = hypot(b.0 - a.0, b.1 - a.1), n = max(1, Int(d / 2))
                    for k in 0...n { let t = Double(k) / Double(n); out.append((a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))) }
                }
                out += pts
            }
        case .boxes(let b):
            let horizontal = b.orientation == .horizontal
            let val = horizontal ? l.x.mapping : l.y.mapping
            for g in boxGeometry(l, b) {
                out += g.dots.map { ($0.x, $0.y) }
                if let s = g.summary {
                    var p = val.position(s.lowerWhisker)
                    let e = val.position(s.upperWhisker)
                    let step = e >= p ? 2.0 : -2.0
                    while (step > 0 && p <= e) || (step < 0 && p >= e) {
                        out.append(horizontal ? (p, g.center) : (g.center, p)); p += step
                    }
                }
            }
        }
        for r in l.panel.referenceLines {
            let p = r.horizontal ? l.y.mapping.position(r.value) : l.x.mapping.position(r.value)
            guard p.isFinite else { continue }
            var t = 0.0
            while t <= 1 {
                out.append(r.horizontal ? (l.plot.x + t * l.plot.width, p) : (p, l.plot.y + t * l.plot.height)); t += 0.01
            }
        }
        return out
    }

    static func setColor(_ cr: OpaquePointer, _ c: Color) { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }

    static func dot(_ cr: OpaquePointer, _ x: Double, _ y: Double, _ r: Double) {
        cairo_new_sub_path(cr); cairo_arc(cr, x, y, r, 0, 2 * Double.pi); cairo_close_path(cr)
    }

    static func diamond(_ cr: OpaquePointer, _ x: Double, _ y: Double, _ r: Double) {
        cairo_move_to(cr, x, y - r); cairo_line_to(cr, x + r, y); cairo_line_to(cr, x, y + r); cairo_line_to(cr, x - r, y)
        cairo_close_path(cr)
    }

    static func dash(_ cr: OpaquePointer, _ on: Bool) {
        if on { var d: [Double] = [4, 3]; cairo_set_dash(cr, &d, 2, 0) } else { cairo_set_dash(cr, nil, 0, 0) }
    }

    /// Draws the content of a panel, clipped to its plot area.
    static func drawContent(_ cr: OpaquePointer, _ l: PanelLayout) {
        cairo_save(cr)
        cairo_rectangle(cr, l.plot.x, l.plot.y, l.plot.width, l.plot.height)
        cairo_clip(cr)
        for r in l.panel.referenceLines {
            let p = r.horizontal ? l.y.mapping.position(r.value) : l.x.mapping.position(r.value)
            guard p.isFinite else { continue }
            setColor(cr, r.color); cairo_set_line_width(cr, 1.2); dash(cr, r.dashed)
            if r.horizontal { cairo_move_to(cr, l.plot.x, p); cairo_line_to(cr, l.plot.maxX, p) }
            else { cairo_move_to(cr, p, l.plot.y); cairo_line_to(cr, p, l.plot.maxY) }
            cairo_stroke(cr); dash(cr, false)
        }
        switch l.panel.content {
        case .boxes(let b): drawBoxes(cr, l, b)
        case .scatter(let s): drawScatter(cr, l, s)
        case .lines(let series): drawLines(cr, l, series)
        }
        cairo_restore(cr)
    }

    static func drawBoxes(_ cr: OpaquePointer, _ l: PanelLayout, _ b: BoxPlot) {
        let horizontal = b.orientation == .horizontal
        let val = horizontal ? l.x.mapping : l.y.mapping
        let cat = horizontal ? l.y.mapping : l.x.mapping
        let geo = boxGeometry(l, b)
        func pt(_ v: Double, _ c: Double) -> (Double, Double) { horizontal ? (v, c) : (c, v) }
        // Separators between groups.
        for s in b.separatorsAfter where s >= 0 && s + 1 < b.boxes.count {
            let p = cat.position(Double(s) + 1.5)
            setColor(cr, Palette.grey); cairo_set_line_width(cr, 0.8); dash(cr, true)
            if horizontal { cairo_move_to(cr, l.plot.x, p); cairo_line_to(cr, l.plot.maxX, p) }
            else { cairo_move_to(cr, p, l.plot.y); cairo_line_to(cr, p, l.plot.maxY) }
            cairo_stroke(cr); dash(cr, false)
        }
        // Lines joining paired values in neighbouring boxes.
        if b.joinPairs {
            setColor(cr, Color(hex: 0x555555, alpha: 0.35)); cairo_set_line_width(cr, 0.6)
            for i in 0..<max(0, b.boxes.count - 1) where !b.separatorsAfter.contains(i) {
                let a = b.boxes[i], n = b.boxes[i + 1]
                guard !a.keys.isEmpty, !n.keys.isEmpty else { continue }
                var next: [String: (Double, Double)] = [:]
                for d in geo[i + 1].dots { next[n.keys[d.index]] = (d.x, d.y) }
                for d in geo[i].dots { if let e = next[a.keys[d.index]] { cairo_move_to(cr, d.x, d.y); cairo_line_to(cr, e.0, e.1) } }
            }
            cairo_stroke(cr)
        }
        // Boxes and whiskers.
        for (i, box) in b.boxes.enumerated() {
            let g = geo[i]
            guard let s = g.summary else {
                let t = TextEngine(cr: cr)
                let (x, y) = horizontal ? (l.plot.midX, g.center) : (g.center, l.plot.midY)
                t.draw("no data", x: x, y: y, size: Typography.tick, color: Palette.grey, h: 0.5, v: 0.5)
                continue
            }
            let q1 = val.position(s.q1), q3 = val.position(s.q3), md = val.position(s.median)
            let lw = val.position(s.lowerWhisker), uw = val.position(s.upperWhisker)
            let c = g.center, hw = g.halfWidth
            setColor(cr, box.color); cairo_set_line_width(cr, 1)
            // Whiskers with caps.
            for (from, to) in [(lw, q1), (q3, uw)] {
                let a = pt(from, c), e = pt(to, c)
                cairo_move_to(cr, a.0, a.1); cairo_line_to(cr, e.0, e.1)
            }
            for w in [lw, uw] {
                let a = pt(w, c - hw * 0.5), e = pt(w, c + hw * 0.5)
                cairo_move_to(cr, a.0, a.1); cairo_line_to(cr, e.0, e.1)
            }
            cairo_stroke(cr)
            let r0 = pt(min(q1, q3), c - hw), r1 = pt(max(q1, q3), c + hw)
            let rx = min(r0.0, r1.0), ry = min(r0.1, r1.1)
            cairo_rectangle(cr, rx, ry, abs(r1.0 - r0.0), abs(r1.1 - r0.1))
            setColor(cr, box.color.withAlpha(0.18)); cairo_fill_preserve(cr)
            setColor(cr, box.color); cairo_stroke(cr)
            let m0 = pt(md, c - hw), m1 = pt(md, c + hw)
            setColor(cr, Color.black); cairo_set_line_width(cr, 1.8)
            cairo_move_to(cr, m0.0, m0.1); cairo_line_to(cr, m1.0, m1.1); cairo_stroke(cr)
        }
        // Every value as a dot.
        for (i, box) in b.boxes.enumerated() {
            setColor(cr, box.color.withAlpha(0.8))
            for d in geo[i].dots { dot(cr, d.x, d.y, b.dotRadius) }
            cairo_fill(cr)
        }
        // Reference diamonds on top; references beyond the axis become edge triangles with their value.
        for (i, box) in b.boxes.enumerated() {
            guard let r = box.reference, r.isFinite else { continue }
            if !val.contains(r) {
                let p = val.position(r)
                guard p.isFinite else { continue }
                let lowEnd = min(val.start, val.end), highEnd = max(val.start, val.end)
                let beyondHigh = p > highEnd
                let tip = beyondHigh ? highEnd - 2 : lowEnd + 2
                let base = beyondHigh ? tip - 7 : tip + 7
                let c = geo[i].center
                let a = pt(tip, c), b0 = pt(base, c - 4), b1 = pt(base, c + 4)
                cairo_move_to(cr, a.0, a.1); cairo_line_to(cr, b0.0, b0.1); cairo_line_to(cr, b1.0, b1.1); cairo_close_path(cr)
                setColor(cr, .red); cairo_fill(cr)
                let text = TextEngine(cr: cr)
                let label = String(format: "%.3g", r)
                if horizontal {
                    text.draw(label, x: base + (beyondHigh ? -2 : 2), y: c - 4.5, size: 7, color: .red, h: beyondHigh ? 1 : 0, v: 1)
                } else {
                    text.draw(label, x: c + 6, y: base + (beyondHigh ? 0 : 0), size: 7, color: .red, h: 0, v: 0.5)
                }
                continue
            }
            let p = pt(val.position(r), geo[i].center)
            diamond(cr, p.0, p.1, 4.5)
            setColor(cr, .red); cairo_fill_preserve(cr)
            setColor(cr, .white); cairo_set_line_width(cr, 0.8); cairo_stroke(cr)
        }
    }

    static func drawScatter(_ cr: OpaquePointer, _ l: PanelLayout, _ s: ScatterPlot) {
        let order = s.drawOrder
        switch s.coloring {
        case let .categorical(classes, _, colors):
            // Fill runs of equal colour as one path.
            var current: Int? = nil
            for i in order {
                let px = l.x.mapping.position(s.x[i]), py = l.y.mapping.position(s.y[i])
                guard px.isFinite, py.isFinite else { continue }
                if current != classes[i] {
                    if current != nil { cairo_fill(cr) }
                    current = classes[i]
                    setColor(cr, (colors.isEmpty ? Palette.grey : colors[((classes[i] % colors.count) + colors.count) % colors.count]).withAlpha(s.opacity))
                }
                dot(cr, px, py, s.pointRadius)
            }
            if current != nil { cairo_fill(cr) }
        case let .continuous(values, _, map, _):
            guard let r = s.colorRange else { return }
            for i in order {
                let px = l.x.mapping.position(s.x[i]), py = l.y.mapping.position(s.y[i])
                guard px.isFinite, py.isFinite else { continue }
                setColor(cr, map.color(at: (values[i] - r.lowerBound) / (r.upperBound - r.lowerBound)).withAlpha(s.opacity))
                dot(cr, px, py, s.pointRadius); cairo_fill(cr)
            }
        }
    }

    static func drawLines(_ cr: OpaquePointer, _ l: PanelLayout, _ series: [LineSeries]) {
        for s in series {
            setColor(cr, s.color); cairo_set_line_width(cr, s.width); dash(cr, s.dashed)
            cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
            var penDown = false
            var pts: [(Double, Double)] = []
            for (a, b) in zip(s.x, s.y) {
                let px = l.x.mapping.position(a), py = l.y.mapping.position(b)
                guard a.isFinite, b.isFinite, px.isFinite, py.isFinite else { penDown = false; continue }
                if penDown { cairo_line_to(cr, px, py) } else { cairo_move_to(cr, px, py); penDown = true }
                pts.append((px, py))
            }
            cairo_stroke(cr); dash(cr, false)
            if s.markers { for p in pts { dot(cr, p.0, p.1, s.width + 0.6) }; cairo_fill(cr) }
        }
    }
}
