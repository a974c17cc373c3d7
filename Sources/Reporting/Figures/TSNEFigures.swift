import Foundation
import Plotting

/// Figs 9 and 10: t-SNE maps (rows: tasks; columns: untrained, DIM encoder).
enum TSNEFigures {
    static func representationName(_ r: String) -> String {
        switch r { case "untrained": return "untrained encoder"; case "dim": return "DIM encoder"; default: return r }
    }

    /// Maps in grid order, and the grid shape; throws when a map's arrays disagree in length.
    static func grid(_ maps: [TSNEMap]) throws -> (rows: [String], columns: [String], cells: [TSNEMap?]) {
        for m in maps {
            let n = m.x.count
            guard m.y.count == n, m.metalHalogen.count == n, m.labels.count == n, m.ids.isEmpty || m.ids.count == n else {
                throw PlottingError("t-SNE map \(m.task)/\(m.representation): x has \(n) values but y \(m.y.count), "
                                    + "metalHalogen \(m.metalHalogen.count), labels \(m.labels.count), ids \(m.ids.count)")
            }
        }
        let maps = maps.filter { !$0.x.isEmpty }
        let rows = FigureVocabulary.orderedTasks(Set(maps.map(\.task)))
        let reps = Set(maps.map(\.representation))
        let columns = ["untrained", "dim"].filter(reps.contains) + reps.subtracting(["untrained", "dim"]).sorted()
        var cells: [TSNEMap?] = []
        for r in rows { for c in columns { cells.append(maps.first { $0.task == r && $0.representation == c }) } }
        return (rows, columns, cells)
    }

    /// Whether two maps are the same structures at the same coordinates with the same flags.
    static func sameMap(_ a: TSNEMap?, _ b: TSNEMap?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.ids == b.ids && a.x == b.x && a.y == b.y && a.metalHalogen == b.metalHalogen
    }

    /// Rows of `grid` grouped so that tasks whose maps are identical in every column (one structure
    /// set embedded by the same encoders) form one group, in row order.
    static func identicalRowGroups(_ g: (rows: [String], columns: [String], cells: [TSNEMap?])) -> [[Int]] {
        var groups: [[Int]] = []
        for r in g.rows.indices {
            let row = Array(g.cells[(r * g.columns.count)..<((r + 1) * g.columns.count)])
            if let i = groups.firstIndex(where: { grp in
                let other = Array(g.cells[(grp[0] * g.columns.count)..<((grp[0] + 1) * g.columns.count)])
                return zip(row, other).allSatisfy { sameMap($0, $1) }
            }) { groups[i].append(r) } else { groups.append([r]) }
        }
        return groups
    }

    static let otherColor = Color(hex: 0xb0b0b0)
    static let metalHalogenColor = Palette.vermillion

    /// Fig 9. Tasks whose maps are identical (one structure set) share one row: the metal–halogen
    /// flag is a property of the structure, so a second row would repeat the first exactly.
    static func halogenFigure(_ maps: [TSNEMap]) throws -> Figure? {
        let full = try grid(maps)
        guard !full.rows.isEmpty else { return nil }
        let groups = identicalRowGroups(full)
        let cols = full.columns.count
        let cells = groups.flatMap { grp in Array(full.cells[(grp[0] * cols)..<((grp[0] + 1) * cols)]) }
        let rowName = Dictionary(uniqueKeysWithValues: groups.map { grp in
            (full.rows[grp[0]], grp.count == 1 ? FigureVocabulary.taskName(full.rows[grp[0]]) : "Both tasks")
        })
        let g = (rows: groups.map { full.rows[$0[0]] }, columns: full.columns, cells: cells)
        let panels: [Panel?] = g.cells.map { m in
            guard let m else { return nil }
            return Panel(title: "\(rowName[m.task] ?? FigureVocabulary.taskName(m.task)) · \(representationName(m.representation))",
                         xAxis: Axis(label: "t-SNE 1", showTicks: false), yAxis: Axis(label: "t-SNE 2", showTicks: false),
                         content: .scatter(ScatterPlot(x: m.x, y: m.y, ids: m.ids,
                                                       coloring: .categorical(classes: m.metalHalogen.map { $0 ? 1 : 0 },
                                                                              names: ["other", "metal + halogen"],
                                                                              colors: [otherColor, metalHalogenColor]),
                                                       pointRadius: 1.1, opacity: 0.75, equalAspect: true)))
        }
        return Figure(name: "fig9", title: "t-SNE of test-set crystal vectors, coloured by metal + halogen",
                      rows: g.rows.count, columns: g.columns.count, panels: panels, plotWidth: 210, plotHeight: 190,
                      sharedLegend: [LegendEntry(label: "contains a metal and a halogen (drawn on top)", swatch: .dot(metalHalogenColor)),
                                     LegendEntry(label: "other", swatch: .dot(otherColor))])
    }

    static func labelFigure(_ maps: [TSNEMap]) throws -> Figure? {
        let g = try grid(maps)
        guard !g.rows.isEmpty else { return nil }
        // One colour range per task, shared by its untrained and DIM maps (same test set).
        var ranges: [String: ClosedRange<Double>] = [:]
        for task in g.rows {
            let v = g.cells.compactMap { $0 }.filter { $0.task == task }.flatMap(\.labels).filter { $0.isFinite }
            if let lo = v.min(), let hi = v.max() { ranges[task] = lo < hi ? lo...hi : (lo - 0.5)...(hi + 0.5) }
        }
        let panels: [Panel?] = g.cells.map { m in
            guard let m else { return nil }
            return Panel(title: "\(FigureVocabulary.taskName(m.task)) · \(representationName(m.representation))",
                         xAxis: Axis(label: "t-SNE 1", showTicks: false), yAxis: Axis(label: "t-SNE 2", showTicks: false),
                         content: .scatter(ScatterPlot(x: m.x, y: m.y, ids: m.ids,
                                                       coloring: .continuous(values: m.labels, label: FigureVocabulary.propertyLabel(m.task),
                                                                             map: .viridis, range: ranges[m.task]),
                                                       pointRadius: 1.1, opacity: 0.8, equalAspect: true)))
        }
        return Figure(name: "fig10", title: "t-SNE of test-set crystal vectors, coloured by property label",
                      rows: g.rows.count, columns: g.columns.count, panels: panels, plotWidth: 210, plotHeight: 190)
    }

    static func counts(_ maps: [TSNEMap]) -> String {
        maps.filter { !$0.x.isEmpty }.map { m in
            let k = m.metalHalogen.filter { $0 }.count
            return "\(m.task)/\(m.representation): \(m.x.count) crystals, \(k) metal + halogen, perplexity \(m.perplexity), KL \(String(format: "%.3f", m.klDivergence))"
        }.joined(separator: "; ")
    }
}
