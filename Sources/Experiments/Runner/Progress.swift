import Foundation

/// How an item ended in a run.
public enum ItemOutcome: String, Codable, Sendable {
    case computed, failed, blocked, reused
}

/// Receives run events. Called from worker threads: implementations synchronise.
public protocol ProgressSink: AnyObject, Sendable {
    /// Before work starts: per stage, items to compute and items reused; plus every
    /// recomputation reason (item id → reason).
    func planned(toCompute: [Int: Int], reused: [Int: Int], reasons: [(String, String)])
    /// One item ended.
    func finished(item: WorkItem, outcome: ItemOutcome, seconds: Double, message: String?)
    /// The run ended.
    func done(summary: RunSummary)
    /// An item starts computing (not called for blocked or reused items).
    func started(item: WorkItem)
    /// Whether this sink shows ``predicted(wallSeconds:jobs:)`` (the runner computes the
    /// prediction, about a second for a full plan, only then).
    var wantsPrediction: Bool { get }
    /// After `planned`: the unit-cost model's wall time for the items to compute with `jobs`
    /// jobs (``WallTimeModel``, the plan's built-in unit costs).
    func predicted(wallSeconds: Double, jobs: Int)
}

extension ProgressSink {
    public func started(item: WorkItem) {}
    public var wantsPrediction: Bool { false }
    public func predicted(wallSeconds: Double, jobs: Int) {}
}

/// Progress on the terminal: one bar per stage (done/total, elapsed, ETA) on a TTY, plain log
/// lines otherwise, nothing but failures and the summary with `quiet`. Writes to stderr.
public final class ConsoleProgress: ProgressSink, @unchecked Sendable {
    private let lock = NSLock()
    private let quiet: Bool
    private let tty: Bool
    private let start = Date()
    private var stageStart: [Int: Date] = [:]
    private var stageEnd: [Int: Date] = [:]
    private var lastDraw = Date.distantPast
    private var total: [Int: Int] = [:]
    private var done: [Int: Int] = [:]
    private var failedCount = 0
    private var barsDrawn = 0
    private var stages: [Int] = []
    /// Blocked items per reason: a failed input (a bad data file fails stage 0) blocks thousands
    /// of items with one message, so only the first few are printed and the rest counted.
    private var blockedByReason: [String: Int] = [:]
    /// Blocked items printed per reason before the rest are only counted.
    static let blockedLinesPerReason = 3

    private var heartbeat: DispatchSourceTimer?
    private var lastLine = Date()

    /// `tty` nil = detect from stderr. Off a terminal (and not `quiet`), a heartbeat line lists
    /// the running items, their time so far and latest `ItemHeartbeat` note every
    /// `heartbeatInterval` seconds in which nothing else was printed.
    /// Where the wall-time prediction's unit costs were measured; nil prints no prediction (a
    /// backend whose costs the model does not describe, such as the fake one).
    private let predictionBasis: String?

