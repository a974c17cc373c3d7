import Foundation
import Reporting

/// The whole plan of a profile as a DAG of ``WorkItem``s, in a deterministic topological order
/// (by stage, then construction order).
///
/// Stage 0: the dataset. Stage 1: DIM pretraining (synthetic on/off) per structure set, donors per
/// task, untrained/OFM/XRD vectors, random-init fig 7 trials. Stage 2: DIM- and transfer-init
/// fig 7 trials, DIM vectors, regressor trials on
/// untrained/OFM/XRD vectors, t-SNE of untrained vectors. Stage 3: regressor trials on DIM vectors,
/// t-SNE of DIM vectors.
public struct TrialPlan: Sendable {
    /// The profile it was built from.
    public let profile: Profile
    /// All items, inputs before dependants.
    public let items: [WorkItem]
    private let index: [String: Int]

    /// The plan of `profile`: every catalogue figure × task × label count × arm × trial.
    public init(profile: Profile) {
        self.profile = profile
        var b = Builder(profile: profile)
        b.build()
        let sorted = b.items.enumerated().sorted { ($0.element.stage, $0.offset) < ($1.element.stage, $1.offset) }.map(\.element)
        items = sorted
        var ix: [String: Int] = [:]
        for (i, it) in sorted.enumerated() { ix[it.id] = i }
        index = ix
    }

    /// The item with this id.
    public func item(_ id: String) -> WorkItem? { index[id].map { items[$0] } }

    /// Number of stages (largest stage + 1).
    public var stageCount: Int { (items.map(\.stage).max() ?? -1) + 1 }

    /// Ids of `ids` and every item they depend on, transitively, in plan order.
    public func closure(of ids: Set<String>) -> [WorkItem] {
        var need = Set<String>()
        var stack = Array(ids)
        while let id = stack.popLast() {
            guard need.insert(id).inserted, let it = item(id) else { continue }
            stack.append(contentsOf: it.inputs)
        }
        return items.filter { need.contains($0.id) }
    }

    /// `items` ordered for list scheduling: by decreasing bottom level (an item's estimated cost
    /// plus the costliest chain of dependants after it), ties in plan order. Starting the longest
    /// chains first (DIM pretraining, then donors) keeps every core busy while the critical path
    /// runs; results do not depend on the order, only the wall time does.
    public func criticalPathOrder(_ items: [WorkItem]) -> [WorkItem] {
        Self.criticalPathOrder(items, in: self.items)
    }

