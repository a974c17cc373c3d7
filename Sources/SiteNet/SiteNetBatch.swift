import Featurizers
import Learning

/// The (i, j) pairs one attention pass runs over, stored ragged: the pairs of site row r are
/// `offsets[r] ..< offsets[r+1]`; pair q looks at unique-site row `neighbour[q]` at distance
/// `distance[q]`. Padding is never materialised, so masked entries cost nothing.
struct PairLayout {
    var offsets: [Int32]
    var neighbour: [Int32]
    var distance: [Float]
    var count: Int { neighbour.count }
    var rows: Int { offsets.count - 1 }
}

/// A contiguous part of a batch: whole crystals `crystals`, whose site rows are `rows`.
struct BatchChunk: Equatable {
    let crystals: Range<Int>
    let rows: Range<Int>
}

/// A collated batch of crystals (Docs/Protocol.md §2.3): site rows of all crystals stacked (R = Σ primSize),
/// neighbour columns padded to the largest supercell M = max N (only where the authors' padded
/// semantics matter: the local DIM false samples).
///
/// **False-sample row map (the roll-by-half fix).** The authors make every "other crystal" false
/// sample with `torch.roll` by ⌊R/2⌋ along the site rows: row r takes row f(r) = (r − ⌊R/2⌋) mod R.
/// When one crystal holds more than about half the rows of a batch (e.g. a final partial batch),
/// f(r) falls in r's own crystal and the "false" sample is true. Here f is the same roll, except
/// that a row whose rolled partner lies in its own crystal c (rows [a, a+k)) is sent instead to
/// f(r) = (a + k + (r − a) mod (R − k)) mod R, a row of another crystal. Ordinary batches are
/// therefore identical to the authors'; degenerate ones never pair a crystal with itself. A batch
/// used for DIM must hold at least two crystals (the sampler guarantees it).
struct SiteNetBatch {
    let crystalCount: Int
    let rowCount: Int
    let maxN: Int
    /// First row of each crystal, plus R at the end.
    let crystalOffsets: [Int32]
    let rowCrystal: [Int32]
    /// Supercell size N of the row's crystal.
    let rowN: [Int32]
    /// Scaled site features (8 × `featureScalers`) and the zero oxidation feature: R × 9.
    let x: Matrix
    /// Distances on the padded grid R × M (0 where padded).
    let dPad: [Float]
    /// Neighbour row on the padded grid: offset_c + ⌊j / images⌋ mod prim (wraps on padded j).
    let jPad: [Int32]
    /// The row map of the false samples (nil for a one-crystal batch).
    let falseRow: [Int32]?
    /// All real pairs.
    let trueLayout: PairLayout

    /// Collates `crystals` (in order).
    init(_ crystals: [SiteNetCrystal]) {
        precondition(!crystals.isEmpty, "empty batch")
        crystalCount = crystals.count
        var offs: [Int32] = [0]
        for c in crystals { offs.append(offs.last! + Int32(c.primSize)) }
        crystalOffsets = offs
        let R = Int(offs.last!)
        rowCount = R
        let M = crystals.map(\.supercellSize).max()!
        maxN = M
        var rc = [Int32](repeating: 0, count: R), rn = [Int32](repeating: 0, count: R)
        var xm = Matrix(rows: R, cols: 9)
        var d = [Float](repeating: 0, count: R * M), jp = [Int32](repeating: 0, count: R * M)
        let sc = SiteNetCrystal.featureScalers
        for (ci, c) in crystals.enumerated() {
            let o = Int(offs[ci]), n = c.supercellSize
            for i in 0..<c.primSize {
                let r = o + i
                rc[r] = Int32(ci); rn[r] = Int32(n)
                for k in 0..<8 { xm[r, k] = c.siteFeatures[i * 8 + k] * sc[k] }
                for j in 0..<M {
                    jp[r * M + j] = Int32(o + (j / c.images) % c.primSize)
                    if j < n { d[r * M + j] = c.distances[i * n + j] }
                }
            }
        }
        rowCrystal = rc; rowN = rn; x = xm; dPad = d; jPad = jp
        // true layout
        var lo: [Int32] = [0], nb: [Int32] = [], dist: [Float] = []
        nb.reserveCapacity(R * M); dist.reserveCapacity(R * M)
        for r in 0..<R {
            for j in 0..<Int(rn[r]) { nb.append(jp[r * M + j]); dist.append(d[r * M + j]) }
            lo.append(Int32(nb.count))
        }
        trueLayout = PairLayout(offsets: lo, neighbour: nb, distance: dist)
        falseRow = crystals.count >= 2 ? SiteNetBatch.falseRowMap(crystalOffsets: offs, rowCrystal: rc) : nil
    }

