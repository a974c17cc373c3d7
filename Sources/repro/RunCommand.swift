import ArgumentParser
import Crystals
import Experiments
import Foundation

/// `repro run`: run (a shard of, a stage of) a profile's trial plan into a result store.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run (a shard of) a profile's trial plan into a result store.",
        discussion: """
        Every result is stored under a key that hashes its configuration, the code version, the \
        data checksum and the profile; a re-run reuses what exists and says what it recomputes \
        and why. Interrupt with Ctrl-C: items in flight finish, the rest resume next time. A run \
        killed outright (a suspended machine, a scheduler's time limit) loses at most the last \
        --save-state-every seconds of each training in flight: it continues from its saved state.

        Sharding: `--shard i/n` runs the i-th of n slices, balanced by estimated cost within each \
        stage. With `--stage s` only that stage's slice runs and its inputs must already be in the \
        store (a scheduler runs stage 0, then 1, 2, 3, each as a job array depending on the \
        previous one). Without `--stage` a shard runs its slices of all stages in order and \
        computes any missing input itself (identical bytes, so safe, but duplicated work).

        Failures: an item that fails is recorded in the store with its error and the run keeps \
        going (--keep-going, the default): items that need its result are blocked, all others are \
        computed. With --no-keep-going no new item starts after the first failure (items in flight \
        finish). Exit status: 0 when every item is done, 3 when any item failed or was blocked \
        (listed on stderr; `repro cluster status` lists them again), 1 for an error such as an \
        unreadable store, 64 for invalid arguments, 130 when interrupted.
        """)

    @OptionGroup var profileOptions: ProfileOptions
    @Option(help: "Result store directory.") var store = ".repro-store"
    @Option(help: "Items computed side by side (threads, one BLAS thread each).") var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Run the i-th of n slices of the plan, e.g. 2/8.", transform: PlanSliceArguments.shard) var shard: ShardSpec?
    @Option(help: "Run only these stages (comma-separated, 0–3): 0 dataset; 1 DIM pretraining, donors, baseline features, random-init fig 7 trials; 2 DIM/transfer-init fig 7 trials, DIM vectors, regressors on untrained/OFM/XRD vectors; 3 regressors on DIM vectors, t-SNE of DIM vectors.", transform: PlanSliceArguments.stages)
    var stage: Set<Int>?
    @Option(help: "When an input is not in the store: 'compute' it here or 'require' it (the item is blocked). Default: require with --stage, compute otherwise.")
    var inputs: InputPolicy?
    @Flag(help: "Recompute items whose stored result is a failure.") var retryFailed = false
    @Flag(help: "Only failures and the summary.") var quiet = false
    @Flag(help: "Say what would be computed and why; compute nothing.") var dryRun = false
    @Flag(inversion: .prefixedNo, help: "After a failed item, go on with every item that does not need its result (default); --no-keep-going starts no new item after the first failure. Exit status 3 either way.")
    var keepGoing = true
    @OptionGroup var stateOptions: TrainingStateOptions

    func run() throws {
        let profile = try profileOptions.resolve()
        let summary = try RunSupport.execute(profile: profile, backendName: profileOptions.backend, store: store, jobs: jobs,
                                             shard: shard, stages: stage, inputs: inputs, retryFailed: retryFailed, quiet: quiet,
                                             dryRun: dryRun, keepGoing: keepGoing, stateInterval: stateOptions.saveStateEvery)
        if dryRun { return }
        let failures = !summary.failed.isEmpty || !summary.blocked.isEmpty
        if summary.cancelled && !failures { throw ExitCode(ExitStatus.interrupted) }
        if failures {
            print("\(summary.failed.count) failed, \(summary.blocked.count) blocked item(s); `repro cluster status --store \(store)` lists them")
            throw ExitCode(ExitStatus.itemsFailed)
        }
    }
}

/// `--backend`: the real computation or the fast synthetic stand-in.
enum BackendName: String, ExpressibleByArgument, CaseIterable {
    case real, fake
}

/// `--inputs`: what a run does when an item's input is not in the store.
enum InputPolicy: String, ExpressibleByArgument, CaseIterable {
    /// Compute it here first.
    case compute
    /// Leave the item blocked (a cluster stage whose previous stage has not finished).
    case require
}

