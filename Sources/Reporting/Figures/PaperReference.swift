import Foundation
import Plotting
import Statistics

/// The authors' per-trial test MAEs of the fig 7 transfer runs (full Matbench, last-saved checkpoints),
/// read from the bundled `paper_transfer_maes.json` (the authors' notebook).
///
/// File layout: `{ "eform"|"egap": { "<n labels>": { "random": [...], "DIM": [...],
/// "transfer_from_egap"|"transfer_from_eform": [...] } } }`; the eform group also holds n = 10000
/// from an older notebook, which no figure shows.
public struct PaperTransferReference: Sendable {
    /// task key ("eform"/"egap") → n → arm key → MAEs.
    public let values: [String: [String: [String: [Double]]]]

    /// Loads the bundled file; throws naming the file when it is missing or malformed.
    public static func bundled() throws -> PaperTransferReference {
        guard let url = Bundle.module.url(forResource: "paper_transfer_maes", withExtension: "json") else {
            throw PlottingError("paper_transfer_maes.json: not found in the Reporting bundle")
        }
        do {
            return PaperTransferReference(values: try JSONDecoder().decode([String: [String: [String: [Double]]]].self,
                                                                           from: Data(contentsOf: url)))
        } catch {
            throw PlottingError("\(url.lastPathComponent): not the expected {task: {n: {arm: [MAE]}}} layout: \(error)")
        }
    }

    /// The paper's per-trial MAEs for our task id (`e_form`/`gap`), label count and fig 7 arm id
    /// (``ArmID/random``, ``ArmID/dim``, ``ArmID/transfer``); nil when the paper has none.
    public func maes(task: String, nLabels: Int, arm: String) -> [Double]? {
        let t: String
        switch task { case "e_form": t = "eform"; case "gap": t = "egap"; default: return nil }
        guard let group = values[t]?[String(nLabels)] else { return nil }
        switch arm {
        case ArmID.random: return group["random"]
        case ArmID.dim: return group["DIM"]
        case ArmID.transfer: return group.first { $0.key.hasPrefix("transfer") }?.value
        default: return nil
        }
    }

    /// Median (numpy linear quantile at 0.5) of ``maes(task:nLabels:arm:)``.
    public func median(task: String, nLabels: Int, arm: String) -> Double? {
        guard let m = maes(task: task, nLabels: nLabels, arm: arm), !m.isEmpty else { return nil }
        return Quantile.median(m)
    }
}
