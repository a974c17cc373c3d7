/// A dense row-major matrix of `Float`: element (r, c) is `data[r * cols + c]`.
///
/// The only tensor type of the engine. Products go through ``BLAS/gemm(_:_:into:transA:transB:alpha:beta:)``
/// (OpenBLAS `cblas_sgemm`); elementwise kernels are plain loops over `data`.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public var rows: Int
    /// Number of columns.
    public var cols: Int
    /// The `rows · cols` elements, row after row.
    public var data: [Float]

    /// A `rows × cols` matrix of zeros.
    public init(rows: Int, cols: Int) {
        self.rows = rows; self.cols = cols
        data = [Float](repeating: 0, count: rows * cols)
    }

    /// A `rows × cols` matrix filled with `value`.
    public init(rows: Int, cols: Int, repeating value: Float) {
        self.rows = rows; self.cols = cols
        data = [Float](repeating: value, count: rows * cols)
    }

    /// A matrix over existing row-major elements (`data.count == rows · cols`).
    public init(rows: Int, cols: Int, data: [Float]) {
        precondition(data.count == rows * cols, "Matrix: \(data.count) elements for \(rows)×\(cols)")
        self.rows = rows; self.cols = cols; self.data = data
    }

    /// Number of elements.
    @inlinable public var count: Int { rows * cols }

    /// Element (r, c).
    @inlinable public subscript(r: Int, c: Int) -> Float {
        get { data[r * cols + c] }
        set { data[r * cols + c] = newValue }
    }

    /// The rows listed in `indices`, in that order (a gather).
    public func gatherRows(_ indices: [Int32]) -> Matrix {
        var out = Matrix(rows: indices.count, cols: cols)
        let c = cols
        data.withUnsafeBufferPointer { src in
            out.data.withUnsafeMutableBufferPointer { dst in
                for (k, r) in indices.enumerated() {
                    let s = src.baseAddress! + Int(r) * c, d = dst.baseAddress! + k * c
                    for j in 0..<c { d[j] = s[j] }
                }
            }
        }
        return out
    }

    /// Sum of squares of all elements (in Double).
    public var squaredNorm: Double { data.reduce(0.0) { $0 + Double($1) * Double($1) } }

    /// True when every element is finite.
    public var isFinite: Bool { data.allSatisfy { $0.isFinite } }
}
