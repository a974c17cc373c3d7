/// Settings of a t-SNE run. Defaults are scikit-learn's (`sklearn.manifold.TSNE`) with the
/// authors' choices `init="pca"`, `learning_rate="auto"` (Docs/Protocol.md §7); the authors' perplexity
/// was 1000.
public struct TSNEConfiguration: Sendable, Equatable {
    /// How the gradient of the KL divergence is computed.
    public enum Method: Sendable, Equatable {
        /// Exact O(n²) gradient with the dense P over all pairs (sklearn `method="exact"`).
        case exact
        /// Barnes–Hut O(n log n) gradient: P restricted to the ⌊3·perplexity + 1⌋ nearest
        /// neighbours, the repulsion summarised by a quadtree with opening angle `angle`
        /// (sklearn `method="barnes_hut"`, its default).
        case barnesHut
        /// `exact` when n ≤ `exactMaximumPoints`, else `barnesHut`.
        case automatic
    }

    /// Initial embedding.
    public enum Initialisation: Sendable, Equatable {
        /// The first two principal components, scaled so PC1 has standard deviation 1e-4
        /// (sklearn `init="pca"`; sign convention: the largest-|·| loading of each component is
        /// positive, as sklearn ≥ 1.5's `svd_flip(u_based_decision=False)`). Draws nothing.
        case pca
        /// i.i.d. N(0, 1e-4²) coordinates drawn from the seed's stream (sklearn `init="random"`).
        case random
    }

    /// Learning rate η.
    public enum LearningRate: Sendable, Equatable {
        /// η = max(n / earlyExaggeration / 4, 50) (sklearn `learning_rate="auto"`).
        case automatic
        /// A fixed η.
        case fixed(Double)
    }

    /// Target perplexity 2^H(P_i) of every conditional distribution. Values above (n − 1)/3 are
    /// clamped to max((n − 1)/3, 1) (see ``TSNEResult/notes``); must be > 0.
    public var perplexity: Double = 30
    /// Factor on P during the first `explorationIterations` iterations (sklearn 12).
    public var earlyExaggeration: Double = 12
    /// Learning rate (sklearn `"auto"`).
    public var learningRate: LearningRate = .automatic
    /// Total gradient steps (sklearn `max_iter`, formerly `n_iter`, 1000).
    public var maxIterations: Int = 1000
    /// Iterations with early exaggeration and momentum 0.5 (sklearn `_EXPLORATION_MAX_ITER` 250).
    public var explorationIterations: Int = 250
    /// Momentum during exploration (0.5) and afterwards (0.8).
    public var initialMomentum: Double = 0.5, finalMomentum: Double = 0.8
    /// Gain update: +0.2 where the update and the gradient disagree in sign, ×0.8 otherwise,
    /// clipped below at `minimumGain` (0.01).
    public var minimumGain: Double = 0.01
    /// Stop the second phase when the KL (checked every `checkInterval` iterations) has not
    /// improved for more than this many iterations (sklearn `n_iter_without_progress` 300).
    public var iterationsWithoutProgress: Int = 300
    /// Stop when ‖gains ⊙ ∇‖₂ ≤ this at a check (sklearn `min_grad_norm` 1e-7).
    public var minimumGradientNorm: Double = 1e-7
    /// The KL divergence is evaluated every this many iterations and at the last one
    /// (sklearn `_N_ITER_CHECK` 50).
    public var checkInterval: Int = 50
    /// Barnes–Hut opening angle θ: a cell of width w at squared distance d² from a point is
    /// summarised by its centre of mass when w²/d² < θ² (sklearn `angle` 0.5).
    public var angle: Double = 0.5
    /// Gradient method (default: exact for small n, Barnes–Hut otherwise).
    public var method: Method = .automatic
    /// Largest n for which `.automatic` uses the exact gradient.
    public var exactMaximumPoints: Int = 200
    /// Initialisation (sklearn ≥ 1.2 default and the authors' choice: PCA).
    public var initialisation: Initialisation = .pca
    /// Worker threads. Results do not depend on it (fixed work partition and reduction order).
    public var threads: Int = 2

    /// The defaults above, with the given perplexity.
    public init(perplexity: Double = 30) { self.perplexity = perplexity }
}
