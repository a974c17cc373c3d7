import Foundation
import Learning
import Reporting

/// The results document built from a store, plus what the store lacks.
public struct AssembledResults: Sendable {
    /// The results document (see ``ResultsAssembler``).
    public var document: ResultsDocument
    /// Plan items with no valid entry (never run, interrupted, corrupt), in plan order.
    public var missing: [String]
    /// Items whose entry records a failure, and items not run because an input failed.
    public var failed: [FailureNote]
    /// Per stage: summed compute seconds recorded in the store's timings.
    public var stageSeconds: [Int: Double]
    /// The trained DIM encoders by file stem (`dim-synthetic`, `dim-nosynthetic`, with the
    /// structure set appended when a profile has several): ``Learning/ParameterArchive`` bytes,
    /// the checkpoint format `repro embed --model` reads.
    public var encoders: [String: Data] = [:]
}

/// Facts about the run that are not in the store (they go into the provenance block).
public struct RunContext: Sendable {
    /// Commit of the code that ran.
    public var gitCommit: String
    /// `--jobs` of this run.
    public var jobs: Int
    /// Host description.
    public var machine: String
    public init(gitCommit: String, jobs: Int, machine: String) {
        self.gitCommit = gitCommit; self.jobs = jobs; self.machine = machine
    }
    /// The commit of the working directory's git checkout (`git rev-parse --short HEAD`, with
    /// `-dirty` when tracked files differ), or nil outside a checkout / without git.
    static func gitDescription() -> String? {
        func git(_ args: [String]) -> String? {
            let p = Process(), out = Pipe()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git"] + args
            p.standardOutput = out; p.standardError = FileHandle.nullDevice
            guard (try? p.run()) != nil else { return nil }
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            guard p.terminationStatus == 0 else { return nil }
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard let head = git(["rev-parse", "--short=12", "HEAD"]), !head.isEmpty else { return nil }
        let dirty = git(["status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
        return dirty ? head + "-dirty" : head
    }

    /// Commit from `REPRO_GIT_COMMIT`, else the working directory's checkout, else "unknown";
    /// host from `uname` and the core count.
    public static func current(jobs: Int) -> RunContext {
        var u = utsname()
        uname(&u)
        func str<T>(_ t: T) -> String { withUnsafeBytes(of: t) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) } }
        let machine = "\(str(u.sysname)) \(str(u.release)) \(str(u.machine)), \(ProcessInfo.processInfo.activeProcessorCount) cores"
        let commit = ProcessInfo.processInfo.environment["REPRO_GIT_COMMIT"] ?? gitDescription() ?? "unknown"
        return RunContext(gitCommit: commit, jobs: jobs, machine: machine)
    }
}

/// Builds the ``Reporting/ResultsDocument`` from whatever a store holds for a plan.
///
/// The document is a pure function of the store's entries and the plan unless `includeTimings`
/// is set: with it off, `provenance.stageSeconds` is empty and `provenance.jobs` is 0, so two runs
/// of the same profile (any `--jobs`, any sharding) give byte-identical `results.json`.
public enum ResultsAssembler {
    /// The document for `runner.plan` from `runner.store`: trials in plan order (failed ones with
    /// their message, blocked ones as "not run: input … failed"), learning curves, t-SNE maps per
    /// task (labels and metal–halogen flags attached), the budget comparison, dataset and profile.
    public static func assemble(runner: Runner, context: RunContext, includeTimings: Bool) throws -> AssembledResults {
        let plan = runner.plan, store = runner.store, profile = plan.profile
        let materials = try runner.keyMaterials()
        var outputs: [String: WorkOutput] = [:]
        var present = Set<String>()
        var failures: [String: String] = [:]
        var missing: [String] = []
        var seconds: [Int: Double] = [:]
        for item in plan.items {
            let key = try materials[item.id]!.key()
            switch store.read(key) {
            case let .valid(r):
                if let o = r.output {
                    present.insert(item.id)
                    // Vectors are not part of the document; hold only the two 64-d encoders' (for the
                    // embedding-space neighbours of figs 9/10), not the large engineered features.
                    if case .vectors = o {
                        if case let .representation(_, r) = item.kind, r == .untrained || r == .dim { outputs[item.id] = o }
                    } else { outputs[item.id] = o }
                } else { failures[item.id] = r.failure ?? "failed" }
                if let t = store.timing(key: key) { seconds[item.stage, default: 0] += t }
            case .missing, .corrupt:
                // Not run because an upstream item failed: say so.
                if let bad = item.inputs.first(where: { failures[$0] != nil }) {
                    failures[item.id] = "not run: input \(bad) failed: \(failures[bad]!)"
                } else {
                    missing.append(item.id)
                }
            }
        }

        var dataset: DatasetInfo?
        if case let .dataset(d)? = outputs[ItemID.dataset.description] { dataset = d }

        // Trials (figs 7, 8, 12), in plan order; failures included.
        var trials: [TrialRecord] = []
        for item in plan.items {
            switch item.kind {
            case let .supervisedTrial(e, task, n, arm, k, _):
                if let rec = record(e, task, n, arm, k, outputs[item.id], failures[item.id]) { trials.append(rec) }
            case let .regressorTrial(e, task, n, arm, k):
                if let rec = record(e, task, n, arm, k, outputs[item.id], failures[item.id]) { trials.append(rec) }
            default: break
            }
        }
        let budget = profile.budgetProbe.map { probeComparisons($0, profile: profile, trials: trials, outputs: outputs) } ?? []
        let runs = trainingRuns(profile: profile, outputs: outputs)

        // Fig 6, and the encoders themselves.
        var curves: [LearningCurve] = []
        var encoders: [String: Data] = [:]
        for set in profile.structureSets {
            for synthetic in [true, false] {
                if case let .model(m)? = outputs[ItemID.dim(structureSet: set, synthetic: synthetic).description] {
                    let stem = "dim-" + (synthetic ? "synthetic" : "nosynthetic") + (profile.structureSets.count > 1 ? "-\(set)" : "")
                    encoders[stem] = m.weights
                }
                if case let .model(m)? = outputs[ItemID.dim(structureSet: set, synthetic: synthetic).description], var c = m.learningCurve {
                    if let d = dataset { c.tasks = d.tasks.filter { $0.structureSet == set }.map(\.task.rawValue).sorted() }
                    curves.append(c)
                }
            }
        }

        // Figs 9, 10 (the first t-SNE seed) and the repeats over further seeds.
        var maps: [TSNEMap] = [], replicates: [TSNEMap] = []
        if let d = dataset {
            for task in PropertyTask.allCases {
                guard let td = try? d.task(task), let set = try? d.set(td.structureSet) else { continue }
                let label = Dictionary(uniqueKeysWithValues: zip(td.testRows, td.testTargets))
                for rep in [Representation.untrained, .dim] {
                  for seed in 0..<max(1, profile.tsneSeeds) {
                    guard case let .tsne(t)? = outputs[ItemID.tsne(structureSet: td.structureSet, rep, seed: seed).description] else { continue }
                    var ids: [String] = [], xs: [Double] = [], ys: [Double] = [], mh: [Bool] = [], labels: [Double] = []
                    var kept: [Int] = []
                    for (i, r) in t.rows.enumerated() {
                        guard let y = label[r] else { continue }
                        ids.append(set.testIDs[r]); xs.append(t.x[i]); ys.append(t.y[i])
                        mh.append(set.testMetalHalogen[r]); labels.append(y); kept.append(r)
                    }
                    // Neighbourhoods in the encoder's own space (the vectors the t-SNE was fitted on).
                    var embedded: [[Int]]? = nil
                    if case let .vectors(v)? = outputs[ItemID.representation(structureSet: td.structureSet, rep).description], v.dimension > 0 {
                        var pts: [Float] = []
                        pts.reserveCapacity(kept.count * v.dimension)
                        for r in kept { pts.append(contentsOf: v.test.values[(r * v.dimension)..<((r + 1) * v.dimension)]) }
                        embedded = NearestNeighbours.lists(points: pts, dimension: v.dimension, k: AnalysisSettings().neighbours)
                    }
                    let map = TSNEMap(representation: rep.rawValue, task: task.rawValue, ids: ids, x: xs, y: ys,
                                      metalHalogen: mh, labels: labels, perplexity: t.perplexity, klDivergence: t.klDivergence,
                                      embeddingNeighbours: seed == 0 ? embedded : nil, seed: seed == 0 ? nil : seed)
                    if seed == 0 { maps.append(map) } else { replicates.append(map) }
                  }
                }
            }
        }

        let datasetSummary = dataset.map { d in
            DatasetSummary(name: d.name, recordsRead: d.recordsRead,
                           splits: d.tasks.map { SplitSize(task: $0.task.rawValue, train: $0.trainRows.count, test: $0.testRows.count) },
                           skipped: d.skipped)
        } ?? DatasetSummary(name: "(dataset stage not in the store)", recordsRead: 0, splits: [], skipped: [])

        let stageTimings = includeTimings
            ? (0..<plan.stageCount).map { s in
                StageTiming(stage: StageNames.name(s), seconds: seconds[s] ?? 0,
                            computed: plan.items.filter { $0.stage == s && (present.contains($0.id) || failures[$0.id] != nil) }.count,
                            reused: 0) }
            : []
        let provenance = Provenance(
            toolVersion: "\(FrameworkVersion.current) + backend \(runner.backend.codeVersion)",
            gitCommit: context.gitCommit, dataChecksum: materials[ItemID.dataset.description]!.dataChecksum, seedRoot: profile.seedRoot,
            blasCore: BLAS.kernelDescription, blasThreadsPerTrial: 1, jobs: includeTimings ? context.jobs : 0,
            machine: context.machine, stageSeconds: stageTimings)
        let doc = ResultsDocument(profile: profile.summary, provenance: provenance, dataset: datasetSummary,
                                  learningCurves: curves, trials: trials, tsneMaps: maps, budgetComparisons: budget,
                                  trainingRuns: runs, tsneReplicates: replicates.isEmpty ? nil : replicates)
        let order = Dictionary(uniqueKeysWithValues: plan.items.enumerated().map { ($1.id, $0) })
        let failed = failures.map { FailureNote(item: $0.key, message: $0.value) }.sorted { order[$0.item]! < order[$1.item]! }
        return AssembledResults(document: doc, missing: missing, failed: failed, stageSeconds: seconds, encoders: encoders)
    }

