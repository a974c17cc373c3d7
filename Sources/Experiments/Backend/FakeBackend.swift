import Foundation
import Randomness
import Reporting

/// A fast, deterministic stand-in for the real modules: synthetic crystals with hidden latent
/// vectors, labels that are functions of them, "models" that are seeded bytes, ridge regression
/// for every regressor. It obeys the ``ExperimentBackend`` contract (pure, thread-safe) so the
/// runner, store, sharding and report path can be tested — and run from the CLI with
/// `--backend fake` — before and independently of the real training code. Its numbers mean nothing.
public final class FakeBackend: ExperimentBackend, @unchecked Sendable {
    public let codeVersion: String
    /// Structures when the profile sets no `maxStructures`.
    public let defaultStructures: Int
    /// Calls whose description (their seed path, "/"-joined) satisfies this throw: simulated
    /// failures, reachable from the command line as `REPRO_FAKE_FAIL=<text>` so that the exit
    /// statuses and failure reports can be tested end to end.
    public let failWhen: (@Sendable (String) -> Bool)?
    /// Calls whose description satisfies this return a NaN result (simulated divergence).
    public let nanWhen: (@Sendable (String) -> Bool)?
    /// Busy time per trial call, to make concurrency observable.
    public let trialDelay: TimeInterval

    public init(codeVersion: String = "fake-1", defaultStructures: Int = 300,
                failWhen: (@Sendable (String) -> Bool)? = nil,
                nanWhen: (@Sendable (String) -> Bool)? = nil, trialDelay: TimeInterval = 0) {
        self.codeVersion = codeVersion; self.defaultStructures = defaultStructures
        self.failWhen = failWhen; self.nanWhen = nanWhen; self.trialDelay = trialDelay
    }

    struct FakeFailure: Error, CustomStringConvertible { let description: String }

    private func enter(_ seeds: SeedBase, _ extra: String = "") throws -> String {
        let d = seeds.components.joined(separator: "/") + extra
        if failWhen?(d) == true { throw FakeFailure(description: "simulated failure in \(d)") }
        return d
    }

    static let latentDim = 8

    /// The hidden latent vector of a synthetic crystal.
    static func latent(_ id: String) -> [Double] {
        var s = SeedPath("fake-crystal", id).stream()
        return (0..<latentDim).map { _ in s.normal() }
    }

    static func targets(_ id: String) -> (eForm: Double, gap: Double) {
        let z = latent(id)
        let e = -1.0 + 0.6 * z[0] - 0.3 * z[1] + 0.2 * z[2] * z[3] + 0.1 * z[4]
        let g = max(0, 1.2 + 0.9 * z[1] + 0.4 * z[5] - 0.3 * z[0] * z[6])
        return (e, g)
    }

    public func dataChecksum(_ data: DataSettings) throws -> String {
        let e = JSONEncoder(); e.outputFormatting = .sortedKeys
        return SHA256.hex(Data("fake-dataset:\(defaultStructures):".utf8) + (try e.encode(data)))
    }

    public func prepareDataset(_ request: DatasetRequest) throws -> DatasetInfo {
        _ = try enter(request.seeds)
        let n = request.data.maxStructures ?? defaultStructures
        var ids = (0..<n).map { "fake-" + String(format: "%05d", $0) }
        var split = request.seeds.stream("split")
        split.shuffle(&ids)
        let nTest = Int((Double(n) * request.data.testFraction).rounded())
        let test = Array(ids[0..<nTest]), train = Array(ids[nTest...])
        let mh = test.map { Self.latent($0)[7] > 0.8 }
        let sets = request.structureSets.map { StructureSetInfo(id: $0, trainIDs: train, testIDs: test, testMetalHalogen: mh) }
        let tasks = PropertyTask.allCases.map { t -> TaskData in
            let set = request.structureSets.count == 1 ? request.structureSets[0] : t.rawValue
            let f: (String) -> Double = { t == .eForm ? Self.targets($0).eForm : Self.targets($0).gap }
            return TaskData(task: t, structureSet: set, trainRows: Array(train.indices), trainTargets: train.map(f),
                            testRows: Array(test.indices), testTargets: test.map(f))
        }
        return DatasetInfo(name: "fake", checksum: try dataChecksum(request.data), recordsRead: n + 2,
                           skipped: [SkippedRecord(id: "fake-bad-1", reason: "primitive cell has 61 sites (> 50)"),
                                     SkippedRecord(id: "fake-bad-2", reason: "missing Magpie value (AtomicRadius of Xe)")],
                           structureSets: sets, tasks: tasks)
    }

