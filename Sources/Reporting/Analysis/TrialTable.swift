import Foundation

/// Successful trials indexed by arm, for lookups while analysing.
struct TrialTable {
    /// arm → trial index → MAE (successful trials only).
    var values: [ArmKey: [Int: Double]] = [:]
    /// arm → (recorded, failed).
    var counts: [ArmKey: (recorded: Int, failed: Int)] = [:]

    init(_ trials: [TrialRecord]) {
        for t in trials {
            let key = ArmKey(experiment: t.experiment, task: t.task, nLabels: t.nLabels, arm: t.arm)
            var c = counts[key] ?? (0, 0)
            c.recorded += 1
            if let mae = t.mae, mae.isFinite, t.failure == nil {
                values[key, default: [:]][t.trial] = mae
            } else {
                c.failed += 1
            }
            counts[key] = c
        }
    }

    /// Sorted arm keys of an experiment.
    func arms(_ experiment: String) -> [ArmKey] { counts.keys.filter { $0.experiment == experiment }.sorted() }

    /// Tasks and label counts present in an experiment.
    func tasks(_ experiment: String) -> [String] { Array(Set(arms(experiment).map(\.task))).sorted() }
    func labelCounts(_ experiment: String, task: String) -> [Int] {
        Array(Set(arms(experiment).filter { $0.task == task }.map(\.nLabels))).sorted()
    }

    /// Values of an arm in trial order.
    func sample(_ key: ArmKey) -> (trials: [Int], values: [Double]) {
        let m = values[key] ?? [:]
        let t = m.keys.sorted()
        return (t, t.map { m[$0]! })
    }

    /// Whether any trial (successful or not) of this arm was recorded.
    func has(_ key: ArmKey) -> Bool { counts[key] != nil }

    /// The arm `arm` at (task, n), looked up in the given experiments in order.
    func find(_ arm: String, task: String, n: Int, in experiments: [String]) -> ArmKey? {
        for e in experiments {
            let k = ArmKey(experiment: e, task: task, nLabels: n, arm: arm)
            if has(k) { return k }
        }
        return nil
    }
}
