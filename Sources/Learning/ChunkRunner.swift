import Foundation

/// Runs the chunks of one data-parallel step on several workers.
///
/// A step is split into a fixed number of chunks that depends on the data only, never on the
/// thread count; every chunk writes only its own outputs (its own model replica's gradients, its
/// own slot in a ``ChunkSlots``), and the caller combines the chunks' outputs in chunk order after
/// ``run(_:threads:_:)`` returns. Which worker runs which chunk therefore cannot change a single
/// bit: `threads 1` and `threads N` give identical results.
public enum ChunkRunner {
    /// Calls `body(k)` once for every k in `0..<count`, on up to `threads` workers plus the cores
    /// the calling thread's ``CoreLease`` lends at this moment (the calling thread alone when that
    /// is ≤ 1). Workers take the next chunk index as they become free.
    ///
    /// OpenBLAS is set to one thread (process-wide) first, whatever the worker count: sgemm results
    /// may depend on OpenBLAS's own thread count, so it must be the same for every worker count, and
    /// each worker runs its own single-threaded sgemm calls (Debian's pthread OpenBLAS is safe to
    /// call from several threads at once).
    public static func run(_ count: Int, threads: Int, _ body: (Int) -> Void) {
        if BLAS.threads != 1 { BLAS.setThreads(1) }
        let workers = Swift.min(Swift.max(threads, 1) + (CoreLease.current?.extraCores ?? 0), count)
        if workers <= 1 {
            for k in 0..<count { body(k) }
            return
        }
        let next = ChunkCounter()
        let accounting = ChunkOccupancy.enabled
        let t0 = accounting ? OpProfile.now() : 0
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                if accounting {
                    while let k = next.take(below: count) {
                        let c0 = OpProfile.now()
                        box.value(k)
                        next.addBusy(OpProfile.now() - c0)
                    }
                } else {
                    while let k = next.take(below: count) { box.value(k) }
                }
            }
        }
        if accounting { ChunkOccupancy.add(wall: OpProfile.now() - t0, busy: next.busy, workers: workers) }
    }
}

/// The next chunk index, handed out under a lock (and, when accounting, the chunks' summed run time).
private final class ChunkCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    private(set) var busy = 0.0
    func addBusy(_ seconds: Double) { lock.lock(); busy += seconds; lock.unlock() }
    func take(below n: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard value < n else { return nil }
        value += 1
        return value - 1
    }
}

/// Carries a non-Sendable value into concurrent workers that the caller keeps race-free.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// One result slot per chunk, written by that chunk's worker only and read after the workers
/// have finished (no two workers touch the same slot).
public final class ChunkSlots<T>: @unchecked Sendable {
    private let p: UnsafeMutablePointer<T?>
    /// Number of slots.
    public let count: Int

    /// `count` empty slots.
    public init(_ count: Int) {
        self.count = count
        p = .allocate(capacity: Swift.max(count, 1))
        p.initialize(repeating: nil, count: Swift.max(count, 1))
    }

    deinit { p.deinitialize(count: Swift.max(count, 1)); p.deallocate() }

    /// The value of slot k (set it from chunk k's worker only).
    public subscript(k: Int) -> T {
        get { p[k]! }
        set { p[k] = newValue }
    }

    /// The values in chunk order.
    public var values: [T] { (0..<count).map { p[$0]! } }
}

/// Data-parallel gradients through per-chunk copies of a model's parameters.
///
/// Chunk k's forward/backward runs on replica k, whose parameters share the values of the model's
/// (copy-on-write arrays: nothing is copied) and own their gradients. After the chunks ran,
/// ``reduce(replicas:into:chunks:)`` sets each model gradient to the sum of the first `chunks`
/// replicas' gradients, added in chunk order 0, 1, 2, … — the one fixed summation order that makes the
/// result independent of the thread count — and zeroes the replicas' gradients.
public enum GradientReplicas {
    /// Points every replica parameter at the current values of the corresponding model parameter
    /// (same names and shapes, same order).
    public static func syncValues(_ model: [Parameter], to replicas: [[Parameter]]) {
        for rep in replicas {
            precondition(rep.count == model.count)
            for (r, m) in zip(rep, model) { r.value = m.value }
        }
    }

    /// model.grad += Σ_{k < chunks} replicas[k].grad (in order of k); replica gradients are zeroed.
    public static func reduce(replicas: [[Parameter]], into model: [Parameter], chunks: Int) {
        OpProfile.measure(.reduction) {
            for (i, p) in model.enumerated() {
                let n = p.count
                p.grad.withUnsafeMutableBufferPointer { g in
                    let gp = g.baseAddress!
                    for k in 0..<chunks {
                        replicas[k][i].grad.withUnsafeMutableBufferPointer { r in
                            let rp = r.baseAddress!
                            for j in 0..<n { gp[j] += rp[j]; rp[j] = 0 }
                        }
                    }
                }
            }
        }
    }
}
