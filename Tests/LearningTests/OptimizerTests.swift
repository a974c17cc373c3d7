import XCTest
import Learning

/// AdamW (amsgrad) and Adam against the PyTorch update rule written out in Double.
final class OptimizerTests: XCTestCase {
    func reference(_ p0: [Double], grads: [[Double]], lr: Double, b1: Double, b2: Double, eps: Double, wd: Double,
                   amsgrad: Bool, decoupled: Bool) -> [Double] {
        var p = p0, m = p0.map { _ in 0.0 }, v = m, vmax = m
        for (t, g0) in grads.enumerated() {
            let step = Double(t + 1)
            for i in p.indices {
                var g = g0[i]
                if decoupled { p[i] *= 1 - lr * wd } else { g += wd * p[i] }
                m[i] = b1 * m[i] + (1 - b1) * g
                v[i] = b2 * v[i] + (1 - b2) * g * g
                vmax[i] = max(vmax[i], v[i])
                let vv = amsgrad ? vmax[i] : v[i]
                let denom = vv.squareRoot() / (1 - pow(b2, step)).squareRoot() + eps
                p[i] -= lr / (1 - pow(b1, step)) * m[i] / denom
            }
        }
        return p
    }

    func run(_ config: AdamConfig) {
        let p = Parameter(name: "w", shape: [3], value: [0.5, -1, 2])
        let opt = AdamOptimizer(parameters: [p], config: config)
        let grads: [[Double]] = [[0.1, -0.2, 0.3], [-0.5, 0.05, 0.3], [0.01, 0.4, -0.3], [0.2, 0.2, 0.2]]
        for g in grads { p.grad = g.map(Float.init); opt.step(); opt.zeroGrad() }
        XCTAssertEqual(p.grad, [0, 0, 0])
        let r = reference([0.5, -1, 2], grads: grads, lr: Double(config.learningRate), b1: Double(config.beta1), b2: Double(config.beta2),
                          eps: Double(config.eps), wd: Double(config.weightDecay), amsgrad: config.amsgrad, decoupled: config.decoupledWeightDecay)
        for i in 0..<3 { XCTAssertEqual(Double(p.value[i]), r[i], accuracy: 1e-6 * max(1, abs(r[i]))) }
        XCTAssertEqual(opt.stepCount, 4)
    }

    func testAdamWAmsgrad() { run(AdamConfig(learningRate: 1e-2, weightDecay: 0.1)) }
    func testAdamWDefaults() { run(AdamConfig()) }
    func testAdamL2() { run(AdamConfig(learningRate: 1e-2, eps: 1e-8, weightDecay: 0.05, amsgrad: false, decoupledWeightDecay: false)) }

    func testAmsgradDiffersFromPlainAdam() {
        // with a shrinking gradient, v̂ = max v keeps the step smaller than plain Adam's
        func final(_ ams: Bool) -> Float {
            let p = Parameter(name: "w", shape: [1], value: [0])
            let o = AdamOptimizer(parameters: [p], config: AdamConfig(learningRate: 0.1, weightDecay: 0, amsgrad: ams))
            for g in [1.0, 0.01, 0.01, 0.01] as [Float] { p.grad = [g]; o.step() }
            return p.value[0]
        }
        XCTAssertNotEqual(final(true), final(false))
    }
}
