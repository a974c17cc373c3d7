import Foundation

/// One tick on an axis: a value, and a label (empty for minor ticks).
public struct Tick: Equatable, Sendable {
    /// Data value of the tick.
    public var value: Double
    /// Text under/beside the tick; empty for unlabelled ticks.
    public var label: String
    /// Major ticks carry labels and are drawn longer.
    public var isMajor: Bool
    public init(value: Double, label: String, isMajor: Bool = true) {
        self.value = value; self.label = label; self.isMajor = isMajor
    }
}

/// Tick placement ("nice numbers", after Heckbert, Graphics Gems 1990).
public enum Ticks {
    /// Mantissas a linear tick step may take: step = m · 10^k.
    public static let niceMantissas: [Double] = [1, 2, 2.5, 5]

    /// The smallest nice step m·10^k (m ∈ {1, 2, 2.5, 5}) that is ≥ `rawStep` (> 0).
    public static func niceStep(atLeast rawStep: Double) -> Double {
        precondition(rawStep > 0 && rawStep.isFinite)
        var k = floor(log10(rawStep))
        while true {
            let p = pow(10, k)
            for m in niceMantissas where m * p >= rawStep * (1 - 1e-12) { return m * p }
            k += 1
        }
    }

    /// Linear ticks on `[lower, upper]` with step `niceStep(atLeast: (upper − lower)/maxCount)`,
    /// at every multiple of the step inside the interval; labels use as many decimals as the step needs.
    /// `minimumStep` (e.g. 1 for integer ticks) raises the step to at least that value.
    public static func linear(lower: Double, upper: Double, maxCount: Int, minimumStep: Double = 0) -> [Tick] {
        guard upper > lower, maxCount >= 1 else { return [Tick(value: lower, label: format(lower, step: 1))] }
        let step = niceStep(atLeast: max((upper - lower) / Double(maxCount), minimumStep))
        let first = (lower / step - 1e-9).rounded(.up)
        let last = (upper / step + 1e-9).rounded(.down)
        guard first <= last else { return [] }
        return stride(from: first, through: last, by: 1).map { i in
            let v = i * step
            return Tick(value: v, label: format(v, step: step))
        }
    }

    /// Log ticks on `[lower, upper]` (both > 0).
    ///
    /// When the interval spans at least one full decade, majors sit at powers of ten (every `s`-th
    /// decade, s the smallest of 1, 2, 3, 5, 10… giving ≤ `maxCount` labels) and minors at 2…9 × 10^k
    /// when s = 1. Within less than a decade, powers of ten are too sparse, so majors are the linear
    /// nice ticks of the interval (drawn at their log positions) — the collision check in layout then
    /// thins them where log spacing packs them.
    public static func log(lower: Double, upper: Double, maxCount: Int) -> [Tick] {
        guard lower > 0, upper > lower else { return linear(lower: lower, upper: upper, maxCount: maxCount) }
        let lo = log10(lower), hi = log10(upper)
        let kFirst = Int((lo - 1e-9).rounded(.up)), kLast = Int((hi + 1e-9).rounded(.down))
        let decades = kLast - kFirst + 1
        if decades < 2 { return linear(lower: lower, upper: upper, maxCount: maxCount) }
        var every = 1
        for s in [1, 2, 3, 5, 10, 20, 50] { every = s; if (decades + s - 1) / s <= max(maxCount, 1) { break } }
        var ticks: [Tick] = []
        for k in kFirst...kLast where (k - kFirst) % every == 0 {
            let v = pow(10, Double(k))
            ticks.append(Tick(value: v, label: formatPowerOfTen(k)))
        }
        if every == 1 {
            for k in (kFirst - 1)...kLast {
                for m in 2...9 {
                    let v = Double(m) * pow(10, Double(k))
                    if v >= lower * (1 - 1e-12) && v <= upper * (1 + 1e-12) { ticks.append(Tick(value: v, label: "", isMajor: false)) }
                }
            }
        }
        return ticks.sorted { $0.value < $1.value }
    }

    /// Candidate log tick sets on `[lower, upper]` (both > 0), densest first: labelled majors at
    /// m·10^k for m in {1…9}, then {1, 2, 3, 5}, {1, 2, 5}, {1, 3}, {1}, then every 2nd, 3rd, 5th, 10th
    /// decade. Unlabelled minors sit at the remaining 1…9·10^k when the interval spans at most 8 decades.
    /// Sets with fewer than two majors inside the interval are left out (the caller then falls back to
    /// linear ticks).
    public static func logCandidates(lower: Double, upper: Double) -> [[Tick]] {
        guard lower > 0, upper > lower else { return [] }
        let kLo = Int(floor(log10(lower))) - 1, kHi = Int(ceil(log10(upper)))
        let inside = { (v: Double) in v >= lower * (1 - 1e-12) && v <= upper * (1 + 1e-12) }
        let withMinors = log10(upper / lower) <= 8
        var out: [[Tick]] = []
        func build(_ mantissas: Set<Int>, every: Int) -> [Tick] {
            var t: [Tick] = []
            for k in kLo...kHi {
                for m in 1...9 {
                    let v = Double(m) * pow(10, Double(k))
                    guard inside(v) else { continue }
                    let major = m == 1 ? (((k % every) + every) % every == 0) : (every == 1 && mantissas.contains(m))
                    if major { t.append(Tick(value: v, label: m == 1 ? formatPowerOfTen(k) : format(v, step: pow(10, Double(k))))) }
                    else if withMinors { t.append(Tick(value: v, label: "", isMajor: false)) }
                }
            }
            return t
        }
        for set in [Set(1...9), [1, 2, 3, 5], [1, 2, 5], [1, 3], [1]] as [Set<Int>] { out.append(build(set, every: 1)) }
        for every in [2, 3, 5, 10, 20] { out.append(build([1], every: every)) }
        return out.filter { $0.filter(\.isMajor).count >= 2 }
    }

    /// `v` with the decimals that `step` needs: max(0, −k) for step = m·10^k, plus one when m = 2.5
    /// and k ≤ 0 (0.25, 2.5). Negative numbers take a true minus sign (U+2212). Magnitudes ≥ 1e6 or steps < 1e-4 use exponent notation. Never prints "-0".
    public static func format(_ v: Double, step: Double) -> String {
        if abs(v) < step * 1e-9 { return "0" }
        if v < 0 { return "\u{2212}" + format(-v, step: step) }
        if abs(v) >= 1e6 || step < 1e-4 { return String(format: "%.3g", v) }
        let k = Int(floor(log10(step) + 1e-12))
        var decimals = max(0, -k)
        let mantissa = step / pow(10, Double(k))
        if abs(mantissa - 2.5) < 1e-9 && k <= 0 { decimals += 1 }
        return String(format: "%.\(decimals)f", v)
    }

    /// 10^k as plain decimals for |k| ≤ 4 (0.001, 100), otherwise as `1e-5`.
    public static func formatPowerOfTen(_ k: Int) -> String {
        if k >= 0 && k <= 4 { return String(Int(pow(10, Double(k)))) }
        if k < 0 && k >= -4 { return "0." + String(repeating: "0", count: -k - 1) + "1" }
        return "1e\(k)"
    }
}