    static func record(_ e: String, _ task: PropertyTask, _ n: Int, _ arm: String, _ k: Int,
                       _ output: WorkOutput?, _ failure: String?) -> TrialRecord? {
        if case let .trial(t)? = output {
            return TrialRecord(experiment: e, task: task.rawValue, nLabels: n, arm: arm, trial: k, mae: t.mae, extra: t.extra)
        }
        if let failure { return TrialRecord(experiment: e, task: task.rawValue, nLabels: n, arm: arm, trial: k, mae: nil, failure: failure) }
        return nil
    }

    /// The budget probe's comparisons: for every fig 7 cell, its probed trials' test MAE (the
    /// profile's checkpoint) at the profile's rule and at the longer one; for each DIM model, the
    /// validation DIM loss (local + global) of the kept epoch under both rules.
    static func probeComparisons(_ probe: BudgetProbe, profile: Profile, trials: [TrialRecord],
                                 outputs: [String: WorkOutput]) -> [BudgetComparison] {
        let key = profile.supervised.checkpoint == "best" ? TrialExtra.maeBest : TrialExtra.maeLast
        let short = profile.supervised.summary, long = probe.longer(profile.supervised).summary
        var out: [BudgetComparison] = []
        var cells: [String: (short: [Double], long: [Double])] = [:]
        var order: [String] = []
        for t in trials where t.experiment == "fig7" && probe.probes(trial: t.trial) {
            guard let a = t.extra[key], let b = t.extra[TrialExtra.probe(key)] else { continue }
            let name = BudgetComparison.fig7Cell(task: t.task, nLabels: t.nLabels, arm: t.arm)
            if cells[name] == nil { order.append(name) }
            cells[name, default: ([], [])].short.append(a)
            cells[name, default: ([], [])].long.append(b)
        }
        for name in order {
            out.append(BudgetComparison(description: name, shortBudget: short, longBudget: long,
                                        shortValues: cells[name]!.short, longValues: cells[name]!.long))
        }
        if probe.pretraining {
            for set in profile.structureSets {
                for synthetic in [true, false] {
                    guard case let .model(m)? = outputs[ItemID.dim(structureSet: set, synthetic: synthetic).description] else { continue }
                    let model = "dim-" + (synthetic ? "synthetic" : "nosynthetic") + (profile.structureSets.count > 1 ? "-\(set)" : "")
                    // A DIM model is judged by what its encoder is worth downstream (its loss keeps
                    // creeping down; the pretraining table shows it): the DIM item's downstream
                    // check, median held-out MAE per task × regressor × label count.
                    let prefix = "downstream."
                    let keys = m.metrics.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
                    for k in keys.sorted(by: DownstreamCheck.keyOrder) {
                        guard let a = m.metrics[prefix + k], let b = m.metrics["probe." + prefix + k] else { continue }
                        out.append(BudgetComparison(description: "\(model) encoder: \(k), training split (median of \(DownstreamCheck.probeTrials) label subsets)",
                                                    shortBudget: profile.dim.summary, longBudget: probe.longer(profile.dim).summary,
                                                    shortValues: [a], longValues: [b]))
                    }
                }
            }
        }
        return out
    }

