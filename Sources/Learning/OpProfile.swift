import Foundation

/// Optional wall-clock accounting of training work by operation class, for
/// `repro bench train --breakdown`. Off by default: then ``measure(_:_:)`` costs one branch.
/// Times are summed over all workers (CPU-seconds when several threads run chunks at once).
/// Accounting never changes a result.
public enum OpProfile {
    /// The classes time is attributed to.
    public enum Kind: Int, CaseIterable, Sendable {
        /// Matrix products (OpenBLAS sgemm).
        case sgemm
        /// Activations, layer norms, bias fills and other per-element passes.
        case elementwise
        /// Gathers/scatters over pairs, segment softmax/mean, neighbour sums, pair layouts.
        case segment
        /// The DIM losses' per-sample scoring passes (sample MLP hidden layer, scores, softplus and their gradients).
        case loss
        /// Adam updates and zeroing of gradients.
        case optimiser
        /// Summing the chunks' gradients into the model's.
        case reduction

        /// Printable name.
        public var name: String {
            switch self {
            case .sgemm: return "sgemm"
            case .elementwise: return "elementwise"
            case .segment: return "segment ops"
            case .loss: return "DIM loss pairs"
            case .optimiser: return "optimiser"
            case .reduction: return "gradient reduction"
            }
        }
    }

    nonisolated(unsafe) private static var enabledFlag = false
    nonisolated(unsafe) private static var seconds = [Double](repeating: 0, count: Kind.allCases.count)
    private static let lock = NSLock()

    /// Turns accounting on or off (and clears the totals when turning it on).
    public static func setEnabled(_ on: Bool) {
        lock.lock(); defer { lock.unlock() }
        if on { for i in seconds.indices { seconds[i] = 0 } }
        enabledFlag = on
    }

    /// Whether accounting is on.
    @inline(__always) public static var enabled: Bool { enabledFlag }

    /// Seconds accumulated per class since accounting was turned on.
    public static var totals: [(kind: Kind, seconds: Double)] {
        lock.lock(); defer { lock.unlock() }
        return Kind.allCases.map { ($0, seconds[$0.rawValue]) }
    }

    /// Runs `body`, attributing its wall time to `kind` when accounting is on.
    @inline(__always)
    public static func measure<T>(_ kind: Kind, _ body: () throws -> T) rethrows -> T {
        guard enabledFlag else { return try body() }
        let t0 = now()
        let r = try body()
        let dt = now() - t0
        lock.lock(); seconds[kind.rawValue] += dt; lock.unlock()
        return r
    }

    @inline(__always) static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}

/// Matrix products through OpenBLAS with their time attributed to ``OpProfile/Kind/sgemm``.
public enum Gemm {
    /// C ← α·op(A)·op(B) + β·C on raw row-major storage (see ``BLAS/gemm(m:n:k:_:lda:transA:_:ldb:transB:_:ldc:alpha:beta:)``).
    @inline(__always)
    public static func run(m: Int, n: Int, k: Int,
                           _ a: UnsafePointer<Float>, lda: Int, transA: Bool,
                           _ b: UnsafePointer<Float>, ldb: Int, transB: Bool,
                           _ c: UnsafeMutablePointer<Float>, ldc: Int,
                           alpha: Float = 1, beta: Float = 0) {
        OpProfile.measure(.sgemm) {
            BLAS.gemm(m: m, n: n, k: k, a, lda: lda, transA: transA, b, ldb: ldb, transB: transB, c, ldc: ldc, alpha: alpha, beta: beta)
        }
    }
}
