import CBLAS

/// OpenBLAS thread control. Results of a BLAS call depend on its thread count, so the runner
/// fixes it (one thread per job, trials side by side) and records it with the core name.
public enum BLASThreads {
    /// Sets OpenBLAS's thread count (process-wide) and returns it.
    @discardableResult
    public static func set(_ n: Int) -> Int {
        openblas_set_num_threads(Int32(n))
        return Int(openblas_get_num_threads())
    }

    /// `openblas_get_corename()`, e.g. `Haswell`.
    public static var coreName: String {
        guard let p = openblas_get_corename() else { return "unknown" }
        return String(cString: p)
    }
}
