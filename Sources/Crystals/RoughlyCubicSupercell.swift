/// The authors' "roughly cubic" supercell (`OrthorhombicSupercellTransform(N_Atoms=50)`,
/// Docs/Protocol.md §2.1) of a primitive cell, with pymatgen's site ordering.
public struct RoughlyCubicSupercell: Sendable {
    /// Integer scaling matrix M: supercell lattice = M · L (rows), det M = images.
    public let scaling: Matrix3
    /// Repetitions n along the three orthogonalised axes (images = n₀n₁n₂).
    public let repetitions: SIMD3<Int>
    /// The supercell structure. Site p·images + t is image t of primitive site p
    /// (pymatgen's `Structure.__mul__` order: primitive-site-major).
    public let structure: Structure
    /// Number of images of each primitive site: structure.count = primitive.count · images.
    public let images: Int

    /// Builds the supercell of `primitive` with at most `maxAtoms` sites.
    ///
    /// With L = R Q (RQ decomposition, R upper triangular), S = diag(R_kk) R⁻¹ is unit upper
    /// triangular and S L = diag(R_kk) Q has orthogonal rows of lengths |R_kk|. Starting from
    /// n = (1, 1, 1): k = argmin_k n_k |R_kk| (first minimum), n_k += 1 if n₀n₁n₂ · sites ≤ maxAtoms,
    /// otherwise stop (no other axis is tried). M = rint(diag(n) S).
    public init(primitive: Structure, maxAtoms: Int = 50) {
        let l = primitive.lattice.matrix
        // RQ by Gram–Schmidt from the last row: L_k = Σ_{j ≥ k} R_kj q_j.
        let r22 = norm(l[2]); let q2 = l[2] / r22
        let r12 = dot(l[1], q2); let v1 = l[1] - r12 * q2; let r11 = norm(v1); let q1 = v1 / r11
        let r01 = dot(l[0], q1), r02 = dot(l[0], q2)
        let r00 = norm(l[0] - r01 * q1 - r02 * q2)
        let r = Matrix3(SIMD3(r00, r01, r02), SIMD3(0, r11, r12), SIMD3(0, 0, r22))
        let s = Matrix3.diagonal(SIMD3(r00, r11, r22)) * r.inverse
        let abc = SIMD3(r00, r11, r22)
        var n = SIMD3<Int>(1, 1, 1)
        let sites = primitive.count
        while true {
            var k = 0
            for j in 1..<3 where Double(n[j]) * abc[j] < Double(n[k]) * abc[k] { k = j }
            n[k] += 1
            if n.x * n.y * n.z * sites > maxAtoms { n[k] -= 1; break }
        }
        let m = (Matrix3.diagonal(SIMD3(Double(n.x), Double(n.y), Double(n.z))) * s).rounded
        self.scaling = m
        self.repetitions = n
        self.images = Int(abs(m.determinant).rounded())
        self.structure = primitive.supercell(m)
    }
}

extension Structure {
    /// The supercell with lattice M · L (M integer, rows) in pymatgen's order: for each site p, its
    /// |det M| images p + t for the lattice points t of L inside the supercell (t · M⁻¹ ∈ [0, 1)³),
    /// i.e. site p·|det M| + index(t). Coordinates are not wrapped.
    public func supercell(_ m: Matrix3) -> Structure {
        let inv = m.inverse
        let points = Structure.latticePoints(inSupercell: m)
        var z: [Int] = [], f: [SIMD3<Double>] = []
        z.reserveCapacity(count * points.count); f.reserveCapacity(count * points.count)
        for (p, fp) in fractional.enumerated() {
            for t in points { z.append(atomicNumbers[p]); f.append((fp + t) * inv) }
        }
        return Structure(lattice: Lattice(m * lattice.matrix3), atomicNumbers: z, fractional: f)
    }

    /// Integer points t (in the original lattice's fractional coordinates) with t · M⁻¹ in
    /// [0, 1)³ up to 1e-8, ordered by x, then y, then z; there are |det M| of them.
    static func latticePoints(inSupercell m: Matrix3) -> [SIMD3<Double>] {
        var lo = SIMD3<Double>(repeating: 0), hi = SIMD3<Double>(repeating: 0)
        for a in 0...1 { for b in 0...1 { for c in 0...1 {
            let corner = SIMD3(Double(a), Double(b), Double(c)) * m
            lo = pointwiseMin(lo, corner); hi = pointwiseMax(hi, corner)
        } } }
        let inv = m.inverse
        var out: [SIMD3<Double>] = []
        for x in Int(lo.x.rounded(.down))...Int(hi.x.rounded(.up)) {
            for y in Int(lo.y.rounded(.down))...Int(hi.y.rounded(.up)) {
                for z in Int(lo.z.rounded(.down))...Int(hi.z.rounded(.up)) {
                    let t = SIMD3(Double(x), Double(y), Double(z))
                    let f = t * inv
                    if f.min() >= -1e-8 && f.max() < 1 - 1e-8 { out.append(t) }
                }
            }
        }
        return out
    }
}
