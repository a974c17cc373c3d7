import Foundation

/// Descriptive statistics of one sample (one arm's trials).
///
/// - `mean` = Σx/n; `sd` is the sample standard deviation with ddof = 1,
///   √(Σ(x − mean)²/(n − 1)) (NaN when n < 2);
/// - `q1`, `median`, `q3` are numpy-default (type-7) quantiles at 0.25, 0.5, 0.75
///   (see ``Quantile``); `iqr` = q3 − q1.
public struct SampleSummary: Codable, Equatable, Sendable {
    public var n: Int
    public var mean: Double
    public var sd: Double
    public var min: Double
    public var q1: Double
    public var median: Double
    public var q3: Double
    public var max: Double
    /// Interquartile range q3 − q1.
    public var iqr: Double { q3 - q1 }

    /// Summarises `values` (NaN fields for an empty sample).
    public init(_ values: [Double]) {
        let s = values.sorted()
        n = s.count
        guard n > 0 else {
            mean = .nan; sd = .nan; min = .nan; q1 = .nan; median = .nan; q3 = .nan; max = .nan
            return
        }
        mean = s.reduce(0, +) / Double(n)
        if n > 1 {
            let m = mean
            sd = (s.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot()
        } else {
            sd = .nan
        }
        min = s[0]; max = s[n - 1]
        q1 = Quantile.linear(sorted: s, 0.25)
        median = Quantile.linear(sorted: s, 0.5)
        q3 = Quantile.linear(sorted: s, 0.75)
    }

    enum CodingKeys: String, CodingKey { case n, mean, sd, min, q1, median, q3, max, iqr }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        n = try c.decode(Int.self, forKey: .n)
        mean = try c.decodeNonFinite(.mean); sd = try c.decodeNonFinite(.sd)
        min = try c.decodeNonFinite(.min); q1 = try c.decodeNonFinite(.q1)
        median = try c.decodeNonFinite(.median); q3 = try c.decodeNonFinite(.q3); max = try c.decodeNonFinite(.max)
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(n, forKey: .n)
        try c.encodeNonFinite(mean, .mean); try c.encodeNonFinite(sd, .sd); try c.encodeNonFinite(min, .min)
        try c.encodeNonFinite(q1, .q1); try c.encodeNonFinite(median, .median); try c.encodeNonFinite(q3, .q3)
        try c.encodeNonFinite(max, .max); try c.encodeNonFinite(iqr, .iqr)
    }
}

extension KeyedDecodingContainer {
    /// Decodes a Double written by `encodeNonFinite` (null ⇒ NaN).
    func decodeNonFinite(_ key: Key) throws -> Double {
        try decodeIfPresent(Double.self, forKey: key) ?? .nan
    }
}

extension KeyedEncodingContainer {
    /// Encodes a Double, writing NaN and ±∞ as null (JSON has no NaN).
    mutating func encodeNonFinite(_ value: Double, _ key: Key) throws {
        if value.isFinite { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
}