/// `--profile`: the built-in profiles (``Profile/named(_:matbenchEForm:matbenchGap:)``).
enum ProfileName: String, ExpressibleByArgument, CaseIterable {
    case smoke, quick
    case `default`
    case paper
    case paperSmoke = "paper-smoke"


    /// Parses `--profile`, naming the choices when the value is none of them.
    static func parse(_ text: String) throws -> ProfileName { try choice(text, unknown: "unknown profile '\(text)'") }
}

/// Options naming the profile (and the backend).
struct ProfileOptions: ParsableArguments {
    @Option(help: "smoke, quick (a preview with cut training), default (trained to convergence), paper, or paper-smoke (the paper plan at smoke budgets on small Matbench-format files) (default: default; for report/status, the store's only profile).", transform: ProfileName.parse) var profile: ProfileName?
    @Option(name: .customLong("matbench-e-form"), help: "For --profile paper: matbench_mp_e_form.json(.gz).") var matbenchEForm: String?
    @Option(name: .customLong("matbench-gap"), help: "For --profile paper: matbench_mp_gap.json(.gz).") var matbenchGap: String?
    @Option(help: ArgumentHelp("Computation backend: 'real' (the SiteNet, Regressors, TSNE modules) or 'fake' (a fast synthetic stand-in for testing the pipeline; its numbers mean nothing).", visibility: .hidden))
    var backend: BackendName = .real
    @OptionGroup var blasOptions: BLASOptions

    /// The paths and the arguments a cell's regenerating command repeats (backend, Matbench files).
    func invocation(store: String, reports: String, figures: String) -> ReportInvocation {
        var extra: [String] = []
        if backend != .real { extra += ["--backend", backend.rawValue] }
        if let matbenchEForm { extra += ["--matbench-e-form", matbenchEForm] }
        if let matbenchGap { extra += ["--matbench-gap", matbenchGap] }
        return ReportInvocation(store: store, reports: reports, figures: figures, extraArguments: extra)
    }

    /// The named profile; without `--profile`, the only profile a store holds results for (when
    /// `store` is given and holds exactly one), else `default`.
    func resolve(store: String? = nil) throws -> Profile {
        var name = (profile ?? .default).rawValue
        if profile == nil, let store {
            let dir = URL(fileURLWithPath: store).appendingPathComponent("items")
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { !$0.hasPrefix(".") }
            if names.count == 1 { name = names[0] }
            else if names.count > 1 { throw CLIFailure("\(store) holds results of profiles \(names.sorted().joined(separator: ", ")): choose one with --profile") }
        }
        do { return try Profile.named(name, matbenchEForm: matbenchEForm, matbenchGap: matbenchGap) }
        catch { throw CLIFailure(String(describing: error)) }
    }
}

/// Shared by run, reproduce, report and cluster.
enum RunSupport {
    /// The backend of this name.
    static func backend(_ name: BackendName, profile: Profile) throws -> any ExperimentBackend {
        switch name {
        case .fake:
            // REPRO_FAKE_TRIAL_DELAY (seconds per trial) lets end-to-end tests interrupt a run mid-way.
            let delay = ProcessInfo.processInfo.environment["REPRO_FAKE_TRIAL_DELAY"].flatMap(Double.init) ?? 0
            // REPRO_FAKE_FAIL: calls whose description contains this text fail (exit-status tests).
            let failing = ProcessInfo.processInfo.environment["REPRO_FAKE_FAIL"].flatMap { $0.isEmpty ? nil : $0 }
            let failWhen: (@Sendable (String) -> Bool)? = failing.map { text in { @Sendable (call: String) in call.contains(text) } }
            return FakeBackend(defaultStructures: 1600, failWhen: failWhen, trialDelay: delay)
        case .real:
            return RealBackend(data: profile.data)
        }
    }

    static func runner(profile: Profile, backendName: BackendName, store: String) throws -> Runner {
        Runner(plan: TrialPlan(profile: profile), store: ResultStore(root: URL(fileURLWithPath: store)), backend: try backend(backendName, profile: profile))
    }

