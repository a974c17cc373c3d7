import Foundation
import Learning

/// Options of one run.
public struct RunOptions: Sendable {
    /// Items computed side by side (threads), each with one BLAS thread.
    public var jobs: Int
    /// Items to run (nil = the whole plan). See ``Sharding``.
    public var selection: Set<String>?
    /// When a selected item needs an input that is not in the store: compute it here (true,
    /// safe because outputs are deterministic and writes atomic) or mark the item blocked (false).
    public var computeMissingInputs: Bool
    /// Recompute items whose stored result is a failure.
    public var retryFailed: Bool
    /// Only report what would be computed and why (progress `planned`), compute nothing.
    public var dryRun: Bool
    /// Seconds between saves of a training item's state (``ResultStore/resumeURL(_:)``); an
    /// interrupted run continues from the last save with the same bits. 0: after every epoch.
    public var stateInterval: TimeInterval
    public init(jobs: Int = 1, selection: Set<String>? = nil, computeMissingInputs: Bool = true, retryFailed: Bool = false,
                dryRun: Bool = false, stateInterval: TimeInterval = 120) {
        self.jobs = max(1, jobs); self.selection = selection
        self.computeMissingInputs = computeMissingInputs; self.retryFailed = retryFailed; self.dryRun = dryRun
        self.stateInterval = max(0, stateInterval)
    }
}

/// What a run did.
public struct RunSummary: Codable, Equatable, Sendable {
    /// Items computed in this run (failures included).
    public var computed: Int
    /// Selected items reused from the store.
    public var reused: Int
    /// Item id and message, in plan order.
    public var failed: [FailureNote]
    /// Items not run because an input failed or is missing.
    public var blocked: [FailureNote]
    /// True when the run was interrupted (``CancellationFlag``) before finishing.
    public var cancelled: Bool
    /// Wall seconds per stage spent computing (sum over items).
    public var stageSeconds: [Int: Double]
}

/// An item that did not produce a result.
public struct FailureNote: Codable, Equatable, Sendable {
    /// Item id.
    public var item: String
    /// What went wrong.
    public var message: String
}

/// Set it to stop a run: workers finish their current item and take no new one (SIGINT, tests).
public final class CancellationFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    public init() {}
    /// Requests the stop.
    public func cancel() { lock.lock(); value = true; lock.unlock() }
    /// Whether a stop was requested.
    public var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return value }
}

/// The version of the runner's own result-affecting logic (label subsets, row gathering, key format).
public enum FrameworkVersion {
    /// Bump when label subsets, row gathering or the entry format change.
    public static let current = "experiments-2"
}

/// Executes (a selection of) a ``TrialPlan`` into a ``ResultStore``.
///
/// Every item's key is computed first (its configuration, the code and data versions, the profile
/// and its inputs' keys). Items whose key holds a valid entry are reused; the rest are computed by
/// `jobs` threads in dependency order. Each item's output depends only on its inputs and seeds,
/// so the store's contents do not depend on `jobs` or on the order of execution.
public final class Runner: @unchecked Sendable {
    /// The plan this runner executes.
    public let plan: TrialPlan
    /// Where results go.
    public let store: ResultStore
    let executor: ItemExecutor
    let backend: any ExperimentBackend

    public init(plan: TrialPlan, store: ResultStore, backend: any ExperimentBackend) {
        self.plan = plan; self.store = store; self.backend = backend
        self.executor = ItemExecutor(backend: backend, profile: plan.profile)
    }

    /// The key material of every plan item, in plan order.
    public func keyMaterials() throws -> [String: KeyMaterial] {
        let checksum = try backend.dataChecksum(plan.profile.data)
        var keys: [String: String] = [:]
        var out: [String: KeyMaterial] = [:]
        for item in plan.items {
            var inputs: [String: String] = [:]
            for i in item.inputs { inputs[i] = keys[i]! }
            let m = KeyMaterial(frameworkVersion: FrameworkVersion.current, codeVersion: backend.codeVersion,
                                dataChecksum: checksum, profile: plan.profile.name,
                                blasKernel: BLAS.coreName, blasThreads: 1,
                                kind: item.kind, seeds: Seeds.base(for: item.kind, root: plan.profile.seedRoot),
                                settings: ItemSettings.of(item.kind, profile: plan.profile), inputs: inputs)
            out[item.id] = m
            keys[item.id] = try m.key()
        }
        return out
    }

