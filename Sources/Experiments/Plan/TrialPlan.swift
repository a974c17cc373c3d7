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

    /// The plan of `profile`: every catalogue figure × task × label count × arm × trial, each item
    /// priced in one-core seconds by `costs` with its training runs lasting as `epochs` assumes.
    public init(profile: Profile, costs: UnitCosts = .reference, epochs: EpochAssumption = .expected) {
        self.profile = profile
        var b = Builder(profile: profile, costs: costs, epochs: epochs)
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

    /// Builds the items; inputs are added before their dependants. Every item's cost is its
    /// predicted one-core seconds under `costs` (see ``UnitCosts`` for the item models).
    private struct Builder {
        let profile: Profile
        let costs: UnitCosts
        let epochs: EpochAssumption
        var items: [WorkItem] = []
        var stages: [String: Int] = [:]

        /// Records in the input files.
        var records: Double {
            switch profile.data.source {
            case .embedded: return Double(profile.data.maxStructures ?? 7211)
            case .matbench: return Double(MatbenchSynthesizer.realRecordCounts.values.reduce(0, +))
            }
        }

        /// Training-split crystals of a structure set (Matbench: fold 0 of full-size files after the
        /// ≤ 50-site filter, as stage 0 counted them on `repro data synth-matbench`'s stand-ins).
        func trainSize(_ set: String) -> Double {
            switch profile.data.source {
            case .embedded: return records * (1 - profile.data.testFraction)
            case .matbench: return set == PropertyTask.gap.rawValue ? 82_930 : 103_767
            }
        }
        /// Test-split crystals of a structure set.
        func testSize(_ set: String) -> Double {
            switch profile.data.source {
            case .embedded: return records * profile.data.testFraction
            case .matbench: return set == PropertyTask.gap.rawValue ? 20_747 : 25_937
            }
        }

        /// Epochs a budget runs on `n` crystals, for cost estimates only. Under
        /// ``EpochAssumption/ceiling``: the ceiling (or the crystal cap). Under
        /// ``EpochAssumption/expected``, with a stopping rule: the patience plus the epochs a run
        /// needs to reach its best, and at least `floor` × the ceiling. The best comes later the
        /// longer the patience on larger sets (the `default` store's fig 7 trials at 1000 labels:
        /// median best epoch 91 under patience 40 and 146 under 80, of 7 trials; 183 under 160
        /// in one), so the epochs to the best are max(20,000 / n, 60 + patience × min(1, n / 1000))
        /// (small sets have short epochs and noisy validation: their best is not patience-driven).
        /// The floors: DIM pretraining ½ (the model without synthetic samples stopped at epoch 142
        /// of its 300), the donors ⅓ (they stopped at epochs 124 and 94 of 300 on 5,600 and 4,700
        /// crystals).
        func expectedEpochs(_ b: TrainingBudget, n: Double, floor: Double = 0) -> Double {
            let cap = Double(b.epochs(trainingOn: max(1, Int(n))))
            guard epochs == .expected, let patience = b.patience(trainingOn: max(1, Int(n))) else { return cap }
            let toBest = max(20_000 / max(n, 1), 60 + Double(patience) * min(1, n / 1000))
            return min(cap, max(Double(patience) + toBest, cap * floor))
        }

        mutating func add(_ kind: WorkKind, _ inputIDs: [ItemID], cost: Double) {
            let id = kind.itemID.description, inputs = inputIDs.map(\.description)
            let stage = inputs.isEmpty ? 0 : 1 + inputs.map { stages[$0]! }.max()!
            stages[id] = stage
            items.append(WorkItem(id: id, kind: kind, inputs: inputs, stage: stage, estimatedCost: cost))
        }


        /// The DIM budget probe's downstream check (``DownstreamCheck``): both encoders embed the
        /// training split, and each fits fig 8's linear and MLP regressors on the probe's label
        /// subsets of both tasks at the profile's two largest label counts.
        func downstreamCheck(_ set: String) -> Double {
            let counts = DownstreamCheck.probeLabelCounts(profile.labelCounts)
            let fits = counts.reduce(0.0) { $0 + costs.linearFit(labels: $1, width: 64) + costs.mlpFit(labels: $1, width: 64) }
            return 2 * (trainSize(set) * costs.inferenceSecondsPerCrystal
                        + Double(DownstreamCheck.probeTrials * PropertyTask.allCases.count) * fits)
        }

        mutating func build() {
            let p = profile
            let u = costs
            add(.dataset, [], cost: records * u.datasetSecondsPerRecord)
            for set in p.structureSets {
                for synthetic in [true, false] {
                    let probed = p.budgetProbe?.pretraining == true
                    let step = u.dimStepSecondsPerCrystal * (synthetic ? 1 : u.dimNoSyntheticFraction)
                    let training = expectedEpochs(probed ? p.budgetProbe!.longer(p.dim) : p.dim, n: trainSize(set), floor: 0.5)
                        * trainSize(set) * step
                    add(.dimPretrain(structureSet: set, synthetic: synthetic), [.dataset],
                        cost: training + (probed ? downstreamCheck(set) : 0))
                }
            }
            for task in PropertyTask.allCases {
                let set = p.structureSet(of: task)
                add(.donor(task: task), [.dataset],
                    cost: expectedEpochs(p.donor, n: trainSize(set), floor: 1.0 / 3) * trainSize(set) * u.supervisedStepSecondsPerCrystal
                        + testSize(set) * u.inferenceSecondsPerCrystal)
            }
            let perCrystal: [Representation: Double] = [.untrained: u.inferenceSecondsPerCrystal, .dim: u.inferenceSecondsPerCrystal,
                                                         .dimNoSynthetic: u.inferenceSecondsPerCrystal,
                                                         .ofm: u.ofmSecondsPerStructure, .xrd: u.xrdSecondsPerStructure]
            for set in p.structureSets {
                for r in Representation.allCases {
                    let inputs: [ItemID] = [.dataset] + (r.dimSynthetic.map { [.dim(structureSet: set, synthetic: $0)] } ?? [])
                    add(.representation(structureSet: set, representation: r), inputs,
                        cost: (trainSize(set) + testSize(set)) * perCrystal[r]!)
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
                                var inputs: [ItemID] = [.dataset]
                                if initialisation == .dim { inputs.append(.dim(structureSet: set, synthetic: true)) }
                                if initialisation == .transfer { inputs.append(.donor(task.other)) }
                                for k in 0..<p.siteNetTrials(at: n) {
                                    let probed = p.budgetProbe?.probes(trial: k) ?? false
                                    let budget = probed ? p.budgetProbe!.longer(p.supervised) : p.supervised
                                    add(.supervisedTrial(experiment: fig.id, task: task, nLabels: n, arm: armID, trial: k, probed: probed),
                                        inputs, cost: expectedEpochs(budget, n: Double(n)) * Double(n) * u.supervisedStepSecondsPerCrystal
                                            + testSize(set) * u.inferenceSecondsPerCrystal)
                                }
                            case let .regressor(kind, rep, _):
                                let width = rep == .ofm ? 1521 : rep == .xrd ? 128 : 64
                                for k in 0..<p.regressorTrials(at: n) {
                                    add(.regressorTrial(experiment: fig.id, task: task, nLabels: n, arm: armID, trial: k),
                                        [.dataset, .representation(structureSet: set, rep)],
                                        cost: kind == .linear ? u.linearFit(labels: n, width: width) : u.mlpFit(labels: n, width: width))
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
                    let pts = min(testSize(set), Double(p.tsne.maxPoints ?? Int.max))
                    for seed in 0..<max(1, p.tsneSeeds) {
                        add(.tsne(structureSet: set, representation: r, seed: seed == 0 ? nil : seed),
                            [.dataset, .representation(structureSet: set, r)], cost: u.tsne(points: pts, perplexity: p.tsne.perplexity, iterations: p.tsne.iterations))
                    }
                }
            }
        }
    }
}
