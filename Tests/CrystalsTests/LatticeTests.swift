import Crystals
import XCTest

final class LatticeTests: XCTestCase {
    /// Cells from mild to extremely skewed (the last has α = β = γ ≈ 5.8°, as mp-581601).
    static let cells: [Lattice] = [
        Lattice(rows: [[3, 0, 0], [0, 4, 0], [0, 0, 5]]),
        Lattice(rows: [[3.35275227, 0.0, 1.93571242], [1.11758409, 3.16100515, 1.93571242], [0.0, 0.0, 3.87142485]]),
        Lattice(rows: [[4, 0, 0], [7.9, 1.1, 0], [3.3, 5.7, 2.5]]),
        Lattice(a: 37.8279, b: 37.8279, c: 37.8279, alpha: 5.847453, beta: 5.847453, gamma: 5.847453),
        Lattice(rows: [[2, 0, 0], [5, 2, 0], [-3, 7, 1.5]]),
    ]

    func testParametersRoundTrip() {
        let l = Lattice(a: 4.1, b: 5.2, c: 6.3, alpha: 80, beta: 95, gamma: 110)
        let p = l.parameters
        XCTAssertEqual(p.a, 4.1, accuracy: 1e-12); XCTAssertEqual(p.b, 5.2, accuracy: 1e-12); XCTAssertEqual(p.c, 6.3, accuracy: 1e-12)
        XCTAssertEqual(p.alpha, 80, accuracy: 1e-9); XCTAssertEqual(p.beta, 95, accuracy: 1e-9); XCTAssertEqual(p.gamma, 110, accuracy: 1e-9)
        XCTAssertEqual(Lattice(a: 2, b: 3, c: 4, alpha: 90, beta: 90, gamma: 90).volume, 24, accuracy: 1e-12)
    }

    func testReciprocalAndFractional() {
        for l in Self.cells {
            let r = l.reciprocal.matrix
            for i in 0..<3 { for j in 0..<3 { XCTAssertEqual(dot(l.matrix[i], r[j]), i == j ? 1 : 0, accuracy: 1e-9) } }
            let f = SIMD3(0.3, -1.2, 2.7)
            let back = l.fractional(l.cartesian(f))
            XCTAssertEqual(norm(back - f), 0, accuracy: 1e-9)
            XCTAssertEqual(l.reciprocal2Pi.matrix[0].x, 2 * Double.pi * r[0].x, accuracy: 1e-12)
        }
    }

    func testReductionsAreUnimodularAndShorten() {
        for l in Self.cells {
            for (red, u) in [l.lllReduced(), l.niggliReduced()] {
                XCTAssertEqual(abs(u.determinant), 1, accuracy: 1e-9)
                let direct = u * l.matrix3
                for k in 0..<3 { XCTAssertEqual(norm(direct.rows[k] - red.matrix[k]), 0, accuracy: 1e-8) }
                XCTAssertEqual(red.volume, l.volume, accuracy: 1e-8 * l.volume)
                XCTAssertLessThanOrEqual(red.lengths.sum(), l.lengths.sum() * (1 + 1e-9))
            }
            let n = l.niggliReduced().lattice
            XCTAssertGreaterThan(n.signedVolume, 0)
            XCTAssertLessThanOrEqual(n.lengths.x, n.lengths.y * (1 + 1e-6)); XCTAssertLessThanOrEqual(n.lengths.y, n.lengths.z * (1 + 1e-6))
        }
    }

    /// Minimum-image distance equals a brute-force search over every image that can be closer
    /// than the best of the 27 nearest images: |n_k + Δf_k| ≤ d₀ |a*_k|, independent of any reduction.
    func testMinimumImageMatchesBruteForce() {
        let points: [SIMD3<Double>] = [SIMD3(0.1, 0.2, 0.3), SIMD3(0.9, 0.05, 0.6), SIMD3(0.5, 0.5, 0.5), SIMD3(0.77, 0.31, 0.02), SIMD3(1.4, -0.3, 2.2)]
        for l in Self.cells {
            let mi = MinimumImage(l)
            for a in points {
                for b in points {
                    var df = b - a
                    df -= df.rounded(.down)
                    var best = Double.infinity
                    for x in -1...1 { for y in -1...1 { for z in -1...1 {
                        best = min(best, norm(l.cartesian(df + SIMD3(Double(x), Double(y), Double(z)))))
                    } } }
                    let r = l.reciprocal.matrix.map { Int((best * norm($0)).rounded(.up)) + 1 }
                    for x in -r[0]...r[0] { for y in -r[1]...r[1] { for z in -r[2]...r[2] {
                        best = min(best, norm(l.cartesian(df + SIMD3(Double(x), Double(y), Double(z)))))
                    } } }
                    XCTAssertEqual(mi.distance(a, b), best, accuracy: 1e-9, "\(l.matrix)")
                }
            }
        }
    }

    func testDistanceMatrixShapeAndSymmetry() {
        let s = Structure(lattice: Self.cells[2], atomicNumbers: [1, 8, 8], fractional: [SIMD3(0, 0, 0), SIMD3(0.4, 0.1, 0.9), SIMD3(0.7, 0.7, 0.2)])
        let d = s.distanceMatrix
        XCTAssertEqual(d.count, 9)
        for i in 0..<3 { XCTAssertEqual(d[i * 3 + i], 0, accuracy: 1e-12); for j in 0..<3 { XCTAssertEqual(d[i * 3 + j], d[j * 3 + i], accuracy: 1e-12) } }
    }
}
