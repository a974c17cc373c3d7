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

/// A collated batch of crystals (protocol §2.3): site rows of all crystals stacked (R = Σ primSize),
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
    func rolledFeatures() -> Matrix {
        let f = falseRow!
        return x.gatherRows(f)
    }

    /// The "false polymorph" pairs: row r keeps its own neighbour index map but takes the
    /// distances and the padding mask of row f(r) (`inference(x, roll B, roll mask, true maps)`).
    func falseStructureLayout() -> PairLayout {
        let f = falseRow!, M = maxN
        var lo: [Int32] = [0], nb: [Int32] = [], dist: [Float] = []
        for r in 0..<rowCount {
            let fr = Int(f[r])
            for j in 0..<Int(rowN[fr]) { nb.append(jPad[r * M + j]); dist.append(dPad[fr * M + j]) }
            lo.append(Int32(nb.count))
        }
        return PairLayout(offsets: lo, neighbour: nb, distance: dist)
    }

    /// The "permuted sites" pairs: neighbour index of column j taken from column perm[j] (one
    /// permutation of 0..<M shared by all rows, wrap-around map included), distances and mask kept.
    func permutedLayout(_ perm: [Int]) -> PairLayout {
        let M = maxN
        var lo: [Int32] = [0], nb: [Int32] = [], dist: [Float] = []
        for r in 0..<rowCount {
            for j in 0..<Int(rowN[r]) { nb.append(jPad[r * M + perm[j]]); dist.append(dPad[r * M + j]) }
            lo.append(Int32(nb.count))
        }
        return PairLayout(offsets: lo, neighbour: nb, distance: dist)
    }

    /// Weight of row r in a "mean over crystals of the mean over their sites": 1/(C·k_c).
    func rowWeights() -> [Float] {
        (0..<rowCount).map { r in
            let c = Int(rowCrystal[r])
            return 1 / (Float(crystalCount) * Float(crystalOffsets[c + 1] - crystalOffsets[c]))
        }
    }
}
