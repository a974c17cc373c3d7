import Crystals
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The paper's 128-d XRD feature: matminer 0.7.4 `XRDPowderPattern()` (Docs/Protocol.md §6.3).
///
/// The pattern's peaks (`XRDCalculator`, 2θ ∈ [0°, 127°]) become a sample in which peak p's 2θ
/// appears c_p = ⌊I_p⌋ times (I scaled to 100). A Gaussian KDE with scipy's
/// `gaussian_kde(bw_method=0.05)` semantics is fitted: with n = Σ c_p samples, mean μ and
/// unbiased variance σ̂² = Σ c_p (x_p − μ)² / (n − 1), the kernel variance is h² = (0.05 σ̂)²; the
/// density
///
///     ρ(x) = Σ_p (c_p / n) · exp(−(x − x_p)² / (2h²)) / √(2π h²)
///
/// is evaluated at x_i = 127·i/127, i = 0…127 (`linspace(0, 127, 128)`). Evaluated per distinct
/// peak rather than per repeated sample: the same sum, within rounding (~1e-15 relative).
public struct XRDPattern: Sendable {
    /// Number of values: 127 − 0 + 1 (matminer's `pattern_length`).
    public static let length = 128
    /// scipy `bw_method` (the kernel standard deviation is this factor times the sample's).
    public static let bandwidthFactor = 0.05

    /// The diffraction calculator (matminer's defaults: Cu Kα, 2θ ≤ 127°).
    public var calculator: XRDCalculator

    /// A featuriser with the given calculator.
    public init(calculator: XRDCalculator = XRDCalculator()) { self.calculator = calculator }

    /// The 128 KDE values of the pattern of `s`. Throws `FeaturizerError` as
    /// `XRDCalculator.pattern` does, or `.degeneratePattern` when fewer than two samples or
    /// zero spread remain (scipy's `gaussian_kde` raises on these, and the authors dropped them).
    public func vector(_ s: Structure) throws -> [Double] {
        try XRDPattern.vector(peaks: calculator.pattern(s), maxTwoTheta: calculator.maxTwoTheta)
    }

    /// The 128 KDE values of given peaks on linspace(0, maxTwoTheta, 128).
    public static func vector(peaks: [XRDPeak], maxTwoTheta: Double = 127) throws -> [Double] {
        var xs: [Double] = [], counts: [Double] = []
        var n = 0
        for p in peaks {
            let c = Int(p.intensity)  // Python int(): truncation toward zero
            if c > 0 { xs.append(p.twoTheta); counts.append(Double(c)); n += c }
        }
        guard n >= 2 else { throw FeaturizerError.degeneratePattern(samples: n) }
        let total = Double(n)
        var mean = 0.0
        for i in xs.indices { mean += counts[i] * xs[i] }
        mean /= total
        var ss = 0.0
        for i in xs.indices { let d = xs[i] - mean; ss += counts[i] * d * d }
        let variance = ss / (total - 1) * bandwidthFactor * bandwidthFactor
        guard variance > 0, variance.isFinite else { throw FeaturizerError.degeneratePattern(samples: n) }
        let norm = 1 / (total * (2 * Double.pi * variance).squareRoot())
        let half = -0.5 / variance
        var out = [Double](repeating: 0, count: length)
        for i in 0..<length {
            let x = maxTwoTheta * Double(i) / Double(length - 1)
            var sum = 0.0
            for p in xs.indices { let d = x - xs[p]; sum += counts[p] * exp(half * d * d) }
            out[i] = sum * norm
        }
        return out
    }
}
