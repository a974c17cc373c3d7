extension Lattice {
    /// LLL reduction (Lenstra–Lenstra–Lovász, δ = 0.75) of the row basis.
    ///
    /// Returns the reduced lattice and the integer unimodular matrix U with reduced = U · M
    /// (rows). Each step size-reduces b_k against b_j (b_k −= round(μ_kj) b_j) and swaps b_k, b_{k−1}
    /// when the Lovász condition |b*_k|² ≥ (δ − μ²_{k,k−1}) |b*_{k−1}|² fails.
    public func lllReduced(delta: Double = 0.75) -> (lattice: Lattice, transform: Matrix3) {
        var b = matrix
        var u: [SIMD3<Double>] = [SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1)]
        func gramSchmidt() -> (star: [SIMD3<Double>], mu: [[Double]]) {
            var star = b, mu = [[Double]](repeating: [0, 0, 0], count: 3)
            for i in 0..<3 {
                for j in 0..<i {
                    mu[i][j] = dot(b[i], star[j]) / dot(star[j], star[j])
                    star[i] -= mu[i][j] * star[j]
                }
            }
            return (star, mu)
        }
        var k = 1, guardCount = 0
        while k < 3 && guardCount < 10_000 {
            guardCount += 1
            for j in stride(from: k - 1, through: 0, by: -1) {
                let q = gramSchmidt().mu[k][j].rounded()
                if q != 0 { b[k] -= q * b[j]; u[k] -= q * u[j] }
            }
            let (star, mu) = gramSchmidt()
            if dot(star[k], star[k]) >= (delta - mu[k][k - 1] * mu[k][k - 1]) * dot(star[k - 1], star[k - 1]) {
                k += 1
            } else {
                b.swapAt(k, k - 1); u.swapAt(k, k - 1)
                k = max(k - 1, 1)
            }
        }
        return (Lattice(b[0], b[1], b[2]), Matrix3(rows: u))
    }

    /// Niggli reduction, a port of pymatgen's `Lattice.get_niggli_reduced_lattice(tol=1e-5)`
    /// (Grosse-Kunstleve, Sauter & Adams 2003, steps A1–A8 on the metric tensor G, tolerance
    /// ε = tol·V^{1/3}), starting from the LLL-reduced basis.
    ///
    /// Returns the reduced lattice and the integer unimodular U with reduced = U · M (rows). The
    /// reduced basis has the Niggli parameters; it is made right-handed by negating all three
    /// vectors when needed (as pymatgen does). pymatgen then picks *some* basis of the original
    /// lattice with these parameters (`find_mapping`); any two such bases differ by a rotation of
    /// the metric, so lengths, angles and Gram matrix agree exactly with pymatgen's.
    public func niggliReduced(tolerance tol: Double = 1e-5) -> (lattice: Lattice, transform: Matrix3) {
        let (lll, u0) = lllReduced()
        let e = tol * _cbrt(volume)
        var g = lll.metric
        var t = Matrix3.identity // G = Tᵀ G₀ T, basis = Tᵀ · L_lll
        func apply(_ m: Matrix3) { g = m.transposed * g * m; t = t * m }
        func params() -> (Double, Double, Double, Double, Double, Double) {
            (g[0, 0], g[1, 1], g[2, 2], 2 * g[1, 2], 2 * g[0, 2], 2 * g[0, 1])
        }
        func sign(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : 0) }
        for _ in 0..<100 {
            var (A, B, C, E, N, Y) = params()
            if B + e < A || (abs(A - B) < e && abs(E) > abs(N) + e) {
                apply(Matrix3(SIMD3(0, -1, 0), SIMD3(-1, 0, 0), SIMD3(0, 0, -1)))
                (A, B, C, E, N, Y) = params()
            }
            if C + e < B || (abs(B - C) < e && abs(N) > abs(Y) + e) {
                apply(Matrix3(SIMD3(-1, 0, 0), SIMD3(0, 0, -1), SIMD3(0, -1, 0)))
                continue
            }
            let l: Double = abs(E) < e ? 0 : sign(E)
            let m: Double = abs(N) < e ? 0 : sign(N)
            let n: Double = abs(Y) < e ? 0 : sign(Y)
            if l * m * n == 1 {
                apply(.diagonal(SIMD3(l == -1 ? -1 : 1, m == -1 ? -1 : 1, n == -1 ? -1 : 1)))
            } else if l * m * n == 0 || l * m * n == -1 {
                var i: Double = l == 1 ? -1 : 1, j: Double = m == 1 ? -1 : 1, k: Double = n == 1 ? -1 : 1
                if i * j * k == -1 {
                    if n == 0 { k = -1 } else if m == 0 { j = -1 } else if l == 0 { i = -1 }
                }
                apply(.diagonal(SIMD3(i, j, k)))
            }
            (A, B, C, E, N, Y) = params()
            if abs(E) > B + e || (abs(E - B) < e && Y - e > 2 * N) || (abs(E + B) < e && -e > Y) {
                apply(Matrix3(SIMD3(1, 0, 0), SIMD3(0, 1, -sign(E)), SIMD3(0, 0, 1))); continue
            }
            if abs(N) > A + e || (abs(A - N) < e && Y - e > 2 * E) || (abs(A + N) < e && -e > Y) {
                apply(Matrix3(SIMD3(1, 0, -sign(N)), SIMD3(0, 1, 0), SIMD3(0, 0, 1))); continue
            }
            if abs(Y) > A + e || (abs(A - Y) < e && N - e > 2 * E) || (abs(A + Y) < e && -e > N) {
                apply(Matrix3(SIMD3(1, -sign(Y), 0), SIMD3(0, 1, 0), SIMD3(0, 0, 1))); continue
            }
            if -e > E + N + Y + A + B || (abs(E + N + Y + A + B) < e && e < Y + (A + N) * 2) {
                apply(Matrix3(SIMD3(1, 0, 1), SIMD3(0, 1, 1), SIMD3(0, 0, 1))); continue
            }
            break
        }
        var u = t.transposed * u0
        var reduced = Lattice(u * matrix3)
        if reduced.signedVolume < 0 {
            u = Matrix3(rows: u.rows.map { -$0 })
            reduced = Lattice(u * matrix3)
        }
        return (reduced, u.rounded)
    }
}

#if canImport(Glibc)
import Glibc
@usableFromInline func _cbrt(_ x: Double) -> Double { Glibc.cbrt(x) }
#else
import Darwin
@usableFromInline func _cbrt(_ x: Double) -> Double { Darwin.cbrt(x) }
#endif
