import Dispatch

/// Deterministic data parallelism: work is cut into fixed chunks of `chunkSize` items (the cut
/// depends only on the item count, never on the number of threads), chunks are handed out
/// round-robin to `threads` workers, and every chunk writes only its own outputs. Reductions
/// are done afterwards over the per-chunk results in chunk order, so results are bit-identical
/// whatever the thread count.
struct ParallelChunks {
    /// Number of items.
    let count: Int
    /// Items per chunk.
    let chunkSize: Int
    /// Worker threads (≥ 1).
    let threads: Int

    /// Number of chunks: ⌈count / chunkSize⌉.
    var chunkCount: Int { (count + chunkSize - 1) / chunkSize }

    /// The item range of chunk `c`.
    func range(_ c: Int) -> Range<Int> { (c * chunkSize)..<min(count, (c + 1) * chunkSize) }

    /// Runs `body(chunkIndex, itemRange)` for every chunk, on up to `threads` threads.
    func run(_ body: (Int, Range<Int>) -> Void) {
        let chunks = chunkCount
        guard chunks > 0 else { return }
        let workers = max(1, min(threads, chunks))
        if workers == 1 {
            for c in 0..<chunks { body(c, range(c)) }
            return
        }
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var c = w
                while c < chunks { body(c, range(c)); c += workers }
            }
        }
    }
}