    /// `items` ordered by decreasing bottom level within `all` (every item, inputs before their
    /// dependants), ties in the order of `all`.
    public static func criticalPathOrder(_ items: [WorkItem], in all: [WorkItem]) -> [WorkItem] {
        var children: [String: [String]] = [:]
        for it in all { for i in it.inputs { children[i, default: []].append(it.id) } }
        var level: [String: Double] = [:]
        for it in all.reversed() {
            level[it.id] = it.estimatedCost + (children[it.id]?.compactMap { level[$0] }.max() ?? 0)
        }
        let rank = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.id, $0) })
        return items.sorted { a, b in
            let la = level[a.id] ?? a.estimatedCost, lb = level[b.id] ?? b.estimatedCost
            return la != lb ? la > lb : (rank[a.id] ?? 0) < (rank[b.id] ?? 0)
        }
    }

    /// The item id of a trial.
    public static func trialID(experiment: String, task: PropertyTask, n: Int, arm: String, trial: Int) -> String {
        "\(experiment)/\(task.rawValue)/n\(pad(n, 4))/\(arm)/t\(pad(trial, 2))"
    }

    static func pad(_ x: Int, _ width: Int) -> String {
        let s = String(x); return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Builds the items; inputs are added before their dependants.
    private struct Builder {
        let profile: Profile
        var items: [WorkItem] = []
        var stages: [String: Int] = [:]

        /// Rough training-set size, for cost estimates only.
        var trainSize: Double {
            switch profile.data.source {
            case .embedded: return Double(profile.data.maxStructures ?? 7211) * (1 - profile.data.testFraction)
            case .matbench: return 95_000
            }
        }
        var testSize: Double {
            switch profile.data.source {
            case .embedded: return Double(profile.data.maxStructures ?? 7211) * profile.data.testFraction
            case .matbench: return 24_000
            }
        }

        /// Rough epochs a budget runs on `n` crystals, for cost estimates only: the ceiling (or the
        /// crystal cap) when there is no stopping rule, else the patience plus the epochs a
        /// run needs to reach its best (more for small sets, whose epochs are short).
        static func expectedEpochs(_ b: TrainingBudget, n: Double) -> Double {
            let cap = Double(b.epochs(trainingOn: max(1, Int(n))))
            guard let patience = b.patience(trainingOn: max(1, Int(n))) else { return cap }
            return min(cap, Double(patience) + max(20, 20_000 / max(n, 1)))
        }

        mutating func add(_ id: String, _ kind: WorkKind, _ inputs: [String], cost: Double) {
            let stage = inputs.isEmpty ? 0 : 1 + inputs.map { stages[$0]! }.max()!
            stages[id] = stage
            items.append(WorkItem(id: id, kind: kind, inputs: inputs, stage: stage, estimatedCost: cost))
        }

        static func dimID(_ set: String, _ synthetic: Bool) -> String { "dim/\(set)/\(synthetic ? "synthetic" : "nosynthetic")" }
        static func repID(_ set: String, _ r: Representation) -> String { "rep/\(set)/\(r.rawValue)" }

        mutating func build() {
            let p = profile
            add("dataset", .dataset, [], cost: trainSize * 0.01)
            for set in p.structureSets {
                for synthetic in [true, false] {
                    add(Self.dimID(set, synthetic), .dimPretrain(structureSet: set, synthetic: synthetic), ["dataset"],
                        cost: Self.expectedEpochs(p.budgetProbe?.pretraining == true ? p.budgetProbe!.longer(p.dim) : p.dim, n: trainSize)
                            * trainSize * (synthetic ? 3 : 2))
                }
            }
            for task in PropertyTask.allCases {
                add("donor/\(task.rawValue)", .donor(task: task), ["dataset"], cost: Self.expectedEpochs(p.donor, n: trainSize) * trainSize)
            }
            let perCrystal: [Representation: Double] = [.untrained: 0.3, .dim: 0.3, .dimNoSynthetic: 0.3, .ofm: 20, .xrd: 5]
            for set in p.structureSets {
                for r in Representation.allCases {
                    let inputs = ["dataset"] + (r.dimSynthetic.map { [Self.dimID(set, $0)] } ?? [])
                    add(Self.repID(set, r), .representation(structureSet: set, representation: r), inputs,
                        cost: (trainSize + testSize) * perCrystal[r]!)
                }
            }
            // Fig 7.
            for fig in ExperimentCatalogue.trialFigures {
                for task in fig.tasks {
                    let set = p.structureSet(of: task)
                    for n in p.labelCounts {
                        for armID in fig.arms {
                            let arm = ArmSpec.named(armID)
                            switch arm.kind {
                            case let .siteNet(initialisation):
                                var inputs = ["dataset"]
                                if initialisation == .dim { inputs.append(Self.dimID(set, true)) }
                                if initialisation == .transfer { inputs.append("donor/\(task.other.rawValue)") }
                                for k in 0..<p.siteNetTrials(at: n) {
                                    let probed = p.budgetProbe?.probes(trial: k) ?? false
                                    let budget = probed ? p.budgetProbe!.longer(p.supervised) : p.supervised
                                    add(TrialPlan.trialID(experiment: fig.id, task: task, n: n, arm: armID, trial: k),
                                        .supervisedTrial(experiment: fig.id, task: task, nLabels: n, arm: armID, trial: k, probed: probed),
                                        inputs, cost: Self.expectedEpochs(budget, n: Double(n)) * Double(n) + testSize * 0.6)
                                }
                            case let .regressor(kind, rep, _):
                                let dim = rep == .ofm ? 1521.0 : rep == .xrd ? 128 : 64
                                for k in 0..<p.regressorTrials(at: n) {
                                    add(TrialPlan.trialID(experiment: fig.id, task: task, n: n, arm: armID, trial: k),
                                        .regressorTrial(experiment: fig.id, task: task, nLabels: n, arm: armID, trial: k),
                                        ["dataset", Self.repID(set, rep)],
                                        cost: kind == .linear ? Double(n) * dim * dim * 1e-6 + 0.1
                                                              : Double(n) * Double(p.regressor.mlpMaxIterations) * dim * 2e-6 + 0.5)
                                }
                            }
                        }
                    }
                }
            }
            // Figs 9, 10: t-SNE of untrained and DIM vectors (shared by both colourings), repeated
            // over the profile's t-SNE seeds.
            for set in p.structureSets {
                for r in [Representation.untrained, .dim] {
                    let pts = min(testSize, Double(p.tsne.maxPoints ?? Int.max))
                    for seed in 0..<max(1, p.tsneSeeds) {
                        add(TrialPlanIDs.tsne(set, r, seed: seed), .tsne(structureSet: set, representation: r, seed: seed == 0 ? nil : seed),
                            ["dataset", Self.repID(set, r)], cost: pts * log2(max(pts, 2)) * Double(p.tsne.iterations) * 1e-4)
                    }
                }
            }
        }
    }
}
