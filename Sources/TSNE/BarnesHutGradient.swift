import Foundation

/// The Barnes–Hut gradient of KL(P‖Q) for a 2-D embedding (van der Maaten 2014; sklearn
/// `_barnes_hut_tsne.gradient`, dof = 1):
///
/// ∂C/∂y_i = 4 (F_attr,i − F_rep,i / Z), with
/// F_attr,i = Σ_{j ∈ N(i)} p_ij w_ij (y_i − y_j) over the sparse P, w_ij = (1 + ‖y_i − y_j‖²)⁻¹,
/// F_rep,i ≈ Σ_cells N_c w_ic² (y_i − ȳ_c), Z ≈ Σ_i Σ_cells N_c w_ic, where a quadtree cell of
/// squared width s², centre of mass ȳ_c and N_c points is used whole when it is a leaf or
/// s² / ‖y_i − ȳ_c‖² < θ²; a leaf within 1e-6 of y_i in both coordinates (the point itself or
/// its duplicates) is skipped.
/// Error (when asked): C = Σ_{ij ∈ P} p_ij log(max(p_ij, τ) / max(w_ij / Z, τ)), τ = 1.18e-38
/// (sklearn's FLOAT32_TINY). P is symmetric, so each pair i < j is evaluated once. Per-point and
/// per-chunk terms are reduced in a fixed order (thread-count independent).
struct BarnesHutGradient {
    /// The strict upper triangle (j > i) of the symmetric P in CSR form: each pair is
    /// evaluated once and its force applied to both ends (half the memory traffic).
    let upperStart: [Int]
    let upperColumns: [Int32]
    let upperValues: [Float]
    /// Fixed row ranges of about equal nonzero counts, one accumulation buffer each.
    let attractionChunks: [Range<Int>]
    let n: Int
    let theta: Double
    let threads: Int

    /// Number of attraction chunks: fixed, so sums do not depend on the thread count.
    static let attractionChunkCount = 16

    init(p: SparseAffinities, theta: Double, threads: Int) {
        let n = p.n
        var start = [Int](repeating: 0, count: n + 1)
        var cols = [Int32](), vals = [Float]()
        cols.reserveCapacity(p.columns.count / 2 + n); vals.reserveCapacity(p.columns.count / 2 + n)
        for i in 0..<n {
            for e in p.rowStart[i]..<p.rowStart[i + 1] where Int(p.columns[e]) > i {
                cols.append(p.columns[e]); vals.append(p.values[e])
            }
            start[i + 1] = cols.count
        }
        var chunks = [Range<Int>]()
        let k = Self.attractionChunkCount
        var row = 0
        for c in 0..<k {
            let target = cols.count * (c + 1) / k
            var end = row
            while end < n && (start[end] < target || c == k - 1) { end += 1 }
            chunks.append(row..<end)
            row = end
        }
        self.upperStart = start; self.upperColumns = cols; self.upperValues = vals
        self.attractionChunks = chunks
        self.n = n; self.theta = theta; self.threads = threads
    }

    func evaluate(_ y: [Double], exaggeration: Double, computeError: Bool, grad: inout [Double]) -> Double {
        let n = self.n
        let tree = QuadTree(y, n: n)
        let theta2 = theta * theta
        var zPart = [Double](repeating: 0, count: n)
        var repulsion = [Double](repeating: 0, count: 2 * n)
        let work = ParallelChunks(count: n, chunkSize: 128, threads: threads)
        // Repulsion by tree traversal, points visited in the tree's space-filling order (each
        // point's sums are independent of the visiting order).
        y.withUnsafeBufferPointer { yb in
        zPart.withUnsafeMutableBufferPointer { zb in
        repulsion.withUnsafeMutableBufferPointer { rb in
        tree.order.withUnsafeBufferPointer { ord in
        tree.nodes.withUnsafeBufferPointer { nodes in
            work.run { _, range in
                var stack = [Int32](repeating: 0, count: 4 * 80 + 8)
                stack.withUnsafeMutableBufferPointer { st in
                    for k in range {
                        let i = Int(ord[k])
                        let yi0 = yb[2 * i], yi1 = yb[2 * i + 1]
                        var z = 0.0, f0 = 0.0, f1 = 0.0
                        var top = 1
                        st[0] = 0
                        while top > 0 {
                            top -= 1
                            let node = nodes[Int(st[top])]
                            let a = yi0 - node.cx, b = yi1 - node.cy
                            let d2 = a * a + b * b
                            if node.firstChild < 0 {
                                if abs(a) <= QuadTree.duplicateTolerance && abs(b) <= QuadTree.duplicateTolerance { continue }
                            } else if !(node.squaredWidth < theta2 * d2) {
                                // Push in reverse so children are visited in order.
                                var t = Int32(node.childCount) - 1
                                while t >= 0 { st[top] = node.firstChild + t; top += 1; t -= 1 }
                                continue
                            }
                            let w = 1 / (1 + d2)
                            let nw = node.count * w
                            z += nw
                            let m = nw * w
                            f0 += m * a; f1 += m * b
                        }
                        zb[i] = z
                        rb[2 * i] = f0; rb[2 * i + 1] = f1
                    }
                }
            }
        }}}}}
        var zTotal = 0.0
        for v in zPart { zTotal += v }
        zTotal = max(zTotal, Double.ulpOfOne)
        // Attraction over the upper triangle of P, one buffer per fixed chunk of rows; buffers
        // are then summed in chunk order.
        let k = attractionChunks.count
        var buffers = [Double](repeating: 0, count: k * 2 * n)
        var errPart = [Double](repeating: 0, count: k)
        let tiny = Double(Float.leastNormalMagnitude)
        y.withUnsafeBufferPointer { yb in
        buffers.withUnsafeMutableBufferPointer { bb in
        errPart.withUnsafeMutableBufferPointer { eb in
        upperStart.withUnsafeBufferPointer { rs in
        upperColumns.withUnsafeBufferPointer { cols in
        upperValues.withUnsafeBufferPointer { vals in
            ParallelChunks(count: k, chunkSize: 1, threads: threads).run { c, _ in
                let buf = bb.baseAddress! + c * 2 * n
                var err = 0.0
                for i in attractionChunks[c] {
                    let yi0 = yb[2 * i], yi1 = yb[2 * i + 1]
                    var g0 = 0.0, g1 = 0.0
                    for e in rs[i]..<rs[i + 1] {
                        let j = Int(cols[e])
                        let a = yi0 - yb[2 * j], b = yi1 - yb[2 * j + 1]
                        let w = 1 / (1 + a * a + b * b)
                        let pij = exaggeration * Double(vals[e])
                        let f = pij * w
                        let fa = f * a, fb = f * b
                        g0 += fa; g1 += fb
                        buf[2 * j] -= fa; buf[2 * j + 1] -= fb
                        if computeError { err += 2 * pij * log(max(pij, tiny) / max(w / zTotal, tiny)) }
                    }
                    buf[2 * i] += g0; buf[2 * i + 1] += g1
                }
                eb[c] = err
            }
        }}}}}}
        grad.withUnsafeMutableBufferPointer { gb in
            buffers.withUnsafeBufferPointer { bb in
                repulsion.withUnsafeBufferPointer { rb in
                    for t in 0..<(2 * n) {
                        var s = 0.0
                        for c in 0..<k { s += bb[c * 2 * n + t] }
                        gb[t] = 4 * (s - rb[t] / zTotal)
                    }
                }
            }
        }
        guard computeError else { return .nan }
        var total = 0.0
        for v in errPart { total += v }
        return total
    }
}
