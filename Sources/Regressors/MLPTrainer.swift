import CBLAS
import Randomness

/// The mini-batch Adam loop behind `MLPRegressor.fit`, on manually
/// allocated Float buffers (one allocation per fit, freed by `deallocate()`).
///
/// Parameters live in one flat buffer laid out [W₀, W₁, …, b₀, b₁, …] so that Adam is a single
/// elementwise loop and ‖W‖² is one dot product over the weight prefix. W₀'s rows are stored
/// with the training-active input columns first (see ``MLPRegressor``), so the first-layer
/// products use only the leading `active` rows.
struct MLPTrainer {
    let configuration: MLPConfiguration
    let n: Int
    let widths: [Int]
    /// Input columns in storage order: active (non-zero somewhere in training) first.
    let columnOrder: [Int]
    /// Number of active input columns.
    let active: Int
    let batchSize: Int
    var stream: RandomStream

    let weightCount: Int
    let parameterCount: Int
    let weightOffset: [Int]
    let biasOffset: [Int]

    // Buffers.
    let xs: UnsafeMutablePointer<Float>          // n × active
    let ys: UnsafeMutablePointer<Float>          // n
    let xb: UnsafeMutablePointer<Float>          // B × max(active, 1)
    let yb: UnsafeMutablePointer<Float>          // B
    let act: [UnsafeMutablePointer<Float>]       // act[l] for l = 1…L: B × widths[l]
    let del: [UnsafeMutablePointer<Float>]       // del[l] for l = 1…L
    let p: UnsafeMutablePointer<Float>
    let g: UnsafeMutablePointer<Float>
    let m: UnsafeMutablePointer<Float>
    let v: UnsafeMutablePointer<Float>
    let ones: UnsafeMutablePointer<Float>        // B ones for bias-gradient sums

    private(set) var iterations = 0
    private(set) var lossCurve: [Double] = []
    private(set) var converged = false

    init(configuration: MLPConfiguration, x: FeatureMatrix, y: [Double], stream: RandomStream) {
        self.configuration = configuration
        self.stream = stream
        n = x.rows
        let d = x.columns
        widths = [d] + configuration.hiddenLayerSizes + [1]
        batchSize = min(configuration.batchSize ?? 200, n)

        var isActive = [Bool](repeating: false, count: d)
        for i in 0..<n { for j in 0..<d where x.values[i * d + j] != 0 { isActive[j] = true } }
        let activeColumns = (0..<d).filter { isActive[$0] }
        columnOrder = activeColumns + (0..<d).filter { !isActive[$0] }
        active = activeColumns.count

        var wo = [Int](), bo = [Int](), off = 0
        for l in 0..<(widths.count - 1) { wo.append(off); off += widths[l] * widths[l + 1] }
        weightCount = off
        for l in 0..<(widths.count - 1) { bo.append(off); off += widths[l + 1] }
        parameterCount = off
        weightOffset = wo; biasOffset = bo

        func alloc(_ c: Int) -> UnsafeMutablePointer<Float> {
            let q = UnsafeMutablePointer<Float>.allocate(capacity: max(c, 1))
            q.initialize(repeating: 0, count: max(c, 1))
            return q
        }
        xs = alloc(n * active); ys = alloc(n)
        xb = alloc(batchSize * max(active, 1)); yb = alloc(batchSize)
        let layerWidths = widths, rowsPerBatch = batchSize
        act = (1..<layerWidths.count).map { alloc(rowsPerBatch * layerWidths[$0]) }
        del = (1..<layerWidths.count).map { alloc(rowsPerBatch * layerWidths[$0]) }
        p = alloc(parameterCount); g = alloc(parameterCount)
        m = alloc(parameterCount); v = alloc(parameterCount)
        ones = alloc(batchSize)
        for i in 0..<batchSize { ones[i] = 1 }
        for i in 0..<n {
            for (r, j) in activeColumns.enumerated() { xs[i * active + r] = Float(x.values[i * d + j]) }
            ys[i] = Float(y[i])
        }
        initialiseParameters()
    }

    func deallocate() {
        for q in [xs, ys, xb, yb, p, g, m, v, ones] + act + del { q.deallocate() }
    }

