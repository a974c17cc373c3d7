import Foundation

/// Perplexity calibration, exactly as scikit-learn's `_utils._binary_search_perplexity`.
///
/// For one point with squared distances d_j to its candidates, find the precision β such that
/// p_j = exp(−β d_j) / Σ exp(−β d_j) has entropy H = log Σ exp(−β d_j) + β Σ d_j p_j (nats)
/// equal to log(perplexity) within |H − log perplexity| ≤ 1e-5, by at most 100 steps of a
/// bisection that starts at β = 1 and doubles / halves while the bracket is open.
/// A zero normaliser is replaced by 1e-8, as in sklearn.
enum PerplexityCalibration {
    /// Entropy tolerance (nats), sklearn `PERPLEXITY_TOLERANCE`.
    static let tolerance = 1e-5
    /// Maximum bisection steps, sklearn `n_steps`.
    static let maximumSteps = 100

    /// Writes the conditional probabilities for `squaredDistances` into `p` (same count) and
    /// returns β.
    @discardableResult
    static func calibrate(_ squaredDistances: UnsafeBufferPointer<Double>, perplexity: Double,
                          into p: UnsafeMutableBufferPointer<Double>) -> Double {
        let k = squaredDistances.count
        let desiredEntropy = log(perplexity)
        var beta = 1.0, betaMin = -Double.infinity, betaMax = Double.infinity
        for _ in 0..<maximumSteps {
            var sumP = 0.0
            for j in 0..<k {
                let v = exp(-squaredDistances[j] * beta)
                p[j] = v
                sumP += v
            }
            if sumP == 0 { sumP = 1e-8 }
            var sumDP = 0.0
            let inv = 1.0 / sumP
            for j in 0..<k {
                p[j] *= inv
                sumDP += squaredDistances[j] * p[j]
            }
            let entropy = log(sumP) + beta * sumDP
            let diff = entropy - desiredEntropy
            if abs(diff) <= tolerance { break }
            if diff > 0 {
                betaMin = beta
                beta = betaMax == .infinity ? beta * 2 : (beta + betaMax) / 2
            } else {
                betaMax = beta
                beta = betaMin == -.infinity ? beta / 2 : (beta + betaMin) / 2
            }
        }
        return beta
    }
}