    /// Runs the selection; never throws for a failing item (recorded instead), only for setup
    /// problems (data checksum unreadable, store not writable).
    public func run(options: RunOptions, progress: ProgressSink? = nil, cancel: CancellationFlag? = nil) throws -> RunSummary {
        try store.prepare()
        BLAS.setThreads(1)
        let materials = try keyMaterials()
        var keyTable: [String: String] = [:]
        for (id, m) in materials { keyTable[id] = try m.key() }
        let keys = keyTable

        let selected = options.selection ?? Set(plan.items.map(\.id))
        let scope = options.computeMissingInputs ? plan.closure(of: selected) : plan.items.filter { selected.contains($0.id) }
        let scopeIDs = Set(scope.map(\.id))

        // Classify every item in scope, and the inputs outside it.
        var available: [String: WorkOutput] = [:]     // outputs the items to compute consume
        var validInStore = Set<String>()               // verified successful entries
        var failedInStore: [String: String] = [:]      // stored failures that are reused
        var toCompute: [WorkItem] = []
        var reasons: [(String, String)] = []
        var reusedPerStage: [Int: Int] = [:], computePerStage: [Int: Int] = [:]
        var reused = 0
        for item in scope {
            let key = keys[item.id]!
            switch store.read(key) {
            case let .valid(r):
                if let f = r.failure {
                    if options.retryFailed { toCompute.append(item); reasons.append((item.id, "retrying a stored failure")); continue }
                    failedInStore[item.id] = f
                } else { validInStore.insert(item.id) }
                if selected.contains(item.id) { reused += 1; reusedPerStage[item.stage, default: 0] += 1 }
            case .missing:
                toCompute.append(item)
                if let old = store.lastKey(profile: plan.profile.name, item: item.id), old != key, let oldM = store.material(old) {
                    reasons.append((item.id, "stale: " + materials[item.id]!.differences(from: oldM).joined(separator: "; ")))
                } else {
                    reasons.append((item.id, "not in the store"))
                }
            case let .corrupt(why):
                toCompute.append(item)
                reasons.append((item.id, "corrupt entry: " + why))
            }
        }
        // Load only the outputs that items to compute consume (memory: vectors can be large).
        // Inputs outside the scope (computeMissingInputs == false) are read here too.
        let toComputeIDs = Set(toCompute.map(\.id))
        for item in toCompute {
            for i in item.inputs where available[i] == nil && failedInStore[i] == nil && !toComputeIDs.contains(i) {
                guard validInStore.contains(i) || !scopeIDs.contains(i) else { continue }
                if case let .valid(r) = store.read(keys[i]!) {
                    if let o = r.output { available[i] = o } else { failedInStore[i] = r.failure ?? "failed" }
                }
            }
        }
        for item in toCompute { computePerStage[item.stage, default: 0] += 1 }
        progress?.planned(toCompute: computePerStage, reused: reusedPerStage, reasons: reasons)
        if let progress, progress.wantsPrediction, !toCompute.isEmpty {
            let p = WallTimeModel.parallelFraction(twoCoreSpeedup: WallTimeModel.measuredTwoCoreSpeedup)
            let wall = WallTimeModel.predict(items: toCompute, seconds: Dictionary(uniqueKeysWithValues: toCompute.map { ($0.id, $0.estimatedCost) }),
                                             cores: options.jobs, parallelFraction: p).wallSeconds
            progress.predicted(wallSeconds: wall, jobs: options.jobs)
        }
        if options.dryRun {
            return RunSummary(computed: 0, reused: reused, failed: [], blocked: [], cancelled: false, stageSeconds: [:])
        }

        let state = SchedulerState(items: plan.criticalPathOrder(toCompute), available: available, failed: failedInStore)
        let threads = min(options.jobs, max(1, toCompute.count))
        let group = DispatchGroup()
        for w in 0..<threads {
            group.enter()
            let t = Thread { [self] in
                defer { group.leave() }
                self.workerLoop(worker: w, state: state, keys: keys, materials: materials, stateInterval: options.stateInterval,
                                progress: progress, cancel: cancel)
            }
            t.name = "repro-worker-\(w)"
            t.stackSize = 16 << 20
            t.start()
        }
        group.wait()

        let order = Dictionary(uniqueKeysWithValues: plan.items.enumerated().map { ($1.id, $0) })
        let summary = RunSummary(
            computed: state.computed, reused: reused,
            failed: state.failures.sorted { order[$0.item]! < order[$1.item]! },
            blocked: state.blocked.sorted { order[$0.item]! < order[$1.item]! },
            cancelled: state.cancelledEarly, stageSeconds: state.stageSeconds)
        progress?.done(summary: summary)
        return summary
    }

