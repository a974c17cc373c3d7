import Foundation

/// How an axis maps data values to positions.
public enum ScaleKind: Equatable, Sendable {
    /// Position proportional to the value.
    case linear
    /// Position proportional to log10 of the value; values must be > 0 (non-positive ones are not drawn).
    case log
}

/// A resolved axis mapping: data interval `[lower, upper]` onto pixel interval `[start, end]`.
///
/// Linear: p = start + (v − lower)/(upper − lower)·(end − start).
/// Log: the same with log10 applied to v, lower and upper. A reversed axis swaps start and end.
public struct AxisMapping: Equatable, Sendable {
    /// Linear or log10.
    public var kind: ScaleKind
    /// Data value at `start`.
    public var lower: Double
    /// Data value at `end`.
    public var upper: Double
    /// Position (points) of `lower`.
    public var start: Double
    /// Position (points) of `upper`.
    public var end: Double

    /// A mapping; `lower < upper` (and both > 0 for log) is required.
    public init(kind: ScaleKind, lower: Double, upper: Double, start: Double, end: Double) {
        self.kind = kind; self.lower = lower; self.upper = upper; self.start = start; self.end = end
    }

    private func t(_ v: Double) -> Double {
        switch kind {
        case .linear: return (v - lower) / (upper - lower)
        case .log: return v > 0 ? (log10(v) - log10(lower)) / (log10(upper) - log10(lower)) : .nan
        }
    }

    /// The position of `v` (NaN when `v` cannot be shown on this scale).
    public func position(_ v: Double) -> Double { start + t(v) * (end - start) }

    /// Whether `v` lies inside the data interval (with a relative slack of 1e-9).
    public func contains(_ v: Double) -> Bool {
        let x = t(v)
        return x.isFinite && x >= -1e-9 && x <= 1 + 1e-9
    }
}
