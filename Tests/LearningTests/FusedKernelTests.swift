import XCTest
import Learning
import Randomness

/// The cache-free and derivative-keeping variants of the fused mish + LayerNorm kernel against the
/// reference kernels: the cache-free pass is the same arithmetic (equal bits, also in place); the
/// derivative-keeping pass evaluates mish through mish′'s shared terms (equal up to rounding).
final class FusedKernelTests: XCTestCase {
    func testMishNormVariantsAgreeWithTheReferenceKernels() {
        var rng = SeedPath("tests", "fused-kernels").stream()
        let rows = 7, cols = 64, ld = 128
        var pre = [Float](repeating: 0, count: rows * ld), dy = [Float](repeating: 0, count: rows * ld)
        rng.fillNormal(&pre); rng.fillNormal(&dy)
        pre = pre.map { 3 * $0 }
        let gamma = (0..<cols).map { 0.5 + Float($0) / 64 }, beta = (0..<cols).map { Float($0) / 100 - 0.3 }
        var y = [Float](repeating: 0, count: rows * ld), xhat = [Float](repeating: 0, count: rows * cols), rstd = [Float](repeating: 0, count: rows)
        var dpre = [Float](repeating: 0, count: rows * ld), dg = [Float](repeating: 0, count: cols), db = [Float](repeating: 0, count: cols)
        Kernels.mishNormForward(pre: pre, ldPre: ld, rows: rows, cols: cols, gamma: gamma, beta: beta, eps: 1e-5, y: &y, ldY: ld, xhat: &xhat, rstd: &rstd)
        Kernels.mishNormBackward(dy: dy, ldDy: ld, pre: pre, ldPre: ld, rows: rows, cols: cols, xhat: xhat, rstd: rstd, gamma: gamma,
                                 dGamma: &dg, dBeta: &db, dpre: &dpre, ldDpre: ld)
        // cache-free, in place (y == pre)
        var inPlace = pre
        inPlace.withUnsafeMutableBufferPointer { p in
            Kernels.mishNormRows(pre: p.baseAddress!, ldPre: ld, rows: rows, cols: cols, gamma: gamma, beta: beta, eps: 1e-5, y: p.baseAddress!, ldY: ld)
        }
        for r in 0..<rows { for j in 0..<cols { XCTAssertEqual(inPlace[r * ld + j], y[r * ld + j], "y[\(r), \(j)]") } }
        // keeping mish′ in place of pre, then the backward from it
        var kept = pre, y2 = [Float](repeating: 0, count: rows * ld), xhat2 = xhat, rstd2 = rstd
        var dpre2 = [Float](repeating: 0, count: rows * ld), dg2 = [Float](repeating: 0, count: cols), db2 = [Float](repeating: 0, count: cols)
        Kernels.mishNormForwardKeepingDerivative(pre: &kept, ldPre: ld, rows: rows, cols: cols, gamma: gamma, beta: beta, eps: 1e-5,
                                                 y: &y2, ldY: ld, xhat: &xhat2, rstd: &rstd2)
        Kernels.mishNormBackward(dy: dy, ldDy: ld, mishDerivative: kept, ldD: ld, rows: rows, cols: cols, xhat: xhat2, rstd: rstd2, gamma: gamma,
                                 dGamma: &dg2, dBeta: &db2, dpre: &dpre2, ldDpre: ld)
        // mish from the shared e^x (x·n·1/(n+2)) rounds differently from x·n/(n+2) in the last bits
        func close(_ a: [Float], _ b: [Float], _ what: String) {
            for (u, v) in zip(a, b) { XCTAssertEqual(u, v, accuracy: 1e-5 * max(1, abs(v)), what) }
        }
        close(y2, y, "y"); close(xhat2, xhat, "x̂"); close(rstd2, rstd, "rstd"); close(dg2, dg, "dγ"); close(db2, db, "dβ")
        for r in 0..<rows { for j in 0..<cols {
            XCTAssertEqual(kept[r * ld + j], FastMath.mishDerivative(pre[r * ld + j]), accuracy: 1e-6 * max(1, abs(kept[r * ld + j])))
            XCTAssertEqual(dpre2[r * ld + j], dpre[r * ld + j], accuracy: 1e-5 * max(1, abs(dpre[r * ld + j])))
        } }
    }
}
