import ArgumentParser
import Foundation
import Reporting

/// `repro check`: compare a results file with a committed baseline.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare results with a committed baseline within tolerance.",
        discussion: """
        Tolerances come from the baseline's own seed-to-seed spread: each box (experiment, task, \
        label count, arm) passes when its median lies inside the baseline's 95 % interval of the \
        median (exact order-statistic interval), widened on each side by --margin × the interval's \
        width plus 1 % of the median. Claim verdicts must not flip, learning-curve final values \
        must agree within 5 % + 0.01, t-SNE neighbour statistics within 0.05, and no baseline box \
        may be missing. The two files must be of the same profile (e.g. \
        Reports/baseline-default.json for a default run). Prints every number that moved and exits \
        non-zero on a regression.
        """)

    @Option(help: "Baseline results (e.g. Reports/baseline.json).") var baseline: String
    @Option(help: "Results to check (e.g. Reports/results.json).") var results: String
    @Option(help: "Widening of each baseline interval, as a fraction of its width.") var margin = 0.25

    func validate() throws {
        guard margin.isFinite, margin >= 0 else {
            throw ValidationError("--margin must be a finite number ≥ 0 (a fraction of the interval's width), got \(margin)")
        }
    }

    func run() throws {
        let outcome: BaselineCheckOutcome
        do {
            outcome = try BaselineCheck.compare(baselineURL: URL(fileURLWithPath: baseline),
                                                resultsURL: URL(fileURLWithPath: results), margin: margin)
        } catch { throw CLIFailure(String(describing: error)) }
        // Every number that moved, beyond tolerance (MOVED) or within it (ok).
        print(outcome.markdownTable)
        if outcome.passed {
            print("check passed: \(outcome.compared) numbers within tolerance of \(baseline)")
        } else {
            throw CLIFailure("check failed: \(outcome.failures.count) of \(outcome.compared) numbers moved (listed above)")
        }
    }
}
