import Foundation
import Randomness
import Reporting

/// A realistic synthetic results document: fig 7/8/12 trials with planted effects in the
/// directions the paper claims, learning curves, t-SNE maps with planted metal–halogen clustering,
/// a budget comparison, a failed trial and skipped records (one with a hostile id).
enum SyntheticResults {
    static let hostileID = "mp-<script>alert('x')</script>&|*_"

    /// `flipFig7` reverses every planted fig 7 effect (so C2–C5 should be contradicted).
    /// `mlpShift` is added to every fig 8 MLP-DIM trial.
    static func make(fig7Trials: Int = 12, fig8Trials: Int = 16, flipFig7: Bool = false, mlpShift: Double = 0) -> ResultsDocument {
        var rng = SeedPath("synthetic", "results").stream()
        var trials: [TrialRecord] = []
        let ns = [50, 100, 250, 1000]
        // Baseline MAE by task and n.
        func base(_ task: String, _ n: Int) -> Double {
            let b = task == "e_form" ? 0.5 : 0.9
            return b * pow(Double(n) / 50, -0.25)
        }
        for task in ["e_form", "gap"] {
            for n in ns {
                let m = base(task, n)
                for t in 0..<fig7Trials {
                    let subset = rng.normal() * 0.03 * m      // shared by every arm of trial t
                    // Planted effects (fraction of the baseline MAE), in the paper's directions.
                    var dimEffect = task == "e_form" ? (n <= 250 ? -0.10 : 0.04) : 0.0
                    var transferEffect = task == "e_form" ? 0.15 : -0.10
                    if flipFig7 { dimEffect = -dimEffect; transferEffect = -transferEffect }
                    for (arm, eff) in [(ArmID.random, 0.0), (ArmID.dim, dimEffect), (ArmID.transfer, transferEffect)] {
                        let v = m * (1 + eff) + subset + rng.normal() * 0.01 * m
                        trials.append(TrialRecord(experiment: "fig7", task: task, nLabels: n, arm: arm, trial: t, mae: v,
                                                  extra: ["epochs": 100]))
                    }
                }
                for t in 0..<fig8Trials {
                    let subset = rng.normal() * 0.03 * m
                    let gapLarge = task == "gap" && n >= 250
                    let arms: [(String, Double, Double)] = [   // arm, effect, noise
                        (ArmID.linearUntrained, 0.6, 0.10), (ArmID.linearDIM, task == "e_form" || n <= 100 ? 0.35 : 0.6, 0.03),
                        (ArmID.mlpUntrained, 0.25, 0.08), (ArmID.mlpDIM, gapLarge ? 0.35 : 0.12, 0.02),
                        (ArmID.mlpOFM, 0.55, 0.06), (ArmID.mlpXRD, 0.8, 0.06),
                    ]
                    for (arm, eff, noise) in arms {
                        var v = m * (1 + eff) + subset + rng.normal() * noise * m
                        if arm == ArmID.mlpDIM { v += mlpShift }
                        trials.append(TrialRecord(experiment: "fig8", task: task, nLabels: n, arm: arm, trial: t, mae: v))
                    }
                    let nosyn: [(String, Double)] = [(ArmID.linearDIMNoSynthetic, task == "e_form" ? 0.9 : 0.62),
                                                     (ArmID.mlpDIMNoSynthetic, task == "e_form" ? 0.5 : 0.3)]
                    for (arm, eff) in nosyn {
                        trials.append(TrialRecord(experiment: "fig12", task: task, nLabels: n, arm: arm, trial: t,
                                                  mae: m * (1 + eff) + subset + rng.normal() * 0.04 * m))
                    }
                }
            }
        }
        trials.append(TrialRecord(experiment: "fig7", task: "gap", nLabels: 50, arm: ArmID.dim, trial: fig7Trials,
                                  mae: nil, failure: "NaN loss at epoch 12 <diverged>"))

        // Learning curves: smooth decrease below 2 ln 2, global below local.
        let b = 2 * log(2.0)
        func curve(_ model: String, synthetic: Bool) -> LearningCurve {
            var r = SeedPath("synthetic", "curve", model).stream()
            let pts = (1...40).map { e -> CurvePoint in
                let s = exp(-Double(e) / 10)
                return CurvePoint(epoch: e, localDIM: b * (0.7 + 0.3 * s) + r.normal() * 0.002,
                                  localKL: 0.2 + 0.5 * s, globalDIM: b * (0.5 + 0.5 * s) + r.normal() * 0.002,
                                  globalKL: 0.1 + 0.4 * s)
            }
            return LearningCurve(model: model, tasks: ["e_form", "gap"], synthetic: synthetic, points: pts,
                                 baselineLocal: b, baselineGlobal: b, selectedEpoch: 38, stopReason: "max epochs")
        }

        // t-SNE maps: metal–halogen points scattered when untrained, clustered when trained
        // (more for e_form); labels smooth in neither more than in the other.
        var maps: [TSNEMap] = []
        for task in ["e_form", "gap"] {
            var r = SeedPath("synthetic", "tsne", task).stream()
            let count = 160
            let ids = (0..<count).map { "mp-\($0)" }
            let mh = (0..<count).map { $0 % 5 == 0 }
            let labels = (0..<count).map { _ in r.uniform() * 3 }
            for rep in ["untrained", "dim"] {
                var x: [Double] = [], y: [Double] = []
                for i in 0..<count {
                    if rep == "dim" && mh[i] {
                        let spread = task == "e_form" ? 1.0 : 4.0
                        x.append(20 + r.normal() * spread); y.append(20 + r.normal() * spread)
                    } else {
                        x.append(r.uniform() * 40); y.append(r.uniform() * 40)
                    }
                }
                maps.append(TSNEMap(representation: rep, task: task, ids: ids, x: x, y: y, metalHalogen: mh, labels: labels,
                                    perplexity: 30, klDivergence: 1.2))
            }
        }

        var br = SeedPath("synthetic", "budget").stream()
        let short = (0..<6).map { _ in 0.45 + br.normal() * 0.02 }
        let long = short.map { $0 - 0.03 + br.normal() * 0.005 }
        let doc = ResultsDocument(
            profile: ProfileSummary(name: "smoke", description: "Synthetic document for tests.",
                                    departures: ["DIM pretraining: 40 epochs instead of until stopped by hand (authors)",
                                                 "fig 8: \(fig8Trials) trials per box instead of 100"],
                                    settings: ["epochs": "40", "learning rate": "1e-4", "trials fig 7": "\(fig7Trials)"]),
            provenance: Provenance(toolVersion: "0.1.0", gitCommit: "abc1234", dataChecksum: "deadbeef", seedRoot: "repro",
                                   blasCore: "Haswell", blasThreadsPerTrial: 1, jobs: 2, machine: "test machine",
                                   stageSeconds: [StageTiming(stage: "DIM pretraining", seconds: 12.5, computed: 1, reused: 0)]),
            dataset: DatasetSummary(name: "mp-offline-7k", recordsRead: 7000,
                                    splits: [SplitSize(task: "e_form", train: 5600, test: 1400), SplitSize(task: "gap", train: 5600, test: 1400)],
                                    skipped: [SkippedRecord(id: hostileID, reason: "primitive cell > 50 sites"),
                                              SkippedRecord(id: "mp-2", reason: "missing Magpie value (He)")]),
            learningCurves: [curve("dim-synthetic", synthetic: true), curve("dim-nosynthetic", synthetic: false)],
            trials: trials, tsneMaps: maps,
            budgetComparisons: [BudgetComparison(description: "fig7 e_form n=100 sitenet-dim", shortBudget: "100 epochs",
                                                 longBudget: "400 epochs", shortValues: short, longValues: long)])
        return doc
    }

    /// Figure outputs with small placeholder PNG files written into `directory`.
    static func figures(in directory: URL) throws -> [FigureOutput] {
        // A valid 1×1 PNG.
        let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")!
        var out: [FigureOutput] = []
        for id in ["fig6", "fig7", "fig8-e_form", "fig8-gap", "fig9", "fig10", "fig11", "fig12"] {
            try png.write(to: directory.appendingPathComponent("\(id).png"))
            out.append(FigureOutput(id: id, title: "Title of \(id) <b>", caption: "Caption with <i>markup</i> & stuff",
                                    png: "\(id).png", svg: "\(id).svg", pdf: "\(id).pdf", csv: "\(id).csv", gnuplot: "\(id).gp"))
        }
        return out
    }
}
