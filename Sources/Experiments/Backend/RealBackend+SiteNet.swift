import Featurizers
import Foundation
import Learning
import Randomness
import Reporting
import SiteNet

/// DIM pretraining, donors, fig 7 trials and representation vectors on the SiteNet module.
extension RealBackend {
    /// Tells the runner that a training continued a saved state after epoch `epoch`, with the wall
    /// seconds its earlier epochs took (the first `epoch` of the curve's per-epoch `seconds`).
    static func noteResumption(after epoch: Int, seconds: [Double]) {
        guard epoch > 0 else { return }
        ItemHeartbeat.noteResumed(.init(afterEpoch: epoch, priorSeconds: seconds.prefix(epoch).reduce(0, +)))
    }

    /// AdamW with the authors' settings (wd 1e-4, ε 1e-7, amsgrad) at the budget's learning rate.
    static func optimizer(_ budget: TrainingBudget) -> AdamConfig {
        AdamConfig(learningRate: Float(budget.learningRate))
    }

    public func pretrainDIM(_ request: DIMPretrainRequest, dataset: DatasetInfo) throws -> ModelArtifact {
        let set = try dataset.set(request.structureSet)
        let crystals = try self.crystals(set.trainIDs)
        var config = DIMConfig(optimizer: Self.optimizer(request.budget), siteBudget: request.budget.batchSites,
                               maxEpochs: request.budget.maxEpochs, patience: request.budget.patience,
                               synthetic: request.synthetic,
                               selection: request.budget.checkpoint == "last" ? .lastEpoch : .validationDIMLoss)
        config.minRelativeImprovement = request.budget.minRelativeImprovement ?? 0
        config.probeRule = request.probeBudget.map {
            StoppingRule(maxEpochs: $0.maxEpochs, patience: $0.patience, minRelativeImprovement: $0.minRelativeImprovement ?? 0)
        }
        let seed = request.seeds.path("train")
        // The heartbeat's epoch lines: the ceiling of the longer rule bounds the run.
        let ceiling = config.probeRule?.maxEpochs ?? config.maxEpochs
        let run = try DIMTrainer.train(crystals: crystals, config: config, seed: seed, resume: request.resume) { p in
            ItemHeartbeat.postEpoch(p.epoch, of: ceiling, loss: p.validation.map { $0.localDIM + $0.globalDIM } ?? (p.train.localDIM + p.train.globalDIM))
        }
        Self.noteResumption(after: run.resumedAfterEpoch, seconds: run.probeCurve.map(\.seconds))
        // The loss of a classifier that scores every pair 0, on the same validation crystals:
        // softplus(0) = ln 2 for the true term plus ln 2 for the mean false term.
        let validation = run.validationIndices.map { crystals[$0] }
        let zero = try DIMTrainer.zeroClassifierBaseline(crystals: validation.isEmpty ? crystals : validation,
                                                         config: config, seed: seed.appending("baseline"))
        let points = run.curve.compactMap { p in
            p.validation.map { CurvePoint(epoch: p.epoch, localDIM: $0.localDIM, localKL: $0.localKL,
                                          globalDIM: $0.globalDIM, globalKL: $0.globalKL) }
        }
        let tasks = dataset.tasks.filter { $0.structureSet == request.structureSet }.map(\.task.rawValue)
        let curve = LearningCurve(model: request.synthetic ? "dim-synthetic" : "dim-nosynthetic", tasks: tasks,
                                  synthetic: request.synthetic, points: points, baselineLocal: zero.localDIM,
                                  baselineGlobal: zero.globalDIM, selectedEpoch: run.selectedEpoch,
                                  stopReason: run.stopReason.rawValue)
        let archive = ParameterArchive(fingerprint: DIMModel.fingerprint, parameters: run.model.parameters)
        /// Validation DIM loss (local + global) at an epoch of the whole run.
        func criterion(_ epoch: Int) -> Double {
            guard let v = run.probeCurve.first(where: { $0.epoch == epoch })?.validation else { return .nan }
            return v.localDIM + v.globalDIM
        }
        var metrics = ["epochs": Double(run.curve.count), "selectedEpoch": Double(run.selectedEpoch),
                       "ceiling": Double(config.maxEpochs), "stoppedByRule": run.stopReason == .patience ? 1 : 0,
                       "criterion": criterion(run.selectedEpoch),
                       "trainCrystals": Double(run.trainCount), "validationCrystals": Double(run.validationCount)]
        if let p = run.probe {
            metrics["probe.epochs"] = Double(p.epochs); metrics["probe.selectedEpoch"] = Double(p.selectedEpoch)
            metrics["probe.stoppedByRule"] = p.reason == .patience ? 1 : 0; metrics["probe.criterion"] = criterion(p.selectedEpoch)
            metrics["probe.ceiling"] = Double(config.probeRule?.maxEpochs ?? 0)
            if !request.downstreamLabelCounts.isEmpty, let settings = request.regressor {
                // Does training on to the longer rule change what the encoder is worth downstream?
                // Both encoders' vectors, the same label subsets and held-out training crystals.
                var hs = request.seeds.stream("downstream-check")
                let heldOut = Set(hs.permutation(crystals.count).prefix(crystals.count / 5))
                let check = DownstreamCheck(tasks: dataset.tasks.filter { $0.structureSet == request.structureSet }, heldOut: heldOut,
                                            labelCounts: request.downstreamLabelCounts, trials: DownstreamCheck.probeTrials,
                                            seedRoot: request.seeds.components + ["downstream-check"], settings: settings)
                for (k, v) in try check.medians(vectors: run.model.embed(crystals), backend: self) { metrics["downstream." + k] = v }
                for (k, v) in try check.medians(vectors: p.model.embed(crystals), backend: self) { metrics["probe.downstream." + k] = v }
            }
        }
        return ModelArtifact(weights: Data(archive.encoded()), learningCurve: curve, metrics: metrics)
    }

