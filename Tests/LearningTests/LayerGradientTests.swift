import XCTest
import Foundation
import Learning
import Randomness

/// Every layer's backward pass against central finite differences of L = Σ r ⊙ y (r random),
/// in Float with h = 1e-2 (inputs) / 1e-2 (parameters): agreement within 2 % + 2e-3.
final class LayerGradientTests: XCTestCase {
    var rng = SeedPath("tests", "learning").stream()

    func random(_ rows: Int, _ cols: Int, scale: Float = 1) -> Matrix {
        var m = Matrix(rows: rows, cols: cols)
        for i in 0..<m.count { m.data[i] = scale * Float(rng.normal()) }
        return m
    }

    func dot(_ a: Matrix, _ b: Matrix) -> Double { zip(a.data, b.data).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } }

    /// Checks dx against finite differences of x ↦ Σ r ⊙ f(x), on every element of x.
    func checkInput(_ x: Matrix, _ r: Matrix, _ f: (Matrix) -> Matrix, _ dx: Matrix, _ label: String, h: Float = 1e-2) {
        for i in 0..<x.count {
            var xp = x, xm = x
            xp.data[i] += h; xm.data[i] -= h
            let fd = (dot(f(xp), r) - dot(f(xm), r)) / Double(2 * h)
            XCTAssertEqual(fd, Double(dx.data[i]), accuracy: 0.02 * abs(fd) + 2e-3, "\(label): input \(i)")
        }
    }

    /// Checks accumulated parameter gradients against finite differences of `loss`.
    func checkParams(_ ps: [Parameter], _ loss: () -> Double, _ label: String, h: Float = 1e-2) {
        for p in ps {
            for i in 0..<min(p.count, 12) {
                let v = p.value[i]
                p.value[i] = v + h; let lp = loss()
                p.value[i] = v - h; let lm = loss()
                p.value[i] = v
                let fd = (lp - lm) / Double(2 * h)
                XCTAssertEqual(fd, Double(p.grad[i]), accuracy: 0.02 * abs(fd) + 2e-3, "\(label): \(p.name)[\(i)]")
            }
        }
    }

    func testLinear() {
        let lin = Linear("l", 5, 3, rng: &rng)
        let x = random(4, 5), r = random(4, 3)
        let dx = lin.backward(input: x, outputGradient: r)!
        checkInput(x, r, { lin.forward($0) }, dx, "linear")
        checkParams(lin.parameters, { self.dot(lin.forward(x), r) }, "linear")
    }

    func testLayerNorm() {
        let ln = LayerNorm("n", 6)
        ln.gamma.value = (0..<6).map { 0.5 + Float($0) * 0.2 }; ln.beta.value = (0..<6).map { Float($0) * 0.1 }
        let x = random(3, 6), r = random(3, 6)
        let (_, c) = ln.forward(x)
        let dx = ln.backward(outputGradient: r, cache: c)
        checkInput(x, r, { ln.forward($0).0 }, dx, "layernorm", h: 3e-3)
        checkParams(ln.parameters, { self.dot(ln.forward(x).0, r) }, "layernorm")
    }

    func testMishAndReLU() {
        let x = random(4, 5, scale: 3), r = random(4, 5)
        checkInput(x, r, { Mish.forward($0) }, Mish.backward(input: x, outputGradient: r), "mish", h: 1e-3)
        var xr = x
        for i in 0..<xr.count where abs(xr.data[i]) < 0.05 { xr.data[i] = 0.5 }   // avoid the kink
        checkInput(xr, r, { ReLU.forward($0) }, ReLU.backward(input: xr, outputGradient: r), "relu", h: 1e-3)
        XCTAssertEqual(ReLU.forward(Matrix(rows: 1, cols: 2, data: [-1, 2])).data, [0, 2])
    }

    func testFusedBlocks() {
        let b = LinearMishNorm(linearName: "a", normName: "b", 4, 6, rng: &rng)
        let x = random(5, 4), r = random(5, 6)
        let (_, c) = b.forward(x)
        let dx = b.backward(r, cache: c)!
        checkInput(x, r, { b.forward($0).0 }, dx, "linear-mish-norm", h: 3e-3)
        checkParams(b.parameters, { self.dot(b.forward(x).0, r) }, "linear-mish-norm", h: 3e-3)
        let m = MishMLP(firstName: "c", secondName: "d", 4, 5, 3, rng: &rng)
        let r2 = random(5, 3)
        let (_, c2) = m.forward(x)
        let dx2 = m.backward(r2, cache: c2)!
        checkInput(x, r2, { m.forward($0).0 }, dx2, "mish-mlp")
        checkParams(m.parameters, { self.dot(m.forward(x).0, r2) }, "mish-mlp")
    }

    func testSegmentSoftmax() {
        let offsets: [Int32] = [0, 3, 4, 8]
        let x = random(1, 8, scale: 2), r = random(1, 8)
        var y = x.data
        SegmentSoftmax.forward(&y, offsets: offsets)
        XCTAssertEqual(Double(y[0] + y[1] + y[2]), 1, accuracy: 1e-6)
        XCTAssertEqual(y[3], 1, accuracy: 1e-6)
        let dx = SegmentSoftmax.backward(alpha: y, outputGradient: r.data, offsets: offsets)
        checkInput(x, r, { m in var v = m.data; SegmentSoftmax.forward(&v, offsets: offsets); return Matrix(rows: 1, cols: 8, data: v) },
                   Matrix(rows: 1, cols: 8, data: dx), "segment softmax", h: 1e-3)
        // masked, padded form: same values on the valid entries, 0 on the masked ones
        let valid = [true, true, true, false, false, true, false, false]
        let padded = Matrix(rows: 2, cols: 4, data: x.data)
        let a = SegmentSoftmax.maskedForward(padded, valid: valid)
        var ragged = [x.data[0], x.data[1], x.data[2], x.data[5]]
        SegmentSoftmax.forward(&ragged, offsets: [0, 3, 4])
        XCTAssertEqual(Double(a[0, 0]), Double(ragged[0]), accuracy: 1e-6)
        XCTAssertEqual(a[0, 3], 0); XCTAssertEqual(a[1, 0], 0); XCTAssertEqual(a[1, 1], 1, accuracy: 1e-6)
        let r2 = random(2, 4)
        let da = SegmentSoftmax.maskedBackward(alpha: a, outputGradient: r2)
        for i in 0..<8 where valid[i] {
            var xp = padded, xm = padded
            xp.data[i] += 1e-3; xm.data[i] -= 1e-3
            let fd = (dot(SegmentSoftmax.maskedForward(xp, valid: valid), r2) - dot(SegmentSoftmax.maskedForward(xm, valid: valid), r2)) / 2e-3
            XCTAssertEqual(fd, Double(da.data[i]), accuracy: 0.02 * abs(fd) + 2e-3)
        }
    }

    func testSegmentMean() {
        let offsets: [Int32] = [0, 2, 5]
        let x = random(5, 3), r = random(2, 3)
        let y = SegmentMean.forward(x, offsets: offsets)
        XCTAssertEqual(Double(y[0, 1]), Double((x[0, 1] + x[1, 1]) / 2), accuracy: 1e-6)
        checkInput(x, r, { SegmentMean.forward($0, offsets: offsets) }, SegmentMean.backward(outputGradient: r, offsets: offsets), "segment mean")
    }

    func testFastMathAccuracy() {
        var worstExp = 0.0, worstMish = 0.0, worstSp = 0.0, worstD = 0.0
        for k in 0..<20001 {
            let x = Float(-30 + 60 * Double(k) / 20000)
            let e = Double(FastMath.exp(x)), er = Foundation.exp(Double(x))
            worstExp = max(worstExp, abs(e - er) / er)
            let mr = Double(x) * Foundation.tanh(Foundation.log1p(Foundation.exp(Double(x))))
            worstMish = max(worstMish, abs(Double(FastMath.mish(x)) - mr) / max(abs(mr), 1e-3))
            let spr = Foundation.log1p(Foundation.exp(Double(x)))
            worstSp = max(worstSp, abs(Double(FastMath.softplus(x)) - spr) / max(spr, 1e-12))
            let h = 1e-4
            let mp = (Double(x) + h) * Foundation.tanh(Foundation.log1p(Foundation.exp(Double(x) + h)))
            let mm = (Double(x) - h) * Foundation.tanh(Foundation.log1p(Foundation.exp(Double(x) - h)))
            worstD = max(worstD, abs(Double(FastMath.mishDerivative(x)) - (mp - mm) / (2 * h)))
        }
        XCTAssertLessThan(worstExp, 3e-7)
        XCTAssertLessThan(worstMish, 2e-6)
        XCTAssertLessThan(worstSp, 2e-6)
        XCTAssertLessThan(worstD, 1e-5)
    }

    func testGemmMatchesNaiveProduct() {
        let a = random(7, 5), b = random(5, 4)
        let c = BLAS.matmul(a, b)
        let ct = BLAS.matmul(a, Matrix(rows: 4, cols: 5, data: (0..<20).map { b[$0 % 5, $0 / 5] }), transB: true)
        for i in 0..<7 { for j in 0..<4 {
            var s: Float = 0; for k in 0..<5 { s += a[i, k] * b[k, j] }
            XCTAssertEqual(c[i, j], s, accuracy: 1e-5); XCTAssertEqual(ct[i, j], s, accuracy: 1e-5)
        } }
    }
}
