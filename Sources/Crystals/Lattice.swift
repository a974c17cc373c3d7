/// A periodic lattice: three lattice vectors a, b, c (the rows of `matrix`), in ångström.
///
/// Cartesian positions are row vectors: r = f · M, with f the fractional coordinates.
public struct Lattice: Equatable, Sendable {
    /// Rows are the lattice vectors a, b, c (Å).
    public var matrix: [SIMD3<Double>]

    /// A lattice from its three row vectors.
    public init(_ a: SIMD3<Double>, _ b: SIMD3<Double>, _ c: SIMD3<Double>) { matrix = [a, b, c] }

    /// A lattice from a 3×3 nested array, rows = lattice vectors.
    public init(rows: [[Double]]) {
        precondition(rows.count == 3 && rows.allSatisfy { $0.count == 3 }, "lattice needs 3×3 values")
        matrix = rows.map { SIMD3($0[0], $0[1], $0[2]) }
    }

    /// A lattice from a `Matrix3` whose rows are the lattice vectors.
    public init(_ m: Matrix3) { matrix = m.rows }

    /// A lattice from its parameters (Å, degrees) in pymatgen's convention
    /// (`Lattice.from_parameters`, vesta = false): c ∥ z, a in the xz plane,
    /// a = (a sin β, 0, a cos β), b = (−b sin α cos γ*, b sin α sin γ*, b cos α), c = (0, 0, c),
    /// with cos γ* = (cos α cos β − cos γ)/(sin α sin β) clamped to [−1, 1].
    public init(a: Double, b: Double, c: Double, alpha: Double, beta: Double, gamma: Double) {
        let r = Double.pi / 180
        let (ca, cb, cg) = (_cos(alpha * r), _cos(beta * r), _cos(gamma * r))
        let (sa, sb) = (_sin(alpha * r), _sin(beta * r))
        let v = max(-1, min(1, (ca * cb - cg) / (sa * sb)))
        let gs = _acos(v)
        self.init(SIMD3(a * sb, 0, a * cb), SIMD3(-b * sa * _cos(gs), b * sa * _sin(gs), b * ca), SIMD3(0, 0, c))
    }

    /// The lattice vectors as a `Matrix3` (rows).
    public var matrix3: Matrix3 { Matrix3(rows: matrix) }

    /// Signed volume a · (b × c) (Å³).
    public var signedVolume: Double { dot(matrix[0], cross(matrix[1], matrix[2])) }

    /// Volume |a · (b × c)| (Å³).
    public var volume: Double { abs(signedVolume) }

    /// Lengths |a|, |b|, |c| (Å).
    public var lengths: SIMD3<Double> { SIMD3(norm(matrix[0]), norm(matrix[1]), norm(matrix[2])) }

    /// Angles α = ∠(b, c), β = ∠(a, c), γ = ∠(a, b) in degrees.
    public var angles: SIMD3<Double> {
        func angle(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> Double {
            let c = max(-1, min(1, dot(u, v) / (norm(u) * norm(v))))
            return _acos(c) * 180 / Double.pi
        }
        return SIMD3(angle(matrix[1], matrix[2]), angle(matrix[0], matrix[2]), angle(matrix[0], matrix[1]))
    }

    /// The six parameters (a, b, c in Å; α, β, γ in degrees).
    public var parameters: (a: Double, b: Double, c: Double, alpha: Double, beta: Double, gamma: Double) {
        let l = lengths, g = angles
        return (l.x, l.y, l.z, g.x, g.y, g.z)
    }

    /// Metric tensor G = M Mᵀ (Gram matrix of a, b, c).
    public var metric: Matrix3 { matrix3 * matrix3.transposed }

    /// Reciprocal lattice with the crystallographer's convention (no 2π): rows a*, b*, c* with
    /// a_i · a*_j = δ_ij, i.e. M* = (M⁻¹)ᵀ.
    public var reciprocal: Lattice { Lattice(matrix3.inverse.transposed) }

    /// Reciprocal lattice with the physicist's convention: 2π (M⁻¹)ᵀ.
    public var reciprocal2Pi: Lattice {
        let r = reciprocal.matrix.map { $0 * (2 * Double.pi) }
        return Lattice(r[0], r[1], r[2])
    }

    /// Distances between lattice planes: d_k = V / |a_i × a_j| = 1 / |a*_k|.
    public var planeSpacings: SIMD3<Double> {
        let r = reciprocal.matrix
        return SIMD3(1 / norm(r[0]), 1 / norm(r[1]), 1 / norm(r[2]))
    }

    /// Cartesian position of fractional coordinates f: r = f₀a + f₁b + f₂c.
    public func cartesian(_ f: SIMD3<Double>) -> SIMD3<Double> {
        f.x * matrix[0] + f.y * matrix[1] + f.z * matrix[2]
    }

    /// Fractional coordinates of a Cartesian position: f = r · M⁻¹.
    public func fractional(_ r: SIMD3<Double>) -> SIMD3<Double> { r * matrix3.inverse }

    /// Fractional coordinates of many Cartesian positions (one inverse).
    public func fractional(_ rs: [SIMD3<Double>]) -> [SIMD3<Double>] {
        let inv = matrix3.inverse
        return rs.map { $0 * inv }
    }
}

/// Dot product of two 3-vectors.
@inlinable public func dot(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> Double { (u * v).sum() }
/// Cross product of two 3-vectors.
@inlinable public func cross(_ u: SIMD3<Double>, _ v: SIMD3<Double>) -> SIMD3<Double> {
    SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
}
/// Euclidean norm of a 3-vector.
@inlinable public func norm(_ u: SIMD3<Double>) -> Double { dot(u, u).squareRoot() }

#if canImport(Glibc)
import Glibc
@usableFromInline func _acos(_ x: Double) -> Double { Glibc.acos(x) }
@usableFromInline func _cos(_ x: Double) -> Double { Glibc.cos(x) }
@usableFromInline func _sin(_ x: Double) -> Double { Glibc.sin(x) }
#else
import Darwin
@usableFromInline func _acos(_ x: Double) -> Double { Darwin.acos(x) }
@usableFromInline func _cos(_ x: Double) -> Double { Darwin.cos(x) }
@usableFromInline func _sin(_ x: Double) -> Double { Darwin.sin(x) }
#endif
