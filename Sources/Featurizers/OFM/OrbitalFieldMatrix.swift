import Crystals
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// The orbital field matrix of matminer 0.7.4 / 0.10.1 `OrbitalFieldMatrix(period_tag=True)`,
/// flattened (39 × 39 = 1521 values), as the authors applied it to the ≤50-atom Site-Net
/// supercell (Docs/Protocol.md §6.2). For each site i with one-hot valence vector oᵢ (`ValenceOneHot`):
///
///     Xᵢ = Σ_{j ∈ Voronoi faces of i} (Ωⱼ / Ω_max) · oⱼ ⊗ oᵢ / (dᵢⱼ · 1.8897543773 bohr/Å)
///
/// (row index from the neighbour, column from the centre; entry a·39 + b of the flattened vector
/// is oⱼ[a] oᵢ[b]), where Ωⱼ is the solid angle of the Voronoi face shared with neighbour j at
/// the centre, Ω_max the largest face's solid angle, and dᵢⱼ the distance. The structure's matrix
/// is the multiplicity-weighted mean over symmetry-distinct sites:
/// X = Σ_c m_c X_{rep(c)} / Σ_c m_c, with classes from spglib (symprec 0.01 Å, 5°) and rep(c) the
/// lowest-index site of class c.
///
/// matminer first replicates the structure 3×3×3 and runs everything on that: the Voronoi cells
/// and the symmetry classes are the same in the periodic crystal, so they are computed on the
/// input cell here (faster by 27× in the sites and more in spglib); what the replication does
/// change is kept — dᵢⱼ is the minimum-image distance in the 3×3×3 supercell's lattice (pymatgen's
/// `site.distance` ignores the neighbour's image), which differs from the true neighbour distance
/// only in very skewed cells.
///
/// Voronoi cells are exact (`VoronoiCell`: half-space clipping with all periodic images, nearest
/// first, until no farther point can cut); matminer runs qhull on the points within 13 Å, which
/// gives the same cell unless a vertex lies more than 6.5 Å from its site (very open structures).
/// Checked against matminer: ≤ 3e-10 on the 34 committed fixtures and on 49 Site-Net supercells
/// (`Scripts/fixtures/featurizers/validate_cli_against_matminer.py`).
public struct OrbitalFieldMatrix: Sendable {
    /// Side of the matrix: 32 subshell slots + 7 period slots.
    public static let size = ValenceOneHot.size
    /// Length of the flattened matrix (1521).
    public static let length = size * size

    /// Replication of the input cell along each axis before distances are taken (matminer: 3).
    public var replication: Int

    /// A featuriser with matminer's settings.
    public init(replication: Int = 3) { self.replication = replication }

    /// The flattened 1521-value orbital field matrix of `s`.
    ///
    /// Throws `FeaturizerError`: empty structure, degenerate lattice, non-finite coordinates,
    /// an element with Z > 94 (`unsupportedElement`), coinciding sites, spglib failure, or a
    /// Voronoi cell not closed within 100 Å.
    public func vector(_ s: Structure) throws -> [Double] {
        try validateGeometry(s)
        for z in s.atomicNumbers where !ValenceOneHot.isSupported(z) {
            throw FeaturizerError.unsupportedElement(featurizer: "OFM", atomicNumber: z,
                                                     supported: "Z = 1…\(ValenceOneHot.maximumAtomicNumber)")
        }
        let cellImages = LatticeShortestVector(rows: s.lattice.matrix)
        let cartesian = s.cartesian
        for i in 0..<s.count { for j in (i + 1)..<max(i + 1, s.count) where cellImages.length(cartesian[j] - cartesian[i]) < 1e-6 {
            throw FeaturizerError.overlappingSites(site: i, other: j)
        }}
        let reps = try SymmetryClasses.representatives(s)
        var multiplicity = [Int](repeating: 0, count: s.count)
        for r in reps { multiplicity[r] += 1 }
        let images = LatticeShortestVector(rows: s.lattice.matrix.map { Double(replication) * $0 })
        var out = [Double](repeating: 0, count: OrbitalFieldMatrix.length)
        for i in 0..<s.count where multiplicity[i] > 0 {
            let faces = try VoronoiNeighbours.faces(of: i, in: s)
            guard let maxAngle = faces.map(\.solidAngle).max(), maxAngle > 0 else {
                throw FeaturizerError.voronoiFailed(site: i, reason: "no face with positive solid angle")
            }
            let centre = ValenceOneHot.onesByZ[s.atomicNumbers[i]]
            let m = Double(multiplicity[i])
            for f in faces where f.solidAngle > 0 {
                let d = images.length(f.offset)
                guard d > 1e-8 else { throw FeaturizerError.overlappingSites(site: i, other: f.site) }
                let value = m * (f.solidAngle / maxAngle) / d / ValenceOneHot.angstromToBohr
                for a in ValenceOneHot.onesByZ[s.atomicNumbers[f.site]] {
                    for b in centre { out[a * OrbitalFieldMatrix.size + b] += value }
                }
            }
        }
        let n = Double(s.count)
        for k in out.indices { out[k] /= n }
        return out
    }
}