    private func weights(_ s: inout RandomStream, count: Int = 32) -> Data { Data((0..<count).map { _ in UInt8(truncatingIfNeeded: s.next()) }) }

    public func pretrainDIM(_ request: DIMPretrainRequest, dataset: DatasetInfo) throws -> ModelArtifact {
        let d = try enter(request.seeds)
        var s = request.seeds.stream("init")
        let epochs = max(1, request.budget.maxEpochs)
        let nan = nanWhen?(d) == true
        let pts = (1...epochs).map { e -> CurvePoint in
            let decay = exp(-Double(e) / Double(epochs))
            return CurvePoint(epoch: e, localDIM: nan ? .nan : 0.9 + 0.5 * decay + 0.01 * s.uniform(), localKL: 0.3 * decay,
                              globalDIM: 0.6 + 0.6 * decay + 0.01 * s.uniform(), globalKL: 0.2 * decay)
        }
        let curve = LearningCurve(model: request.synthetic ? "dim-synthetic" : "dim-nosynthetic",
                                  tasks: dataset.tasks.filter { $0.structureSet == request.structureSet }.map(\.task.rawValue),
                                  synthetic: request.synthetic, points: pts, baselineLocal: 2 * log(2.0), baselineGlobal: 2 * log(2.0),
                                  selectedEpoch: epochs, stopReason: "max epochs")
        var metrics: [String: Double] = ["epochs": Double(epochs), "selectedEpoch": Double(epochs), "ceiling": Double(epochs), "stoppedByRule": 0,
                       "criterion": pts.last.map { $0.localDIM + $0.globalDIM } ?? .nan]
        if let p = request.probeBudget {
            metrics["probe.epochs"] = Double(p.maxEpochs); metrics["probe.selectedEpoch"] = Double(p.maxEpochs)
            metrics["probe.stoppedByRule"] = 0; metrics["probe.ceiling"] = Double(p.maxEpochs)
            metrics["probe.criterion"] = (metrics["criterion"] ?? .nan) * 0.99
            for t in dataset.tasks where t.structureSet == request.structureSet {
                for n in request.downstreamLabelCounts {
                    for r in RegressorKind.allCases {
                        let k = DownstreamCheck.key(t.task, r, n), v = 0.2 + 0.1 * s.uniform()
                        metrics["downstream." + k] = v
                        metrics["probe.downstream." + k] = v * (0.98 + 0.06 * s.uniform())
                    }
                }
            }
        }
        return ModelArtifact(weights: weights(&s), learningCurve: curve, metrics: metrics)
    }

    public func trainDonor(_ request: DonorRequest, dataset: DatasetInfo) throws -> ModelArtifact {
        _ = try enter(request.seeds)
        var s = request.seeds.stream("init")
        return ModelArtifact(weights: weights(&s), metrics: ["epochs": Double(request.budget.maxEpochs), "selectedEpoch": Double(request.budget.maxEpochs),
                                                             "ceiling": Double(request.budget.maxEpochs), "stoppedByRule": 0, "criterion": 0.1])
    }

