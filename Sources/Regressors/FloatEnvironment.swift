import CBLAS

/// The calling thread's floating-point mode for subnormal numbers (|x| < 2⁻¹²⁶ ≈ 1.2e-38 in
/// single precision).
///
/// On x86 cores, an operation with a subnormal operand or result takes a microcode assist (on
/// Intel cores on the order of a hundred cycles, far less on AMD's). MLP fits on XRD patterns make
/// such values during training — weights of nearly empty diffraction bins decay towards zero under
/// the L2 term — and ran 15–20× slower on an Intel Xeon than with them flushed
/// (Docs/Protocol.md §6.5). Flushing sets subnormal results to zero (FTZ) and reads subnormal
/// operands as zero (DAZ): deterministic IEEE-style arithmetic on every x86-64 CPU, which may differ
/// from gradual underflow in the last bits of a result (none of the fits compared did).
public enum FloatEnvironment {
    /// MXCSR bits: flush-to-zero (15) and denormals-are-zero (6).
    static let flushBits: UInt32 = 0x8040

    /// Runs `body` with subnormals flushed to zero on this thread when `flush` is true, and restores
    /// the thread's previous mode afterwards (also when `body` throws). A no-op off x86.
    public static func withSubnormalsFlushed<T>(_ flush: Bool = true, _ body: () throws -> T) rethrows -> T {
        guard flush else { return try body() }
        let saved = repro_mxcsr_get()
        repro_mxcsr_set(saved | flushBits)
        defer { repro_mxcsr_set(saved) }
        return try body()
    }

    /// Whether subnormals are being flushed on this thread now (x86 only; false elsewhere).
    public static var flushingSubnormals: Bool { repro_mxcsr_get() & flushBits == flushBits }
}