    private func workerLoop(worker: Int, state: SchedulerState, keys: [String: String], materials: [String: KeyMaterial], stateInterval: TimeInterval,
                            progress: ProgressSink?, cancel: CancellationFlag?) {
        while let job = state.next(worker: worker, cancel: cancel) {
            let item = job.item
            switch job.readiness {
            case let .blocked(reason):
                state.finish(item, output: nil, failure: reason, blocked: true, seconds: 0)
                progress?.finished(item: item, outcome: .blocked, seconds: 0, message: reason)
            case let .ready(inputs):
                let t0 = Date(), cpu0 = threadCPUSeconds()
                var output: WorkOutput?
                var failure: String?
                progress?.started(item: item)
                ItemHeartbeat.begin(item: item.id)
                let key = keys[item.id]!
                let resume = ResumePoint(url: store.resumeURL(key), identity: key, interval: stateInterval)
                do { output = try CoreLease.with(job.lease) { try executor.execute(item, inputs: inputs, resume: resume) } }
                catch { failure = String(describing: error) }
                let resumption = ItemHeartbeat.end()
                // A resumed training's time includes the epochs its saved state holds.
                let seconds = Date().timeIntervalSince(t0) + (resumption?.priorSeconds ?? 0)
                let material = materials[item.id]!
                do {
                    try store.write(StoredResult(output: output, failure: failure), material: material, item: item.id)
                    // CPU time only where it is the item's whole cost: no lent cores (their
                    // threads are not counted) and no epochs from an earlier process.
                    let cpu = job.lease.meanCores <= 1 && resumption == nil ? threadCPUSeconds() - cpu0 : nil
                    try? store.writeTiming(key: key, seconds: seconds, meanCores: job.lease.meanCores, cpuSeconds: cpu)
                    // A failed computation keeps its saved state: the rerun continues from it.
                    if failure == nil { store.removeResumeState(key) }
                } catch {
                    failure = "could not store the result: \(error)"
                    output = nil
                }
                state.finish(item, output: output, failure: failure, blocked: false, seconds: seconds)
                progress?.finished(item: item, outcome: failure == nil ? .computed : .failed, seconds: seconds,
                                   message: (failure ?? Self.describe(output)).map { m in
                                       resumption.map { "\(m) (continued a saved training state after epoch \($0.afterEpoch))" } ?? m
                                   })
            }
        }
    }

    static func describe(_ o: WorkOutput?) -> String? {
        switch o {
        case let .trial(t)?: return String(format: "MAE %.4f", t.mae)
        case let .model(m)?: return m.learningCurve.map { "\($0.points.count) epochs (\($0.stopReason))" }
        case let .vectors(v)?: return "\(v.dimension)-d vectors"
        default: return nil
        }
    }
}

/// Shared scheduler state: a ready queue (longest remaining path first), guarded by a condition
/// variable, and the cores idle workers lend to running items.
///
/// A worker that finds nothing to start (every pending item waits on running ones, or none is
/// left while others still run) lends its core to the running item first in critical-path order
/// that can use it (a training or embedding item: its data-parallel steps read the lease, see
/// ``CoreLease``), and takes the core back when it wakes. Lending changes wall time only.
final class SchedulerState: @unchecked Sendable {
    enum Readiness { case ready([String: WorkOutput]), blocked(String) }
    struct Job { let item: WorkItem; let readiness: Readiness; let lease: CoreLease }
    /// An item being computed: its lease and its position in critical-path order.
    private struct Running { let lease: CoreLease; let rank: Int; let lendable: Bool }

    /// Most cores a lease may add: a step has at most ``maxChunks`` chunks to share out.
    static let maxChunks = 8

    private let cond = NSCondition()
    private var pending: [WorkItem]
    private let rank: [String: Int]
    private var running: [String: Running] = [:]
    private var lentBy: [Int: String] = [:]     // worker → item its core is lent to
    private var available: [String: WorkOutput]
    private var failedIDs: [String: String]
    private var inFlight: Set<String>
    var computed = 0
    var failures: [FailureNote] = []
    var blocked: [FailureNote] = []
    var stageSeconds: [Int: Double] = [:]
    var cancelledEarly = false

    /// `items` in the order to start them (``TrialPlan/criticalPathOrder(_:)``).
    init(items: [WorkItem], available: [String: WorkOutput], failed: [String: String]) {
        pending = items
        rank = Dictionary(uniqueKeysWithValues: items.enumerated().map { ($1.id, $0) })
        self.available = available
        failedIDs = failed
        inFlight = Set(items.map(\.id))
    }

    /// Whether an item's computation runs data-parallel steps that can use lent cores.
    static func canUseLentCores(_ kind: WorkKind) -> Bool {
        switch kind {
        case .dimPretrain, .donor, .supervisedTrial, .representation: return true
        default: return false
        }
    }

