import ArgumentParser
import Experiments

/// `--shard i/n` and `--stage s[,s…]` as typed arguments: parsed and checked when the command line
/// is read, with the reason in the error.
enum PlanSliceArguments {
    /// `i/n` with 1 ≤ i ≤ n.
    static func shard(_ text: String) throws -> ShardSpec {
        do { return try ShardSpec(parsing: text) } catch { throw ValidationError(String(describing: error)) }
    }

    /// Comma-separated stage numbers, each 0…``maxStage``.
    static func stages(_ text: String) throws -> Set<Int> {
        var s = Set<Int>()
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let v = Int(part.trimmingCharacters(in: .whitespaces)), (0...maxStage).contains(v) else {
                throw ValidationError("--stage '\(text)': expected stage numbers 0–\(maxStage), comma-separated")
            }
            s.insert(v)
        }
        return s
    }

    /// The last stage of every profile's plan (``TrialPlan/stageCount`` − 1).
    static let maxStage = 3
}
