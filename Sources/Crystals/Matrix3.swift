/// A 3×3 matrix of doubles stored as rows; the small linear algebra the lattice code needs.
public struct Matrix3: Equatable, Sendable {
    /// Row vectors.
    public var rows: [SIMD3<Double>]

    /// A matrix from its three rows.
    public init(_ r0: SIMD3<Double>, _ r1: SIMD3<Double>, _ r2: SIMD3<Double>) { rows = [r0, r1, r2] }

    /// A matrix from a row array (3 rows).
    public init(rows: [SIMD3<Double>]) { precondition(rows.count == 3); self.rows = rows }

    /// The identity.
    public static let identity = Matrix3(SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1))

    /// Diagonal matrix.
    public static func diagonal(_ d: SIMD3<Double>) -> Matrix3 {
        Matrix3(SIMD3(d.x, 0, 0), SIMD3(0, d.y, 0), SIMD3(0, 0, d.z))
    }

    /// Element (i, j).
    public subscript(i: Int, j: Int) -> Double {
        get { rows[i][j] }
        set { rows[i][j] = newValue }
    }

    /// Column j.
    public func column(_ j: Int) -> SIMD3<Double> { SIMD3(rows[0][j], rows[1][j], rows[2][j]) }

    /// Transpose.
    public var transposed: Matrix3 { Matrix3(column(0), column(1), column(2)) }

    /// Determinant.
    public var determinant: Double { dot(rows[0], cross(rows[1], rows[2])) }

    /// Inverse by the adjugate: A⁻¹ = adj(A)/det A (rows of the inverse's transpose are the
    /// cross products of pairs of rows).
    public var inverse: Matrix3 {
        let d = determinant
        let c0 = cross(rows[1], rows[2]) / d, c1 = cross(rows[2], rows[0]) / d, c2 = cross(rows[0], rows[1]) / d
        return Matrix3(c0, c1, c2).transposed
    }

    /// Matrix product A·B.
    public static func * (a: Matrix3, b: Matrix3) -> Matrix3 {
        Matrix3(rows: a.rows.map { r in r.x * b.rows[0] + r.y * b.rows[1] + r.z * b.rows[2] })
    }

    /// Row vector times matrix: v·A.
    public static func * (v: SIMD3<Double>, a: Matrix3) -> SIMD3<Double> {
        v.x * a.rows[0] + v.y * a.rows[1] + v.z * a.rows[2]
    }

    /// Matrix times column vector: A·v.
    public static func * (a: Matrix3, v: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(dot(a.rows[0], v), dot(a.rows[1], v), dot(a.rows[2], v))
    }

    /// Each element rounded to the nearest integer (halves away from zero, like `rint` except ties).
    public var rounded: Matrix3 { Matrix3(rows: rows.map { $0.rounded(.toNearestOrEven) }) }
}
