import Foundation

/// Data extents of a panel's content, for auto ranges.
extension Panel {
    /// (min, max) of finite values along x and y, including reference lines and box references.
    /// For box plots the value axis gets the values; the category axis is handled separately.
    var dataExtents: (x: (Double, Double)?, y: (Double, Double)?) {
        var xs: [Double] = [], ys: [Double] = []
        switch content {
        case .boxes(let b):
            let v = b.boxes.flatMap(\.values) + b.referenceExtents
            if b.orientation == .horizontal { xs = v } else { ys = v }
        case .scatter(let s):
            xs = s.x; ys = s.y
        case .lines(let series):
            for s in series {
                let logY = yAxis.scale == .log
                for (a, b) in zip(s.x, s.y) where a.isFinite && b.isFinite && (!logY || b > 0) { xs.append(a); ys.append(b) }
            }
        }
        for r in referenceLines where r.value.isFinite { if r.horizontal { ys.append(r.value) } else { xs.append(r.value) } }
        func ext(_ a: [Double], log: Bool) -> (Double, Double)? {
            let f = a.filter { $0.isFinite && (!log || $0 > 0) }
            guard let lo = f.min(), let hi = f.max() else { return nil }
            return (lo, hi)
        }
        return (ext(xs, log: xAxis.scale == .log), ext(ys, log: yAxis.scale == .log))
    }

    /// Entries of the panel's own legend: line series, categorical classes, labelled reference lines,
    /// and the box reference marker.
    var legendEntries: [LegendEntry] {
        var e: [LegendEntry] = []
        switch content {
        case .lines(let series):
            e += series.map { LegendEntry(label: $0.name, swatch: .line($0.color, dashed: $0.dashed)) }
        case .scatter(let s):
            if case let .categorical(_, names, colors) = s.coloring {
                e += names.indices.map { LegendEntry(label: names[$0], swatch: .dot(colors[$0 % max(colors.count, 1)])) }
            }
        case .boxes(let b):
            if b.boxes.contains(where: { $0.reference != nil }) {
                e.append(LegendEntry(label: b.referenceLabel, swatch: .diamond(.red)))
            }
        }
        for r in referenceLines { if let l = r.label { e.append(LegendEntry(label: l, swatch: .line(r.color, dashed: r.dashed))) } }
        return e
    }
}
