import Foundation
import Randomness

/// t-distributed stochastic neighbour embedding into 2-D with scikit-learn's semantics
/// (`sklearn.manifold.TSNE`, checked against scikit-learn 1.9.1; the authors used 1.0, whose
/// optimiser is the same).
///
/// Steps: (1) perplexity calibration per point by bisection on the precision (entropy
/// tolerance 1e-5 nats, ≤ 100 steps) over all other points (exact) or the
/// k = min(n − 1, ⌊3·perplexity + 1⌋) nearest neighbours (Barnes–Hut); (2) symmetric
/// P = (C + Cᵀ)/Σ; (3) initial embedding (PCA scaled to PC1 std 1e-4, or N(0, 1e-4²));
/// (4) gradient descent with momentum and gains:
/// gains ← gains + 0.2 where update·∇ < 0, else gains·0.8, clipped at 0.01 (update and gains
/// restart at 0 and 1 at the start of each phase, as sklearn's);
/// update ← μ·update − η·(gains ⊙ ∇); y ← y + update;
/// first `explorationIterations` (250) steps with P×12 and μ = 0.5, then up to
/// `maxIterations` (1000) in total with μ = 0.8. Every `checkInterval` (50) steps the KL is
/// evaluated: a phase stops when ‖gains ⊙ ∇‖ ≤ 1e-7 or (second phase) when the KL has not
/// improved for more than 300 steps. The reported KL is that of the last gradient evaluation.
///
/// Perplexity above max((n − 1)/3, 1) is clamped to that value (so the 3·perplexity neighbours
/// exist), with a note in ``TSNEResult/notes``; sklearn instead errors only when perplexity ≥ n.
///
/// Determinism: the same input, configuration and seed give the same bits whatever
/// ``TSNEConfiguration/threads`` is (fixed work partition and reduction order).
public struct TSNE: Sendable {
    /// The settings.
    public var configuration: TSNEConfiguration

    /// A t-SNE with the given settings.
    public init(_ configuration: TSNEConfiguration = TSNEConfiguration()) { self.configuration = configuration }

    /// Embeds rows of `x` (n rows, all of the same length d ≥ 1) in 2-D.
    public func embed(_ x: [[Double]], seed: SeedPath,
                      progress: ((TSNEProgress) -> Void)? = nil) throws -> TSNEResult {
        guard let d = x.first?.count else { throw TSNEError.tooFewPoints(0) }
        var flat = [Double](); flat.reserveCapacity(x.count * d)
        for (r, row) in x.enumerated() {
            guard row.count == d else { throw TSNEError.raggedRow(row: r, expected: d, found: row.count) }
            flat.append(contentsOf: row)
        }
        return try embed(flat: flat, dimensions: d, seed: seed, progress: progress)
    }

