import Foundation

/// What long items say while they run, for the heartbeat lines of a log (stdout or stderr not a
/// terminal: a file, CI, a Slurm job), where no progress bar redraws.
///
/// The runner marks which item each worker thread computes (`begin` / `end`); code running an
/// item — a training loop's per-epoch callback, say — calls `post` or `postEpoch` from that thread,
/// and `ConsoleProgress` prints the latest note of every running item at most every 30 s.
public enum ItemHeartbeat {
    struct Entry { var started: Date; var note: String?; var firstEpoch: (epoch: Int, at: Date)? = nil; var resumption: Resumption? = nil }

    /// A training that continued a saved state: the epoch the state held and the wall seconds its
    /// earlier epochs took (in the runs that saved it).
    public struct Resumption: Sendable, Equatable {
        public var afterEpoch: Int
        public var priorSeconds: Double
        public init(afterEpoch: Int, priorSeconds: Double) { self.afterEpoch = afterEpoch; self.priorSeconds = priorSeconds }
    }
    private static let lock = NSLock()
    nonisolated(unsafe) private static var running: [String: Entry] = [:]
    private static let threadKey = "repro.heartbeat.item"

    /// The calling thread starts computing `item`.
    public static func begin(item: String) {
        Thread.current.threadDictionary[threadKey] = item
        lock.lock(); running[item] = Entry(started: Date(), note: nil); lock.unlock()
    }

    /// The calling thread has finished its item; returns its training's resumption, if it
    /// continued a saved state (``noteResumed(_:)``).
    @discardableResult
    public static func end() -> Resumption? {
        guard let item = Thread.current.threadDictionary[threadKey] as? String else { return nil }
        Thread.current.threadDictionary.removeObject(forKey: threadKey)
        lock.lock(); defer { lock.unlock() }
        let r = running[item]?.resumption
        running[item] = nil
        return r
    }

    /// Records that the calling thread's item continued a saved training state (the backend
    /// says so when training returns), so the runner can report it and time the whole item.
    public static func noteResumed(_ r: Resumption) {
        guard let item = Thread.current.threadDictionary[threadKey] as? String else { return }
        lock.lock(); running[item]?.resumption = r; lock.unlock()
    }

    /// Sets the note of the item the calling thread computes (ignored outside an item).
    public static func post(_ note: String) {
        guard let item = Thread.current.threadDictionary[threadKey] as? String else { return }
        lock.lock(); running[item]?.note = note; lock.unlock()
    }

    /// "epoch 12/200, loss 0.4312, at most ~24m10s left" (the estimate from the mean epoch time
    /// so far). The trainers post every epoch from 1, except when they continue a saved state
    /// (``Learning/ResumePoint``): an item whose first epoch posted is k > 1 resumed after k − 1,
    /// and its notes say so ("epoch 130/300 (resumed after 121), …"), its estimate counting only
    /// the epochs trained since.
    public static func postEpoch(_ epoch: Int, of total: Int?, loss: Double) {
        guard let item = Thread.current.threadDictionary[threadKey] as? String else { return }
        lock.lock(); defer { lock.unlock() }
        guard let entry = running[item] else { return }
        let first = entry.firstEpoch ?? (epoch, entry.started)
        running[item]?.firstEpoch = first
        var note = "epoch \(epoch)\(total.map { "/\($0)" } ?? "")\(first.epoch > 1 ? " (resumed after \(first.epoch - 1))" : ""), loss \(loss.isFinite ? String(format: "%.4f", loss) : "\(loss)")"
        let trained = epoch - first.epoch + 1
        if let total, trained > 0, total > epoch {
            let left = Date().timeIntervalSince(entry.started) / Double(trained) * Double(total - epoch)
            note += ", at most ~\(ConsoleProgress.duration(left)) left"
        }
        running[item]?.note = note
    }

    /// Running items, oldest first: id, seconds running, latest note.
    public static func runningItems() -> [(item: String, seconds: Double, note: String?)] {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        return running.map { ($0.key, now.timeIntervalSince($0.value.started), $0.value.note) }
            .sorted { $0.seconds != $1.seconds ? $0.seconds > $1.seconds : $0.item < $1.item }
    }
}
