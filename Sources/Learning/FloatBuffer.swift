/// A manually managed block of `Float`s for the hot loops of a model (stable pointer, no
/// copy-on-write): freed when the buffer is released. Each buffer belongs to one computation.
public final class FloatBuffer: @unchecked Sendable {
    /// Number of elements.
    public let count: Int
    /// Start of the storage.
    public let p: UnsafeMutablePointer<Float>

    /// `count` zeros.
    public init(_ count: Int) {
        self.count = count
        p = .allocate(capacity: Swift.max(count, 1))
        p.initialize(repeating: 0, count: Swift.max(count, 1))
    }

    /// `count` elements left uninitialised (for buffers that are fully overwritten before being read).
    public init(uninitialized count: Int) {
        self.count = count
        p = .allocate(capacity: Swift.max(count, 1))
    }

    /// A copy of `array`.
    public init(_ array: [Float]) {
        count = array.count
        p = .allocate(capacity: Swift.max(count, 1))
        p.initialize(repeating: 0, count: Swift.max(count, 1))
        array.withUnsafeBufferPointer { a in if count > 0 { p.update(from: a.baseAddress!, count: count) } }
    }

    deinit { p.deallocate() }

    /// A copy as an array.
    public var array: [Float] { Array(UnsafeBufferPointer(start: p, count: count)) }

    /// A copy as a `rows × cols` matrix.
    public func matrix(rows: Int, cols: Int) -> Matrix {
        precondition(rows * cols == count)
        return Matrix(rows: rows, cols: cols, data: array)
    }
}

extension Parameter {
    /// A buffer holding a copy of the current values (weights are small; copying them keeps the
    /// pointer code of the models free of array-ownership subtleties).
    public func valueBuffer() -> FloatBuffer { FloatBuffer(value) }

    /// grad += `buffer` elementwise.
    public func addToGrad(_ buffer: FloatBuffer) {
        precondition(buffer.count == count)
        grad.withUnsafeMutableBufferPointer { g in for i in 0..<count { g[i] += buffer.p[i] } }
    }
}

#if os(Linux)
/// glibc `int mallopt(int param, int value)` (declared here: `malloc.h` is not in the Glibc module).
@_silgen_name("mallopt") private func glibcMallopt(_ param: Int32, _ value: Int32) -> Int32
#endif

/// Allocator setting for training processes.
public enum MemoryTuning {
    /// Asks glibc to keep freed memory in the heap instead of returning large blocks to the
    /// kernel (mmap threshold 1 GiB, no trimming below 4 GiB). Training allocates and frees the same
    /// large per-batch buffers every step; without this each step pays ~15 % in page faults.
    /// A process-wide allocator setting: it changes no result, only speed. Idempotent.
    public static func keepFreedMemory() {
        #if os(Linux)
        _ = glibcMallopt(-3, 1 << 30)        // M_MMAP_THRESHOLD
        _ = glibcMallopt(-1, Int32.max)      // M_TRIM_THRESHOLD
        #endif
    }
}
