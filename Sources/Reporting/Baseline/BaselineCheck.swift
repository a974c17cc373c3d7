import Foundation
import Statistics

/// Tolerances of the regression check, derived from the seed distribution where possible.
public struct BaselineTolerance: Codable, Equatable, Sendable {
    /// Each arm's median must lie inside the baseline's 95 % CI of the median (exact order-statistic
    /// interval; a percentile bootstrap in baselines written before it) widened on
    /// each side by `ciWidening` × (CI width) + `relativeFloor` × |baseline median|. The floor keeps
    /// a tiny CI (few trials, identical values) from demanding bit-identical numbers.
    public var ciWidening: Double = 0.25
    public var relativeFloor: Double = 0.01
    /// Learning-curve final values: |new − old| ≤ `curveRelative`·|old| + `curveAbsolute`.
    public var curveRelative: Double = 0.05
    public var curveAbsolute: Double = 0.01
    /// t-SNE neighbour statistics (fractions, correlations): |new − old| ≤ this.
    public var neighbourAbsolute: Double = 0.05
    public init() {}
    /// Tolerances with a different CI widening (the "margin").
    public init(margin: Double) { ciWidening = margin }
}

/// One number compared between a baseline and a fresh run.
public struct BaselineRow: Codable, Equatable, Sendable {
    /// What the number is, e.g. `fig7/e_form/n50/sitenet-dim median MAE` or `claim C2 verdict`.
    public var quantity: String
    public var baseline: String
    public var result: String
    /// The interval the result had to fall in (or the rule), as text.
    public var allowed: String
    /// True when the result is outside the tolerance.
    public var failed: Bool
}

/// The outcome of ``BaselineCheck``.
public struct BaselineCheckOutcome: Codable, Equatable, Sendable {
    /// Every number that changed at all (within tolerance or not), plus every missing item.
    public var rows: [BaselineRow]
    /// How many numbers were compared.
    public var compared: Int
    public var tolerance: BaselineTolerance
    /// True when no row failed.
    public var passed: Bool { !rows.contains { $0.failed } }
    /// The rows that failed.
    public var failures: [BaselineRow] { rows.filter(\.failed) }

    /// A Markdown table of every number that moved (failures first), with a one-line verdict.
    public var markdownTable: String {
        var s = passed ? "Baseline check PASSED: \(compared) numbers compared, \(rows.count) moved within tolerance.\n\n"
                       : "Baseline check FAILED: \(failures.count) of \(compared) numbers moved beyond tolerance.\n\n"
        guard !rows.isEmpty else { return s }
        s += "| status | quantity | baseline | result | allowed |\n|---|---|---|---|---|\n"
        for r in rows.sorted(by: { ($0.failed ? 0 : 1, $0.quantity) < ($1.failed ? 0 : 1, $1.quantity) }) {
            let cells = [r.failed ? "MOVED" : "ok", r.quantity, r.baseline, r.result, r.allowed].map {
                $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
            }
            s += "| " + cells.joined(separator: " | ") + " |\n"
        }
        return s
    }
}

