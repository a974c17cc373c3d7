import Foundation
import Learning

/// Turns one work item plus its inputs' outputs into backend calls, and validates the result.
struct ItemExecutor: Sendable {
    let backend: any ExperimentBackend
    let profile: Profile

    /// Computes `item`; `inputs` maps each input id to its (successful) output; training items
    /// save their state at `resume` and continue from it (nil: from scratch, nothing saved).
    func execute(_ item: WorkItem, inputs: [String: WorkOutput], resume: ResumePoint? = nil) throws -> WorkOutput {
        let seeds = Seeds.base(for: item.kind, root: profile.seedRoot)
        func dataset() throws -> DatasetInfo {
            guard case let .dataset(d)? = inputs[ItemID.dataset.description] else { throw ExperimentError.invalidResult("missing dataset input") }
            return d
        }
        func model(_ id: String) throws -> ModelArtifact {
            guard case let .model(m)? = inputs[id] else { throw ExperimentError.invalidResult("missing model input \(id)") }
            return m
        }
        func vectors(_ id: String) throws -> RepresentationVectors {
            guard case let .vectors(v)? = inputs[id] else { throw ExperimentError.invalidResult("missing vectors input \(id)") }
            return v
        }
        switch item.kind {
        case .dataset:
            let d = try backend.prepareDataset(DatasetRequest(data: profile.data, seeds: seeds, structureSets: profile.structureSets))
            try Validation.check(d, profile: profile)
            return .dataset(d)

        case let .dimPretrain(set, synthetic):
            let probe = profile.budgetProbe.flatMap { $0.pretraining ? $0.longer(profile.dim) : nil }
            let m = try backend.pretrainDIM(DIMPretrainRequest(structureSet: set, synthetic: synthetic, budget: profile.dim,
                                                               probeBudget: probe, seeds: seeds,
                                                               downstreamLabelCounts: probe == nil ? [] : DownstreamCheck.probeLabelCounts(profile.labelCounts),
                                                               regressor: profile.regressor, resume: resume),
                                            dataset: try dataset())
            try Validation.check(m, item: item.id)
            return .model(m)

        case let .donor(task):
            let m = try backend.trainDonor(DonorRequest(task: task, budget: profile.donor, seeds: seeds, resume: resume), dataset: try dataset())
            try Validation.check(m, item: item.id)
            return .model(m)

        case let .representation(set, rep):
            let d = try dataset()
            let encoder = try rep.dimSynthetic.map { try model(ItemID.dim(structureSet: set, synthetic: $0).description) }
            let v = try backend.computeRepresentation(RepresentationRequest(structureSet: set, representation: rep, seeds: seeds),
                                                      dataset: d, encoder: encoder)
            try Validation.check(v, set: try d.set(set), item: item.id)
            return .vectors(v)

        case let .supervisedTrial(_, task, n, armID, trial, probed):
            let d = try dataset()
            let pool = try d.task(task)
            let rows = try Seeds.labelRows(root: profile.seedRoot, task: task, n: n, trial: trial, pool: pool)
            guard case let .siteNet(initialisation) = ArmSpec.named(armID).kind else { throw ExperimentError.invalidResult("\(armID) is not a Site-Net arm") }
            var initial: ModelArtifact?
            switch initialisation {
            case .random: initial = nil
            case .dim: initial = try model(ItemID.dim(structureSet: profile.structureSet(of: task), synthetic: true).description)
            case .transfer: initial = try model(ItemID.donor(task.other).description)
            }
            let split = Seeds.validationSplit(rows, root: profile.seedRoot, task: task, n: n, trial: trial)
            let r = SupervisedTrialRequest(task: task, nLabels: n, trial: trial, initialisation: initialisation, labelRows: rows,
                                           trainRows: split.train, validationRows: split.validation, budget: profile.supervised,
                                           probeBudget: probed ? profile.budgetProbe.map { $0.longer(profile.supervised) } : nil, seeds: seeds,
                                           pairedSeeds: Seeds.paired(root: profile.seedRoot, task: task, n: n, trial: trial),
                                           resume: resume)
            let o = try backend.trainSupervisedTrial(r, dataset: d, initialModel: initial)
            try Validation.check(o, item: item.id)
            return .trial(o)

        case let .regressorTrial(_, task, n, armID, trial):
            let d = try dataset()
            guard case let .regressor(kind, rep, standardise) = ArmSpec.named(armID).kind else {
                throw ExperimentError.invalidResult("\(armID) is not a regressor arm")
            }
            let pool = try d.task(task)
            let v = try vectors(ItemID.representation(structureSet: profile.structureSet(of: task), rep).description)
            let positions = try Seeds.labelPositions(root: profile.seedRoot, task: task, n: n, trial: trial, pool: pool)
            let failedTrain = Set(v.failedTrainRows), failedTest = Set(v.failedTestRows)
            let dim = v.dimension
            var trainX: [Float] = [], trainY: [Double] = [], testX: [Float] = [], testY: [Double] = []
            trainX.reserveCapacity(n * dim)
            for p in positions where !failedTrain.contains(pool.trainRows[p]) {
                let r = pool.trainRows[p]
                trainX.append(contentsOf: v.train.values[(r * dim)..<((r + 1) * dim)])
                trainY.append(pool.trainTargets[p])
            }
            for (i, r) in pool.testRows.enumerated() where !failedTest.contains(r) {
                testX.append(contentsOf: v.test.values[(r * dim)..<((r + 1) * dim)])
                testY.append(pool.testTargets[i])
            }
            guard trainY.count >= 2, !testY.isEmpty else {
                throw ExperimentError.invalidResult("\(item.id): only \(trainY.count) usable training rows after dropping failed featurisations")
            }
            let r = RegressorTrialRequest(regressor: kind, standardise: standardise, settings: profile.regressor, dimension: dim,
                                          trainX: trainX, trainY: trainY, testX: testX, testY: testY, seeds: seeds)
            var o = try backend.fitRegressorTrial(r)
            if trainY.count < n { o.extra["droppedTrainRows"] = Double(n - trainY.count) }
            if testY.count < pool.testRows.count { o.extra["droppedTestRows"] = Double(pool.testRows.count - testY.count) }
            try Validation.check(o, item: item.id)
            return .trial(o)

        case let .tsne(set, rep, seed):
            let d = try dataset()
            let s = try d.set(set)
            let v = try vectors(ItemID.representation(structureSet: set, rep).description)
            let failed = Set(v.failedTestRows)
            let limit = profile.tsne.maxPoints ?? s.testIDs.count
            let rows = Array((0..<s.testIDs.count).filter { !failed.contains($0) }.prefix(limit))
            var pts: [Float] = []
            pts.reserveCapacity(rows.count * v.dimension)
            for r in rows { pts.append(contentsOf: v.test.values[(r * v.dimension)..<((r + 1) * v.dimension)]) }
            let t = try backend.tsne(TSNERequest(settings: profile.tsne, dimension: v.dimension, points: pts, rows: rows, seeds: seeds,
                                                 randomInitialisation: seed != nil))
            guard t.rows == rows, t.x.count == rows.count, t.y.count == rows.count,
                  t.x.allSatisfy(\.isFinite), t.y.allSatisfy(\.isFinite) else {
                throw ExperimentError.invalidResult("\(item.id): t-SNE returned \(t.x.count) points for \(rows.count) rows or non-finite coordinates")
            }
            return .tsne(t)
        }
    }
}

