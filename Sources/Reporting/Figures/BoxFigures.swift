import Foundation
import Plotting
import Statistics

/// One box of a paper box-plot figure: which arm, from which experiments (first with data wins).
struct ArmSource {
    var arm: String
    var experiments: [String]
    /// Label override (nil: ``FigureVocabulary/armLabel(_:task:)``).
    var label: String?
    init(_ arm: String, from experiments: [String], label: String? = nil) {
        self.arm = arm; self.experiments = experiments; self.label = label
    }
}

/// Builds the grouped box-plot figures 7, 8, 11, 12: rows = tasks, columns = label counts, one
/// horizontal box per arm, every successful trial a dot.
struct BoxFigureBuilder {
    var trials: [TrialRecord]
    /// Trials grouped by (experiment, task, n, arm), each group sorted by trial index.
    private var groups: [String: [TrialRecord]] = [:]

    init(trials: [TrialRecord]) {
        self.trials = trials
        var g: [String: [TrialRecord]] = [:]
        for t in trials { g[Self.key(t.experiment, t.task, t.nLabels, t.arm), default: []].append(t) }
        groups = g.mapValues { $0.sorted { $0.trial < $1.trial } }
    }

    private static func key(_ e: String, _ t: String, _ n: Int, _ a: String) -> String { "\(e)\u{1}\(t)\u{1}\(n)\u{1}\(a)" }

    /// All trials (failed included) of (experiment, task, n, arm), by trial index.
    func values(_ experiment: String, _ task: String, _ n: Int, _ arm: String) -> [TrialRecord] {
        groups[Self.key(experiment, task, n, arm)] ?? []
    }

    struct Counts {
        var drawn = 0; var failed = 0
        /// Panels drawn with a logarithmic MAE axis.
        var logPanels: [String] = []
    }

    /// Whether a panel's values are so spread that a linear axis would squash most boxes:
    /// (max − min) > `ratio` × median, all values positive.
    static func needsLogAxis(_ values: [Double], ratio: Double) -> Bool {
        let v = values.filter(\.isFinite).sorted()
        guard let lo = v.first, let hi = v.last, lo > 0 else { return false }
        return hi - lo > ratio * Quantile.median(v)
    }

    /// The figure, or nil when no arm has data. `paper` gives reference medians for an arm.
    func figure(name: String, title: String, arms: [ArmSource], separatorsAfter: [Int], joinPairs: Bool,
                dotRadius: Double, plotHeight: Double, logAxisBeyond: Double? = nil,
                paper: ((String, Int, String) -> Double?)? = nil) -> (Figure, Counts)? {
        let experiments = Set(arms.flatMap(\.experiments))
        let armIDs = Set(arms.map(\.arm))
        let relevant = trials.filter { experiments.contains($0.experiment) && armIDs.contains($0.arm) }
        guard relevant.contains(where: { $0.mae?.isFinite == true }) else { return nil }
        let tasks = FigureVocabulary.orderedTasks(Set(relevant.map(\.task)))
        let ns = Array(Set(relevant.map(\.nLabels))).sorted()
        var panels: [Panel?] = []
        var counts = Counts()
        var anyReference = false, anyOffAxis = false
        for task in tasks {
            for (c, n) in ns.enumerated() {
                var boxes: [Box] = []
                for src in arms {
                    let recs = src.experiments.lazy.map { values($0, task, n, src.arm) }.first { !$0.isEmpty } ?? []
                    let ok = recs.filter { $0.mae?.isFinite == true }
                    counts.drawn += ok.count; counts.failed += recs.count - ok.count
                    let ref = paper?(task, n, src.arm)
                    if ref != nil { anyReference = true }
                    boxes.append(Box(label: src.label ?? FigureVocabulary.armLabel(src.arm, task: task),
                                     color: FigureVocabulary.armColor(src.arm), values: ok.map { $0.mae! },
                                     keys: ok.map { "trial \($0.trial)" }, reference: ref))
                }
                guard boxes.contains(where: { !$0.values.isEmpty }) else { panels.append(nil); continue }
                var plot = BoxPlot(orientation: .horizontal, boxes: boxes, whiskers: .minMax, joinPairs: joinPairs,
                                   separatorsAfter: separatorsAfter, referenceLabel: "paper median (full Matbench)",
                                   dotRadius: dotRadius, referenceReach: 1)
                plot.dotRadius = dotRadius
                if plot.hasReferencesOutOfReach { anyOffAxis = true }
                // Rows are tasks (named on the left of the first column), columns label counts.
                let log = logAxisBeyond.map { Self.needsLogAxis(boxes.flatMap(\.values), ratio: $0) } ?? false
                if log { counts.logPanels.append("\(FigureVocabulary.taskName(task)), \(n) labels") }
                panels.append(Panel(title: "\(n) labels" + (log ? " (log axis)" : ""),
                                    xAxis: Axis(label: FigureVocabulary.maeLabel(task), scale: log ? .log : .linear),
                                    yAxis: Axis(label: c == 0 ? FigureVocabulary.taskName(task) : "", showTickLabels: c == 0),
                                    content: .boxes(plot)))
            }
        }
        var legend = anyReference ? [LegendEntry(label: "paper median (full Matbench; context only for reduced runs)", swatch: .diamond(.red))] : []
        if anyOffAxis { legend.append(LegendEntry(label: "paper median far beyond the axis (value printed)", swatch: .triangle(.red))) }
        let fig = Figure(name: name, title: title, rows: tasks.count, columns: ns.count, panels: panels,
                         plotWidth: 165, plotHeight: plotHeight, sharedLegend: legend)
        return (fig, counts)
    }
}
