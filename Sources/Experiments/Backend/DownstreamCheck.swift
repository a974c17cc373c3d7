import Foundation
import Randomness
import Statistics

/// What an encoder's vectors are worth downstream, measured as fig 8 measures it but on the
/// training split only (never the test split): for each task, a held-out set of training-split
/// crystals scores linear and MLP regressors fitted on label subsets of the rest.
///
/// For each task, label count n and regressor, `trials` subsets of n crystals are drawn from the
/// task's pool (seed `<seedRoot>/labels/<task>/n<N>/trial<k>`, the same subsets whatever the
/// vectors), each regressor is fitted on their vectors (the profile's settings, no scaling, as
/// fig 8 does for encoder vectors) and the median MAE on the held-out crystals is reported under
/// the key `<task>/<regressor>/n<N>`.
struct DownstreamCheck {
    /// Label subsets per cell when the budget probe compares two DIM encoders.
    static let probeTrials = 5
    /// The label counts of that comparison: the profile's two largest (default: 250 and 1000),
    /// where a linear fit on 64-d vectors is well-posed and its MAE is not dominated by the draw.
    static func probeLabelCounts(_ counts: [Int]) -> [Int] { Array(counts.sorted().suffix(2)) }

    private let cells: [(task: TaskData, heldOut: [Int], pool: [Int])]
    private let labelCounts: [Int], trials: Int, seedRoot: [String], settings: RegressorSettings

    /// - Parameters:
    ///   - heldOut: rows of the structure set's training list that score the fits.
    ///   - tasks: the tasks on that structure set.
    init(tasks: [TaskData], heldOut: Set<Int>, labelCounts: [Int], trials: Int, seedRoot: [String], settings: RegressorSettings) {
        cells = tasks.map { t in
            let pos = Array(t.trainRows.indices)
            return (t, pos.filter { heldOut.contains(t.trainRows[$0]) }, pos.filter { !heldOut.contains(t.trainRows[$0]) })
        }
        self.labelCounts = labelCounts.sorted(); self.trials = trials; self.seedRoot = seedRoot; self.settings = settings
    }

    /// The key of one cell: `<task>/<regressor>/n<N>`.
    static func key(_ task: PropertyTask, _ regressor: RegressorKind, _ n: Int) -> String {
        "\(task.rawValue)/\(regressor.rawValue)/n\(n)"
    }

    /// Orders `<task>/<regressor>/n<N>` keys by task, regressor, then N as a number.
    static func keyOrder(_ a: String, _ b: String) -> Bool {
        func parts(_ k: String) -> (String, Int) {
            guard let slash = k.lastIndex(of: "/") else { return (k, 0) }
            return (String(k[..<slash]), Int(k[k.index(after: slash)...].dropFirst()) ?? 0)
        }
        let (pa, na) = parts(a), (pb, nb) = parts(b)
        return pa != pb ? pa < pb : na < nb
    }

    /// Median held-out MAE per `<task>/<regressor>/n<N>`; `vectors[r]` is the vector of row r of the
    /// structure set's training list.
    func medians(vectors: [[Float]], backend: RealBackend) throws -> [String: Double] {
        guard let dim = vectors.first?.count else { return [:] }
        var out: [String: Double] = [:]
        for (t, heldOut, pool) in cells where !heldOut.isEmpty {
            let testX = heldOut.flatMap { vectors[t.trainRows[$0]] }, testY = heldOut.map { t.trainTargets[$0] }
            for n in labelCounts where n <= pool.count {
                var maes: [RegressorKind: [Double]] = [:]
                for k in 0..<trials {
                    // One label subset per trial, shared by both regressors.
                    var ls = SeedPath(seedRoot + ["labels", t.task.rawValue, "n\(n)", "trial\(k)"]).stream()
                    let chosen = ls.sample(n, from: pool.count).map { pool[$0] }
                    let trainX = chosen.flatMap { vectors[t.trainRows[$0]] }, trainY = chosen.map { t.trainTargets[$0] }
                    for kind in RegressorKind.allCases {
                        let r = RegressorTrialRequest(regressor: kind, standardise: false, settings: settings, dimension: dim,
                                                      trainX: trainX, trainY: trainY, testX: testX, testY: testY,
                                                      seeds: SeedBase(seedRoot + ["regressor", t.task.rawValue, "n\(n)", "trial\(k)"]))
                        maes[kind, default: []].append(try backend.fitRegressorTrial(r).mae)
                    }
                }
                for (kind, m) in maes { out[Self.key(t.task, kind, n)] = Quantile.median(m) }
            }
        }
        return out
    }
}