    public func trainDonor(_ request: DonorRequest, dataset: DatasetInfo) throws -> ModelArtifact {
        let task = try dataset.task(request.task)
        let set = try dataset.set(task.structureSet)
        let crystals = try self.crystals(task.trainRows.map { set.trainIDs[$0] })
        let config = SupervisedConfig(optimizer: Self.optimizer(request.budget), siteBudget: request.budget.batchSites,
                                      maxEpochs: request.budget.maxEpochs, patience: request.budget.patience)
        let run = try SupervisedTrainer.train(crystals: crystals, targets: task.trainTargets.map(Float.init),
                                              initialization: .random, config: config, seed: request.seeds.path("train"),
                                              resume: request.resume) { p in
            ItemHeartbeat.postEpoch(p.epoch, of: config.maxEpochs, loss: p.validationMAE ?? p.trainMSE)
        }
        Self.noteResumption(after: run.resumedAfterEpoch, seconds: run.curve.map(\.seconds))
        let model = request.budget.checkpoint == "best" ? run.best : run.last
        let archive = ParameterArchive(fingerprint: SupervisedModel.fingerprint, parameters: model.parameters)
        let selected = request.budget.checkpoint == "best" ? run.bestEpoch : run.main.epochs
        return ModelArtifact(weights: Data(archive.encoded()),
                             metrics: ["epochs": Double(run.main.epochs), "bestEpoch": Double(run.bestEpoch),
                                       "selectedEpoch": Double(selected), "ceiling": Double(config.maxEpochs),
                                       "stoppedByRule": run.stopReason == .patience ? 1 : 0,
                                       "criterion": run.curve.first { $0.epoch == selected }?.validationMAE ?? .nan,
                                       "bestValidationMAE": run.curve.compactMap(\.validationMAE).min() ?? .nan])
    }

