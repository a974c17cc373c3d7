import Foundation
import Plotting

/// Fig 6: the four validation curves of each DIM pretraining run.
enum LearningCurveFigure {
    /// Log y when every plotted value is positive and they span more than a factor of 20.
    static func scale(_ values: [Double]) -> ScaleKind {
        let f = values.filter { $0.isFinite }
        guard let lo = f.min(), let hi = f.max(), lo > 0 else { return .linear }
        return hi / lo > 20 ? .log : .linear
    }

    static func seriesName(_ c: LearningCurve) -> String {
        c.tasks.isEmpty ? c.model : "\(c.model) (\(c.tasks.joined(separator: "+")))"
    }

    static func figure(_ curves: [LearningCurve]) -> Figure? {
        let curves = curves.filter { !$0.points.isEmpty }
        guard !curves.isEmpty else { return nil }
        let quantities: [(String, KeyPath<CurvePoint, Double>, Bool)] = [
            ("Local DIM loss", \.localDIM, true), ("Local KL", \.localKL, false),
            ("Global DIM loss", \.globalDIM, true), ("Global KL", \.globalKL, false)]
        var panels: [Panel?] = []
        var baselineValues = Set<Double>()
        var baselinesDiffer = false
        for (title, key, isDIM) in quantities {
            let series = curves.enumerated().map { i, c in
                LineSeries(name: seriesName(c), x: c.points.map { Double($0.epoch) }, y: c.points.map { $0[keyPath: key] },
                           color: Palette.color(i), markers: c.points.count <= 25)
            }
            var refs: [ReferenceLine] = []
            if isDIM {
                let local = title.hasPrefix("Local")
                for v in Set(curves.map { local ? $0.baselineLocal : $0.baselineGlobal }).sorted() where v.isFinite {
                    // Name the runs this baseline belongs to when the runs' baselines differ
                    // (the synthetic false samples change the local baseline).
                    // When they differ, each baseline is drawn in its run's colour.
                    let owners = curves.indices.filter { (local ? curves[$0].baselineLocal : curves[$0].baselineGlobal) == v }
                    let distinct = Set(curves.map { local ? $0.baselineLocal : $0.baselineGlobal }).count > 1
                    refs.append(ReferenceLine(value: v, color: distinct && owners.count == 1 ? Palette.color(owners[0]) : .red,
                                              dashed: true))
                    if distinct { baselinesDiffer = true }
                    baselineValues.insert(v)
                }
            }
            let all = series.flatMap(\.y) + refs.map(\.value)
            panels.append(Panel(title: title, xAxis: Axis(label: "epoch", integerTicks: true),
                                yAxis: Axis(label: isDIM ? "validation DIM loss (nats)" : "validation KL term", scale: scale(all)),
                                content: .lines(series), referenceLines: refs))
        }
        var legend = curves.enumerated().map { LegendEntry(label: seriesName($0.element), swatch: .line(Palette.color($0.offset), dashed: false)) }
        if !baselineValues.isEmpty {
            let text = baselineValues.count == 1 && abs(baselineValues.first! - 2 * log(2.0)) < 1e-9
                ? "classifier that always scores 0 (2 ln 2)" : "classifier that always scores 0"
            legend.append(LegendEntry(label: baselinesDiffer ? text + " (dashed, in the run's colour where runs differ)" : text,
                                      swatch: .line(.red, dashed: true)))
        }
        return Figure(name: "fig6", title: "DIM pretraining: validation losses", rows: 2, columns: 2, panels: panels,
                      plotWidth: 230, plotHeight: 150, sharedLegend: legend)
    }

    static func caption(_ curves: [LearningCurve]) -> String {
        let runs = curves.filter { !$0.points.isEmpty }.map {
            "\(seriesName($0)): \($0.points.count) epochs, kept epoch \($0.selectedEpoch) (\($0.stopReason))"
        }
        let baselines = curves.filter { !$0.points.isEmpty }.map {
            "\(seriesName($0)) local \(String(format: "%.3f", $0.baselineLocal)), global \(String(format: "%.3f", $0.baselineGlobal))"
        }
        return "Validation losses of each DIM pretraining run per epoch: local and global DIM (Jensen–Shannon) losses "
            + "and the KL terms of the learnt noise. Dashed red: the loss of a classifier that always scores 0, measured "
            + "on the same validation crystals (2 ln 2 ≈ 1.386 for one true and one false term; the authors' weighting "
            + "of the synthetic local false samples raises the local one): " + baselines.joined(separator: "; ")
            + ". A run learns when its DIM loss falls below it. " + runs.joined(separator: "; ") + "."
    }
}
