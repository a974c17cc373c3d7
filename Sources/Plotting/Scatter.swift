/// A scatter of points coloured by class or by a continuous value.
public struct ScatterPlot: Equatable, Sendable {
    /// Horizontal coordinates.
    public var x: [Double]
    /// Vertical coordinates (same count as x).
    public var y: [Double]
    /// Point identifiers exported to CSV (may be empty).
    public var ids: [String]
    /// How each point gets its colour.
    public var coloring: ScatterColoring
    /// Dot radius in points.
    public var pointRadius: Double
    /// Dot opacity.
    public var opacity: Double
    /// One data unit is the same length on both axes (auto-ranged linear axes only): the axis whose
    /// data span is smaller relative to its length is widened about its centre.
    public var equalAspect: Bool

    public init(x: [Double], y: [Double], ids: [String] = [], coloring: ScatterColoring,
                pointRadius: Double = 1.3, opacity: Double = 0.8, equalAspect: Bool = false) {
        precondition(x.count == y.count, "scatter: \(x.count) x values for \(y.count) y values")
        precondition(ids.isEmpty || ids.count == x.count, "scatter: \(ids.count) ids for \(x.count) points")
        self.x = x; self.y = y; self.ids = ids; self.coloring = coloring
        self.pointRadius = pointRadius; self.opacity = opacity; self.equalAspect = equalAspect
    }
}

/// How scatter points get their colour.
public enum ScatterColoring: Equatable, Sendable {
    /// `classes[i]` indexes `names` and `colors`. Classes are drawn largest first, so the smallest
    /// (minority) class is on top; within a class, points keep their input order.
    case categorical(classes: [Int], names: [String], colors: [Color])
    /// `values[i]` mapped through `map` over `range` (nil: the finite min…max of the values);
    /// a colour bar labelled `label` (with units) is drawn to the right of the plot area.
    case continuous(values: [Double], label: String, map: ColorMap, range: ClosedRange<Double>?)
}

extension ScatterPlot {
    /// The order points are drawn in (see ``ScatterColoring``).
    public var drawOrder: [Int] {
        guard case let .categorical(classes, names, _) = coloring else { return Array(x.indices) }
        var counts = [Int](repeating: 0, count: names.count)
        for c in classes where c >= 0 && c < counts.count { counts[c] += 1 }
        // Larger classes first; ties by class index; then by point index (stable).
        return x.indices.sorted { a, b in
            let ca = classes[a], cb = classes[b]
            let na = counts.indices.contains(ca) ? counts[ca] : 0, nb = counts.indices.contains(cb) ? counts[cb] : 0
            if na != nb { return na > nb }
            if ca != cb { return ca < cb }
            return a < b
        }
    }

    /// The colour range of a continuous colouring (nil for categorical or no finite values).
    public var colorRange: ClosedRange<Double>? {
        guard case let .continuous(values, _, _, range) = coloring else { return nil }
        if let range { return range }
        let f = values.filter { $0.isFinite }
        guard let lo = f.min(), let hi = f.max() else { return nil }
        return lo < hi ? lo...hi : (lo - 0.5)...(hi + 0.5)
    }
}
