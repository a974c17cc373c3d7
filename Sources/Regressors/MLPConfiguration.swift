/// Hyper-parameters of ``MLPRegressor``, named and defaulted as scikit-learn's `MLPRegressor`
/// with the authors' `hidden_layer_sizes=[64], max_iter=5000` (Docs/Protocol.md §6.5).
public struct MLPConfiguration: Sendable, Equatable, Codable {
    /// Widths of the hidden ReLU layers (scikit-learn `hidden_layer_sizes`).
    public var hiddenLayerSizes: [Int]
    /// Adam step size η (`learning_rate_init`).
    public var learningRate: Double
    /// Adam first-moment decay β₁ (`beta_1`).
    public var beta1: Double
    /// Adam second-moment decay β₂ (`beta_2`).
    public var beta2: Double
    /// Adam ε added to √v (`epsilon`).
    public var epsilon: Double
    /// L2 penalty α: the batch loss gains α/(2·B)·Σ‖W‖² over weight matrices (not biases),
    /// B the batch size (`alpha`).
    public var alpha: Double
    /// Mini-batch size; `nil` means scikit-learn's "auto", min(200, n).
    public var batchSize: Int?
    /// Maximum number of epochs (`max_iter`).
    public var maxIterations: Int
    /// Improvement threshold on the epoch training loss (`tol`).
    public var tolerance: Double
    /// Stop after more than this many consecutive epochs without an improvement of `tolerance`
    /// (`n_iter_no_change`).
    public var iterationsWithoutChange: Int
    /// Reshuffle the sample order every epoch (`shuffle`).
    public var shuffle: Bool
    /// Train with subnormal numbers flushed to zero (``FloatEnvironment``): not a scikit-learn
    /// option (it computes in double precision, where subnormals hardly arise); on by default
    /// because single-precision fits on XRD patterns otherwise spend most of their time in
    /// microcode assists on Intel cores.
    public var flushSubnormals: Bool

    /// scikit-learn's defaults except `hiddenLayerSizes` and `maxIterations`, which default to
    /// the authors' values ([64] and 5000).
    public init(hiddenLayerSizes: [Int] = [64], learningRate: Double = 1e-3, beta1: Double = 0.9,
                beta2: Double = 0.999, epsilon: Double = 1e-8, alpha: Double = 1e-4,
                batchSize: Int? = nil, maxIterations: Int = 5000, tolerance: Double = 1e-4,
                iterationsWithoutChange: Int = 10, shuffle: Bool = true, flushSubnormals: Bool = true) {
        self.hiddenLayerSizes = hiddenLayerSizes; self.learningRate = learningRate
        self.beta1 = beta1; self.beta2 = beta2; self.epsilon = epsilon; self.alpha = alpha
        self.batchSize = batchSize; self.maxIterations = maxIterations; self.tolerance = tolerance
        self.iterationsWithoutChange = iterationsWithoutChange; self.shuffle = shuffle
        self.flushSubnormals = flushSubnormals
    }

    /// The configuration the authors used: `MLPRegressor(hidden_layer_sizes=[64], max_iter=5000)`.
    public static let authors = MLPConfiguration()

    /// Throws ``RegressorError/invalidConfiguration(_:)`` for out-of-range values.
    public func validate() throws {
        func bad(_ s: String) -> RegressorError { .invalidConfiguration(s) }
        guard hiddenLayerSizes.allSatisfy({ $0 > 0 }) else { throw bad("hidden layer sizes must be positive") }
        guard learningRate > 0, learningRate.isFinite else { throw bad("learningRate must be > 0") }
        guard (0..<1).contains(beta1), (0..<1).contains(beta2) else { throw bad("beta1, beta2 must be in [0, 1)") }
        guard epsilon > 0, alpha >= 0 else { throw bad("epsilon must be > 0 and alpha ≥ 0") }
        if let b = batchSize, b < 1 { throw bad("batchSize must be ≥ 1") }
        guard maxIterations >= 1, iterationsWithoutChange >= 1 else {
            throw bad("maxIterations and iterationsWithoutChange must be ≥ 1")
        }
    }
}
