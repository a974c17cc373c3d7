/// Names of the per-trial extras a fig 7 trial records (``TrialRecord/extra``): the test MAE of
/// both checkpoints, how training stopped, and the same under the budget probe's longer rule.
public enum TrialExtra {
    /// Test MAE of the last weights (the authors' figures) and of the best-validation weights.
    public static let maeLast = "maeLast", maeBest = "maeBest"
    /// Epochs trained, and the epoch of the best validation MAE.
    public static let epochs = "epochs", bestEpoch = "bestEpoch"
    /// The ceiling in epochs for this trial's training-set size.
    public static let ceiling = "ceiling"
    /// 1 when the validation rule stopped training, 0 when the ceiling did.
    public static let stoppedByRule = "stoppedByRule"
    /// Lowest validation MAE seen.
    public static let bestValidationMAE = "bestValidationMAE"
    /// The same, under the budget probe's longer rule (present on probed trials only).
    public static func probe(_ key: String) -> String { "probe." + key }
}

/// How one pretraining run (a DIM model or a donor) ended, for the convergence table.
public struct TrainingRunRecord: Codable, Equatable, Sendable {
    /// e.g. `dim-synthetic`, `donor gap`.
    public var model: String
    /// Epochs trained and the ceiling.
    public var epochs: Int, ceiling: Int
    /// `patience` (stopped by the validation rule) or `maxEpochs` (the ceiling).
    public var stopReason: String
    /// The epoch whose weights were kept.
    public var selectedEpoch: Int
    /// The selection criterion at that epoch (validation DIM loss, local + global, or validation MAE).
    public var criterion: Double
    /// Under the budget probe's longer rule, when probed: epochs, stop reason, criterion.
    public var probeEpochs: Int?, probeStopReason: String?, probeCriterion: Double?

    public init(model: String, epochs: Int, ceiling: Int, stopReason: String, selectedEpoch: Int, criterion: Double,
                probeEpochs: Int? = nil, probeStopReason: String? = nil, probeCriterion: Double? = nil) {
        self.model = model; self.epochs = epochs; self.ceiling = ceiling; self.stopReason = stopReason
        self.selectedEpoch = selectedEpoch; self.criterion = criterion
        self.probeEpochs = probeEpochs; self.probeStopReason = probeStopReason; self.probeCriterion = probeCriterion
    }
}