    /// Glorot-uniform draws in scikit-learn's order (W₀ row-major, b₀, W₁, b₁, …); W₀'s rows
    /// are scattered to storage order.
    private mutating func initialiseParameters() {
        var storageRow = [Int](repeating: 0, count: widths[0])
        for (r, j) in columnOrder.enumerated() { storageRow[j] = r }
        for l in 0..<(widths.count - 1) {
            let fi = widths[l], fo = widths[l + 1]
            let bound = (6.0 / Double(fi + fo)).squareRoot()
            let w = p + weightOffset[l]
            for i in 0..<fi {
                let row = l == 0 ? storageRow[i] : i
                for c in 0..<fo { w[row * fo + c] = Float(stream.uniform(-bound, bound)) }
            }
            let b = p + biasOffset[l]
            for c in 0..<fo { b[c] = Float(stream.uniform(-bound, bound)) }
        }
    }

    /// Weights and biases with W₀'s rows back in the original feature order.
    func parametersInOriginalOrder() -> ([[Float]], [[Float]]) {
        var ws = [[Float]](), bs = [[Float]]()
        for l in 0..<(widths.count - 1) {
            let fi = widths[l], fo = widths[l + 1]
            var w = [Float](repeating: 0, count: fi * fo)
            let src = p + weightOffset[l]
            for r in 0..<fi {
                let row = l == 0 ? columnOrder[r] : r
                for c in 0..<fo { w[row * fo + c] = src[r * fo + c] }
            }
            ws.append(w)
            bs.append(Array(UnsafeBufferPointer(start: p + biasOffset[l], count: fo)))
        }
        return (ws, bs)
    }

    /// For tests: the batch loss ½·mean((ŷ − y)²) + α/(2B)·‖W‖² on the first `rows` training rows
    /// (in order) at the current parameters, leaving its gradient in `g`.
    mutating func batchLoss(rows: Int) -> Double {
        for r in 0..<rows {
            (xb + r * active).update(from: xs + r * active, count: active)
            yb[r] = ys[r]
        }
        let squaredError = forwardBackward(rows: rows)
        let w2 = cblas_dsdot(Int32(weightCount), p, 1, p, 1)
        return 0.5 * squaredError / Double(rows) + 0.5 * configuration.alpha * w2 / Double(rows)
    }

    /// Runs epochs until the tolerance rule or `maxIterations`.
    mutating func train() throws {
        let cfg = configuration
        var order = Array(0..<n)
        var best = Double.infinity
        var stale = 0
        var step = 0
        var b1t = 1.0, b2t = 1.0
        var weightSquares = cblas_dsdot(Int32(weightCount), p, 1, p, 1)
        lossCurve.reserveCapacity(min(cfg.maxIterations, 2048))
        for epoch in 1...cfg.maxIterations {
            if cfg.shuffle { shuffle(&order) }
            var accumulated = 0.0
            var start = 0
            while start < n {
                let rows = min(batchSize, n - start)
                for r in 0..<rows {
                    let src = order[start + r]
                    (xb + r * active).update(from: xs + src * active, count: active)
                    yb[r] = ys[src]
                }
                let squaredError = forwardBackward(rows: rows)
                let batchLoss = 0.5 * squaredError / Double(rows) + 0.5 * cfg.alpha * weightSquares / Double(rows)
                accumulated += batchLoss * Double(rows)
                // Adam.
                step += 1
                b1t *= cfg.beta1; b2t *= cfg.beta2
                let lr = Float(cfg.learningRate * (1 - b2t).squareRoot() / (1 - b1t))
                adam(lr: lr)
                weightSquares = cblas_dsdot(Int32(weightCount), p, 1, p, 1)
                start += rows
            }
            let loss = accumulated / Double(n)
            guard loss.isFinite else { iterations = epoch; throw RegressorError.diverged(epoch: epoch) }
            lossCurve.append(loss)
            iterations = epoch
            if loss > best - cfg.tolerance { stale += 1 } else { stale = 0 }
            if loss < best { best = loss }
            if stale > cfg.iterationsWithoutChange { converged = true; break }
        }
    }

    /// Fisher–Yates from the end with `RandomStream.index(below:)`: the same draws and swaps as
    /// `RandomStream.shuffle`, written here non-generically so it is not a generic call per swap.
    private mutating func shuffle(_ a: inout [Int]) {
        guard a.count > 1 else { return }
        a.withUnsafeMutableBufferPointer { q in
            for i in stride(from: q.count - 1, to: 0, by: -1) {
                let j = stream.index(below: i + 1)
                if i != j { let t = q[i]; q[i] = q[j]; q[j] = t }
            }
        }
    }

