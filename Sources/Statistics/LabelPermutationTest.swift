import Foundation
import Randomness

/// A permutation test that moves a binary label between units (here: structures) and keeps every
/// other relation between the units fixed, so whatever dependence the statistic has through those
/// relations (e.g. a shared neighbourhood graph) is carried into its null distribution.
///
/// H₀: the labels are exchangeable over the units (every arrangement of the m labelled units among
/// the N is equally likely). With T the statistic of the observed labels and T₁…T_B its values under
/// rearrangements, the two-sided p is
///
///     p = min(1, 2·min(#{Tᵦ ≥ T}, #{Tᵦ ≤ T}) / B)            (exhaustive: all C(N, m) arrangements)
///     p = min(1, 2·min(1 + #{Tᵦ ≥ T}, 1 + #{Tᵦ ≤ T}) / (B + 1))   (Monte Carlo: B random ones)
///
/// Exhaustive enumeration is used when C(N, m) ≤ `resamples`, else B = `resamples` uniform random
/// arrangements (partial Fisher–Yates from a keyed ``RandomStream``; same stream ⇒ same p). The
/// Monte-Carlo p has a standard error of about √(p(1 − p)/B) and never falls below 2/(B + 1).
/// A statistic that is NaN on the observed labels (e.g. no labelled unit) gives p = NaN.
public enum LabelPermutationTest {
    public struct Result: Equatable, Sendable {
        /// The statistic on the observed labels.
        public var observed: Double
        /// Mean of the statistic over the rearrangements (its null expectation).
        public var nullMean: Double
        /// Two-sided p.
        public var p: Double
        /// Rearrangements evaluated and whether they were all of them.
        public var arrangements: Int
        public var exhaustive: Bool
    }

    /// Runs the test; `statistic` receives a label vector of the same length and number of `true`s.
    public static func run(labels: [Bool], resamples: Int, stream: RandomStream,
                           statistic: ([Bool]) -> Double) -> Result {
        let n = labels.count, m = labels.filter { $0 }.count
        let observed = statistic(labels)
        guard !observed.isNaN else {
            return Result(observed: .nan, nullMean: .nan, p: .nan, arrangements: 0, exhaustive: false)
        }
        var ge = 0, le = 0, sum = 0.0, count = 0
        func tally(_ t: Double) {
            // A relative tolerance so that rearrangements equal to the observed value up to rounding count as ties.
            let tol = 1e-12 * Swift.max(1, Swift.abs(observed))
            if t >= observed - tol { ge += 1 }
            if t <= observed + tol { le += 1 }
            sum += t; count += 1
        }
        let total = binomial(n, m)
        if total <= Double(resamples) {
            // Every m-subset in lexicographic order.
            var idx = Array(0..<m)
            var buffer = [Bool](repeating: false, count: n)
            while true {
                for i in 0..<n { buffer[i] = false }
                for i in idx { buffer[i] = true }
                tally(statistic(buffer))
                var k = m - 1
                while k >= 0 && idx[k] == n - m + k { k -= 1 }
                if k < 0 { break }
                idx[k] += 1
                for j in (k + 1)..<Swift.max(k + 1, m) { idx[j] = idx[j - 1] + 1 }
            }
            let p = Swift.min(1, 2 * Double(Swift.min(ge, le)) / Double(count))
            return Result(observed: observed, nullMean: sum / Double(count), p: p, arrangements: count, exhaustive: true)
        }
        var rng = stream
        var buffer = [Bool](repeating: false, count: n)
        for _ in 0..<resamples {
            for i in 0..<n { buffer[i] = false }
            for i in rng.sample(m, from: n) { buffer[i] = true }
            tally(statistic(buffer))
        }
        let p = Swift.min(1, 2 * Double(Swift.min(ge, le) + 1) / Double(resamples + 1))
        return Result(observed: observed, nullMean: sum / Double(count), p: p, arrangements: resamples, exhaustive: false)
    }

    /// C(n, k) as a Double (∞ when it overflows).
    static func binomial(_ n: Int, _ k: Int) -> Double {
        guard k >= 0 && k <= n else { return 0 }
        var r = 1.0
        for i in 0..<Swift.min(k, n - k) { r = r * Double(n - i) / Double(i + 1) }
        return r.rounded()
    }
}