    static func execute(profile: Profile, backendName: BackendName, store: String, jobs: Int, shard: ShardSpec?, stages: Set<Int>?,
                        inputs: InputPolicy?, retryFailed: Bool, quiet: Bool, dryRun: Bool = false,
                        keepGoing: Bool = true, figures: FigureSelection? = nil, stateInterval: TimeInterval = 120) throws -> RunSummary {
        guard jobs >= 1 else { throw CLIFailure("--jobs \(jobs): expected at least 1") }
        let runner = try runner(profile: profile, backendName: backendName, store: store)
        if let stages, let bad = stages.first(where: { $0 >= runner.plan.stageCount }) {
            throw CLIFailure("--stage \(bad): the \(profile.name) plan has stages 0–\(runner.plan.stageCount - 1)")
        }
        var selection: Set<String>?
        if let figures {
            selection = Set(figures.figures.flatMap { runner.plan.directItems(ofFigure: $0).map(\.id) })
        } else if let shard {
            selection = Set(Sharding.items(of: runner.plan, shard: shard, stages: stages).map(\.id))
        } else if let stages {
            selection = Set(runner.plan.items.filter { stages.contains($0.stage) }.map(\.id))
        }
        let compute: Bool
        switch inputs {
        case nil: compute = stages == nil
        case .compute?: compute = true
        case .require?: compute = false
        }
        let cancel = CancellationFlag()
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            guard !cancel.isCancelled else { return }   // one message per stop (a signal sent to the whole group arrives twice)
            // A training item can take hours; say that aborting it costs little (its state is saved).
            let saved = stateInterval > 0 ? "at most \(Int(stateInterval)) s old" : "saved after every epoch"
            FileHandle.standardError.write(Data("\ninterrupted: finishing the items in flight (Ctrl-C again to abort; a training in flight then resumes from its last saved state, \(saved), when the same command is run again)\n".utf8))
            cancel.cancel()
            signal(SIGINT, SIG_DFL)
        }
        source.resume()
        defer { source.cancel(); signal(SIGINT, SIG_DFL) }
        // REPRO_HEARTBEAT_SECONDS shortens the 30 s heartbeat of non-terminal logs (tests).
        let beat = ProcessInfo.processInfo.environment["REPRO_HEARTBEAT_SECONDS"].flatMap(Double.init) ?? 30
        let console = ConsoleProgress(quiet: quiet && !dryRun, heartbeatInterval: beat,
                                      predictionBasis: backendName == .real ? UnitCosts.reference.machine : nil)
        let progress: ProgressSink = keepGoing ? console : StopAfterFailure(forwardingTo: console, cancel: cancel)
        if !quiet {
            FileHandle.standardError.write(Data("profile \(profile.name), store \(store), \(jobs) job(s)\(shard.map { ", shard \($0)" } ?? "")\(stages.map { ", stage \($0.sorted().map(String.init).joined(separator: ","))" } ?? "")\n\(BLASOptions.describe(threads: 1))\n".utf8))
        }
        do {
            return try runner.run(options: RunOptions(jobs: jobs, selection: selection, computeMissingInputs: compute, retryFailed: retryFailed, dryRun: dryRun,
                                                             stateInterval: stateInterval),
                                  progress: progress, cancel: cancel)
        } catch let e as CLIFailure { throw e }
        catch { throw CLIFailure(describeRunError(error)) }
    }
}

/// A run error in words: file-system errors (an unwritable store) without Foundation's domain text.
func describeRunError(_ error: Error) -> String {
    let ns = error as NSError
    if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain {
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        return (path.map { "\($0): " } ?? "") + plainIOErrorText(error)
    }
    return String(describing: error).escapingControlCharacters(limit: 2000)
}

/// `--no-keep-going`: forwards every event and cancels the run (no new item starts) after the
/// first failed or blocked item.
final class StopAfterFailure: ProgressSink, @unchecked Sendable {
    private let next: ProgressSink
    private let cancel: CancellationFlag
    init(forwardingTo next: ProgressSink, cancel: CancellationFlag) { self.next = next; self.cancel = cancel }
    func planned(toCompute: [Int: Int], reused: [Int: Int], reasons: [(String, String)]) {
        next.planned(toCompute: toCompute, reused: reused, reasons: reasons)
    }
    func finished(item: WorkItem, outcome: ItemOutcome, seconds: Double, message: String?) {
        next.finished(item: item, outcome: outcome, seconds: seconds, message: message)
        if outcome == .failed || outcome == .blocked { cancel.cancel() }
    }
    var wantsPrediction: Bool { next.wantsPrediction }
    func predicted(wallSeconds: Double, jobs: Int) { next.predicted(wallSeconds: wallSeconds, jobs: jobs) }
    func done(summary: RunSummary) { next.done(summary: summary) }
}