    /// f(r) = (r − ⌊R/2⌋) mod R, moved out of r's own crystal when needed (see the type's doc).
    static func falseRowMap(crystalOffsets offs: [Int32], rowCrystal: [Int32]) -> [Int32] {
        let R = rowCrystal.count, s = R / 2
        var f = [Int32](repeating: 0, count: R)
        for r in 0..<R {
            var t = ((r - s) % R + R) % R
            let c = Int(rowCrystal[r])
            if rowCrystal[t] == rowCrystal[r] {
                let a = Int(offs[c]), k = Int(offs[c + 1]) - a
                t = (a + k + (r - a) % (R - k)) % R
            }
            f[r] = Int32(t)
        }
        return f
    }

    /// Site features with rows rolled by the false-row map (the "false composition" input).
    func rolledFeatures() -> Matrix { rolledFeatures(rows: 0..<rowCount) }

    /// Rows `rows` of ``rolledFeatures()``: row r holds the features of row f(r).
    func rolledFeatures(rows: Range<Int>) -> Matrix {
        let f = falseRow!
        return x.gatherRows(Array(f[rows]))
    }

    /// The "false polymorph" pairs: row r keeps its own neighbour index map but takes the
    /// distances and the padding mask of row f(r) (`inference(x, roll B, roll mask, true maps)`).
    func falseStructureLayout() -> PairLayout { falseStructureLayout(rows: 0..<rowCount) }

    /// ``falseStructureLayout()`` of the rows `rows` only, neighbour rows counted from `rows.lowerBound`
    /// (neighbours are rows of the same crystal, so a chunk of whole crystals is self-contained).
    func falseStructureLayout(rows: Range<Int>) -> PairLayout {
        OpProfile.measure(.segment) {
            let f = falseRow!, M = maxN, base = Int32(rows.lowerBound)
            var lo: [Int32] = [0], nb: [Int32] = [], dist: [Float] = []
            lo.reserveCapacity(rows.count + 1)
            var total = 0
            for r in rows { total += Int(rowN[Int(f[r])]) }
            nb.reserveCapacity(total); dist.reserveCapacity(total)
            for r in rows {
                let fr = Int(f[r])
                for j in 0..<Int(rowN[fr]) { nb.append(jPad[r * M + j] - base); dist.append(dPad[fr * M + j]) }
                lo.append(Int32(nb.count))
            }
            return PairLayout(offsets: lo, neighbour: nb, distance: dist)
        }
    }

    /// The "permuted sites" pairs: neighbour index of column j taken from column perm[j] (one
    /// permutation of 0..<M shared by all rows, wrap-around map included), distances and mask kept.
    func permutedLayout(_ perm: [Int]) -> PairLayout { permutedLayout(perm, rows: 0..<rowCount) }

    /// ``permutedLayout(_:)`` of the rows `rows` only, neighbour rows counted from `rows.lowerBound`.
    func permutedLayout(_ perm: [Int], rows: Range<Int>) -> PairLayout {
        OpProfile.measure(.segment) {
            let M = maxN, base = Int32(rows.lowerBound)
            var lo: [Int32] = [0], nb: [Int32] = [], dist: [Float] = []
            lo.reserveCapacity(rows.count + 1)
            let total = Int(trueLayout.offsets[rows.upperBound] - trueLayout.offsets[rows.lowerBound])
            nb.reserveCapacity(total); dist.reserveCapacity(total)
            for r in rows {
                for j in 0..<Int(rowN[r]) { nb.append(jPad[r * M + perm[j]] - base); dist.append(dPad[r * M + j]) }
                lo.append(Int32(nb.count))
            }
            return PairLayout(offsets: lo, neighbour: nb, distance: dist)
        }
    }

