/// A dense row-major matrix of features: `rows` samples × `columns` features, Double.
///
/// Built from nested arrays or a flat buffer; every initialiser checks the shape and that all
/// values are finite, throwing ``RegressorError`` naming the first bad row/column.
public struct FeatureMatrix: Sendable, Equatable {
    /// Number of samples.
    public let rows: Int
    /// Number of features.
    public let columns: Int
    /// Row-major values: element (i, j) is `values[i * columns + j]`.
    public let values: [Double]

    /// From a flat row-major buffer of `rows * columns` values.
    public init(rows: Int, columns: Int, values: [Double]) throws {
        guard rows >= 0, columns >= 0, values.count == rows * columns else {
            throw RegressorError.invalidConfiguration(
                "flat matrix of \(values.count) values is not \(rows) × \(columns)")
        }
        for (k, v) in values.enumerated() where !v.isFinite {
            throw RegressorError.nonFiniteFeature(row: k / max(columns, 1), column: k % max(columns, 1))
        }
        self.rows = rows; self.columns = columns; self.values = values
    }

    /// From one array per sample; all rows must have the same length.
    public init(_ x: [[Double]]) throws {
        let c = x.first?.count ?? 0
        var flat = [Double](); flat.reserveCapacity(x.count * c)
        for (i, row) in x.enumerated() {
            guard row.count == c else { throw RegressorError.raggedRows(row: i, expected: c, found: row.count) }
            flat.append(contentsOf: row)
        }
        try self.init(rows: x.count, columns: c, values: flat)
    }

    /// From one Float array per sample (e.g. encoder embeddings), widened to Double.
    public init(_ x: [[Float]]) throws {
        try self.init(x.map { $0.map(Double.init) })
    }

    /// Row `i` as an array.
    public func row(_ i: Int) -> ArraySlice<Double> { values[(i * columns)..<((i + 1) * columns)] }
}

/// Checks targets: one per row, all finite.
func validateTargets(_ y: [Double], rows: Int) throws {
    guard y.count == rows else { throw RegressorError.shapeMismatch(rows: rows, targets: y.count) }
    for (i, v) in y.enumerated() where !v.isFinite { throw RegressorError.nonFiniteTarget(row: i) }
}
