import Foundation
import Statistics

/// The authors' per-trial fig 7 test MAEs (their notebook; `Resources/paper_transfer_maes.json`,
/// protocol §11): full Matbench, full scale, last-saved checkpoints.
public enum PaperReference {
    /// Per-trial values keyed by our task and arm names.
    public static func trials() -> [(task: String, nLabels: Int, arm: String, values: [Double])] {
        guard let url = Bundle.module.url(forResource: "paper_transfer_maes", withExtension: "json"),
              let data = try? Data(contentsOf: url),
              let json = try? JSONDecoder().decode([String: [String: [String: [Double]]]].self, from: data) else { return [] }
        var out: [(String, Int, String, [Double])] = []
        for (paperTask, byN) in json {
            let task = paperTask == "eform" ? "e_form" : "gap"
            for (n, byArm) in byN {
                guard let nn = Int(n) else { continue }
                for (paperArm, v) in byArm {
                    let arm = paperArm == "random" ? ArmID.random : paperArm == "DIM" ? ArmID.dim : ArmID.transfer
                    out.append((task, nn, arm, v))
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
