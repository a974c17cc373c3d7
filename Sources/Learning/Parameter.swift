import Randomness

/// A named trainable tensor with its gradient accumulator.
///
/// A reference type so that layers, optimisers and checkpoints can share it; each model owns
/// its own parameters, so models on different threads never share one.
public final class Parameter: @unchecked Sendable {
    /// Stable name used in checkpoints (e.g. `"Site_DIM.global_linear.weight"`).
    public let name: String
    /// Shape, outermost first (Linear weights are `[in, out]`, row-major).
    public let shape: [Int]
    /// Current values (row-major).
    public var value: [Float]
    /// Gradient accumulated by backward passes since the last ``zeroGrad()``.
    public var grad: [Float]

    /// A parameter with given values.
    public init(name: String, shape: [Int], value: [Float]) {
        precondition(value.count == shape.reduce(1, *), "\(name): \(value.count) values for shape \(shape)")
        self.name = name; self.shape = shape; self.value = value
        grad = [Float](repeating: 0, count: value.count)
    }

    /// Number of elements.
    public var count: Int { value.count }

    /// Sets the gradient to zero.
    public func zeroGrad() {
        grad.withUnsafeMutableBufferPointer { g in for i in g.indices { g[i] = 0 } }
    }

    /// PyTorch's default initialisation of `nn.Linear` (kaiming_uniform with a = √5, and the
    /// bias rule): every value uniform in [−1/√fanIn, 1/√fanIn], drawn from `rng` in storage order.
    public static func uniform(name: String, shape: [Int], fanIn: Int, rng: inout RandomStream) -> Parameter {
        let bound = 1 / Float(fanIn).squareRoot()
        let n = shape.reduce(1, *)
        var v = [Float](repeating: 0, count: n)
        for i in 0..<n { v[i] = (2 * rng.uniformFloat() - 1) * bound }
        return Parameter(name: name, shape: shape, value: v)
    }
}

/// The values of a list of parameters at one moment (for best-epoch checkpoints), by name.
public struct ParameterSnapshot: Sendable, Equatable {
    /// Names in model order.
    public var names: [String]
    /// Shapes by position.
    public var shapes: [[Int]]
    /// Values by position.
    public var values: [[Float]]

    /// Copies the current values of `parameters`.
    public init(_ parameters: [Parameter]) {
        names = parameters.map(\.name); shapes = parameters.map(\.shape); values = parameters.map(\.value)
    }

    /// Writes these values back into `parameters` (same names and shapes, in the same order).
    public func restore(into parameters: [Parameter]) {
        precondition(parameters.map(\.name) == names, "snapshot of another architecture")
        for (p, v) in zip(parameters, values) { p.value = v }
    }

    /// The values of the named tensor, if present.
    public func value(named name: String) -> [Float]? {
        names.firstIndex(of: name).map { values[$0] }
    }
}