    /// How each DIM model and donor stopped.
    static func trainingRuns(profile: Profile, outputs: [String: WorkOutput]) -> [TrainingRunRecord] {
        var ids: [(String, String)] = []
        for set in profile.structureSets {
            for synthetic in [true, false] {
                ids.append((ItemID.dim(structureSet: set, synthetic: synthetic).description,
                            "dim-" + (synthetic ? "synthetic" : "nosynthetic") + (profile.structureSets.count > 1 ? "-\(set)" : "")))
            }
        }
        for task in PropertyTask.allCases { ids.append((ItemID.donor(task).description, "donor \(task.rawValue)")) }
        return ids.compactMap { id, name in
            guard case let .model(m)? = outputs[id], let epochs = m.metrics["epochs"] else { return nil }
            let reason = { (v: Double?) in v == 1 ? "patience" : "maxEpochs" }
            let probed = m.metrics["probe.epochs"] != nil
            return TrainingRunRecord(model: name, epochs: Int(epochs), ceiling: Int(m.metrics["ceiling"] ?? epochs),
                                     stopReason: reason(m.metrics["stoppedByRule"]),
                                     selectedEpoch: Int(m.metrics["selectedEpoch"] ?? epochs), criterion: m.metrics["criterion"] ?? .nan,
                                     probeEpochs: m.metrics["probe.epochs"].map { Int($0) },
                                     probeStopReason: probed ? reason(m.metrics["probe.stoppedByRule"]) : nil,
                                     probeCriterion: m.metrics["probe.criterion"])
        }
    }
}
