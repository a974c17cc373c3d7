import Learning

/// OpenBLAS thread control for the runner. Results of a BLAS call depend on its thread count and
/// on the kernel family, so the runner fixes the count (one thread per job, trials side by side)
/// and records both; the kernel is fixed per process by the launcher's policy
/// (``BLASKernelPolicy``).
public enum BLASThreads {
    /// Sets OpenBLAS's thread count (process-wide) and returns it.
    @discardableResult
    public static func set(_ n: Int) -> Int {
        BLAS.setThreads(n)
        return BLAS.threads
    }

    /// `openblas_get_corename()`, e.g. `Haswell`: the kernel family, part of every store key.
    public static var coreName: String { BLAS.coreName }

    /// The kernel and where it came from, for the run record.
    public static var kernelDescription: String { BLAS.kernelDescription }
}