    public func trainSupervisedTrial(_ request: SupervisedTrialRequest, dataset: DatasetInfo,
                                     initialModel: ModelArtifact?) throws -> TrialOutcome {
        let task = try dataset.task(request.task)
        let set = try dataset.set(task.structureSet)
        let target = Dictionary(uniqueKeysWithValues: zip(task.trainRows, task.trainTargets))
        func labelled(_ rows: [Int]) throws -> ([SiteNetCrystal], [Float]) {
            let ys = try rows.map { r -> Float in
                guard let y = target[r] else { throw ExperimentError.invalidResult("training row \(r) has no \(request.task.rawValue) label") }
                return Float(y)
            }
            return (try crystals(rows.map { set.trainIDs[$0] }), ys)
        }
        let (train, trainY) = try labelled(request.trainRows)
        let (val, valY) = try labelled(request.validationRows)
        let initialization: SupervisedInitialization
        switch request.initialisation {
        case .random: initialization = .random
        case .dim:
            guard let a = initialModel else { throw ExperimentError.invalidResult("DIM-initialised trial without a DIM model") }
            initialization = .dim(try Self.dimModel(a))
        case .transfer:
            guard let a = initialModel else { throw ExperimentError.invalidResult("transfer trial without a donor model") }
            initialization = .donor(try Self.supervisedModel(a))
        }
        let budget = request.budget
        let sites = request.nLabels <= 250 ? (budget.smallDataBatchSites ?? budget.batchSites) : budget.batchSites
        var config = SupervisedConfig(optimizer: Self.optimizer(budget), siteBudget: sites,
                                      maxEpochs: budget.epochs(trainingOn: train.count), patience: budget.patience(trainingOn: train.count))
        config.probeRule = request.probeBudget.map { StoppingRule(maxEpochs: $0.epochs(trainingOn: train.count), patience: $0.patience(trainingOn: train.count)) }
        // Every arm of this (task, n, trial) shares the split (drawn by the runner), the head
        // initialisation and the batch order (paired seeds); only the encoder start differs.
        let run = try SupervisedTrainer.train(train: train, trainTargets: trainY, validation: val, validationTargets: valY,
                                              initialization: initialization, config: config,
                                              seed: request.pairedSeeds.path("sitenet"), resume: request.resume) { p in
            ItemHeartbeat.postEpoch(p.epoch, of: config.probeRule?.maxEpochs ?? config.maxEpochs, loss: p.validationMAE ?? p.trainMSE)
        }
        Self.noteResumption(after: run.resumedAfterEpoch, seconds: run.curve.map(\.seconds))
        let test = try crystals(task.testRows.map { set.testIDs[$0] })
        let testY = task.testTargets.map(Float.init)
        // Both checkpoints are scored on the test set: the profile names the one its verdicts use
        // (the authors' figures: last), the other is the sensitivity check.
        func score(_ stop: SupervisedStop, ceiling: Int, prefix: (String) -> String) -> [String: Double] {
            let last = SupervisedTrainer.meanAbsoluteError(stop.last, crystals: test, targets: testY)
            let best = stop.bestEpoch == stop.epochs ? last : SupervisedTrainer.meanAbsoluteError(stop.best, crystals: test, targets: testY)
            let bestVal = run.curve.prefix(stop.epochs).compactMap(\.validationMAE).min() ?? .nan
            return [prefix(TrialExtra.maeLast): last, prefix(TrialExtra.maeBest): best, prefix(TrialExtra.epochs): Double(stop.epochs),
                    prefix(TrialExtra.bestEpoch): Double(stop.bestEpoch), prefix(TrialExtra.ceiling): Double(ceiling),
                    prefix(TrialExtra.stoppedByRule): stop.reason == .patience ? 1 : 0, prefix(TrialExtra.bestValidationMAE): bestVal]
        }
        var extra = score(run.main, ceiling: config.maxEpochs) { $0 }
        if let p = run.probe, let rule = config.probeRule {
            extra.merge(score(p, ceiling: rule.maxEpochs, prefix: TrialExtra.probe)) { a, _ in a }
        }
        let mae = budget.checkpoint == "best" ? extra[TrialExtra.maeBest]! : extra[TrialExtra.maeLast]!
        return TrialOutcome(mae: mae, extra: extra)
    }

    public func computeRepresentation(_ request: RepresentationRequest, dataset: DatasetInfo,
                                      encoder: ModelArtifact?) throws -> RepresentationVectors {
        let set = try dataset.set(request.structureSet)
        switch request.representation {
        case .untrained, .dim, .dimNoSynthetic:
            let model: DIMModel
            if request.representation == .untrained {
                model = DIMModel(seed: request.seeds.path("init"))
            } else {
                guard let a = encoder else { throw ExperimentError.invalidResult("\(request.representation.rawValue) vectors without a DIM model") }
                model = try Self.dimModel(a)
            }
            let train = model.embed(try crystals(set.trainIDs)).flatMap { $0 }
            let test = model.embed(try crystals(set.testIDs)).flatMap { $0 }
            return RepresentationVectors(dimension: 64, train: train, test: test)
        case .ofm, .xrd:
            let featurizer: any BaselineFeaturizer = request.representation == .ofm ? OrbitalFieldMatrix() : XRDPattern()
            func vectors(_ ids: [String]) throws -> (values: [Float], failed: [Int]) {
                // The authors featurised the ≤ 50-atom Site-Net supercell (Docs/Protocol.md §6.1).
                let cells = BaselineInput.authorsCells(try structures(ids), workers: 1)
                var values: [Float] = [], failed: [Int] = []
                values.reserveCapacity(ids.count * featurizer.length)
                for (i, r) in featurizer.vectors(cells, workers: 1).enumerated() {
                    switch r {
                    case .success(let v): values += v.map(Float.init)
                    case .failure: failed.append(i); values += [Float](repeating: .nan, count: featurizer.length)
                    }
                }
                return (values, failed)
            }
            let train = try vectors(set.trainIDs), test = try vectors(set.testIDs)
            return RepresentationVectors(dimension: featurizer.length, train: train.values, test: test.values,
                                         failedTrainRows: train.failed, failedTestRows: test.failed)
        }
    }

    /// A DIM model from an artifact's weights (refuses another architecture).
    static func dimModel(_ a: ModelArtifact) throws -> DIMModel {
        try DIMModel.load(ParameterArchive.decode([UInt8](a.weights), path: "DIM model artifact"), path: "DIM model artifact")
    }

    /// A supervised model from an artifact's weights (refuses another architecture).
    static func supervisedModel(_ a: ModelArtifact) throws -> SupervisedModel {
        try SupervisedModel.load(ParameterArchive.decode([UInt8](a.weights), path: "donor model artifact"),
                                 path: "donor model artifact")
    }
}
