/// The symmetric joint probabilities P of t-SNE.
///
/// Conditional p_{j|i} come from ``PerplexityCalibration`` on squared Euclidean distances;
/// P = (C + Cᵀ) / Σ(C + Cᵀ) where C holds the conditionals (so Σ P = 1 and p_ij ≈
/// (p_{j|i} + p_{i|j}) / 2n), as sklearn's `_joint_probabilities(_nn)`.
struct SparseAffinities {
    /// Compressed sparse rows: row i holds columns `columns[rowStart[i]..<rowStart[i+1]]`
    /// (ascending) with values `values[...]`.
    var rowStart: [Int]
    var columns: [Int32]
    var values: [Float]
    var n: Int { rowStart.count - 1 }
}

enum Affinities {
    /// Barnes–Hut affinities: each point's k nearest neighbours, calibrated to `perplexity`
    /// over those k only, then symmetrised on the union of the neighbour graphs.
    static func sparse(_ x: [Double], n: Int, d: Int, perplexity: Double, k: Int, threads: Int) -> SparseAffinities {
        // 1. kNN + conditional probabilities, row by row (fixed chunks).
        var condColumns = [Int32](repeating: 0, count: n * k)
        var condValues = [Float](repeating: 0, count: n * k)
        let work = ParallelChunks(count: n, chunkSize: 64, threads: threads)
        x.withUnsafeBufferPointer { xb in
            condColumns.withUnsafeMutableBufferPointer { cc in
                condValues.withUnsafeMutableBufferPointer { cv in
                    let ccBase = cc.baseAddress!, cvBase = cv.baseAddress!
                    work.run { _, rows in
                        var dist = [Double](repeating: 0, count: n)
                        var order = [Int32](repeating: 0, count: n)
                        var nd = [Double](repeating: 0, count: k)
                        var p = [Double](repeating: 0, count: k)
                        dist.withUnsafeMutableBufferPointer { db in
                        order.withUnsafeMutableBufferPointer { ob in
                        nd.withUnsafeMutableBufferPointer { ndb in
                        p.withUnsafeMutableBufferPointer { pb in
                            for i in rows {
                                NearestNeighbors.squaredDistances(from: i, xb, n: n, d: d, into: db)
                                db[i] = .infinity  // exclude self
                                for j in 0..<n { ob[j] = Int32(j) }
                                NearestNeighbors.selectSmallest(k, keys: UnsafeBufferPointer(db), indices: ob)
                                for t in 0..<k { ndb[t] = db[Int(ob[t])] }
                                PerplexityCalibration.calibrate(UnsafeBufferPointer(ndb), perplexity: perplexity, into: pb)
                                // Store the row sorted by column for the symmetrisation merge.
                                let rowCols = UnsafeMutableBufferPointer(start: ccBase + i * k, count: k)
                                for t in 0..<k { rowCols[t] = ob[t] }
                                var perm = Array(0..<k)
                                perm.sort { rowCols[$0] < rowCols[$1] }
                                for (t, s) in perm.enumerated() {
                                    cvBase[i * k + t] = Float(pb[s])
                                }
                                let sortedCols = perm.map { ob[$0] }
                                for t in 0..<k { rowCols[t] = sortedCols[t] }
                            }
                        }}}}
                    }
                }
            }
        }
        return symmetrise(n: n, rowStart: (0...n).map { $0 * k }, columns: condColumns, values: condValues)
    }

    /// P = (C + Cᵀ) / Σ, for a CSR C with ascending columns in each row; the result has
    /// ascending columns too. Sums are taken in a fixed order (row, then column).
    static func symmetrise(n: Int, rowStart: [Int], columns: [Int32], values: [Float]) -> SparseAffinities {
        // Transpose C.
        var tStart = [Int](repeating: 0, count: n + 1)
        for c in columns { tStart[Int(c) + 1] += 1 }
        for i in 0..<n { tStart[i + 1] += tStart[i] }
        var tCols = [Int32](repeating: 0, count: columns.count)
        var tVals = [Float](repeating: 0, count: columns.count)
        var fill = tStart
        for i in 0..<n {
            for e in rowStart[i]..<rowStart[i + 1] {
                let c = Int(columns[e])
                tCols[fill[c]] = Int32(i); tVals[fill[c]] = values[e]; fill[c] += 1
            }
        }
        // Merge row i of C and of Cᵀ (both ascending).
        var outStart = [Int](repeating: 0, count: n + 1)
        var outCols = [Int32](); outCols.reserveCapacity(columns.count * 2)
        var outVals = [Double](); outVals.reserveCapacity(columns.count * 2)
        var total = 0.0
        for i in 0..<n {
            var a = rowStart[i], b = tStart[i]
            let aEnd = rowStart[i + 1], bEnd = tStart[i + 1]
            while a < aEnd || b < bEnd {
                let ca = a < aEnd ? columns[a] : Int32.max
                let cb = b < bEnd ? tCols[b] : Int32.max
                var v = 0.0
                let c: Int32
                if ca == cb { v = Double(values[a]) + Double(tVals[b]); c = ca; a += 1; b += 1 }
                else if ca < cb { v = Double(values[a]); c = ca; a += 1 }
                else { v = Double(tVals[b]); c = cb; b += 1 }
                outCols.append(c); outVals.append(v); total += v
            }
            outStart[i + 1] = outCols.count
        }
        let inv = 1.0 / max(total, Double.ulpOfOne)
        return SparseAffinities(rowStart: outStart, columns: outCols, values: outVals.map { Float($0 * inv) })
    }

    /// Exact affinities: dense n×n P over all pairs, p_ij = max((p_{j|i} + p_{i|j}) / Σ, ε),
    /// ε = 2.2e-16 (sklearn's `MACHINE_EPSILON`), diagonal 0.
    static func dense(_ x: [Double], n: Int, d: Int, perplexity: Double, threads: Int) -> [Double] {
        var cond = [Double](repeating: 0, count: n * n)
        let work = ParallelChunks(count: n, chunkSize: 16, threads: threads)
        x.withUnsafeBufferPointer { xb in
            cond.withUnsafeMutableBufferPointer { cb in
                let base = cb.baseAddress!
                work.run { _, rows in
                    var dist = [Double](repeating: 0, count: n)
                    var others = [Double](repeating: 0, count: n - 1)
                    var p = [Double](repeating: 0, count: n - 1)
                    for i in rows {
                        dist.withUnsafeMutableBufferPointer { db in
                            NearestNeighbors.squaredDistances(from: i, xb, n: n, d: d, into: db)
                        }
                        var t = 0
                        for j in 0..<n where j != i { others[t] = dist[j]; t += 1 }
                        _ = others.withUnsafeBufferPointer { ob in
                            p.withUnsafeMutableBufferPointer { pb in
                                PerplexityCalibration.calibrate(ob, perplexity: perplexity, into: pb)
                            }
                        }
                        t = 0
                        for j in 0..<n where j != i { base[i * n + j] = p[t]; t += 1 }
                    }
                }
            }
        }
        var total = 0.0
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { total += cond[i * n + j] + cond[j * n + i] } }
        total = max(2 * total, Double.ulpOfOne)
        var p = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where j != i {
                p[i * n + j] = max((cond[i * n + j] + cond[j * n + i]) / total, Double.ulpOfOne)
            }
        }
        return p
    }
}