/// Checks of backend outputs: shapes and finiteness (a NaN is a failure, never a result).
enum Validation {
    static func check(_ d: DatasetInfo, profile: Profile) throws {
        for s in profile.structureSets { _ = try d.set(s) }
        for t in PropertyTask.allCases {
            let td = try d.task(t)
            let set = try d.set(td.structureSet)
            guard td.trainRows.count == td.trainTargets.count, td.testRows.count == td.testTargets.count,
                  td.trainRows.allSatisfy({ $0 >= 0 && $0 < set.trainIDs.count }),
                  td.testRows.allSatisfy({ $0 >= 0 && $0 < set.testIDs.count }),
                  set.testMetalHalogen.count == set.testIDs.count else {
                throw ExperimentError.invalidResult("dataset: rows/targets of \(t.rawValue) inconsistent with structure set \(td.structureSet)")
            }
            guard td.trainTargets.allSatisfy(\.isFinite), td.testTargets.allSatisfy(\.isFinite) else {
                throw ExperimentError.invalidResult("dataset: non-finite \(t.rawValue) target")
            }
        }
    }

    static func check(_ m: ModelArtifact, item: String) throws {
        if let bad = m.metrics.first(where: { !$0.value.isFinite }) {
            throw ExperimentError.invalidResult("\(item): non-finite \(bad.key) (diverged)")
        }
        if let c = m.learningCurve, c.points.contains(where: { !($0.localDIM.isFinite && $0.globalDIM.isFinite && $0.localKL.isFinite && $0.globalKL.isFinite) }) {
            throw ExperimentError.invalidResult("\(item): non-finite validation loss in the learning curve (diverged)")
        }
    }

    static func check(_ v: RepresentationVectors, set: StructureSetInfo, item: String) throws {
        guard v.dimension > 0, v.train.values.count == set.trainIDs.count * v.dimension,
              v.test.values.count == set.testIDs.count * v.dimension else {
            throw ExperimentError.invalidResult("\(item): vectors have \(v.train.values.count)+\(v.test.values.count) values, expected (\(set.trainIDs.count)+\(set.testIDs.count))×\(v.dimension)")
        }
        let failedTrain = Set(v.failedTrainRows), failedTest = Set(v.failedTestRows)
        for r in 0..<set.trainIDs.count where !failedTrain.contains(r) {
            for x in v.train.values[(r * v.dimension)..<((r + 1) * v.dimension)] where !x.isFinite {
                throw ExperimentError.invalidResult("\(item): non-finite value in training row \(r) (\(set.trainIDs[r]))")
            }
        }
        for r in 0..<set.testIDs.count where !failedTest.contains(r) {
            for x in v.test.values[(r * v.dimension)..<((r + 1) * v.dimension)] where !x.isFinite {
                throw ExperimentError.invalidResult("\(item): non-finite value in test row \(r) (\(set.testIDs[r]))")
            }
        }
    }

    static func check(_ o: TrialOutcome, item: String) throws {
        guard o.mae.isFinite, o.mae >= 0 else { throw ExperimentError.invalidResult("\(item): test MAE is \(o.mae) (diverged)") }
    }
}