/// The Voronoi faces of one site of a periodic structure.
enum VoronoiNeighbours {
    /// One face: the neighbour's site index, its position relative to the centre (Å) and the
    /// face's solid angle at the centre (sr).
    struct Face { var site: Int; var offset: SIMD3<Double>; var solidAngle: Double }

    /// The faces of the Voronoi cell of site `i` among all periodic images of all sites.
    ///
    /// Images within a radius R are clipped in order of distance (ties: site index, then image),
    /// stopping once a neighbour lies beyond twice the cell's largest vertex radius; R starts at
    /// max(4 Å, 3 (V/N)^⅓) and doubles (up to 100 Å) until the cell is closed and complete.
    static func faces(of i: Int, in s: Structure) throws -> [Face] {
        let a = s.lattice.matrix
        let recip = reciprocalRows(s.lattice)
        let centre = s.lattice.cartesian(s.fractional[i])
        var radius = max(4.0, 3 * cbrt(s.lattice.volume / Double(s.count)))
        while radius <= 100 {
            // Candidate points within `radius` of the centre.
            var candidates: [(d2: Double, site: Int, image: Int, p: SIMD3<Double>)] = []
            var bounds: [ClosedRange<Int>] = []
            for ax in 0..<3 { let e = Int((radius * norm(recip[ax])).rounded(.up)) + 1; bounds.append(-e...e) }
            for j in 0..<s.count {
                let base = s.lattice.cartesian(s.fractional[j]) - centre
                var image = 0
                for n0 in bounds[0] { for n1 in bounds[1] { for n2 in bounds[2] {
                    image += 1
                    let p = base + Double(n0) * a[0] + Double(n1) * a[1] + Double(n2) * a[2]
                    let d2 = dot(p, p)
                    if d2 <= radius * radius {
                        if d2 < 1e-12 {
                            if j == i && n0 == 0 && n1 == 0 && n2 == 0 { continue }
                            throw FeaturizerError.overlappingSites(site: i, other: j)
                        }
                        candidates.append((d2, j, image, p))
                    }
                }}}
            }
            candidates.sort { x, y in
                if x.d2 != y.d2 { return x.d2 < y.d2 }
                if x.site != y.site { return x.site < y.site }
                return x.image < y.image
            }
            var cell = VoronoiCell(bound: radius)
            var complete = false
            var vertexRadius = cell.maxVertexRadius
            for (k, c) in candidates.enumerated() {
                if c.d2 > 4 * vertexRadius * vertexRadius * (1 + 1e-9) { complete = true; break }
                cell.clip(by: c.p, neighbour: k)
                vertexRadius = cell.maxVertexRadius
            }
            if !complete && cell.isClosed && 2 * vertexRadius <= radius { complete = true }
            if complete && cell.isClosed {
                return cell.faces.map { f in
                    let c = candidates[f.neighbour]
                    return Face(site: c.site, offset: c.p, solidAngle: solidAngle(f.vertices))
                }
            }
            radius *= 2
        }
        throw FeaturizerError.voronoiFailed(site: i, reason: "cell not closed within 100 Å")
    }
}