    public func trainSupervisedTrial(_ request: SupervisedTrialRequest, dataset: DatasetInfo,
                                     initialModel: ModelArtifact?) throws -> TrialOutcome {
        let d = try enter(request.seeds, "@\(request.budget.maxEpochs)")
        if trialDelay > 0 { Thread.sleep(forTimeInterval: trialDelay) }
        if nanWhen?(d) == true { return TrialOutcome(mae: .nan) }
        var s = request.seeds.stream("init")
        let base = request.task == .eForm ? 0.5 : 0.9
        let factor: Double = [SiteNetInit.random: 1.0, .dim: 0.93, .transfer: 1.05][request.initialisation]!
        // Depends on the label subset (paired trials share it) and on the initial weights.
        let subsetEffect = Double(request.labelRows.reduce(0, &+) % 97) / 970
        let initEffect = Double(initialModel?.weights.first ?? 0) / 2550
        func mae(_ budget: TrainingBudget) -> Double {
            let budgetEffect = 2 / (1 + 0.05 * Double(budget.maxEpochs))
            return base * factor * pow(50 / Double(request.nLabels), 0.3) * (0.9 + subsetEffect + initEffect + budgetEffect)
        }
        let noise = 0.01 * s.uniform()
        func extras(_ budget: TrainingBudget, _ key: (String) -> String) -> [String: Double] {
            let last = mae(budget) + noise
            return [key(TrialExtra.maeLast): last, key(TrialExtra.maeBest): last * 1.01, key(TrialExtra.epochs): Double(budget.maxEpochs),
                    key(TrialExtra.bestEpoch): Double(budget.maxEpochs), key(TrialExtra.ceiling): Double(budget.maxEpochs),
                    key(TrialExtra.stoppedByRule): 0]
        }
        var extra = extras(request.budget) { $0 }
        if let p = request.probeBudget { extra.merge(extras(p, TrialExtra.probe)) { a, _ in a } }
        let chosen = request.budget.checkpoint == "best" ? extra[TrialExtra.maeBest]! : extra[TrialExtra.maeLast]!
        return TrialOutcome(mae: chosen, extra: extra)
    }

    public func computeRepresentation(_ request: RepresentationRequest, dataset: DatasetInfo,
                                      encoder: ModelArtifact?) throws -> RepresentationVectors {
        let d = try enter(request.seeds)
        let set = try dataset.set(request.structureSet)
        let dim: Int = [Representation.untrained: 16, .dim: 16, .dimNoSynthetic: 16, .ofm: 24, .xrd: 12][request.representation]!
        // A fixed random projection of the latent, seeded by the representation and the encoder.
        var s = request.seeds.stream("init")
        if let w = encoder?.weights { for b in w.prefix(8) { _ = s.index(below: Int(b) + 1) } }
        let noise = request.representation == .dim ? 0.1 : request.representation == .xrd ? 1.0 : 0.4
        let proj = (0..<(dim * Self.latentDim)).map { _ in s.normal() }
        func vec(_ id: String) -> [Float] {
            let z = Self.latent(id)
            var ns = SeedPath(request.seeds.components + ["noise", id]).stream()
            return (0..<dim).map { j in
                var v = 0.0
                for k in 0..<Self.latentDim { v += proj[j * Self.latentDim + k] * z[k] }
                return Float(v + noise * ns.normal())
            }
        }
        var train = set.trainIDs.flatMap(vec), test = set.testIDs.flatMap(vec)
        if nanWhen?(d) == true { train[0] = .nan; test[0] = .nan }
        // OFM cannot featurise one crystal (like Z > 94): exercise failed rows.
        if request.representation == .ofm, !set.trainIDs.isEmpty {
            for j in 0..<dim { train[j] = .nan }
            return RepresentationVectors(dimension: dim, train: train, test: test, failedTrainRows: [0])
        }
        return RepresentationVectors(dimension: dim, train: train, test: test)
    }

