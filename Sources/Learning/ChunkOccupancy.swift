import Foundation

/// Optional accounting of how busy the workers of data-parallel steps are, for
/// `repro bench train`: where a one-model speed-up below the thread count comes from.
///
/// For every ``ChunkRunner/run(_:threads:_:)`` call with w ≥ 2 workers it adds the call's wall time
/// T, the sum B of its chunks' run times and w·T. Then
/// * w·T − B is time workers spent waiting at the call's end (chunk imbalance, start-up latency);
/// * a step's wall time outside all calls is serial (reductions, optimiser, batch preparation);
/// * B below the process CPU time's share means the workers were descheduled (another process,
///   or hypervisor steal on a virtual machine).
/// Off by default (one branch per call); accounting never changes a result.
public enum ChunkOccupancy {
    /// Totals since accounting was turned on.
    public struct Totals: Sendable {
        /// Parallel calls counted.
        public var calls = 0
        /// Σ T: wall seconds inside parallel calls.
        public var wall = 0.0
        /// Σ B: seconds workers spent running chunks.
        public var busy = 0.0
        /// Σ w·T: worker-seconds available inside parallel calls.
        public var capacity = 0.0
        /// Fraction of the available worker time spent waiting at call ends: 1 − B / (w·T).
        public var idleFraction: Double { capacity > 0 ? 1 - busy / capacity : 0 }
    }

    nonisolated(unsafe) private static var on = false
    nonisolated(unsafe) private static var sums = Totals()
    private static let lock = NSLock()

    /// Turns accounting on (clearing the totals) or off.
    public static func setEnabled(_ enabled: Bool) {
        lock.lock(); defer { lock.unlock() }
        if enabled { sums = Totals() }
        on = enabled
    }

    /// Whether accounting is on.
    @inline(__always) public static var enabled: Bool { on }

    /// The totals so far.
    public static var totals: Totals { lock.lock(); defer { lock.unlock() }; return sums }

    /// Adds one call: `wall` seconds on `workers` workers whose chunks ran `busy` seconds in all.
    static func add(wall: Double, busy: Double, workers: Int) {
        lock.lock(); defer { lock.unlock() }
        sums.calls += 1; sums.wall += wall; sums.busy += busy; sums.capacity += Double(workers) * wall
    }
}
