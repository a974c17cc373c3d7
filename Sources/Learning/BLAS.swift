import CBLAS

/// Matrix products and BLAS thread control, over OpenBLAS `cblas_sgemm` (row-major).
public enum BLAS {
    /// C ← α·op(A)·op(B) + β·C on raw row-major storage: op(A) is m×k, op(B) is k×n, C is m×n,
    /// with leading dimensions `lda`, `ldb`, `ldc` (elements between consecutive rows).
    @inline(__always)
    public static func gemm(m: Int, n: Int, k: Int,
                            _ a: UnsafePointer<Float>, lda: Int, transA: Bool,
                            _ b: UnsafePointer<Float>, ldb: Int, transB: Bool,
                            _ c: UnsafeMutablePointer<Float>, ldc: Int,
                            alpha: Float = 1, beta: Float = 0) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 { for r in 0..<m { for j in 0..<n { c[r * ldc + j] = 0 } } }
            else if beta != 1 { for r in 0..<m { for j in 0..<n { c[r * ldc + j] *= beta } } }
            return
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// C ← α·op(A)·op(B) + β·C for whole matrices (shapes are checked).
    public static func gemm(_ a: Matrix, _ b: Matrix, into c: inout Matrix,
                            transA: Bool = false, transB: Bool = false, alpha: Float = 1, beta: Float = 0) {
        let m = transA ? a.cols : a.rows, k = transA ? a.rows : a.cols
        let kb = transB ? b.cols : b.rows, n = transB ? b.rows : b.cols
        precondition(k == kb && c.rows == m && c.cols == n, "gemm shapes: op(A) \(m)×\(k), op(B) \(kb)×\(n), C \(c.rows)×\(c.cols)")
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                c.data.withUnsafeMutableBufferPointer { pc in
                    gemm(m: m, n: n, k: k, pa.baseAddress!, lda: a.cols, transA: transA,
                         pb.baseAddress!, ldb: b.cols, transB: transB, pc.baseAddress!, ldc: n, alpha: alpha, beta: beta)
                }
            }
        }
    }

    /// op(A)·op(B) as a new matrix.
    public static func matmul(_ a: Matrix, _ b: Matrix, transA: Bool = false, transB: Bool = false) -> Matrix {
        var c = Matrix(rows: transA ? a.cols : a.rows, cols: transB ? b.rows : b.cols)
        gemm(a, b, into: &c, transA: transA, transB: transB)
        return c
    }

    /// Sets the number of OpenBLAS threads for the whole process and returns the count now in
    /// effect. Results of sgemm depend on it, so fix it once per job (1 when trainings run side
    /// by side, as the runner does) and record it. The one place the package sets it.
    @discardableResult
    public static func setThreads(_ n: Int) -> Int {
        openblas_set_num_threads(Int32(n))
        return threads
    }

    /// The current number of OpenBLAS threads.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// The OpenBLAS kernel in use (e.g. "Zen", "Haswell"), `openblas_get_corename()`: for the run
    /// record and part of every store key.
    public static var coreName: String { String(cString: openblas_get_corename()) }
}

extension BLAS {
    /// The kernel in use and where it came from, e.g. `Haswell (pinned by the portable kernel policy)`.
    public static var kernelDescription: String {
        "\(coreName) (\(BLASKernelPolicy.currentSource().phrase))"
    }
}
