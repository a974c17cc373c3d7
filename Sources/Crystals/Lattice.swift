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

    /// Cartesian position of fractional coordinates f: r = f₀a + f₁b + f₂c.
    public func cartesian(_ f: SIMD3<Double>) -> SIMD3<Double> {
        f.x * matrix[0] + f.y * matrix[1] + f.z * matrix[2]
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
#else
import Darwin
@usableFromInline func _acos(_ x: Double) -> Double { Darwin.acos(x) }
#endif
