import Experiments
import Foundation

/// A progress sink that records the order items finished in and the planner's reasons.
final class RecordingProgress: ProgressSink, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var finishedOrder: [String] = []
    private(set) var reasons: [(String, String)] = []
    init() {}
    func planned(toCompute: [Int: Int], reused: [Int: Int], reasons: [(String, String)]) {
        lock.lock(); self.reasons = reasons; lock.unlock()
    }
    func finished(item: WorkItem, outcome: ItemOutcome, seconds: Double, message: String?) {
        lock.lock(); finishedOrder.append(item.id); lock.unlock()
    }
    func done(summary: RunSummary) {}
}
