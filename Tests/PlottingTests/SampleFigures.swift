import Foundation
import Plotting

/// Small deterministic figures exercising every chart kind (no random generator: values come from
/// closed-form sequences).
enum SampleFigures {
    /// Pseudo-noise in [−1, 1] from a sine hash (deterministic, no generator state).
    static func noise(_ i: Int, _ salt: Int = 0) -> Double {
        let v = sin(Double(i) * 12.9898 + Double(salt) * 78.233) * 43758.5453
        return (v - v.rounded(.down)) * 2 - 1
    }

    static func boxes(orientation: BoxOrientation = .horizontal) -> Figure {
        func box(_ label: String, _ color: Color, _ center: Double, _ salt: Int, ref: Double? = nil) -> Box {
            Box(label: label, color: color, values: (0..<12).map { center + 0.05 * noise($0, salt) },
                keys: (0..<12).map(String.init), reference: ref)
        }
        let p1 = Panel(title: "Task A, 50 labels", xAxis: Axis(label: "MAE (eV/atom)"), yAxis: Axis(),
                       content: .boxes(BoxPlot(orientation: orientation, boxes: [
                           box("random init", Palette.grey, 0.5, 1, ref: 0.51), box("DIM init", Palette.blue, 0.46, 2, ref: 0.47),
                           box("transfer", Palette.orange, 0.58, 3, ref: 0.59)], joinPairs: true, referenceLabel: "paper median")))
        let p2 = Panel(title: "Task A, 100 labels", xAxis: Axis(label: "MAE (eV/atom)", scale: .log), yAxis: Axis(showTickLabels: false),
                       content: .boxes(BoxPlot(orientation: orientation, boxes: [
                           box("random init", Palette.grey, 0.4, 4), box("DIM init", Palette.blue, 0.2, 5),
                           box("transfer", Palette.orange, 1.1, 6)], whiskers: .tukey(factor: 1.5), separatorsAfter: [1])))
        let legend = [LegendEntry(label: "paper median", swatch: .diamond(.red))]
        return orientation == .horizontal
            ? Figure(name: "sample-boxes", title: "Box plots", rows: 1, columns: 2, panels: [p1, p2], sharedLegend: legend)
            : Figure(name: "sample-boxes-vertical", rows: 1, columns: 2,
                     panels: [swapAxes(p1), swapAxes(p2)], sharedLegend: legend)
    }

    static func swapAxes(_ p: Panel) -> Panel {
        var q = p
        q.xAxis = p.yAxis; q.yAxis = p.xAxis
        return q
    }

    static func scatter() -> Figure {
        let n = 600
        let x = (0..<n).map { 10 * noise($0, 11) }, y = (0..<n).map { 10 * noise($0, 12) + x[$0] * 0.3 }
        let classes = (0..<n).map { noise($0, 13) > 0.8 ? 1 : 0 }
        let cat = Panel(title: "Categorical", xAxis: Axis(label: "t-SNE 1"), yAxis: Axis(label: "t-SNE 2"),
                        content: .scatter(ScatterPlot(x: x, y: y, coloring: .categorical(classes: classes,
                            names: ["other", "minority"], colors: [Color(hex: 0xbbbbbb), Palette.vermillion]))),
                        legend: .bestCorner)
        let cont = Panel(title: "Continuous", xAxis: Axis(label: "t-SNE 1"), yAxis: Axis(label: "t-SNE 2"),
                         content: .scatter(ScatterPlot(x: x, y: y, coloring: .continuous(values: (0..<n).map { 2 + x[$0] / 5 },
                             label: "band gap (eV)", map: .viridis, range: nil))))
        return Figure(name: "sample-scatter", rows: 1, columns: 2, panels: [cat, cont])
    }

    static func lines() -> Figure {
        let e = (1...120).map(Double.init)
        let a = LineSeries(name: "model A", x: e, y: e.map { 1.386 * exp(-$0 / 40) + 0.2 }, color: Palette.blue)
        let b = LineSeries(name: "model B", x: e, y: e.map { 1.386 * exp(-$0 / 25) + 0.1 }, color: Palette.orange)
        let base = ReferenceLine(value: 2 * log(2.0), label: "2 ln 2")
        let lin = Panel(title: "Linear y", xAxis: Axis(label: "epoch"), yAxis: Axis(label: "loss"), content: .lines([a, b]),
                        referenceLines: [base], legend: .bestCorner)
        let lg = Panel(title: "Log y", xAxis: Axis(label: "epoch"), yAxis: Axis(label: "loss", scale: .log), content: .lines([a, b]),
                       referenceLines: [base], legend: .bestCorner)
        let wide = LineSeries(name: "decades", x: e, y: e.map { 1e-3 * pow(10, $0 / 30) }, color: Palette.bluishGreen, markers: false)
        let lg2 = Panel(title: "Log y over decades", xAxis: Axis(label: "epoch"), yAxis: Axis(label: "value", scale: .log),
                        content: .lines([wide]), legend: .bestCorner)
        return Figure(name: "sample-lines", rows: 2, columns: 2, panels: [lin, lg, lg2, nil])
    }

    static var all: [Figure] { [boxes(), boxes(orientation: .vertical), scatter(), lines()] }
}
