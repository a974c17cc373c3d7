import Foundation
import Statistics

/// How much choosing a fig 7 trial's weights on its validation crystals is worth on the test split,
/// per label count (all tasks and arms together). A trial holds out n//20 of its n labelled crystals
/// for validation: 2 at 50 labels, 5 at 100, 12 at 250, 50 at 1000. Its best-validation weights
/// are the epoch of lowest validation MAE, its last weights the final epoch; both are scored on the
/// test split. With r = (MAE_best − MAE_last) / MAE_last per trial, a selection that generalises
/// gives r ≤ 0 in most trials; on two crystals it is largely noise, and r > 0 is common.
public struct CheckpointSelection: Codable, Equatable, Sendable {
    public var nLabels: Int
    /// n // 20: the crystals the choice is made on.
    public var validationCrystals: Int
    /// Trials with both test MAEs.
    public var trials: Int
    /// Trials whose best-validation weights test worse than their last (r > 0).
    public var bestWorse: Int
    /// Median and quartiles of r (numpy linear quantiles).
    public var medianRelative: Double, q1Relative: Double, q3Relative: Double

    /// One row per label count of the fig 7 trials that carry both checkpoints' test MAEs, in
    /// increasing label count.
    static func make(_ fig7: [TrialRecord]) -> [CheckpointSelection] {
        var r: [Int: [Double]] = [:]
        for t in fig7 {
            guard let best = t.extra[TrialExtra.maeBest], let last = t.extra[TrialExtra.maeLast],
                  best.isFinite, last.isFinite, last > 0 else { continue }
            r[t.nLabels, default: []].append((best - last) / last)
        }
        return r.keys.sorted().map { n in
            let xs = r[n]!.sorted()
            return CheckpointSelection(nLabels: n, validationCrystals: n / 20, trials: xs.count,
                                       bestWorse: xs.filter { $0 > 0 }.count,
                                       medianRelative: Quantile.linear(sorted: xs, 0.5),
                                       q1Relative: Quantile.linear(sorted: xs, 0.25), q3Relative: Quantile.linear(sorted: xs, 0.75))
        }
    }
}
