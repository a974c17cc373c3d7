import Randomness

/// A fully connected layer y = x·W + b, with W stored `[in, out]` row-major.
///
/// Backward (given dy): dW += xᵀ·dy, db += Σ_rows dy, dx = dy·Wᵀ — all by sgemm.
public struct Linear: Sendable {
    /// Weight, shape `[input, output]`.
    public let weight: Parameter
    /// Bias, shape `[output]`.
    public let bias: Parameter
    /// Input width.
    public var input: Int { weight.shape[0] }
    /// Output width.
    public var output: Int { weight.shape[1] }

    /// A layer with PyTorch's default initialisation (U(±1/√input) for weight and bias), drawn
    /// from `rng`: weight first, then bias. Parameters are named `<name>.weight`, `<name>.bias`.
    public init(_ name: String, _ input: Int, _ output: Int, rng: inout RandomStream) {
        weight = .uniform(name: name + ".weight", shape: [input, output], fanIn: input, rng: &rng)
        bias = .uniform(name: name + ".bias", shape: [output], fanIn: input, rng: &rng)
    }

    /// The two parameters.
    public var parameters: [Parameter] { [weight, bias] }

    /// y = x·W + b.
    public func forward(_ x: Matrix) -> Matrix {
        precondition(x.cols == input, "\(weight.name): input has \(x.cols) columns, expected \(input)")
        var y = Matrix(rows: x.rows, cols: output)
        forward(x, into: &y)
        return y
    }

    /// y = x·W + b written into `y` (x.rows × output).
    public func forward(_ x: Matrix, into y: inout Matrix) {
        let n = output, k = input
        y.data.withUnsafeMutableBufferPointer { yp in
            bias.value.withUnsafeBufferPointer { b in
                OpProfile.measure(.elementwise) { Kernels.fillRows(yp.baseAddress!, rows: x.rows, cols: n, ld: n, with: b.baseAddress!) }
            }
            x.data.withUnsafeBufferPointer { xp in
                weight.value.withUnsafeBufferPointer { w in
                    Gemm.run(m: x.rows, n: n, k: k, xp.baseAddress!, lda: k, transA: false,
                              w.baseAddress!, ldb: n, transB: false, yp.baseAddress!, ldc: n, alpha: 1, beta: 1)
                }
            }
        }
    }

    /// Accumulates dW and db from the input `x` and output gradient `dy`; returns dx = dy·Wᵀ
    /// when `inputGradient` is true.
    @discardableResult
    public func backward(input x: Matrix, outputGradient dy: Matrix, inputGradient: Bool = true) -> Matrix? {
        precondition(dy.rows == x.rows && dy.cols == output && x.cols == input)
        let n = output, k = input, m = x.rows
        x.data.withUnsafeBufferPointer { xp in
            dy.data.withUnsafeBufferPointer { dp in
                weight.grad.withUnsafeMutableBufferPointer { gw in
                    Gemm.run(m: k, n: n, k: m, xp.baseAddress!, lda: k, transA: true,
                              dp.baseAddress!, ldb: n, transB: false, gw.baseAddress!, ldc: n, alpha: 1, beta: 1)
                }
                bias.grad.withUnsafeMutableBufferPointer { gb in
                    OpProfile.measure(.elementwise) { Kernels.addColumnSums(dp.baseAddress!, rows: m, cols: n, ld: n, into: gb.baseAddress!) }
                }
            }
        }
        guard inputGradient else { return nil }
        var dx = Matrix(rows: m, cols: k)
        dy.data.withUnsafeBufferPointer { dp in
        weight.value.withUnsafeBufferPointer { w in
        dx.data.withUnsafeMutableBufferPointer { xp in
            Gemm.run(m: m, n: k, k: n, dp.baseAddress!, lda: n, transA: false, w.baseAddress!, ldb: n, transB: true,
                     xp.baseAddress!, ldc: k)
        }}}
        return dx
    }
}