    /// Embeds n = `flat.count / dimensions` points stored row-major in `flat`.
    public func embed(flat x: [Double], dimensions d: Int, seed: SeedPath,
                      progress: ((TSNEProgress) -> Void)? = nil) throws -> TSNEResult {
        let cfg = configuration
        guard d >= 1, x.count % d == 0 else {
            throw TSNEError.invalidSetting("t-SNE input: \(x.count) values do not form rows of \(d)")
        }
        let n = x.count / d
        guard n >= 2 else { throw TSNEError.tooFewPoints(n) }
        for (k, v) in x.enumerated() where !v.isFinite { throw TSNEError.nonFinite(row: k / d, column: k % d) }
        guard cfg.perplexity.isFinite, cfg.perplexity > 0 else { throw TSNEError.invalidPerplexity(cfg.perplexity) }
        guard cfg.maxIterations >= 1, cfg.explorationIterations >= 0, cfg.checkInterval >= 1,
              cfg.threads >= 1, cfg.angle >= 0, cfg.earlyExaggeration > 0 else {
            throw TSNEError.invalidSetting("t-SNE: invalid configuration \(cfg)")
        }
        var notes: [String] = []
        var perplexity = cfg.perplexity
        // (n − 1)/3 so that 3·perplexity neighbours exist; never below 1 (a perplexity below 1
        // is an unreachable negative entropy), which only matters for n < 4.
        let limit = max(Double(n - 1) / 3, 1)
        if perplexity > limit {
            notes.append("perplexity \(perplexity) is larger than max((n − 1)/3, 1) = \(limit) for n = \(n) points; clamped to \(limit)")
            perplexity = limit
        }
        let barnesHut: Bool
        switch cfg.method {
        case .exact: barnesHut = false
        case .barnesHut: barnesHut = true
        case .automatic: barnesHut = n > cfg.exactMaximumPoints
        }

        // Affinities.
        progress?(TSNEProgress(stage: barnesHut ? "neighbours" : "affinities", iteration: 0, totalIterations: cfg.maxIterations, klDivergence: nil))
        let objective: (_ y: [Double], _ exaggeration: Double, _ computeError: Bool, _ grad: inout [Double]) -> Double
        if barnesHut {
            let k = min(n - 1, Int(3 * perplexity + 1))
            let bh = BarnesHutGradient(p: Affinities.sparse(x, n: n, d: d, perplexity: perplexity, k: k, threads: cfg.threads),
                                       theta: cfg.angle, threads: cfg.threads)
            objective = { bh.evaluate($0, exaggeration: $1, computeError: $2, grad: &$3) }
        } else {
            let exact = ExactGradient(p: Affinities.dense(x, n: n, d: d, perplexity: perplexity, threads: cfg.threads),
                                      n: n, threads: cfg.threads)
            objective = { exact.evaluate($0, exaggeration: $1, computeError: $2, grad: &$3) }
        }

        // Initial embedding.
        var y: [Double]
        switch cfg.initialisation {
        case .pca: y = try PCAInitialisation.embed(x, n: n, d: d)
        case .random:
            var rng = seed.appending("tsne-init").stream()
            y = (0..<(2 * n)).map { _ in 1e-4 * rng.normal() }
        }

        let eta: Double
        switch cfg.learningRate {
        case .automatic: eta = max(Double(n) / cfg.earlyExaggeration / 4, 50)
        case .fixed(let v): eta = v
        }

        // Gradient descent, two phases as sklearn's `_tsne`.
        var update = [Double](repeating: 0, count: 2 * n)
        var gains = [Double](repeating: 1, count: 2 * n)
        var grad = [Double](repeating: 0, count: 2 * n)
        var lastError = Double.nan

        /// sklearn `_gradient_descent`: returns the index of the last iteration run.
        func descend(from start: Int, to stop: Int, momentum: Double, exaggeration: Double, withoutProgress: Int) -> Int {
            // sklearn's `_gradient_descent` starts each phase with zero update and unit gains.
            for t in 0..<(2 * n) { update[t] = 0; gains[t] = 1 }
            var bestError = Double.greatestFiniteMagnitude
            var bestIter = start
            var i = start
            while i < stop {
                let check = (i + 1) % cfg.checkInterval == 0
                let err = objective(y, exaggeration, check || i == stop - 1, &grad)
                if !err.isNaN { lastError = err }
                var norm2 = 0.0
                for t in 0..<(2 * n) {
                    if update[t] * grad[t] < 0 { gains[t] += 0.2 } else { gains[t] *= 0.8 }
                    if gains[t] < cfg.minimumGain { gains[t] = cfg.minimumGain }
                    let g = grad[t] * gains[t]
                    norm2 += g * g
                    update[t] = momentum * update[t] - eta * g
                    y[t] += update[t]
                }
                if check {
                    progress?(TSNEProgress(stage: "optimise", iteration: i + 1, totalIterations: cfg.maxIterations, klDivergence: err))
                    if err < bestError { bestError = err; bestIter = i }
                    else if i - bestIter > withoutProgress { break }
                    if norm2.squareRoot() <= cfg.minimumGradientNorm { break }
                }
                i += 1
            }
            return min(i, stop - 1)
        }
        let explore = min(cfg.explorationIterations, cfg.maxIterations)
        var it = explore > 0
            ? descend(from: 0, to: explore, momentum: cfg.initialMomentum, exaggeration: cfg.earlyExaggeration,
                      withoutProgress: explore)
            : -1
        if it < explore - 1 || cfg.maxIterations - explore > 0 {
            it = descend(from: it + 1, to: cfg.maxIterations, momentum: cfg.finalMomentum, exaggeration: 1,
                         withoutProgress: cfg.iterationsWithoutProgress)
        }
        if y.contains(where: { !$0.isFinite }) {
            throw TSNEError.invalidSetting("t-SNE diverged (non-finite coordinates); try a smaller learning rate")
        }
        let embedding = (0..<n).map { [y[2 * $0], y[2 * $0 + 1]] }
        return TSNEResult(embedding: embedding, klDivergence: lastError, iterations: it + 1,
                          perplexity: perplexity, usedBarnesHut: barnesHut, notes: notes)
    }
}