    /// The next item for `worker` whose inputs are all settled (in the order given: longest
    /// remaining path first), or nil when nothing is left to start or run. While it waits, the
    /// worker's core is lent to a running item.
    func next(worker: Int, cancel: CancellationFlag?) -> Job? {
        cond.lock(); defer { cond.unlock() }
        while true {
            reclaim(worker)
            if cancel?.isCancelled == true {
                if !pending.isEmpty { cancelledEarly = true }
                pending.removeAll()
            }
            if pending.isEmpty && running.isEmpty { return nil }
            if let i = pending.firstIndex(where: { it in it.inputs.allSatisfy { !inFlight.contains($0) } }) {
                let item = pending.remove(at: i)
                let lease = CoreLease()
                if let bad = item.inputs.first(where: { failedIDs[$0] != nil }) {
                    running[item.id] = Running(lease: lease, rank: rank[item.id] ?? 0, lendable: false)
                    return Job(item: item, readiness: .blocked("input \(bad) failed: \(failedIDs[bad]!)"), lease: lease)
                }
                if let missing = item.inputs.first(where: { available[$0] == nil }) {
                    running[item.id] = Running(lease: lease, rank: rank[item.id] ?? 0, lendable: false)
                    return Job(item: item, readiness: .blocked("input \(missing) is not in the store (run its stage first)"), lease: lease)
                }
                running[item.id] = Running(lease: lease, rank: rank[item.id] ?? 0, lendable: Self.canUseLentCores(item.kind))
                var inputs: [String: WorkOutput] = [:]
                for i in item.inputs { inputs[i] = available[i]! }
                return Job(item: item, readiness: .ready(inputs), lease: lease)
            }
            // Nothing to start: lend this core while everything pending waits on running items.
            lend(worker)
            cond.wait()
        }
    }

    /// Lends `worker`'s core to the running item first in critical-path order that can use it.
    private func lend(_ worker: Int) {
        let candidates = running.filter { $0.value.lendable && $0.value.lease.extraCores < Self.maxChunks - 1 }
        guard let target = candidates.min(by: { $0.value.rank < $1.value.rank }) else { return }
        target.value.lease.lend()
        lentBy[worker] = target.key
    }

    /// Takes back the core `worker` lent, if the item still runs.
    private func reclaim(_ worker: Int) {
        guard let id = lentBy.removeValue(forKey: worker) else { return }
        running[id]?.lease.reclaim()
    }

    func finish(_ item: WorkItem, output: WorkOutput?, failure: String?, blocked isBlocked: Bool, seconds: Double) {
        cond.lock()
        for (worker, id) in lentBy where id == item.id {
            running[id]?.lease.reclaim()
            lentBy[worker] = nil
        }
        running[item.id] = nil
        inFlight.remove(item.id)
        if let output { available[item.id] = output; computed += 1 }
        if let failure {
            failedIDs[item.id] = failure
            if isBlocked { blocked.append(FailureNote(item: item.id, message: failure)) }
            else { computed += 1; failures.append(FailureNote(item: item.id, message: failure)) }
        }
        stageSeconds[item.stage, default: 0] += seconds
        cond.broadcast()
        cond.unlock()
    }
}

/// The state of one plan item in the store.
public enum ItemState: Equatable, Sendable {
    case done
    case failed(String)
    case missing
    case corrupt(String)
}

extension Runner {
    /// The store's saved training states (``ResultStore/resumeURL(_:)``): those of this plan's
    /// items, which the next run continues, and the keys of the others, which no item of this
    /// plan has (its settings changed since, or it is another profile's item).
    public func savedTrainingStates() throws -> (ofPlan: [(item: WorkItem, url: URL)], otherKeys: [String]) {
        let materials = try keyMaterials()
        var itemOfKey: [String: WorkItem] = [:]
        for item in plan.items { itemOfKey[try materials[item.id]!.key()] = item }
        var ofPlan: [(item: WorkItem, url: URL)] = [], others: [String] = []
        for key in store.resumeStateKeys() {
            if let item = itemOfKey[key] { ofPlan.append((item, store.resumeURL(key))) } else { others.append(key) }
        }
        return (ofPlan, others)
    }

    /// Every plan item with its state in the store, in plan order (reads and verifies every entry).
    public func itemStates() throws -> [(item: WorkItem, state: ItemState)] {
        let materials = try keyMaterials()
        return try plan.items.map { item in
            switch store.read(try materials[item.id]!.key()) {
            case let .valid(r): return (item, r.failure.map { .failed($0) } ?? .done)
            case .missing: return (item, .missing)
            case let .corrupt(why): return (item, .corrupt(why))
            }
        }
    }
}

/// CPU seconds the calling thread has run so far (`CLOCK_THREAD_CPUTIME_ID`): excludes the time
/// it waited for a core, unlike wall time.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
