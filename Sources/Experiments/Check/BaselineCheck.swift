import Foundation
import Randomness
import Reporting

/// A minimal regression check of a results document against a baseline, until the Reporting
/// module's statistical comparison (with claim verdicts) is wired in; `repro check` calls this.
///
/// Rule per box (experiment, task, n, arm) of the baseline with at least one successful trial:
/// let m₀ be the baseline median and [l, u] the percentile-bootstrap 95 % interval of the
/// baseline median (2000 resamples, stream `SeedPath("check", experiment, task, n, arm)`).
/// The box passes when the new median m satisfies l − δ|m₀| ≤ m ≤ u + δ|m₀| (δ = `margin`,
/// default 0.05) and it has no more failed trials than the baseline. A box absent from the new
/// results fails. For each DIM learning curve the final global and local DIM losses must agree
/// within a relative 2δ. Claim verdicts are not compared here (the Reporting check does that).
public enum BaselineCheck {
    /// One compared number.
    public struct Row: Equatable, Sendable {
        /// The box or number, e.g. `fig7 gap n=50 sitenet-dim`.
        public var what: String
        /// Baseline median (or final loss).
        public var baseline: Double?
        /// Allowed interval.
        public var allowedLow: Double?
        public var allowedHigh: Double?
        /// New median (nil when missing).
        public var new: Double?
        public var passed: Bool
        /// Why it failed.
        public var note: String
    }

    /// Compares every box; rows in a stable order.
    public static func compare(baseline: ResultsDocument, results: ResultsDocument, margin: Double = 0.05) -> [Row] {
        struct Box: Hashable, Comparable {
            var e: String, t: String, n: Int, a: String
            static func < (x: Box, y: Box) -> Bool { (x.e, x.t, x.n, x.a) < (y.e, y.t, y.n, y.a) }
        }
        func boxes(_ d: ResultsDocument) -> [Box: (values: [Double], failed: Int)] {
            var out: [Box: (values: [Double], failed: Int)] = [:]
            for r in d.trials {
                let b = Box(e: r.experiment, t: r.task, n: r.nLabels, a: r.arm)
                var v = out[b] ?? ([], 0)
                if let m = r.mae, r.failure == nil { v.values.append(m) } else { v.failed += 1 }
                out[b] = v
            }
            return out
        }
        let base = boxes(baseline), new = boxes(results)
        var rows: [Row] = []
        for b in base.keys.sorted() {
            let (bv, bf) = base[b]!
            let what = "\(b.e) \(b.t) n=\(b.n) \(b.a)"
            guard !bv.isEmpty else { continue }
            let m0 = median(bv)
            var s = SeedPath("check", b.e, b.t, String(b.n), b.a).stream()
            let (l, u) = bootstrapMedianInterval(bv, stream: &s)
            let lo = l - margin * abs(m0), hi = u + margin * abs(m0)
            guard let (nv, nf) = new[b], !nv.isEmpty else {
                rows.append(Row(what: what, baseline: m0, allowedLow: lo, allowedHigh: hi, new: nil, passed: false,
                                note: "missing from the results")); continue
            }
            let m = median(nv)
            var notes: [String] = []
            if m < lo || m > hi { notes.append("median moved outside the allowed interval") }
            if nf > bf { notes.append("\(nf) failed trials (baseline \(bf))") }
            rows.append(Row(what: what, baseline: m0, allowedLow: lo, allowedHigh: hi, new: m, passed: notes.isEmpty,
                            note: notes.joined(separator: "; ")))
        }
        for c in baseline.learningCurves {
            guard let last = c.points.last else { continue }
            let other = results.learningCurves.first { $0.model == c.model && $0.tasks == c.tasks }
            for (name, b, n) in [("global DIM", last.globalDIM, other?.points.last?.globalDIM),
                                 ("local DIM", last.localDIM, other?.points.last?.localDIM)] {
                let tol = 2 * margin * abs(b)
                let ok = n.map { abs($0 - b) <= tol } ?? false
                rows.append(Row(what: "fig6 \(c.model) [\(c.tasks.joined(separator: ","))] final \(name) loss", baseline: b,
                                allowedLow: b - tol, allowedHigh: b + tol, new: n, passed: ok,
                                note: n == nil ? "missing from the results" : ok ? "" : "final loss moved"))
            }
        }
        return rows
    }

    /// Median (mean of the two middle values for an even count).
    public static func median(_ v: [Double]) -> Double {
        let s = v.sorted(), n = s.count
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2])
    }

    /// Percentile bootstrap 95 % interval (2.5 % and 97.5 % order statistics of 2000 resampled medians).
    public static func bootstrapMedianInterval(_ v: [Double], stream s: inout RandomStream, resamples: Int = 2000) -> (Double, Double) {
        var meds = [Double]()
        meds.reserveCapacity(resamples)
        var buf = [Double](repeating: 0, count: v.count)
        for _ in 0..<resamples {
            for i in 0..<v.count { buf[i] = v[s.index(below: v.count)] }
            meds.append(median(buf))
        }
        meds.sort()
        let lo = meds[Int(0.025 * Double(resamples - 1))], hi = meds[Int((0.975 * Double(resamples - 1)).rounded(.up))]
        return (lo, hi)
    }

    /// A fixed-width table of the rows (failed ones first when `movedOnly` is false).
    public static func table(_ rows: [Row], movedOnly: Bool) -> String {
        func f(_ x: Double?) -> String { x.map { String(format: "%.4f", $0) } ?? "—" }
        var lines = ["status  box                                             baseline   allowed               new       note"]
        for r in rows where !movedOnly || !r.passed {
            let box = r.what.padding(toLength: max(46, r.what.count), withPad: " ", startingAt: 0)
            lines.append("\(r.passed ? "ok    " : "MOVED ")  \(box)  \(f(r.baseline))   [\(f(r.allowedLow)), \(f(r.allowedHigh))]  \(f(r.new))   \(r.note)")
        }
        return lines.joined(separator: "\n")
    }
}
