import Foundation
import Reporting

/// How the command line that wrote a report was given, so each cell can name the command that
/// regenerates it.
public struct ReportInvocation: Sendable {
    /// `--store`, `--reports`, `--figures` as the user gave them.
    public var store: String
    public var reports: String
    public var figures: String
    /// Extra arguments every regenerating command needs (e.g. `--backend fake`, Matbench paths).
    public var extraArguments: [String]
    public init(store: String, reports: String, figures: String, extraArguments: [String] = []) {
        self.store = store; self.reports = reports; self.figures = figures; self.extraArguments = extraArguments
    }
}

/// The provenance of every report cell from the store: a figure cell's inputs are the dependency
/// closure of the items its figure reads (``TrialPlan/closure(ofFigures:)``); every other cell
/// reads the whole plan.
enum CellProvenanceBuilder {
    /// Cell ids of the report that are figures of the catalogue.
    static let figureCells = Set(ExperimentCatalogue.figures.map(\.id))

    static func build(runner: Runner, context: RunContext, invocation: ReportInvocation, cellIDs: [String],
                      started: Date) throws -> [String: CellProvenance] {
        let plan = runner.plan, store = runner.store
        let materials = try runner.keyMaterials()
        var keys: [String: String] = [:], present = Set<String>(), seconds: [String: Double] = [:]
        for item in plan.items {
            let key = try materials[item.id]!.key()
            keys[item.id] = key
            if case .valid = store.read(key) { present.insert(item.id) }
            if let t = store.timing(key: key) { seconds[item.id] = t }
        }
        let code = "\(FrameworkVersion.current) + backend \(runner.backend.codeVersion)"
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let run = "git \(context.gitCommit), \(f.string(from: started))"
        let common = ["--profile", plan.profile.name] + invocation.extraArguments
        let paths = ["--store", invocation.store, "--reports", invocation.reports, "--figures", invocation.figures]
        let allItems = plan.items
        var out: [String: CellProvenance] = [:]
        for id in cellIDs {
            let isFigure = figureCells.contains(id)
            let items = isFigure ? plan.closure(ofFigures: [id]) : allItems
            let command = isFigure ? ["repro", "reproduce"] + common + ["--figure", id] + paths
                                   : ["repro", "report"] + common + paths
            let lines = items.filter { present.contains($0.id) }.map { "\($0.id) \(keys[$0.id]!)\n" }.joined()
            var keyInputs: [String: String] = [:]
            // The named non-trial inputs of a figure (a whole-plan cell has only the digest).
            for it in items where isFigure && present.contains(it.id) {
                switch it.kind {
                case .supervisedTrial, .regressorTrial: continue
                default: keyInputs[it.id] = String(keys[it.id]!.prefix(12))
                }
            }
            out[id] = CellProvenance(
                command: command.map(shellQuoted).joined(separator: " "), run: run, codeVersion: code, profile: plan.profile.name,
                inputCount: items.count, inputsPresent: items.filter { present.contains($0.id) }.count,
                inputDigest: String(SHA256.hex(Data(lines.utf8)).prefix(12)), keyInputs: keyInputs,
                computeSeconds: items.reduce(0) { $0 + (seconds[$1.id] ?? 0) })
        }
        return out
    }

    /// `s` quoted for a POSIX shell when it needs it.
    static func shellQuoted(_ s: String) -> String {
        let safe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./,=:+@")
        if !s.isEmpty && s.unicodeScalars.allSatisfy({ safe.contains($0) }) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
