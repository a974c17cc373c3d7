import Foundation

/// Cores lent to one running work item on top of its own, while it runs.
///
/// The runner attaches a lease to the thread that computes an item; when a worker of the runner
/// has nothing to start (every pending item waits on running ones, or none is left), it lends its
/// core to the running item that heads the critical path, and takes it back as soon as work for it
/// appears. ``ChunkRunner`` reads the lease at every data-parallel step, so a long training run
/// (DIM pretraining, a donor, a fig 7 trial) speeds up as cores fall idle around it.
///
/// Results never depend on the lease: a step is split into a fixed number of chunks whatever the
/// worker count, and the chunks' outputs are combined in chunk order (see ``ChunkRunner``).
public final class CoreLease: @unchecked Sendable {
    private let lock = NSLock()
    private var lent = 0
    private let started = Date()
    private var lastChange = Date()
    private var lentSeconds = 0.0   // ∫ lent cores dt, up to lastChange

    public init() {}

    /// Mean cores the item has had since the lease was made: 1 + (∫ lent cores dt) / elapsed.
    public var meanCores: Double {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        let elapsed = now.timeIntervalSince(started)
        guard elapsed > 0 else { return 1 }
        return 1 + (lentSeconds + Double(lent) * now.timeIntervalSince(lastChange)) / elapsed
    }

    /// Adds the core-seconds lent since the last change (call under the lock).
    private func accrue() {
        let now = Date()
        lentSeconds += Double(lent) * now.timeIntervalSince(lastChange)
        lastChange = now
    }

    /// Cores currently lent, beyond the item's own.
    public var extraCores: Int { lock.lock(); defer { lock.unlock() }; return lent }

    /// Lends `n` more cores.
    public func lend(_ n: Int = 1) { lock.lock(); accrue(); lent += n; lock.unlock() }

    /// Takes `n` lent cores back (never below zero).
    public func reclaim(_ n: Int = 1) { lock.lock(); accrue(); lent = Swift.max(0, lent - n); lock.unlock() }

    private static let threadKey = "repro.core-lease"

    /// The lease of the item the calling thread computes, if any.
    public static var current: CoreLease? { Thread.current.threadDictionary[threadKey] as? CoreLease }

    /// Runs `body` with `lease` attached to the calling thread (nested calls restore the outer lease).
    public static func with<T>(_ lease: CoreLease, _ body: () throws -> T) rethrows -> T {
        let dictionary = Thread.current.threadDictionary
        let outer = dictionary[threadKey]
        dictionary[threadKey] = lease
        defer { dictionary[threadKey] = outer }
        return try body()
    }
}
