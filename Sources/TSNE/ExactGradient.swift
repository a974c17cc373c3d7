import Foundation

/// The exact gradient of KL(P‖Q) for a 2-D embedding (sklearn `_kl_divergence`, dof = 1):
/// w_ij = (1 + ‖y_i − y_j‖²)⁻¹, q_ij = max(w_ij / Σ_{k≠l} w_kl, ε),
/// ∂C/∂y_i = 4 Σ_j (p_ij − q_ij) w_ij (y_i − y_j),
/// C = Σ_{i≠j} p_ij log(max(p_ij, ε) / q_ij), ε = 2.2e-16. P is dense n×n (times the
/// current exaggeration). Row sums are reduced in row order, so the result does not depend on
/// the thread count.
struct ExactGradient {
    let p: [Double]
    let n: Int
    let threads: Int

    /// Writes ∂C/∂y into `grad` (n×2) and returns C if `computeError`, else NaN.
    func evaluate(_ y: [Double], exaggeration: Double, computeError: Bool, grad: inout [Double]) -> Double {
        let n = self.n
        let work = ParallelChunks(count: n, chunkSize: 32, threads: threads)
        var rowW = [Double](repeating: 0, count: n)
        y.withUnsafeBufferPointer { yb in
            rowW.withUnsafeMutableBufferPointer { rw in
                work.run { _, rows in
                    for i in rows {
                        var s = 0.0
                        let yi0 = yb[2 * i], yi1 = yb[2 * i + 1]
                        for j in 0..<n where j != i {
                            let a = yi0 - yb[2 * j], b = yi1 - yb[2 * j + 1]
                            s += 1 / (1 + a * a + b * b)
                        }
                        rw[i] = s
                    }
                }
            }
        }
        var sumW = 0.0
        for v in rowW { sumW += v }
        let eps = Double.ulpOfOne
        var rowC = [Double](repeating: 0, count: n)
        p.withUnsafeBufferPointer { pb in
            y.withUnsafeBufferPointer { yb in
                grad.withUnsafeMutableBufferPointer { gb in
                    rowC.withUnsafeMutableBufferPointer { rc in
                        work.run { _, rows in
                            for i in rows {
                                var g0 = 0.0, g1 = 0.0, c = 0.0
                                let yi0 = yb[2 * i], yi1 = yb[2 * i + 1]
                                for j in 0..<n where j != i {
                                    let a = yi0 - yb[2 * j], b = yi1 - yb[2 * j + 1]
                                    let w = 1 / (1 + a * a + b * b)
                                    let q = max(w / sumW, eps)
                                    let pij = exaggeration * pb[i * n + j]
                                    let f = (pij - q) * w
                                    g0 += f * a; g1 += f * b
                                    if computeError { c += pij * log(max(pij, eps) / q) }
                                }
                                gb[2 * i] = 4 * g0; gb[2 * i + 1] = 4 * g1
                                rc[i] = c
                            }
                        }
                    }
                }
            }
        }
        guard computeError else { return .nan }
        var total = 0.0
        for v in rowC { total += v }
        return total
    }
}
