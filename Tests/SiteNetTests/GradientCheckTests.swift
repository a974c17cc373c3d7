import XCTest
import Learning
import Randomness
@testable import SiteNet
import Featurizers

/// Finite-difference checks of the full DIM and supervised losses against the analytic backward
/// passes (Float model, central differences h = 2e-3; agreement within 3 % of the larger
/// magnitude plus 3e-4 absolute, over a sample of entries of every parameter tensor).
final class GradientCheckTests: XCTestCase {
    /// Compares analytic gradients (already accumulated in `params`) with central differences of `loss`:
    /// (1) per tensor, the directional derivative along the tensor's own gradient direction u = g/|g|
    /// (analytic |g|, finite difference (L(θ+hu) − L(θ−hu))/2h, agreement within 2 % — a strong
    /// signal that Float rounding of the loss cannot mask); (2) a sample of single entries whose
    /// gradient is not tiny (within 5 % + 5e-4: the Float loss of a batch carries rounding noise of
    /// about 1e-6, i.e. ~3e-4 in a single-entry difference quotient).
    func check(_ params: [Parameter], loss: () -> Double, label: String, perTensor: Int = 3,
               file: StaticString = #filePath, line: UInt = #line) {
        var rng = SeedPath("gradcheck", label).stream()
        var checked = 0
        for p in params {
            let g = p.grad, v0 = p.value
            let norm = g.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            if norm > 1e-5 {
                let h = 3e-3
                p.value = zip(v0, g).map { $0 + Float(h * Double($1) / norm) }; let lp = loss()
                p.value = zip(v0, g).map { $0 - Float(h * Double($1) / norm) }; let lm = loss()
                p.value = v0
                let fd = (lp - lm) / (2 * h)
                XCTAssertEqual(fd, norm, accuracy: 0.02 * norm + 1e-5, "\(label): \(p.name) directional derivative", file: file, line: line)
                checked += 1
            }
            for _ in 0..<min(perTensor, p.count) {
                let i = rng.index(below: p.count)
                guard abs(g[i]) > 2e-3 else { continue }
                let h: Float = 3e-3
                p.value[i] = v0[i] + h; let lp = loss()
                p.value[i] = v0[i] - h; let lm = loss()
                p.value[i] = v0[i]
                let fd = (lp - lm) / Double(2 * h), an = Double(g[i])
                XCTAssertEqual(fd, an, accuracy: 0.05 * abs(an) + 5e-4, "\(label): \(p.name)[\(i)]", file: file, line: line)
            }
        }
        XCTAssertGreaterThan(checked, params.count / 2, "\(label): too few tensors with a gradient")
    }

    func testLocalDIMLossGradient() {
        for synthetic in [true, false] {
            let crystals = SyntheticCrystals.make(5, seed: "local")
            let b = SiteNetBatch(crystals)
            let model = DIMModel(seed: SeedPath("gc", "local"))
            var rng = SeedPath("gc", "noise").stream()
            var eps = [Float](repeating: 0, count: b.rowCount * 32); rng.fillNormal(&eps)
            let noise = Matrix(rows: b.rowCount, cols: 32, data: eps)
            func loss(_ grad: Bool) -> Double {
                let lc = model.local.forward(x: b.x, layout: b.trueLayout)
                let r = model.localHead.run(batch: b, s: lc.s, m: lc.m, noise: noise, synthetic: synthetic, consistentMasks: false,
                                            alpha: 1, beta: 0.1, gradients: grad)
                if grad { model.local.backward(lc, ds: r.ds!, dmExtra: r.dm) }
                return Double(r.dimLoss) + 0.1 * Double(r.klLoss)
            }
            for p in model.localParameters { p.zeroGrad() }
            _ = loss(true)
            check(model.localParameters, loss: { loss(false) }, label: "local synthetic=\(synthetic)")
        }
    }

    func testGlobalDIMLossGradient() {
        let crystals = SyntheticCrystals.make(6, seed: "global")
        let b = SiteNetBatch(crystals)
        let model = DIMModel(seed: SeedPath("gc", "global"))
        var rng = SeedPath("gc", "gnoise").stream()
        let s = model.local.forward(x: b.x, layout: b.trueLayout).s
        let fl = [model.local.forward(x: b.rolledFeatures(), layout: b.trueLayout).s,
                  model.local.forward(x: b.x, layout: b.falseStructureLayout()).s,
                  model.local.forward(x: b.x, layout: b.permutedLayout(rng.permutation(b.maxN))).s]
        var eps = [Float](repeating: 0, count: b.crystalCount * 64); rng.fillNormal(&eps)
        let noise = Matrix(rows: b.crystalCount, cols: 64, data: eps)
        func loss(_ grad: Bool) -> Double {
            let gc = model.global.forward(s, crystalOffsets: b.crystalOffsets)
            let r = model.globalHead.run(batch: b, s: s, falseLocals: fl, encoder: gc, noise: noise, alpha: 1, beta: 0.1, gradients: grad)
            if grad { model.global.backward(gc, dg: r.dg!, dqExtra: r.dq, inputGradient: false) }
            return Double(r.dimLoss) + 0.1 * Double(r.klLoss)
        }
        for p in model.globalParameters { p.zeroGrad() }
        _ = loss(true)
        check(model.globalParameters, loss: { loss(false) }, label: "global")
    }

    func testSupervisedLossGradient() {
        let crystals = SyntheticCrystals.make(5, seed: "sup")
        let b = SiteNetBatch(crystals)
        let targets: [Float] = [0.5, -1, 2, 0.1, -0.3]
        let model = SupervisedModel(seed: SeedPath("gc", "sup"))
        // lr 0 so the step leaves the weights unchanged and only accumulates gradients
        let opt = AdamOptimizer(parameters: model.parameters, config: AdamConfig(learningRate: 0, weightDecay: 0))
        func loss() -> Double {
            let y = model.forward(b).y.data
            return zip(y, targets).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / Double(targets.count)
        }
        // capture gradients: run the step's backward without zeroing
        let fw = model.forward(b)
        var dy = Matrix(rows: 5, cols: 1)
        for c in 0..<5 { dy.data[c] = 2 * (fw.y.data[c] - targets[c]) / 5 }
        let dh = model.head2.backward(input: fw.hidden, outputGradient: dy)!
        let dg = model.head1.backward(input: fw.gc.g, outputGradient: Mish.backward(input: fw.pre, outputGradient: dh))!
        let ds = model.global.backward(fw.gc, dg: dg, dqExtra: nil, inputGradient: true)!
        model.local.backward(fw.lc, ds: ds, dmExtra: nil)
        check(model.parameters, loss: loss, label: "supervised")
        _ = opt
    }
}
