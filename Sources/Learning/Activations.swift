/// mish(x) = x·tanh(softplus(x)) elementwise (Misra 2019), by ``FastMath/mish(_:)``
/// (relative error < 1e-6 against the libm formula). Backward: dx = dy·mish′(x).
public enum Mish {
    /// y = mish(x).
    public static func forward(_ x: Matrix) -> Matrix {
        var y = Matrix(rows: x.rows, cols: x.cols)
        x.data.withUnsafeBufferPointer { xp in
            y.data.withUnsafeMutableBufferPointer { yp in
                OpProfile.measure(.elementwise) { Kernels.mish(xp.baseAddress!, yp.baseAddress!, count: x.count) }
            }
        }
        return y
    }

    /// dx = dy ⊙ mish′(x), where `x` is the forward input.
    public static func backward(input x: Matrix, outputGradient dy: Matrix) -> Matrix {
        var dx = Matrix(rows: x.rows, cols: x.cols)
        x.data.withUnsafeBufferPointer { xp in
            dy.data.withUnsafeBufferPointer { dp in
                dx.data.withUnsafeMutableBufferPointer { op in
                    OpProfile.measure(.elementwise) { Kernels.mishBackward(xp.baseAddress!, dp.baseAddress!, op.baseAddress!, count: x.count) }
                }
            }
        }
        return dx
    }
}

/// relu(x) = max(x, 0) elementwise. Backward: dx = dy·[x > 0].
public enum ReLU {
    /// y = max(x, 0).
    public static func forward(_ x: Matrix) -> Matrix {
        Matrix(rows: x.rows, cols: x.cols, data: x.data.map { Swift.max($0, 0) })
    }

    /// dx = dy ⊙ [x > 0].
    public static func backward(input x: Matrix, outputGradient dy: Matrix) -> Matrix {
        var dx = dy
        for i in 0..<dx.count where !(x.data[i] > 0) { dx.data[i] = 0 }
        return dx
    }
}
