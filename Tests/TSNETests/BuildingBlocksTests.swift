import XCTest
@testable import TSNE
import TestSupport

/// The pieces against scikit-learn's own numbers and against finite differences.
final class BuildingBlocksTests: XCTestCase {
    func testSparseAffinitiesMatchScikitLearn() throws {
        let ref = try TSNEReference.load()
        let n = ref.affinities.points
        let x = Array(ref.data.prefix(n)).flatMap { $0 }
        let p = Affinities.sparse(x, n: n, d: ref.data[0].count, perplexity: ref.affinities.perplexity, k: 16, threads: 2)
        var mine = [Int: Double]()
        for i in 0..<n { for e in p.rowStart[i]..<p.rowStart[i + 1] { mine[i * n + Int(p.columns[e])] = Double(p.values[e]) } }
        XCTAssertEqual(mine.count, ref.affinities.triplets.count, "same sparsity pattern size")
        for t in ref.affinities.triplets {
            let key = Int(t[0]) * n + Int(t[1])
            let v = try XCTUnwrap(mine[key], "entry (\(Int(t[0])), \(Int(t[1]))) missing")
            XCTAssertTrue(TestSupport.isClose(v, t[2], relative: 2e-4, absolute: 1e-9), "p[\(key)] = \(v) vs sklearn \(t[2])")
        }
    }

    func testPCAInitialisationMatchesScikitLearnUpToAxisSign() throws {
        let ref = try TSNEReference.load()
        let n = ref.pca_init.count
        let y = try PCAInitialisation.embed(Array(ref.data.prefix(n)).flatMap { $0 }, n: n, d: ref.data[0].count)
        for axis in 0..<2 {
            let sign: Double = (y[axis] * ref.pca_init[0][axis]) < 0 ? -1 : 1
            for i in 0..<n {
                XCTAssertEqual(sign * y[2 * i + axis], ref.pca_init[i][axis], accuracy: 1e-9, "point \(i) axis \(axis)")
            }
        }
    }

    func testTrustworthinessMatchesScikitLearn() throws {
        let ref = try TSNEReference.load()
        let n = ref.trustworthiness.points
        let t = try trustworthiness(Array(ref.data.prefix(n)), ref.pca_init, neighbours: ref.trustworthiness.n_neighbors)
        XCTAssertEqual(t, ref.trustworthiness.value, accuracy: 1e-12)
        XCTAssertThrowsError(try trustworthiness(Array(ref.data.prefix(n)), ref.pca_init, neighbours: 30))
    }

    func testPerplexityCalibrationReachesTargetEntropy() {
        let d: [Double] = (0..<50).map { Double($0 * $0) * 0.37 + 1 }
        var p = [Double](repeating: 0, count: d.count)
        d.withUnsafeBufferPointer { db in
            p.withUnsafeMutableBufferPointer { pb in _ = PerplexityCalibration.calibrate(db, perplexity: 7, into: pb) }
        }
        let h = -p.filter { $0 > 0 }.reduce(0) { $0 + $1 * log($1) }
        XCTAssertEqual(exp(h), 7, accuracy: 7 * 2e-5)
        XCTAssertEqual(p.reduce(0, +), 1, accuracy: 1e-12)
    }

    /// Exact gradient against central finite differences of the exact KL.
    func testExactGradientMatchesFiniteDifferences() {
        var rng = SeedPathTestRNG(7)
        let n = 12
        let x = (0..<(n * 3)).map { _ in rng.next() }
        let p = Affinities.dense(x, n: n, d: 3, perplexity: 3, threads: 1)
        let g = ExactGradient(p: p, n: n, threads: 2)
        let y = (0..<(2 * n)).map { _ in rng.next() * 2 }
        var grad = [Double](repeating: 0, count: 2 * n)
        _ = g.evaluate(y, exaggeration: 1, computeError: true, grad: &grad)
        var scratch = grad
        for t in 0..<(2 * n) {
            let h = 1e-6
            var a = y, b = y
            a[t] += h; b[t] -= h
            let fd = (g.evaluate(a, exaggeration: 1, computeError: true, grad: &scratch)
                      - g.evaluate(b, exaggeration: 1, computeError: true, grad: &scratch)) / (2 * h)
            XCTAssertEqual(grad[t], fd, accuracy: 1e-6 + 1e-5 * abs(fd), "coordinate \(t)")
        }
    }

    /// With θ = 0 the tree walk is exact, so BH must equal the exact gradient on the same P.
    func testBarnesHutWithZeroAngleEqualsExactGradient() {
        var rng = SeedPathTestRNG(11)
        let n = 80
        let x = (0..<(n * 4)).map { _ in rng.next() }
        let sparse = Affinities.sparse(x, n: n, d: 4, perplexity: 5, k: 16, threads: 2)
        var dense = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for e in sparse.rowStart[i]..<sparse.rowStart[i + 1] { dense[i * n + Int(sparse.columns[e])] = Double(sparse.values[e]) } }
        let y = (0..<(2 * n)).map { _ in rng.next() * 5 }
        var gBH = [Double](repeating: 0, count: 2 * n), gEx = gBH
        let klBH = BarnesHutGradient(p: sparse, theta: 0, threads: 2).evaluate(y, exaggeration: 12, computeError: true, grad: &gBH)
        let klEx = ExactGradient(p: dense, n: n, threads: 1).evaluate(y, exaggeration: 12, computeError: true, grad: &gEx)
        for t in 0..<(2 * n) { XCTAssertEqual(gBH[t], gEx[t], accuracy: 1e-10 + 1e-8 * abs(gEx[t])) }
        XCTAssertEqual(klBH, klEx, accuracy: 1e-6 * abs(klEx))
        // θ = 0.5 is an approximation, but a close one.
        var gHalf = gBH
        _ = BarnesHutGradient(p: sparse, theta: 0.5, threads: 2).evaluate(y, exaggeration: 12, computeError: false, grad: &gHalf)
        let err = zip(gHalf, gEx).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
        let norm = gEx.map { $0 * $0 }.reduce(0, +).squareRoot()
        XCTAssertLessThan(err / norm, 0.05)
    }

    func testKNearestSelectionIsExactAndOrdered() {
        var rng = SeedPathTestRNG(3)
        let keys = (0..<500).map { _ in (rng.next() * 20).rounded() }  // many ties
        var idx = (0..<500).map { Int32($0) }
        keys.withUnsafeBufferPointer { kb in
            idx.withUnsafeMutableBufferPointer { ib in NearestNeighbors.selectSmallest(37, keys: kb, indices: ib) }
        }
        let expected = (0..<500).sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }.prefix(37)
        XCTAssertEqual(idx.prefix(37).map { Int($0) }, Array(expected))
    }
}

/// A tiny deterministic generator for test data (uniform in [−1, 1)).
struct SeedPathTestRNG {
    var state: UInt64
    init(_ seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> Double {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return Double(state >> 11) * 0x1.0p-52 - 1
    }
}
