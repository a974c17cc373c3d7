import Foundation

/// The standard normal distribution.
public enum StandardNormal {
    /// Φ(z) = ½·erfc(−z/√2).
    public static func cdf(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }
    /// 1 − Φ(z) = ½·erfc(z/√2), accurate in the upper tail.
    public static func sf(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }
}
