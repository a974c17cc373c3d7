/// The output of ``TSNE/embed(_:seed:progress:)``.
public struct TSNEResult: Sendable {
    /// n rows of 2 coordinates.
    public var embedding: [[Double]]
    /// KL(P‖Q) at the last gradient evaluation, computed like sklearn's `kl_divergence_`:
    /// exact: Σ_{i≠j} p_ij log(max(p_ij, ε)/q_ij) over all pairs; Barnes–Hut: the same sum over
    /// the sparse (nearest-neighbour) P with q_ij = (1 + ‖y_i − y_j‖²)⁻¹ / Z, Z from the tree.
    public var klDivergence: Double
    /// Gradient steps performed (sklearn's `n_iter_` + 1; 1000 for a full default run).
    public var iterations: Int
    /// The perplexity actually used (after any clamp).
    public var perplexity: Double
    /// Whether the Barnes–Hut gradient was used.
    public var usedBarnesHut: Bool
    /// Human-readable notes, e.g. that the perplexity was clamped.
    public var notes: [String]
}

/// Progress of a run, reported to the `progress` closure on the calling thread.
public struct TSNEProgress: Sendable {
    /// The stage: `"neighbours"`, `"affinities"`, `"optimise"`.
    public var stage: String
    /// Iterations done (optimise stage) or 0.
    public var iteration: Int
    /// Total iterations planned.
    public var totalIterations: Int
    /// The KL divergence at the last check, if any.
    public var klDivergence: Double?
}

/// Errors from bad input or settings.
public enum TSNEError: Error, Equatable, CustomStringConvertible {
    /// Fewer than 2 points.
    case tooFewPoints(Int)
    /// A row whose length differs from the first row's.
    case raggedRow(row: Int, expected: Int, found: Int)
    /// A NaN or infinite value.
    case nonFinite(row: Int, column: Int)
    /// Perplexity ≤ 0 or not finite.
    case invalidPerplexity(Double)
    /// All points identical (PCA initialisation undefined).
    case degenerateInput
    /// A setting outside its domain.
    case invalidSetting(String)

    public var description: String {
        switch self {
        case .tooFewPoints(let n): return "t-SNE needs at least 2 points, got \(n)"
        case let .raggedRow(r, e, f): return "row \(r + 1) has \(f) values, expected \(e)"
        case let .nonFinite(r, c): return "row \(r + 1), column \(c + 1): value is not a finite number"
        case .invalidPerplexity(let p): return "perplexity must be a positive number, got \(p)"
        case .degenerateInput: return "all points are identical: PCA initialisation is undefined (use random initialisation)"
        case .invalidSetting(let s): return s
        }
    }
}
