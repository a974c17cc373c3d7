/// Exact minimum-image distances under periodic boundary conditions.
///
/// d(i, j) = min over integer n of |(f_j − f_i + n) · M|. Computed in the LLL-reduced basis:
/// the fractional difference is wrapped to [−½, ½) and the 27 images n ∈ {−1, 0, 1}³ are tried
/// (what pymatgen's `get_all_distances` does). The result is then proven minimal: an image with
/// |n_k| ≥ 2 lies at least 1.5·h_k away (h_k = spacing of reduced lattice planes k), so when the
/// best distance found d* ≥ 1.5·min h_k the search widens to |n_k| ≤ ⌈d*/h_k + ½⌉, which is
/// exhaustive. This makes the result exact for arbitrarily skewed cells.
public struct MinimumImage: Sendable {
    /// The lattice the distances are measured in.
    public let lattice: Lattice
    let reduced: Lattice
    /// f_reduced = f · toReduced (U⁻¹ with reduced = U·M).
    let toReduced: Matrix3
    let images: [SIMD3<Double>]
    let spacings: SIMD3<Double>

    /// Prepares minimum-image distances in `lattice`.
    public init(_ lattice: Lattice) {
        self.lattice = lattice
        let (red, u) = lattice.lllReduced()
        reduced = red
        toReduced = u.inverse
        spacings = red.planeSpacings
        var im: [SIMD3<Double>] = []
        for a in -1...1 { for b in -1...1 { for c in -1...1 { im.append(red.cartesian(SIMD3(Double(a), Double(b), Double(c)))) } } }
        images = im
    }

    /// Minimum-image distance (Å) between two points given in fractional coordinates of `lattice`.
    public func distance(_ fi: SIMD3<Double>, _ fj: SIMD3<Double>) -> Double {
        var d = (fj - fi) * toReduced
        d -= d.rounded(.toNearestOrEven)
        let base = reduced.cartesian(d)
        var best = Double.infinity
        for o in images {
            let v = base + o
            let s = dot(v, v)
            if s < best { best = s }
        }
        var dist = best.squareRoot()
        if dist >= 1.5 * spacings.min() {
            let r = SIMD3<Int>(Int((dist / spacings.x + 0.5).rounded(.up)), Int((dist / spacings.y + 0.5).rounded(.up)),
                               Int((dist / spacings.z + 0.5).rounded(.up)))
            for a in -r.x...r.x { for b in -r.y...r.y { for c in -r.z...r.z {
                let v = base + reduced.cartesian(SIMD3(Double(a), Double(b), Double(c)))
                let s = dot(v, v)
                if s < best { best = s }
            } } }
            dist = best.squareRoot()
        }
        return dist
    }

    /// Matrix of minimum-image distances, row-major rows.count × columns.count.
    public func distances(from rows: [SIMD3<Double>], to columns: [SIMD3<Double>]) -> [Double] {
        var out = [Double](repeating: 0, count: rows.count * columns.count)
        for (i, fi) in rows.enumerated() {
            for (j, fj) in columns.enumerated() { out[i * columns.count + j] = distance(fi, fj) }
        }
        return out
    }
}

extension Lattice {
    /// Minimum-image distances between fractional points (row-major a.count × b.count), as
    /// pymatgen's `Lattice.get_all_distances`, but exact for any cell (see `MinimumImage`).
    public func allDistances(_ a: [SIMD3<Double>], _ b: [SIMD3<Double>]) -> [Double] {
        MinimumImage(self).distances(from: a, to: b)
    }
}
