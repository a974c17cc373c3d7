import Foundation

/// An axis after layout: its mapping (in plot-local or figure coordinates) and the ticks to draw.
struct ResolvedAxis {
    var mapping: AxisMapping
    var ticks: [Tick]
    /// Box labels rather than numbers (category axis of a box plot).
    var isCategorical: Bool

    /// The same axis moved by `offset` points.
    func shifted(by offset: Double) -> ResolvedAxis {
        var r = self
        r.mapping.start += offset; r.mapping.end += offset
        return r
    }
}

enum AxisResolver {
    /// Data interval for an axis: the fixed range, or the data range padded by 5 % of its span on each
    /// side (log10 space for log axes). A zero span is widened by 10 % of |v| (or ±1 at 0).
    static func interval(axis: Axis, dataMin: Double?, dataMax: Double?) -> (ScaleKind, Double, Double) {
        var kind = axis.scale
        if let r = axis.range, r.upperBound > r.lowerBound, kind == .linear || r.lowerBound > 0 {
            return (kind, r.lowerBound, r.upperBound)
        }
        guard var lo = dataMin, var hi = dataMax, lo.isFinite, hi.isFinite else { return (.linear, 0, 1) }
        if kind == .log && lo <= 0 { kind = .linear }
        if kind == .log {
            var a = log10(lo), b = log10(hi)
            if b - a < 1e-12 { a -= 0.05; b += 0.05 }
            let pad = 0.05 * (b - a)
            return (.log, pow(10, a - pad), pow(10, b + pad))
        }
        if hi - lo < 1e-12 * max(1, abs(lo)) {
            let d = lo == 0 ? 1 : 0.1 * abs(lo)
            lo -= d; hi += d
        }
        let pad = 0.05 * (hi - lo)
        return (.linear, lo - pad, hi + pad)
    }

    /// A numeric axis spanning `start…end` points (y axes pass start = bottom, end = top), with the
    /// densest tick set whose labels do not collide: log axes first try ``Ticks/logCandidates(lower:upper:)``
    /// (densest first, at most length/28 + 1 labels), then linear nice ticks for maxCount from length/28
    /// down to 1. A set is accepted when it has two or more labels and every pair of neighbouring labels is separated by at least half their widths plus
    /// 5 pt (horizontal axes) or one line height plus 1 pt (vertical axes). If even one tick collides
    /// (uneven log spacing), alternate labels are dropped until none do.
    static func numeric(axis: Axis, dataMin: Double?, dataMax: Double?, start: Double, end: Double,
                        horizontal: Bool, text: TextEngine) -> ResolvedAxis {
        let (kind, lo, hi) = interval(axis: axis, dataMin: dataMin, dataMax: dataMax)
        let mapping = AxisMapping(kind: kind, lower: lo, upper: hi,
                                  start: axis.reversed ? end : start, end: axis.reversed ? start : end)
        let length = abs(end - start)
        let lineH = text.lineHeight(size: Typography.tick)
        func collides(_ ticks: [Tick]) -> Bool {
            let labelled = ticks.filter { $0.isMajor && !$0.label.isEmpty }
                .map { (p: mapping.position($0.value), w: horizontal ? text.width($0.label, size: Typography.tick) : lineH) }
                .sorted { $0.p < $1.p }
            for (a, b) in zip(labelled, labelled.dropFirst()) where b.p - a.p < (a.w + b.w) / 2 + (horizontal ? 5 : 1) {
                return true
            }
            return false
        }
        func make(_ n: Int) -> [Tick] {
            let t = kind == .log ? Ticks.log(lower: lo, upper: hi, maxCount: n) : Ticks.linear(lower: lo, upper: hi, maxCount: n, minimumStep: axis.integerTicks ? 1 : 0)
            return t.filter { mapping.contains($0.value) }
        }
        let maxLabels = max(2, Int(length / 28)) + 1
        var candidates: [[Tick]] = []
        if kind == .log {
            candidates += Ticks.logCandidates(lower: lo, upper: hi).map { $0.filter { mapping.contains($0.value) } }
                .filter { $0.filter(\.isMajor).count <= maxLabels }
        }
        var n = maxLabels - 1
        while n >= 1 { candidates.append(make(n)); n -= 1 }
        var best: [Tick] = candidates.last ?? []
        for t in candidates where !collides(t) && t.filter(\.isMajor).count >= (t.count > 1 ? 2 : 1) { best = t; break }
        var ticks = best
        var guardCount = 0
        while collides(ticks) && guardCount < 8 {
            var keep = true
            ticks = ticks.map { t in
                guard t.isMajor && !t.label.isEmpty else { return t }
                defer { keep.toggle() }
                return keep ? t : Tick(value: t.value, label: "", isMajor: false)
            }
            guardCount += 1
        }
        if !axis.showTickLabels { ticks = ticks.map { Tick(value: $0.value, label: "", isMajor: $0.isMajor) } }
        if !axis.showTicks { ticks = [] }
        return ResolvedAxis(mapping: mapping, ticks: ticks, isCategorical: false)
    }

    /// A category axis with `labels` at positions 1…k, interval [0.5, k + 0.5]. `firstAtStart`
    /// puts label 1 at `start`.
    static func categorical(labels: [String], start: Double, end: Double, show: Bool) -> ResolvedAxis {
        let k = max(labels.count, 1)
        let mapping = AxisMapping(kind: .linear, lower: 0.5, upper: Double(k) + 0.5, start: start, end: end)
        let ticks = labels.enumerated().map { Tick(value: Double($0.offset + 1), label: show ? $0.element : "") }
        return ResolvedAxis(mapping: mapping, ticks: ticks, isCategorical: true)
    }
}
