import Foundation
import Statistics

/// The authors' per-trial fig 7 test MAEs (their notebook; `Resources/paper_transfer_maes.json`):
/// full Matbench, full scale, last-saved checkpoints. Read through
/// ``PaperTransferReference`` (one reader of that file for figures and analysis).
public enum PaperReference {
    /// Per-trial values keyed by our task and arm names (tasks `e_form`/`gap`, fig 7 arm ids).
    public static func trials() -> [(task: String, nLabels: Int, arm: String, values: [Double])] {
        guard let reference = try? PaperTransferReference.bundled() else { return [] }
        var out: [(String, Int, String, [Double])] = []
        for (paperTask, byN) in reference.values {
            let task = paperTask == "eform" ? "e_form" : "gap"
            for n in byN.keys.compactMap(Int.init) {
                for arm in [ArmID.random, ArmID.dim, ArmID.transfer] {
                    if let v = reference.maes(task: task, nLabels: n, arm: arm) { out.append((task, n, arm, v)) }
                }
            }
        }
        return out.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    }

    /// Median (type 7) and trial count of each of the authors' fig 7 boxes.
    public static func medians() -> [PaperMedian] {
        trials().map { PaperMedian(task: $0.task, nLabels: $0.nLabels, arm: $0.arm, trials: $0.values.count,
                                   median: Quantile.median($0.values)) }
    }
}
