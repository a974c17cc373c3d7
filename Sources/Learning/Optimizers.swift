import Foundation

/// Settings of ``AdamOptimizer``; defaults are the authors' (AdamW, lr 1e-4, wd 1e-4, ε 1e-7, amsgrad).
public struct AdamConfig: Sendable, Equatable, Codable {
    /// Learning rate.
    public var learningRate: Float
    /// β₁ (first-moment decay).
    public var beta1: Float
    /// β₂ (second-moment decay).
    public var beta2: Float
    /// ε added to the denominator.
    public var eps: Float
    /// Weight decay λ.
    public var weightDecay: Float
    /// Keep the running maximum of the second moment (AMSGrad).
    public var amsgrad: Bool
    /// true: decoupled decay p ← p·(1 − lr·λ) (AdamW); false: L2 g ← g + λ·p (torch `Adam`).
    public var decoupledWeightDecay: Bool

    /// A configuration (defaults: torch `AdamW(lr=1e-4, weight_decay=1e-4, eps=1e-7, amsgrad=True)`).
    public init(learningRate: Float = 1e-4, beta1: Float = 0.9, beta2: Float = 0.999, eps: Float = 1e-7,
                weightDecay: Float = 1e-4, amsgrad: Bool = true, decoupledWeightDecay: Bool = true) {
        self.learningRate = learningRate; self.beta1 = beta1; self.beta2 = beta2; self.eps = eps
        self.weightDecay = weightDecay; self.amsgrad = amsgrad; self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// torch `Adam` defaults: lr 1e-3, no weight decay, no amsgrad, ε 1e-8.
    public static let adam = AdamConfig(learningRate: 1e-3, eps: 1e-8, weightDecay: 0, amsgrad: false, decoupledWeightDecay: false)
}

/// Adam / AdamW with PyTorch's update rule (torch 1.10–2.x, single-tensor path), step t ≥ 1:
///
///     (AdamW) p ← p·(1 − lr·λ)            (Adam) g ← g + λ·p
///     m ← β₁m + (1−β₁)g,   v ← β₂v + (1−β₂)g²,   v̂ ← max(v̂, v) if amsgrad else v
///     p ← p − (lr/(1−β₁ᵗ)) · m / (√v̂/√(1−β₂ᵗ) + ε)
///
/// One optimiser per parameter group; its state belongs to it (no shared state).
public final class AdamOptimizer: @unchecked Sendable {
    /// The parameters it updates.
    public let parameters: [Parameter]
    /// Hyper-parameters (the learning rate may be changed between steps).
    public var config: AdamConfig
    /// Steps taken so far.
    public private(set) var stepCount = 0
    private var m: [[Float]], v: [[Float]], vmax: [[Float]]

    /// An optimiser over `parameters`.
    public init(parameters: [Parameter], config: AdamConfig = AdamConfig()) {
        self.parameters = parameters; self.config = config
        m = parameters.map { [Float](repeating: 0, count: $0.count) }
        v = m
        vmax = config.amsgrad ? m : []
    }

    /// The optimiser's state as named tensors under `prefix` (moments `m`, `v` and, with
    /// amsgrad, `vmax`, per parameter), for a ``TrainingState``; the step count is kept apart.
    public func stateTensors(prefix: String) -> [(name: String, shape: [Int], values: [Float])] {
        var out: [(name: String, shape: [Int], values: [Float])] = []
        for (k, p) in parameters.enumerated() {
            out.append((prefix + "/m/" + p.name, p.shape, m[k]))
            out.append((prefix + "/v/" + p.name, p.shape, v[k]))
            if config.amsgrad { out.append((prefix + "/vmax/" + p.name, p.shape, vmax[k])) }
        }
        return out
    }

    /// Restores the state written by ``stateTensors(prefix:)`` after `steps` steps; `path` names
    /// the file in errors.
    public func restore(steps: Int, from tensors: [(name: String, shape: [Int], values: [Float])], prefix: String, path: String) throws {
        let lookup = TensorLookup(tensors, source: "training state", path: path)
        for (k, p) in parameters.enumerated() {
            let name = { (kind: String) in prefix + "/" + kind + "/" + p.name }
            m[k] = try lookup.values(name("m"), shape: p.shape); v[k] = try lookup.values(name("v"), shape: p.shape)
            if config.amsgrad { vmax[k] = try lookup.values(name("vmax"), shape: p.shape) }
        }
        stepCount = steps
    }

    /// Sets every gradient to zero.
    public func zeroGrad() { for p in parameters { p.zeroGrad() } }

    /// One update from the accumulated gradients.
    public func step() {
        stepCount += 1
        let c = config
        // bias corrections in Double, as torch computes them in Python floats
        let bc1 = 1 - Foundation.pow(Double(c.beta1), Double(stepCount)), bc2 = 1 - Foundation.pow(Double(c.beta2), Double(stepCount))
        let stepSize = Float(Double(c.learningRate) / bc1), sqrtBc2 = Float(bc2.squareRoot())
        let decay = c.decoupledWeightDecay ? 1 - c.learningRate * c.weightDecay : 1
        let l2 = c.decoupledWeightDecay ? 0 : c.weightDecay
        for (k, p) in parameters.enumerated() {
            let n = p.count
            p.value.withUnsafeMutableBufferPointer { pv in
            p.grad.withUnsafeBufferPointer { gv in
            m[k].withUnsafeMutableBufferPointer { mv in
            v[k].withUnsafeMutableBufferPointer { vv in
                if c.amsgrad {
                    vmax[k].withUnsafeMutableBufferPointer { xv in
                        for i in 0..<n {
                            let pi = pv[i] * decay
                            let g = gv[i] + l2 * pv[i]
                            mv[i] = c.beta1 * mv[i] + (1 - c.beta1) * g
                            vv[i] = c.beta2 * vv[i] + (1 - c.beta2) * g * g
                            xv[i] = Swift.max(xv[i], vv[i])
                            pv[i] = pi - stepSize * mv[i] / (xv[i].squareRoot() / sqrtBc2 + c.eps)
                        }
                    }
                } else {
                    for i in 0..<n {
                        let pi = pv[i] * decay
                        let g = gv[i] + l2 * pv[i]
                        mv[i] = c.beta1 * mv[i] + (1 - c.beta1) * g
                        vv[i] = c.beta2 * vv[i] + (1 - c.beta2) * g * g
                        pv[i] = pi - stepSize * mv[i] / (vv[i].squareRoot() / sqrtBc2 + c.eps)
                    }
                }
            }}}}
        }
    }
}