    /// The real pairs of the rows `rows` (a slice of ``trueLayout``), neighbour rows counted from `rows.lowerBound`.
    func trueLayout(rows: Range<Int>) -> PairLayout {
        if rows == 0..<rowCount { return trueLayout }
        return OpProfile.measure(.segment) {
            let q0 = Int(trueLayout.offsets[rows.lowerBound]), q1 = Int(trueLayout.offsets[rows.upperBound])
            let base = Int32(rows.lowerBound), qb = Int32(q0)
            return PairLayout(offsets: trueLayout.offsets[rows.lowerBound...rows.upperBound].map { $0 - qb },
                              neighbour: trueLayout.neighbour[q0..<q1].map { $0 - base },
                              distance: Array(trueLayout.distance[q0..<q1]))
        }
    }

    /// Site features of the rows `rows`.
    func features(rows: Range<Int>) -> Matrix {
        if rows == 0..<rowCount { return x }
        return Matrix(rows: rows.count, cols: 9, data: Array(x.data[(rows.lowerBound * 9)..<(rows.upperBound * 9)]))
    }

    /// Crystal offsets of the crystals `crystals`, counted from their first row.
    func crystalOffsets(crystals: Range<Int>) -> [Int32] {
        let base = crystalOffsets[crystals.lowerBound]
        return crystalOffsets[crystals.lowerBound...crystals.upperBound].map { $0 - base }
    }

    /// The batch split into at most `count` chunks of consecutive whole crystals, balanced by the
    /// number of real pairs Σ primSize·N (the bulk of the work). Depends on the batch only (never on
    /// a thread count), so a data-parallel step over these chunks is the same computation on any
    /// number of threads. Every chunk holds at least one crystal.
    func chunks(_ count: Int) -> [BatchChunk] {
        let costs = (0..<crystalCount).map { c -> Int in
            let a = Int(crystalOffsets[c]), k = Int(crystalOffsets[c + 1]) - a
            return k * Int(rowN[a]) + k
        }
        return SiteNetBatch.chunkRanges(costs: costs, count: count).map { cr in
            BatchChunk(crystals: cr, rows: Int(crystalOffsets[cr.lowerBound])..<Int(crystalOffsets[cr.upperBound]))
        }
    }

    /// Splits items with the given costs into at most `count` non-empty runs of consecutive items
    /// with about equal total cost (cut where the running total first reaches i/count of the whole).
    static func chunkRanges(costs: [Int], count: Int) -> [Range<Int>] {
        let C = costs.count
        guard C > 0 else { return [] }
        var cum = [Int](repeating: 0, count: C + 1)
        for c in 0..<C { cum[c + 1] = cum[c] + costs[c] }
        let total = cum[C], n = Swift.max(1, Swift.min(count, C))
        var bounds = [0]
        var c = 0
        for i in 1..<n {
            let target = (total * i + n - 1) / n
            while c < C && cum[c] < target { c += 1 }
            let cut = Swift.min(Swift.max(c, bounds.last! + 1), C - (n - i))
            bounds.append(cut)
            c = cut
        }
        bounds.append(C)
        return (0..<n).map { bounds[$0]..<bounds[$0 + 1] }
    }

    /// Weight of row r in a "mean over crystals of the mean over their sites": 1/(C·k_c).
    func rowWeights() -> [Float] {
        (0..<rowCount).map { r in
            let c = Int(rowCrystal[r])
            return 1 / (Float(crystalCount) * Float(crystalOffsets[c + 1] - crystalOffsets[c]))
        }
    }
}
