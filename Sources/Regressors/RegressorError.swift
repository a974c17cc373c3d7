/// Why a regressor or scaler refused its input or failed to fit.
///
/// Every case names the offending row/column so the runner can record a clear, one-line
/// failure for the trial instead of crashing.
public enum RegressorError: Error, Equatable, CustomStringConvertible, Sendable {
    /// A row of the feature matrix has a different length from the first row.
    case raggedRows(row: Int, expected: Int, found: Int)
    /// The number of targets differs from the number of feature rows.
    case shapeMismatch(rows: Int, targets: Int)
    /// Prediction input has a different number of features from the training input.
    case featureCountMismatch(expected: Int, found: Int)
    /// A feature value is NaN or infinite.
    case nonFiniteFeature(row: Int, column: Int)
    /// A target value is NaN or infinite.
    case nonFiniteTarget(row: Int)
    /// Fitting needs at least this many rows.
    case tooFewRows(needed: Int, found: Int)
    /// `predict` or `transform` was called before `fit`.
    case notFitted
    /// LAPACK returned a non-zero `info`.
    case lapackFailure(routine: String, info: Int)
    /// The training loss became NaN or infinite (a diverged fit), at this epoch (1-based).
    case diverged(epoch: Int)
    /// A configuration value is out of range.
    case invalidConfiguration(String)

    /// One line naming what was wrong and where.
    public var description: String {
        switch self {
        case let .raggedRows(row, expected, found):
            return "feature row \(row) has \(found) values, expected \(expected) like row 0"
        case let .shapeMismatch(rows, targets):
            return "\(rows) feature rows but \(targets) targets"
        case let .featureCountMismatch(expected, found):
            return "input has \(found) features, the model was fitted on \(expected)"
        case let .nonFiniteFeature(row, column):
            return "feature row \(row), column \(column) is NaN or infinite"
        case let .nonFiniteTarget(row):
            return "target \(row) is NaN or infinite"
        case let .tooFewRows(needed, found):
            return "fitting needs at least \(needed) rows, got \(found)"
        case .notFitted:
            return "the model has not been fitted"
        case let .lapackFailure(routine, info):
            return "LAPACK \(routine) failed with info = \(info)"
        case let .diverged(epoch):
            return "training loss became NaN or infinite at epoch \(epoch)"
        case let .invalidConfiguration(text):
            return "invalid configuration: \(text)"
        }
    }
}
