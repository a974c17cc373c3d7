import Foundation
import Randomness

/// A confidence interval.
public struct ConfidenceInterval: Codable, Equatable, Sendable {
    public var lower: Double
    public var upper: Double
    /// Coverage the interval actually has: the attained level of an exact interval (the discrete
    /// null distribution rarely hits the nominal level exactly), or the nominal level of a bootstrap.
    public var level: Double
    /// The level that was asked for (e.g. 0.95); nil in documents written before it was recorded.
    public var nominal: Double?
    /// How the interval was made (e.g. "exact, Walsh averages", "percentile bootstrap"); nil when unknown.
    public var method: String?
    public init(lower: Double, upper: Double, level: Double, nominal: Double? = nil, method: String? = nil) {
        self.lower = lower; self.upper = upper; self.level = level; self.nominal = nominal; self.method = method
    }
    /// Whether `x` lies in [lower, upper].
    public func contains(_ x: Double) -> Bool { x >= lower && x <= upper }

    enum CodingKeys: String, CodingKey { case lower, upper, level, nominal, method }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        lower = try c.decodeNonFinite(.lower); upper = try c.decodeNonFinite(.upper)
        level = try c.decode(Double.self, forKey: .level)
        nominal = try c.decodeIfPresent(Double.self, forKey: .nominal)
        method = try c.decodeIfPresent(String.self, forKey: .method)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeNonFinite(lower, .lower); try c.encodeNonFinite(upper, .upper)
        try c.encode(level, forKey: .level)
        try c.encodeIfPresent(nominal, forKey: .nominal)
        try c.encodeIfPresent(method, forKey: .method)
    }
}

/// Seeded percentile bootstrap.
///
/// Draw B resamples (with replacement, indices from a ``RandomStream`` via `index(below:)`),
/// compute the statistic on each, and take the type-7 quantiles at (1 − level)/2 and
/// (1 + level)/2 of the B values. Same stream ⇒ same interval, bit for bit. With B = 2000 the
/// Monte-Carlo error of a 95 % bound is roughly ±0.5 percentile points of the bootstrap
/// distribution. Resamples whose statistic is NaN are dropped.
public enum Bootstrap {
    /// Percentile CI of `statistic` over resamples of one sample (or of paired differences).
    public static func percentileCI(_ values: [Double], resamples b: Int = 2000, level: Double = 0.95,
                                    stream: RandomStream, statistic: ([Double]) -> Double) -> ConfidenceInterval {
        var rng = stream
        let n = values.count
        guard n > 0, b > 0 else { return ConfidenceInterval(lower: .nan, upper: .nan, level: level) }
        var stats: [Double] = []
        stats.reserveCapacity(b)
        var sample = [Double](repeating: 0, count: n)
        for _ in 0..<b {
            for i in 0..<n { sample[i] = values[rng.index(below: n)] }
            let s = statistic(sample)
            if !s.isNaN { stats.append(s) }
        }
        return interval(stats, level)
    }

    /// Percentile CI of `statistic(x*, y*)` where x* and y* are resampled independently
    /// (for unpaired comparisons).
    public static func percentileCI(_ x: [Double], _ y: [Double], resamples b: Int = 2000, level: Double = 0.95,
                                    stream: RandomStream,
                                    statistic: ([Double], [Double]) -> Double) -> ConfidenceInterval {
        var rng = stream
        guard !x.isEmpty, !y.isEmpty, b > 0 else { return ConfidenceInterval(lower: .nan, upper: .nan, level: level) }
        var stats: [Double] = []
        stats.reserveCapacity(b)
        var xs = x, ys = y
        for _ in 0..<b {
            for i in xs.indices { xs[i] = x[rng.index(below: x.count)] }
            for i in ys.indices { ys[i] = y[rng.index(below: y.count)] }
            let s = statistic(xs, ys)
            if !s.isNaN { stats.append(s) }
        }
        return interval(stats, level)
    }

    static func interval(_ stats: [Double], _ level: Double) -> ConfidenceInterval {
        guard !stats.isEmpty else { return ConfidenceInterval(lower: .nan, upper: .nan, level: level) }
        let s = stats.sorted()
        return ConfidenceInterval(lower: Quantile.linear(sorted: s, (1 - level) / 2),
                                  upper: Quantile.linear(sorted: s, (1 + level) / 2), level: level,
                                  nominal: level, method: "percentile bootstrap, \(s.count) resamples")
    }
}
