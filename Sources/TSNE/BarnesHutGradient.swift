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
/// (sklearn's FLOAT32_TINY). Per-point terms are reduced in point order (thread-count independent).
struct BarnesHutGradient {
    let p: SparseAffinities
    let theta: Double
    let threads: Int

    func evaluate(_ y: [Double], exaggeration: Double, computeError: Bool, grad: inout [Double]) -> Double {
        let n = p.n
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
        // Attraction over the sparse P, combined with the repulsion.
        var errPart = [Double](repeating: 0, count: n)
        let tiny = Double(Float.leastNormalMagnitude)
        y.withUnsafeBufferPointer { yb in
        repulsion.withUnsafeBufferPointer { rb in
        grad.withUnsafeMutableBufferPointer { gb in
        errPart.withUnsafeMutableBufferPointer { eb in
        p.rowStart.withUnsafeBufferPointer { rs in
        p.columns.withUnsafeBufferPointer { cols in
        p.values.withUnsafeBufferPointer { vals in
            work.run { _, rows in
                for i in rows {
                    let yi0 = yb[2 * i], yi1 = yb[2 * i + 1]
                    var g0 = 0.0, g1 = 0.0, c = 0.0
                    for e in rs[i]..<rs[i + 1] {
                        let j = Int(cols[e])
                        let a = yi0 - yb[2 * j], b = yi1 - yb[2 * j + 1]
                        let w = 1 / (1 + a * a + b * b)
                        let pij = exaggeration * Double(vals[e])
                        let f = pij * w
                        g0 += f * a; g1 += f * b
                        if computeError { c += pij * log(max(pij, tiny) / max(w / zTotal, tiny)) }
                    }
                    gb[2 * i] = 4 * (g0 - rb[2 * i] / zTotal)
                    gb[2 * i + 1] = 4 * (g1 - rb[2 * i + 1] / zTotal)
                    eb[i] = c
                }
            }
        }}}}}}}
        guard computeError else { return .nan }
        var total = 0.0
        for v in errPart { total += v }
        return total
    }
}
