/// Mean absolute error, MAE = (1/n) Σᵢ |yᵢ − ŷᵢ| (scikit-learn `mean_absolute_error`),
/// summed in Double in index order. Throws on a length mismatch or an empty input.
public func meanAbsoluteError(_ truth: [Double], _ predicted: [Double]) throws -> Double {
    guard truth.count == predicted.count else {
        throw RegressorError.shapeMismatch(rows: predicted.count, targets: truth.count)
    }
    guard !truth.isEmpty else { throw RegressorError.tooFewRows(needed: 1, found: 0) }
    var s = 0.0
    for i in truth.indices { s += abs(truth[i] - predicted[i]) }
    return s / Double(truth.count)
}
