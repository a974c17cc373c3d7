import Foundation

/// Where box-plot whiskers end.
public enum WhiskerRule: Codable, Equatable, Sendable {
    /// Whiskers at the sample minimum and maximum: the authors' `whis=1e8` in matplotlib.
    case minMax
    /// Tukey's rule: the most extreme data points within `factor`·IQR beyond the quartiles
    /// (matplotlib's default is 1.5); points beyond are outliers.
    case tukey(factor: Double)

    /// One sentence for the report.
    public var description: String {
        switch self {
        case .minMax: return "whiskers at the minimum and maximum (the authors' whis=1e8)"
        case .tukey(let f): return "whiskers at the most extreme points within \(f)·IQR of the quartiles"
        }
    }
}

/// The five numbers of one box (type-7 quartiles) plus the points beyond the whiskers.
public struct BoxStatistics: Codable, Equatable, Sendable {
    public var q1: Double
    public var median: Double
    public var q3: Double
    public var whiskerLow: Double
    public var whiskerHigh: Double
    /// Values beyond the whiskers (always empty for ``WhiskerRule/minMax``).
    public var outliers: [Double]

    /// Box statistics of `values` under `rule` (default: the authors' min/max whiskers).
    /// Precondition: `values` is not empty.
    public init(_ values: [Double], rule: WhiskerRule = .minMax) {
        precondition(!values.isEmpty, "box statistics of an empty sample")
        let s = values.sorted()
        q1 = Quantile.linear(sorted: s, 0.25)
        median = Quantile.linear(sorted: s, 0.5)
        q3 = Quantile.linear(sorted: s, 0.75)
        switch rule {
        case .minMax:
            whiskerLow = s.first!; whiskerHigh = s.last!; outliers = []
        case .tukey(let f):
            let lo = q1 - f * (q3 - q1), hi = q3 + f * (q3 - q1)
            let inside = s.filter { $0 >= lo && $0 <= hi }
            whiskerLow = inside.first ?? q1
            whiskerHigh = inside.last ?? q3
            outliers = s.filter { $0 < lo || $0 > hi }
        }
    }
}