    /// One batch (rows already gathered into `xb`, `yb`): forward pass, output error, gradients
    /// into `g`. Returns Σ(ŷ − y)² in Double.
    func forwardBackward(rows: Int) -> Double {
        let layers = widths.count - 1
        let b = Int32(rows)
        // Forward.
        for l in 0..<layers {
            let fo = widths[l + 1]
            let fi = l == 0 ? active : widths[l]
            let input = l == 0 ? xb : act[l - 1]
            let z = act[l]
            let bias = p + biasOffset[l]
            for r in 0..<rows { (z + r * fo).update(from: bias, count: fo) }
            if fi > 0 {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, b, Int32(fo), Int32(fi),
                            1, input, Int32(fi), p + weightOffset[l], Int32(fo), 1, z, Int32(fo))
            }
            if l < layers - 1 {
                let count = rows * fo
                for i in 0..<count { z[i] = max(z[i], 0) }
            }
        }
        // Output error.
        let out = act[layers - 1], dOut = del[layers - 1]
        var squaredError = 0.0
        for r in 0..<rows {
            let e = out[r] - yb[r]
            dOut[r] = e
            squaredError += Double(e) * Double(e)
        }
        // Backward.
        let inverseB = 1 / Float(rows)
        let decay = Float(configuration.alpha) * inverseB
        for l in stride(from: layers - 1, through: 0, by: -1) {
            let fo = widths[l + 1]
            let fi = l == 0 ? active : widths[l]
            let input = l == 0 ? xb : act[l - 1]
            let delta = del[l]
            let w = p + weightOffset[l], gw = g + weightOffset[l]
            let count = widths[l] * fo
            for i in 0..<count { gw[i] = decay * w[i] }
            if fi > 0 {
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(fi), Int32(fo), b,
                            inverseB, input, Int32(fi), delta, Int32(fo), 1, gw, Int32(fo))
            }
            cblas_sgemv(CblasRowMajor, CblasTrans, b, Int32(fo), inverseB, delta, Int32(fo), ones, 1,
                        0, g + biasOffset[l], 1)
            if l > 0 {
                let below = del[l - 1], a = act[l - 1]
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, b, Int32(fi), Int32(fo),
                            1, delta, Int32(fo), w, Int32(fo), 0, below, Int32(fi))
                let c = rows * fi
                for i in 0..<c where a[i] <= 0 { below[i] = 0 }
            }
        }
        return squaredError
    }

    /// θ ← θ − lr·m/(√v + ε) after the moment updates, over every parameter. Eight lanes at a
    /// time with SIMD8 (the scalar loop is not vectorised by LLVM: four possibly aliasing
    /// pointers and a libm `sqrtf` call); each lane does exactly the scalar operations, all
    /// correctly rounded and without FMA contraction, so the result is the same bits either way.
    /// Debug builds (tests) take the scalar loop only: unspecialised SIMD code is ~100× slower
    /// there.
    private func adam(lr: Float) {
        let beta1 = Float(configuration.beta1), beta2 = Float(configuration.beta2)
        let c1 = 1 - beta1, c2 = 1 - beta2, eps = Float(configuration.epsilon)
        let p = self.p, g = self.g, m = self.m, v = self.v
        #if DEBUG
        let vectorEnd = 0
        #else
        let vectorEnd = parameterCount - parameterCount % 8
        #endif
        typealias V = SIMD8<Float>
        let rb1 = UnsafeMutableRawPointer(m), rb2 = UnsafeMutableRawPointer(v)
        let rp = UnsafeMutableRawPointer(p), rg = UnsafeRawPointer(g)
        var i = 0
        while i < vectorEnd {
            let o = i * 4
            let gi = rg.loadUnaligned(fromByteOffset: o, as: V.self)
            let mi = beta1 * rb1.loadUnaligned(fromByteOffset: o, as: V.self) + c1 * gi
            let vi = beta2 * rb2.loadUnaligned(fromByteOffset: o, as: V.self) + c2 * (gi * gi)
            rb1.storeBytes(of: mi, toByteOffset: o, as: V.self)
            rb2.storeBytes(of: vi, toByteOffset: o, as: V.self)
            let pi = rp.loadUnaligned(fromByteOffset: o, as: V.self) - lr * mi / (vi.squareRoot() + eps)
            rp.storeBytes(of: pi, toByteOffset: o, as: V.self)
            i += 8
        }
        while i < parameterCount {
            let gi = g[i]
            let mi = beta1 * m[i] + c1 * gi
            let vi = beta2 * v[i] + c2 * (gi * gi)
            m[i] = mi; v[i] = vi
            p[i] -= lr * mi / (vi.squareRoot() + eps)
            i += 1
        }
    }
}
