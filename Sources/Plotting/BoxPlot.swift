import Statistics

/// Which way boxes run.
public enum BoxOrientation: Equatable, Sendable {
    /// Values along x, one row per box, the first box at the top.
    case horizontal
    /// Values along y, one column per box, the first box at the left.
    case vertical
}

/// How far whiskers reach: Statistics' rule (`.minMax`, the authors' `whis=1e8`, or
/// `.tukey(factor:)`), so the figures and the report's box numbers follow one definition.
public typealias WhiskerRule = Statistics.WhiskerRule

/// One box: a labelled set of values with optional pairing keys and an optional reference value.
public struct Box: Equatable, Sendable {
    /// Category label shown on the category axis.
    public var label: String
    /// Outline, fill (at 18 % opacity) and dot colour.
    public var color: Color
    /// Finite values (non-finite ones are ignored when drawing and exported as-is to CSV).
    public var values: [Double]
    /// Pairing key of each value (e.g. the trial index); same count as `values`, or empty.
    /// Values with equal keys in neighbouring boxes are joined when ``BoxPlot/joinPairs`` is on.
    public var keys: [String]
    /// A reference value drawn as a diamond on the box's centre line (e.g. the paper's median).
    public var reference: Double?

    public init(label: String, color: Color, values: [Double], keys: [String] = [], reference: Double? = nil) {
        precondition(keys.isEmpty || keys.count == values.count, "box \(label): \(keys.count) keys for \(values.count) values")
        self.label = label; self.color = color; self.values = values; self.keys = keys; self.reference = reference
    }
}

/// A group of boxes sharing one value axis.
///
/// Box: Q1 to Q3 with a line at the median; quantiles are numpy's default (linear interpolation,
/// Hyndman–Fan type 7: q(p) = x₍ⱼ₎ + (h − j)(x₍ⱼ₊₁₎ − x₍ⱼ₎), h = (n − 1)p, j = ⌊h⌋, sorted x, 0-based).
/// Whiskers follow ``whiskers``. Every value is drawn as a dot, offset across the box by a
/// deterministic low-discrepancy jitter (golden-ratio sequence over the value's index), so two
/// renders are identical and dots rarely overlap.
public struct BoxPlot: Equatable, Sendable {
    /// Which way the boxes run.
    public var orientation: BoxOrientation
    /// Boxes in display order.
    public var boxes: [Box]
    /// How far whiskers reach.
    public var whiskers: WhiskerRule
    /// Join values with equal keys in neighbouring boxes (not across a separator) with thin grey lines.
    public var joinPairs: Bool
    /// Dashed separator lines drawn after these box indices (0-based), e.g. between groups of arms.
    public var separatorsAfter: [Int]
    /// Legend text of the reference diamonds (e.g. "paper median"); used when any box has a reference.
    public var referenceLabel: String
    /// Dot radius in points.
    public var dotRadius: Double
    /// How far references may stretch an auto-ranged value axis: a reference farther than
    /// `referenceReach × (max − min of the values)` beyond the values does not widen the axis and is
    /// drawn instead as a red triangle at the plot edge, pointing outwards, labelled with its value
    /// (3 significant digits). nil: every reference widens the axis.
    public var referenceReach: Double?

    public init(orientation: BoxOrientation = .horizontal, boxes: [Box], whiskers: WhiskerRule = .minMax,
                joinPairs: Bool = false, separatorsAfter: [Int] = [], referenceLabel: String = "reference",
                dotRadius: Double = 1.6, referenceReach: Double? = nil) {
        self.orientation = orientation; self.boxes = boxes; self.whiskers = whiskers; self.joinPairs = joinPairs
        self.separatorsAfter = separatorsAfter; self.referenceLabel = referenceLabel; self.dotRadius = dotRadius
        self.referenceReach = referenceReach
    }

    /// Whether some reference lies beyond ``referenceReach`` (and is drawn as an edge triangle on an auto axis).
    public var hasReferencesOutOfReach: Bool {
        guard let (lo, hi) = reachBounds else { return false }
        return boxes.contains { box in box.reference.map { $0.isFinite && ($0 < lo || $0 > hi) } ?? false }
    }

    /// [min − reach·span, max + reach·span] of the finite values; nil without values or reach.
    var reachBounds: (Double, Double)? {
        guard let reach = referenceReach else { return nil }
        let v = boxes.flatMap(\.values).filter { $0.isFinite }
        guard let lo = v.min(), let hi = v.max() else { return nil }
        let span = hi > lo ? hi - lo : max(abs(lo) * 0.1, 1e-12)
        return (lo - reach * span, hi + reach * span)
    }

    /// Values the value axis must show besides the box values: the references in reach (see
    /// ``referenceReach``), plus, on each side where a reference is out of reach, a point 25 % of the
    /// values' span beyond them, which leaves an empty strip for the edge triangle and its label.
    public var referenceExtents: [Double] {
        let refs = boxes.compactMap(\.reference).filter { $0.isFinite }
        guard let reach = referenceReach else { return refs }
        let v = boxes.flatMap(\.values).filter { $0.isFinite }
        guard let lo = v.min(), let hi = v.max() else { return refs }
        let span = hi > lo ? hi - lo : max(abs(lo) * 0.1, 1e-12)
        var out = refs.filter { $0 >= lo - reach * span && $0 <= hi + reach * span }
        if refs.contains(where: { $0 > hi + reach * span }) { out.append(hi + 0.25 * span) }
        if refs.contains(where: { $0 < lo - reach * span }) { out.append(lo - 0.25 * span) }
        return out
    }
}

/// The five numbers a box draws.
public struct BoxSummary: Equatable, Sendable {
    /// End of the lower whisker (see ``WhiskerRule``).
    public var lowerWhisker: Double
    /// First quartile (type-7 quantile at 0.25).
    public var q1: Double
    /// Median (type-7 quantile at 0.5).
    public var median: Double
    /// Third quartile (type-7 quantile at 0.75).
    public var q3: Double
    /// End of the upper whisker (see ``WhiskerRule``).
    public var upperWhisker: Double

    /// Summary of the finite values in `values` under `rule`; nil when there are none.
    public init?(values: [Double], rule: WhiskerRule) {
        let x = values.filter { $0.isFinite }.sorted()
        guard !x.isEmpty else { return nil }
        let b = BoxStatistics(x, rule: rule)
        q1 = b.q1; median = b.median; q3 = b.q3
        lowerWhisker = b.whiskerLow; upperWhisker = b.whiskerHigh
    }

    /// Linear-interpolation quantile (numpy default) of sorted, non-empty `x` at p ∈ [0, 1].
    public static func quantile(sorted x: [Double], _ p: Double) -> Double { Quantile.linear(sorted: x, p) }
}

/// Deterministic jitter: the i-th value's offset in [−1, 1], from the golden-ratio sequence
/// frac(0.5 + i·φ⁻¹)·2 − 1 (low discrepancy: consecutive values spread evenly).
public func boxJitter(_ i: Int) -> Double {
    let g = 0.6180339887498949
    let f = (0.5 + Double(i) * g).truncatingRemainder(dividingBy: 1)
    return f * 2 - 1
}
