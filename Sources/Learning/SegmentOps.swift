/// Softmax within contiguous segments of a vector: segment s covers `offsets[s] ..< offsets[s+1]`
/// (the neighbours j of one site i, stored ragged so padding is never materialised):
/// α_k = exp(a_k − max_seg a) / Σ_seg exp(a − max_seg a).
///
/// Backward: dα → da_k = α_k·(dα_k − Σ_seg α·dα). An empty segment has no entries.
public enum SegmentSoftmax {
    /// In-place softmax of `values` within each segment.
    public static func forward(_ values: inout [Float], offsets: [Int32]) {
        values.withUnsafeMutableBufferPointer { v in
            offsets.withUnsafeBufferPointer { o in forward(v.baseAddress!, offsets: o.baseAddress!, segments: o.count - 1) }
        }
    }

    /// In-place softmax on raw storage.
    public static func forward(_ v: UnsafeMutablePointer<Float>, offsets o: UnsafePointer<Int32>, segments: Int) {
        for s in 0..<segments {
            let a = Int(o[s]), b = Int(o[s + 1])
            if a >= b { continue }
            var m = -Float.infinity
            for k in a..<b { m = Swift.max(m, v[k]) }
            var z: Float = 0
            for k in a..<b { let e = FastMath.exp(v[k] - m); v[k] = e; z += e }
            let inv = 1 / z
            for k in a..<b { v[k] *= inv }
        }
    }

    /// Given α (the forward output) and dα, overwrites `grad` with d(logits).
    public static func backward(_ alpha: UnsafePointer<Float>, _ grad: UnsafeMutablePointer<Float>,
                                offsets o: UnsafePointer<Int32>, segments: Int) {
        for s in 0..<segments {
            let a = Int(o[s]), b = Int(o[s + 1])
            var dot: Float = 0
            for k in a..<b { dot += alpha[k] * grad[k] }
            for k in a..<b { grad[k] = alpha[k] * (grad[k] - dot) }
        }
    }

    /// Array form of ``backward(_:_:offsets:segments:)``: returns d(logits).
    public static func backward(alpha: [Float], outputGradient: [Float], offsets: [Int32]) -> [Float] {
        var g = outputGradient
        alpha.withUnsafeBufferPointer { a in
            g.withUnsafeMutableBufferPointer { gp in
                offsets.withUnsafeBufferPointer { o in backward(a.baseAddress!, gp.baseAddress!, offsets: o.baseAddress!, segments: o.count - 1) }
            }
        }
        return g
    }

    /// Softmax along each row of a padded `rows × cols` grid, over the entries whose `valid` flag
    /// is true (the authors' −∞ mask); masked entries get α = 0. A row with no valid entry is all 0.
    public static func maskedForward(_ logits: Matrix, valid: [Bool]) -> Matrix {
        var out = Matrix(rows: logits.rows, cols: logits.cols)
        for r in 0..<logits.rows {
            var m = -Float.infinity
            for j in 0..<logits.cols where valid[r * logits.cols + j] { m = Swift.max(m, logits[r, j]) }
            if m == -.infinity { continue }
            var z: Float = 0
            for j in 0..<logits.cols where valid[r * logits.cols + j] {
                let e = FastMath.exp(logits[r, j] - m); out[r, j] = e; z += e
            }
            for j in 0..<logits.cols { out[r, j] /= z }
        }
        return out
    }

    /// Backward of ``maskedForward(_:valid:)`` (masked entries have α = 0 and get no gradient).
    public static func maskedBackward(alpha: Matrix, outputGradient dy: Matrix) -> Matrix {
        var dx = Matrix(rows: alpha.rows, cols: alpha.cols)
        for r in 0..<alpha.rows {
            var dot: Float = 0
            for j in 0..<alpha.cols { dot += alpha[r, j] * dy[r, j] }
            for j in 0..<alpha.cols { dx[r, j] = alpha[r, j] * (dy[r, j] - dot) }
        }
        return dx
    }
}

/// Mean over contiguous row segments: output row s = mean of rows `offsets[s] ..< offsets[s+1]`
/// (the unique sites of crystal s, PyTorch-scatter `segment_csr(…, "mean")`).
/// Backward: each input row of segment s receives dy[s]/|s|.
public enum SegmentMean {
    /// Segment means of the rows of `x`.
    public static func forward(_ x: Matrix, offsets: [Int32]) -> Matrix {
        OpProfile.measure(.segment) { forwardUnmeasured(x, offsets: offsets) }
    }

    static func forwardUnmeasured(_ x: Matrix, offsets: [Int32]) -> Matrix {
        let c = x.cols, n = offsets.count - 1
        var y = Matrix(rows: n, cols: c)
        x.data.withUnsafeBufferPointer { xp in
            y.data.withUnsafeMutableBufferPointer { yp in
                for s in 0..<n {
                    let a = Int(offsets[s]), b = Int(offsets[s + 1])
                    let yr = yp.baseAddress! + s * c
                    for r in a..<b { let xr = xp.baseAddress! + r * c; for j in 0..<c { yr[j] += xr[j] } }
                    let inv = b > a ? 1 / Float(b - a) : 0
                    for j in 0..<c { yr[j] *= inv }
                }
            }
        }
        return y
    }

    /// dx for the rows of `x` (rows = offsets.last) from dy (one row per segment).
    public static func backward(outputGradient dy: Matrix, offsets: [Int32]) -> Matrix {
        OpProfile.measure(.segment) { backwardUnmeasured(outputGradient: dy, offsets: offsets) }
    }

    static func backwardUnmeasured(outputGradient dy: Matrix, offsets: [Int32]) -> Matrix {
        let c = dy.cols, n = offsets.count - 1
        var dx = Matrix(rows: Int(offsets[n]), cols: c)
        dy.data.withUnsafeBufferPointer { dp in
            dx.data.withUnsafeMutableBufferPointer { xp in
                for s in 0..<n {
                    let a = Int(offsets[s]), b = Int(offsets[s + 1])
                    guard b > a else { continue }
                    let inv = 1 / Float(b - a), d = dp.baseAddress! + s * c
                    for r in a..<b { let xr = xp.baseAddress! + r * c; for j in 0..<c { xr[j] = d[j] * inv } }
                }
            }
        }
        return dx
    }
}