    public func fitRegressorTrial(_ request: RegressorTrialRequest) throws -> TrialOutcome {
        let d = try enter(request.seeds)
        if trialDelay > 0 { Thread.sleep(forTimeInterval: trialDelay) }
        if nanWhen?(d) == true { return TrialOutcome(mae: .nan) }
        let p = request.dimension, n = request.trainY.count
        var x = request.trainX.map(Double.init), tx = request.testX.map(Double.init)
        if request.standardise {
            for j in 0..<p {
                var m = 0.0, v = 0.0
                for i in 0..<n { m += x[i * p + j] }
                m /= Double(n)
                for i in 0..<n { v += (x[i * p + j] - m) * (x[i * p + j] - m) }
                let sd = max((v / Double(n)).squareRoot(), 1e-12)
                for i in 0..<n { x[i * p + j] = (x[i * p + j] - m) / sd }
                for i in 0..<(tx.count / p) { tx[i * p + j] = (tx[i * p + j] - m) / sd }
            }
        }
        // Ridge regression with intercept, λ = 1e-2 (linear) or 1 (mlp): (AᵀA + λI) w = Aᵀy.
        let q = p + 1, lambda = request.regressor == .linear ? 1e-2 : 1.0
        var a = [Double](repeating: 0, count: q * q), b = [Double](repeating: 0, count: q)
        for i in 0..<n {
            let row = [1.0] + Array(x[(i * p)..<((i + 1) * p)])
            for r in 0..<q { b[r] += row[r] * request.trainY[i]; for c in 0..<q { a[r * q + c] += row[r] * row[c] } }
        }
        for r in 1..<q { a[r * q + r] += lambda }
        a[0] += 1e-9
        let w = Self.solve(a, b, q)
        var mae = 0.0
        let m = request.testY.count
        for i in 0..<m {
            var yhat = w[0]
            for j in 0..<p { yhat += w[j + 1] * tx[i * p + j] }
            mae += abs(yhat - request.testY[i])
        }
        var s = request.seeds.stream("init")
        return TrialOutcome(mae: mae / Double(m) * (1 + 0.01 * s.uniform()))
    }

    /// Gaussian elimination with partial pivoting on a q×q system.
    static func solve(_ a0: [Double], _ b0: [Double], _ q: Int) -> [Double] {
        var a = a0, b = b0
        for col in 0..<q {
            var piv = col
            for r in (col + 1)..<max(q, col + 1) where abs(a[r * q + col]) > abs(a[piv * q + col]) { piv = r }
            if piv != col {
                for c in 0..<q { a.swapAt(col * q + c, piv * q + c) }
                b.swapAt(col, piv)
            }
            let d = a[col * q + col]
            guard abs(d) > 1e-300 else { continue }
            for r in (col + 1)..<max(q, col + 1) {
                let f = a[r * q + col] / d
                if f == 0 { continue }
                for c in col..<q { a[r * q + c] -= f * a[col * q + c] }
                b[r] -= f * b[col]
            }
        }
        var x = [Double](repeating: 0, count: q)
        for r in stride(from: q - 1, through: 0, by: -1) {
            var s = b[r]
            for c in (r + 1)..<max(q, r + 1) { s -= a[r * q + c] * x[c] }
            x[r] = abs(a[r * q + r]) > 1e-300 ? s / a[r * q + r] : 0
        }
        return x
    }

    public func tsne(_ request: TSNERequest) throws -> TSNEPoints {
        _ = try enter(request.seeds)
        var s = request.seeds.stream("tsne")
        let p = request.dimension
        var x: [Double] = [], y: [Double] = []
        for i in 0..<request.rows.count {
            x.append(Double(request.points[i * p]) + 0.01 * s.normal())
            y.append(Double(request.points[i * p + 1]) + 0.01 * s.normal())
        }
        return TSNEPoints(rows: request.rows, x: x, y: y, perplexity: request.settings.perplexity, klDivergence: 1.0)
    }
}