    public init(quiet: Bool, tty: Bool? = nil, heartbeatInterval: Double = 30, predictionBasis: String? = nil) {
        self.quiet = quiet
        self.predictionBasis = predictionBasis
        self.tty = tty ?? (isatty(2) == 1)
        if !self.tty && !quiet && heartbeatInterval > 0 {
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + heartbeatInterval, repeating: heartbeatInterval)
            timer.setEventHandler { [weak self] in self?.beat(interval: heartbeatInterval) }
            timer.resume()
            heartbeat = timer
        }
    }

    deinit { heartbeat?.cancel() }

    public func started(item: WorkItem) {}

    private func beat(interval: Double) {
        lock.lock(); defer { lock.unlock() }
        guard Date().timeIntervalSince(lastLine) >= interval * 0.95 else { return }
        let running = ItemHeartbeat.runningItems()
        guard !running.isEmpty else { return }
        let list = running.map { r in "\(r.item) (\(Self.duration(r.seconds))\(r.note.map { ": \($0)" } ?? ""))" }
        emit("[\(Self.duration(Date().timeIntervalSince(start)))] running \(running.count): \(list.joined(separator: "; "))\n")
    }

    private func emit(_ s: String) { lastLine = Date(); FileHandle.standardError.write(Data(s.utf8)) }

    public func planned(toCompute: [Int: Int], reused: [Int: Int], reasons: [(String, String)]) {
        lock.lock(); defer { lock.unlock() }
        stages = Set(toCompute.keys).union(reused.keys).sorted()
        for s in stages { total[s] = toCompute[s] ?? 0; done[s] = 0 }
        let c = toCompute.values.reduce(0, +), r = reused.values.reduce(0, +)
        guard !quiet else { return }
        emit("plan: \(c + r) items, \(r) reused from the store, \(c) to compute\n")
        // Group reasons so thousands of "new" items print as one line.
        var counts: [String: Int] = [:]
        var examples: [String: String] = [:]
        for (id, why) in reasons {
            counts[why, default: 0] += 1
            if examples[why] == nil { examples[why] = id }
        }
        for why in counts.keys.sorted() {
            let n = counts[why]!
            emit("  recompute \(n) item\(n == 1 ? "" : "s") (\(why))\(n == 1 ? ": " + examples[why]! : ", e.g. " + examples[why]!)\n")
        }
    }

    public var wantsPrediction: Bool { !quiet && predictionBasis != nil }

    public func predicted(wallSeconds: Double, jobs: Int) {
        lock.lock(); defer { lock.unlock() }
        guard !quiet, let basis = predictionBasis, wallSeconds > 0 else { return }
        emit("predicted: about \(Self.duration(wallSeconds)) with \(jobs) job\(jobs == 1 ? "" : "s") (the cost model, unit costs of \(basis); saved training states shorten it, a slower or busier machine lengthens it; `repro cluster plan --cores N` for other machines)\n")
    }

    public func finished(item: WorkItem, outcome: ItemOutcome, seconds: Double, message: String?) {
        lock.lock(); defer { lock.unlock() }
        if stageStart[item.stage] == nil { stageStart[item.stage] = Date() }
        done[item.stage, default: 0] += 1
        if done[item.stage] == total[item.stage] { stageEnd[item.stage] = Date() }
        if outcome == .failed || outcome == .blocked { failedCount += 1 }
        if outcome == .blocked {
            let n = blockedByReason[message ?? "", default: 0] + 1
            blockedByReason[message ?? ""] = n
            if n > Self.blockedLinesPerReason { return }
        }
        if outcome == .failed || outcome == .blocked {
            clearBars()
            emit("\(outcome == .failed ? "FAILED" : "BLOCKED") \(item.id): \(message ?? "")\n")
            drawBars(); return
        }
        guard !quiet else { return }
        if tty {
            // At most ten redraws a second, plus one when a stage completes.
            if Date().timeIntervalSince(lastDraw) >= 0.1 || stageEnd[item.stage] != nil { clearBars(); drawBars(); lastDraw = Date() }
        }
        else {
            let d = done[item.stage]!, t = total[item.stage] ?? 0
            emit("[stage \(item.stage) \(d)/\(t)] \(item.id) \(outcome.rawValue) in \(Self.duration(seconds))\(message.map { " — \($0)" } ?? "")\n")
        }
    }

    public func done(summary: RunSummary) {
        lock.lock(); defer { lock.unlock() }
        heartbeat?.cancel(); heartbeat = nil
        if tty && !quiet { clearBars(); drawBars(); emit("\n"); barsDrawn = 0 }
        if !quiet {
            for (stage, sec) in summary.stageSeconds.sorted(by: { $0.key < $1.key }) where sec > 0 {
                emit("  stage \(stage) (\(StageNames.name(stage))): \(Self.duration(sec)) of compute\n")
            }
        }
        for (reason, n) in blockedByReason.sorted(by: { $0.key < $1.key }) where n > Self.blockedLinesPerReason {
            let more = n - Self.blockedLinesPerReason
            emit("BLOCKED \(more) more item\(more == 1 ? "" : "s"): \(reason)\n")
        }
        emit("done in \(Self.duration(Date().timeIntervalSince(start))): \(summary.computed) computed, \(summary.reused) reused, \(summary.failed.count) failed, \(summary.blocked.count) blocked\(summary.cancelled ? " (interrupted: rerun to resume)" : "")\n")
    }

    private func clearBars() {
        guard tty, !quiet, barsDrawn > 0 else { return }
        emit(String(repeating: "\u{1B}[1A\u{1B}[2K", count: barsDrawn))
        barsDrawn = 0
    }

    private func drawBars() {
        guard tty, !quiet else { return }
        for s in stages {
            let t = total[s] ?? 0, d = done[s] ?? 0
            let width = 28
            let filled = t == 0 ? width : width * d / t
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            var line = "stage \(s) \(bar) \(d)/\(t)  \(StageNames.name(s))"
            if let st = stageStart[s], d > 0 {
                let el = (stageEnd[s] ?? Date()).timeIntervalSince(st)
                line += "  elapsed \(Self.duration(el))"
                if d < t { line += "  ETA \(Self.duration(el / Double(d) * Double(t - d)))" }
            }
            emit(line + "\n")
        }
        barsDrawn = stages.count
    }

    /// "1h02m", "3m05s", "4.2s".
    static func duration(_ s: Double) -> String {
        if s < 60 { return String(format: "%.1fs", s) }
        let m = Int(s) / 60, sec = Int(s) % 60
        if m < 60 { return String(format: "%dm%02ds", m, sec) }
        return String(format: "%dh%02dm", m / 60, m % 60)
    }
}
