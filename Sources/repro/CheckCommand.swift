import ArgumentParser
import Experiments
import Foundation
import Reporting

/// `repro check`: compare a results document with a committed baseline.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare results with a committed baseline within tolerance.",
        discussion: """
        Each box (experiment, task, label count, arm) passes when its median lies inside the \
        baseline's bootstrap 95 % interval of the median widened by --margin × |baseline median|, \
        with no more failed trials; each DIM curve's final losses within 2 × margin. Exits \
        non-zero and lists every number that moved. (Interim rule of the Experiments module; the \
        Reporting module's comparison, with claim verdicts, replaces it.)
        """)

    @Option(help: "Baseline results document (e.g. Reports/baseline.json).") var baseline: String
    @Option(help: "Results document to check (e.g. Reports/results.json).") var results: String
    @Option(help: "Widening of each interval, as a fraction of the baseline median.") var margin = 0.05
    @Flag(help: "Print every compared number, not only those that moved.") var all = false

    func run() throws {
        func load(_ path: String) throws -> ResultsDocument {
            guard let d = FileManager.default.contents(atPath: path) else { throw CLIFailure("\(path): cannot read the file") }
            do { return try ResultsDocument.decode(d) }
            catch { throw CLIFailure("\(path): not a results document (\(error))") }
        }
        let b = try load(baseline), r = try load(results)
        if b.profile.name != r.profile.name {
            throw CLIFailure("\(results) is from profile '\(r.profile.name)' but \(baseline) from '\(b.profile.name)'")
        }
        let rows = BaselineCheck.compare(baseline: b, results: r, margin: margin)
        let moved = rows.filter { !$0.passed }
        if all || !moved.isEmpty { print(BaselineCheck.table(rows, movedOnly: !all)) }
        if moved.isEmpty {
            print("check passed: \(rows.count) numbers within tolerance of \(baseline)")
        } else {
            throw CLIFailure("check failed: \(moved.count) of \(rows.count) numbers moved (listed above)")
        }
    }
}
