/// Why a training run stopped with a failure.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    /// A loss term became NaN or ±∞ (the run is stopped; the report shows it).
    case nonFinite(epoch: Int, term: String, phase: String, value: Double)
    /// The inputs cannot be trained on (too few crystals, mismatched targets, …).
    case invalidInput(String)

    /// One line naming the file or the epoch and what went wrong.
    public var description: String {
        switch self {
        case .nonFinite(let e, let t, let p, let v): return "training diverged: \(t) loss is \(v) in \(p) at epoch \(e)"
        case .invalidInput(let m): return "invalid training input: \(m)"
        }
    }
}

/// Why a training run ended normally.
public enum StopReason: String, Sendable, Codable, Equatable {
    /// The maximum number of epochs was reached.
    case maxEpochs
    /// The validation criterion did not improve for `patience` epochs.
    case patience
}
