import Crystals

/// Minimum-image lengths in a lattice, as pymatgen's `pbc_shortest_vectors` computes them:
/// LLL-reduce the basis (δ = 0.75), express the vector in the reduced basis, wrap each coordinate
/// to [−½, ½) and take the shortest of the 27 neighbouring images.
struct LatticeShortestVector {
    /// Rows of the LLL-reduced basis.
    let reduced: [SIMD3<Double>]
    /// Rows of its reciprocal (aᵢ·bⱼ = δᵢⱼ).
    let inverse: [SIMD3<Double>]

    /// Prepares the reduced basis of the lattice with rows `rows`.
    init(rows: [SIMD3<Double>]) {
        reduced = LatticeShortestVector.lll(rows)
        inverse = reciprocalRows(Lattice(reduced[0], reduced[1], reduced[2]))
    }

    /// min over lattice vectors L of |v + L|.
    func length(_ v: SIMD3<Double>) -> Double {
        var f = SIMD3(dot(v, inverse[0]), dot(v, inverse[1]), dot(v, inverse[2]))
        f -= f.rounded(.toNearestOrEven)
        let base = f.x * reduced[0] + f.y * reduced[1] + f.z * reduced[2]
        var best = Double.infinity
        for i in -1...1 { for j in -1...1 { for k in -1...1 {
            let w = base + Double(i) * reduced[0] + Double(j) * reduced[1] + Double(k) * reduced[2]
            best = min(best, dot(w, w))
        }}}
        return best.squareRoot()
    }

    /// Lenstra–Lenstra–Lovász reduction of three basis rows (δ = 0.75).
    static func lll(_ basis: [SIMD3<Double>], delta: Double = 0.75) -> [SIMD3<Double>] {
        var b = basis
        func gramSchmidt() -> ([SIMD3<Double>], [[Double]]) {
            var bs = b
            var mu = [[Double]](repeating: [0, 0, 0], count: 3)
            for i in 0..<3 {
                bs[i] = b[i]
                for j in 0..<i {
                    mu[i][j] = dot(b[i], bs[j]) / dot(bs[j], bs[j])
                    bs[i] -= mu[i][j] * bs[j]
                }
            }
            return (bs, mu)
        }
        var k = 1
        var iterations = 0
        while k < 3 && iterations < 1000 {
            iterations += 1
            for j in stride(from: k - 1, through: 0, by: -1) {
                let (_, mu) = gramSchmidt()
                let q = mu[k][j].rounded()
                if q != 0 { b[k] -= q * b[j] }
            }
            let (bs, mu) = gramSchmidt()
            if dot(bs[k], bs[k]) >= (delta - mu[k][k - 1] * mu[k][k - 1]) * dot(bs[k - 1], bs[k - 1]) {
                k += 1
            } else {
                b.swapAt(k, k - 1)
                k = max(k - 1, 1)
            }
        }
        return b
    }
}