/// Regression check of a fresh run against a committed baseline (`repro check`).
///
/// Rules (all must hold for `passed`):
/// 1. every arm of figs 7, 8, 11, 12 in the baseline exists in the result, and its median MAE lies
///    in the baseline's bootstrap 95 % CI of the median widened as ``BaselineTolerance`` states;
/// 2. no claim verdict differs;
/// 3. learning-curve final values (local/global DIM and KL) agree within the curve tolerance;
/// 4. t-SNE neighbour statistics agree within the neighbour tolerance.
/// Arms only in the result are listed (not failures). Numbers that changed but stayed inside the
/// tolerance are listed as `ok`, so the table shows every number that moved.
public enum BaselineCheck {
    /// Compares two analyses.
    public static func compare(baseline: ResultsAnalysis, results: ResultsAnalysis,
                               tolerance: BaselineTolerance = BaselineTolerance()) -> BaselineCheckOutcome {
        var rows: [BaselineRow] = []
        var compared = 0
        func n(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : "n/a" }

        // 1. arm medians
        var seen = Set<String>()
        for fig in baseline.figures {
            let newFig = results.figure(fig.id)
            for arm in fig.arms {
                let label = "\(fig.id): \(arm.key) median MAE"
                guard seen.insert(label).inserted else { continue }
                compared += 1
                let base = arm.summary.median
                guard let new = newFig?.arms.first(where: { $0.key == arm.key }), new.summary.n > 0 else {
                    rows.append(BaselineRow(quantity: label, baseline: n(base), result: "missing", allowed: "arm present", failed: true))
                    continue
                }
                let ci = arm.medianCI
                let width = ci.upper.isFinite && ci.lower.isFinite ? ci.upper - ci.lower : 0
                let pad = tolerance.ciWidening * width + tolerance.relativeFloor * abs(base)
                let lo = (ci.lower.isFinite ? ci.lower : base) - pad, hi = (ci.upper.isFinite ? ci.upper : base) + pad
                let v = new.summary.median
                if v != base || new.summary.n != arm.summary.n {
                    rows.append(BaselineRow(quantity: label, baseline: "\(n(base)) (n=\(arm.summary.n))",
                                            result: "\(n(v)) (n=\(new.summary.n))", allowed: "[\(n(lo)), \(n(hi))]",
                                            failed: !(v >= lo && v <= hi)))
                }
            }
        }
        for fig in results.figures {
            for arm in fig.arms where baseline.figure(fig.id)?.arms.contains(where: { $0.key == arm.key }) != true {
                rows.append(BaselineRow(quantity: "\(fig.id): \(arm.key) median MAE", baseline: "absent",
                                        result: n(arm.summary.median), allowed: "new arm (not compared)", failed: false))
            }
        }
        // 2. claim verdicts
        for c in baseline.claims {
            compared += 1
            let new = results.claims.first { $0.id == c.id }
            if new?.verdict != c.verdict {
                rows.append(BaselineRow(quantity: "claim \(c.id) verdict", baseline: c.verdict.rawValue,
                                        result: new?.verdict.rawValue ?? "missing", allowed: "same verdict", failed: true))
            }
        }
        // 3. learning curves
        for c in baseline.curves {
            let new = results.curves.first { $0.model == c.model }
            let items: [(String, Double, Double?)] = [
                ("final local DIM", c.finalLocalDIM, new?.finalLocalDIM), ("final global DIM", c.finalGlobalDIM, new?.finalGlobalDIM),
                ("final local KL", c.finalLocalKL, new?.finalLocalKL), ("final global KL", c.finalGlobalKL, new?.finalGlobalKL),
            ]
            for (name, old, v) in items {
                compared += 1
                let label = "fig6: \(c.model) \(name)"
                guard let v else {
                    rows.append(BaselineRow(quantity: label, baseline: n(old), result: "missing", allowed: "curve present", failed: true)); continue
                }
                let tol = tolerance.curveRelative * abs(old) + tolerance.curveAbsolute
                if v != old && !(v.isNaN && old.isNaN) {
                    rows.append(BaselineRow(quantity: label, baseline: n(old), result: n(v), allowed: "± \(n(tol))",
                                            failed: !(abs(v - old) <= tol)))
                }
            }
        }
        // 4. t-SNE neighbourhoods
        for m in baseline.neighbours {
            let new = results.neighbours.first { $0.task == m.task && $0.representation == m.representation }
            let items: [(String, Double, Double?)] = [
                ("MH-neighbour fraction", m.metalHalogenNeighbourFraction, new?.metalHalogenNeighbourFraction),
                ("same-label fraction", m.sameLabelFraction, new?.sameLabelFraction),
                ("neighbour-label correlation", m.neighbourLabelCorrelation, new?.neighbourLabelCorrelation),
            ]
            for (name, old, v) in items {
                compared += 1
                let label = "t-SNE \(m.task)/\(m.representation) \(name)"
                guard let v else {
                    rows.append(BaselineRow(quantity: label, baseline: n(old), result: "missing", allowed: "map present", failed: true)); continue
                }
                if v != old && !(v.isNaN && old.isNaN) {
                    rows.append(BaselineRow(quantity: label, baseline: n(old), result: n(v), allowed: "± \(n(tolerance.neighbourAbsolute))",
                                            failed: !(abs(v - old) <= tolerance.neighbourAbsolute)))
                }
            }
        }
        return BaselineCheckOutcome(rows: rows, compared: compared, tolerance: tolerance)
    }

    /// Compares a baseline with a result, each given as `results.json` (a ``ReportResults``) or as
    /// a bare ``ResultsDocument`` (analysed on the fly). `margin` sets ``BaselineTolerance/ciWidening``.
    /// A baseline checks runs of its own profile only (its boxes, trial counts and training budgets
    /// are the profile's): files of two different profiles are an error naming both, not a list
    /// of moved numbers.
    public static func compare(baselineURL: URL, resultsURL: URL, margin: Double? = nil) throws -> BaselineCheckOutcome {
        func load(_ url: URL) throws -> ReportResults {
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                throw ReportError("\(url.path): cannot read (\(error.localizedDescription))")
            }
            return try ReportResults.decode(data, source: url.path)
        }
        let b = try load(baselineURL), r = try load(resultsURL)
        let bp = b.document.profile.name, rp = r.document.profile.name
        guard bp == rp else {
            throw ReportError("\(resultsURL.path) holds a run of profile \(rp), but \(baselineURL.path) is a baseline of profile \(bp): a baseline checks runs of its own profile only (compare with a baseline of profile \(rp), e.g. Reports/baseline-\(rp).json)")
        }
        var tol = BaselineTolerance()
        if let margin { tol.ciWidening = margin }
        return compare(baseline: b.analysis, results: r.analysis, tolerance: tol)
    }
}
