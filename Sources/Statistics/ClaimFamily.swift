import Foundation

/// The decision for one claim that several comparisons ("cases") must bear out, each in a stated
/// direction, with the claim's cases as its own multiplicity family.
///
/// Each case has a two-sided p, a shift estimate and a minimum effect δ ≥ 0 fixed before the data:
/// - a case **supports** when p < α, the shift has the claimed sign and |shift| ≥ δ;
/// - the claim **holds** when every case supports. This is an intersection–union test of
///   H₀ = ∪ᵢ H₀ᵢ ("some case fails"): rejecting it at level α needs each H₀ᵢ rejected at level α,
///   with no adjustment (Berger 1982), because the union null is false only if all of them are;
/// - a case **opposes** when its Holm-adjusted p (Holm's step-down over this claim's cases only)
///   is < α, the shift has the other sign and |shift| ≥ δ; the claim is **opposed** when any case
///   opposes (family-wise error ≤ α over the claim's cases);
/// - a significant shift smaller than δ neither supports nor opposes.
/// A missing case (no data) cannot support; it does not count in the Holm family.
public enum ClaimFamily {
    /// One case of a claim.
    public struct Case: Equatable, Sendable {
        /// Two-sided p (NaN when the case has no data).
        public var p: Double
        /// Estimated shift A − B.
        public var shift: Double
        /// True when the claim says the shift is negative (A lower), false when positive.
        public var claimedNegative: Bool
        /// Smallest |shift| that counts as an effect.
        public var minimumEffect: Double
        public init(p: Double, shift: Double, claimedNegative: Bool, minimumEffect: Double) {
            self.p = p; self.shift = shift; self.claimedNegative = claimedNegative; self.minimumEffect = minimumEffect
        }
    }

    /// The claim's outcome.
    public enum Outcome: String, Sendable { case holds, opposed, undecided }

    /// Per-case findings and the claim's outcome.
    public struct Decision: Equatable, Sendable {
        public var outcome: Outcome
        public var supports: [Bool]
        public var opposes: [Bool]
        /// Holm-adjusted p over the claim's cases (NaN for missing cases).
        public var pHolm: [Double]
        /// Significant (p < α) in either direction but smaller than the minimum effect.
        public var belowMinimumEffect: [Bool]
    }

    public static func decide(_ cases: [Case], alpha: Double) -> Decision {
        let holm = Holm.adjust(cases.map(\.p))
        var supports: [Bool] = [], opposes: [Bool] = [], small: [Bool] = []
        for (c, ph) in zip(cases, holm) {
            let big = c.shift.isFinite && abs(c.shift) >= c.minimumEffect
            let claimed = c.claimedNegative ? c.shift < 0 : c.shift > 0
            let other = c.claimedNegative ? c.shift > 0 : c.shift < 0
            supports.append(c.p < alpha && claimed && big)
            opposes.append(ph < alpha && other && big)
            small.append(c.p < alpha && !big && c.shift.isFinite)
        }
        let outcome: Outcome = opposes.contains(true) ? .opposed
            : (!cases.isEmpty && !supports.contains(false)) ? .holds : .undecided
        return Decision(outcome: outcome, supports: supports, opposes: opposes, pHolm: holm, belowMinimumEffect: small)
    }
}
