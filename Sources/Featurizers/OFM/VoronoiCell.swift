/// The Voronoi cell of a point (at the origin) among neighbour points, built exactly by
/// clipping: start from a cube of half-width `bound` and intersect it with the half-space
/// {x : x·p ≤ |p|²/2} of every neighbour p, nearest first. Faces are convex polygons with their
/// vertices in cyclic order; each carries the index of the neighbour whose bisector plane holds it
/// (−1 for a remaining face of the starting cube).
///
/// A vertex within ε = 1e-10·|p|² of a plane counts as lying on it, so a plane that only touches
/// the cell at a vertex or an edge adds no face (its solid angle would be 0).
struct VoronoiCell {
    /// A convex face: the neighbour whose bisector holds it and its vertices in cyclic order.
    struct Face { var neighbour: Int; var vertices: [SIMD3<Double>] }

    /// The faces of the cell.
    private(set) var faces: [Face]

    /// A cube [−bound, bound]³ (faces labelled −1).
    init(bound b: Double) {
        func v(_ x: Double, _ y: Double, _ z: Double) -> SIMD3<Double> { SIMD3(x * b, y * b, z * b) }
        faces = [
            Face(neighbour: -1, vertices: [v(1, -1, -1), v(1, 1, -1), v(1, 1, 1), v(1, -1, 1)]),
            Face(neighbour: -1, vertices: [v(-1, -1, -1), v(-1, -1, 1), v(-1, 1, 1), v(-1, 1, -1)]),
            Face(neighbour: -1, vertices: [v(-1, 1, -1), v(-1, 1, 1), v(1, 1, 1), v(1, 1, -1)]),
            Face(neighbour: -1, vertices: [v(-1, -1, -1), v(1, -1, -1), v(1, -1, 1), v(-1, -1, 1)]),
            Face(neighbour: -1, vertices: [v(-1, -1, 1), v(1, -1, 1), v(1, 1, 1), v(-1, 1, 1)]),
            Face(neighbour: -1, vertices: [v(-1, -1, -1), v(-1, 1, -1), v(1, 1, -1), v(1, -1, -1)]),
        ]
    }

    /// Largest distance of a vertex from the origin (the "security radius": no neighbour farther
    /// than twice this can cut the cell).
    var maxVertexRadius: Double {
        var r2 = 0.0
        for f in faces { for v in f.vertices { r2 = max(r2, dot(v, v)) } }
        return r2.squareRoot()
    }

    /// Whether every face belongs to a neighbour (the starting cube is gone).
    var isClosed: Bool { faces.allSatisfy { $0.neighbour >= 0 } }

    /// Intersects the cell with {x : x·p ≤ |p|²/2}, labelling a new face with `neighbour`.
    mutating func clip(by p: SIMD3<Double>, neighbour: Int) {
        let d = dot(p, p) / 2
        let eps = 1e-10 * dot(p, p)
        // Quick rejection: no vertex beyond the plane.
        var cuts = false
        for f in faces { for v in f.vertices where dot(v, p) - d > eps { cuts = true; break }; if cuts { break } }
        if !cuts { return }

        var newFaces: [Face] = []
        newFaces.reserveCapacity(faces.count + 1)
        var cutPoints: [SIMD3<Double>] = []
        for f in faces {
            let vs = f.vertices
            let s = vs.map { dot($0, p) - d }
            var out: [SIMD3<Double>] = []
            for i in vs.indices {
                let j = (i + 1) % vs.count
                let a = vs[i], b = vs[j], sa = s[i], sb = s[j]
                if sa <= eps {
                    out.append(a)
                    if sa >= -eps { cutPoints.append(a) }
                    if sa < -eps && sb > eps {
                        let x = a + (sa / (sa - sb)) * (b - a)
                        out.append(x); cutPoints.append(x)
                    }
                } else if sb < -eps {
                    let x = a + (sa / (sa - sb)) * (b - a)
                    out.append(x); cutPoints.append(x)
                }
            }
            if out.count >= 3 { newFaces.append(Face(neighbour: f.neighbour, vertices: out)) }
        }
        // The new face: the cut points in cyclic order around their centroid.
        var unique: [SIMD3<Double>] = []
        let mergeTolerance2 = 1e-18 * max(1, dot(p, p))
        for x in cutPoints where !unique.contains(where: { let e = $0 - x; return dot(e, e) <= mergeTolerance2 }) {
            unique.append(x)
        }
        if unique.count >= 3 {
            var c = SIMD3<Double>.zero
            for x in unique { c += x }
            c /= Double(unique.count)
            let n = p / norm(p)
            var u = unique[0] - c
            u -= dot(u, n) * n
            let un = norm(u)
            if un > 0 {
                u /= un
                let w = cross(n, u)
                let ordered = unique.map { x -> (Double, SIMD3<Double>) in
                    let r = x - c
                    return (atan2(dot(r, w), dot(r, u)), x)
                }.sorted { $0.0 < $1.0 }.map { $0.1 }
                newFaces.append(Face(neighbour: neighbour, vertices: ordered))
            }
        }
        faces = newFaces
    }
}

/// Solid angle subtended at the origin by a planar convex polygon with vertices in cyclic order:
/// the sum over the fan triangles (r₀, rᵢ, rᵢ₊₁) of Van Oosterom & Strackee's
/// Ω = 2 atan2(|r₀·(rᵢ×rᵢ₊₁)|, |r₀||rᵢ||rᵢ₊₁| + |rᵢ₊₁| r₀·rᵢ + |rᵢ| r₀·rᵢ₊₁ + |r₀| rᵢ·rᵢ₊₁)
/// — pymatgen's `solid_angle`.
func solidAngle(_ r: [SIMD3<Double>]) -> Double {
    guard r.count >= 3 else { return 0 }
    let n = r.map { norm($0) }
    var angle = 0.0
    for i in 1..<(r.count - 1) {
        let j = i + 1
        let tp = abs(dot(r[0], cross(r[i], r[j])))
        let de = n[0] * n[i] * n[j] + n[j] * dot(r[0], r[i]) + n[i] * dot(r[0], r[j]) + n[0] * dot(r[i], r[j])
        angle += 2 * atan2(tp, de)
    }
    return angle
}

#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import Crystals
