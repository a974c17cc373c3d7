import Foundation

/// A gnuplot (≥ 5.2) script that redraws a figure from its CSV, for readers who want to restyle it
/// with a standard tool. Run it in the folder holding the CSV:
/// `gnuplot -e "outfile='out.png'" fig7.gnuplot` (default output `<name>-gnuplot.png`, pngcairo).
///
/// It keeps the panel grid, titles, axis labels, ranges and scales of the Cairo figure. Differences,
/// stated in the script's header: box plots are vertical (gnuplot has no horizontal box plot) and
/// gnuplot computes its own quartiles; paired-trial lines are not drawn; dots are jittered with gnuplot's rand(0) (fixed default seed).
enum GnuplotScript {
    static func quote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func num(_ v: Double) -> String { "\(v)" }

    static func range(_ m: AxisMapping, reversed: Bool) -> String {
        reversed ? "[\(num(m.upper)):\(num(m.lower))]" : "[\(num(m.lower)):\(num(m.upper))]"
    }

    static func script(for figure: Figure, layout: FigureLayout, csvFile: String) -> String {
        var s: [String] = []
        s.append("# Redraws \(figure.name) from \(csvFile) (columns: \(FigureCSV.header)).")
        s.append("# Run in the folder holding the CSV:  gnuplot -e \"outfile='\(figure.name)-gnuplot.png'\" \(figure.name).gnuplot")
        s.append("# Differences from the Cairo figure: box plots are vertical and use gnuplot's quartiles;")
        s.append("# paired-trial lines are not drawn; dots are jittered with gnuplot's rand(0) (fixed default seed).")
        s.append("if (!exists(\"outfile\")) outfile = \(quote(figure.name + "-gnuplot.png"))")
        s.append("set terminal pngcairo size \(Int(layout.width * 1.6)),\(Int(layout.height * 1.6)) font \"DejaVu Sans,8\" noenhanced")
        s.append("set output outfile")
        s.append("set datafile separator comma")
        s.append("data = \(quote(csvFile))")
        s.append("set multiplot layout \(figure.rows),\(figure.columns)" + (figure.title.isEmpty ? "" : " title \(quote(figure.title))"))
        let letters = figure.panelLetters
        var placed = layout.panels.makeIterator()
        var firstPanel = true
        for (i, p) in figure.panels.enumerated() {
            guard let p, let letter = letters[i], let l = placed.next() else { s.append("set multiplot next"); continue }
            let showKey = figure.sharedLegend.isEmpty || firstPanel
            firstPanel = false
            s.append("")
            s.append("# panel (\(letter))")
            s.append("unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin")
            if case .boxes = p.content { s.append("set style fill transparent solid 0.25 border") } else { s.append("set style fill solid 1.0 noborder") }
            s.append(showKey ? "set key top right font \",7\" opaque" : "set key off")
            let title = (figure.letters ? "(\(letter)) " : "") + p.title
            s.append("set title \(quote(title))")
            func sel(_ kind: String, _ series: String? = nil) -> String {
                var c = "strcol(1) eq \(quote(letter)) && strcol(2) eq \(quote(kind))"
                if let series { c += " && strcol(3) eq \(quote(FigureCSV.field(series)))" }
                return "(" + c + ")"
            }
            func tt(_ label: String) -> String { showKey ? "title \(quote(label))" : "notitle" }
            var items: [String] = []
            switch p.content {
            case .boxes(let b):
                let horizontal = b.orientation == .horizontal
                let valueAxis = horizontal ? p.xAxis : p.yAxis
                let valueMap = horizontal ? l.x.mapping : l.y.mapping
                s.append("set xlabel \(quote(horizontal ? p.yAxis.label : p.xAxis.label))")
                s.append("set ylabel \(quote(valueAxis.label))")
                s.append("set xrange [0.5:\(b.boxes.count).5]")
                s.append("set yrange \(range(valueMap, reversed: valueAxis.reversed))")
                if valueMap.kind == .log { s.append("set logscale y") }
                let tics = b.boxes.enumerated().map { "\(quote(FigureCSV.field($0.element.label))) \($0.offset + 1)" }.joined(separator: ", ")
                s.append("set xtics (\(tics)) rotate by 30 right")
                s.append("set lmargin 12")
                switch b.whiskers {
                case .minMax: s.append("set style boxplot nooutliers range 1e30")
                case .tukey(let k): s.append("set style boxplot nooutliers range \(k)")
                }
                for (k, box) in b.boxes.enumerated() {
                    items.append("data using (\(k + 1)):(\(sel("box", box.label)) ? $6 : 1/0) with boxplot lc rgb \(quote(box.color.hexString)) notitle")
                }
                for box in b.boxes {
                    items.append("data using ($5 + 0.3 * (rand(0) - 0.5)):(\(sel("box", box.label)) ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb \(quote(box.color.hexString)) notitle")
                }
                if b.boxes.contains(where: { $0.reference != nil }) {
                    items.append("data using ($5):(\(sel("box_ref")) ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb \"#d62728\" \(tt(b.referenceLabel))")
                }
            case .scatter(let sc):
                s.append("set xlabel \(quote(p.xAxis.label)); set ylabel \(quote(p.yAxis.label))")
                if !p.xAxis.showTicks { s.append("unset xtics") }
                if !p.yAxis.showTicks { s.append("unset ytics") }
                s.append("set xrange \(range(l.x.mapping, reversed: p.xAxis.reversed)); set yrange \(range(l.y.mapping, reversed: p.yAxis.reversed))")
                if l.x.mapping.kind == .log { s.append("set logscale x") }
                if l.y.mapping.kind == .log { s.append("set logscale y") }
                switch sc.coloring {
                case let .categorical(_, names, colors):
                    // Largest class first so the minority is drawn on top, as in the Cairo figure.
                    var seen: [Int] = []
                    if case let .categorical(classes, _, _) = sc.coloring {
                        for i in sc.drawOrder where !seen.contains(classes[i]) { seen.append(classes[i]) }
                    }
                    for c in seen where names.indices.contains(c) {
                        let col = colors.isEmpty ? Palette.grey : colors[c % colors.count]
                        items.append("data using (\(sel("point", names[c])) ? $5 : 1/0):6 with points pt 7 ps 0.3 lc rgb \(quote(col.hexString)) \(tt(names[c]))")
                    }
                case let .continuous(_, label, map, _):
                    let stops = map.samples.enumerated().map { "\($0.offset) \(quote($0.element.hexString))" }.joined(separator: ", ")
                    s.append("set palette defined (\(stops))")
                    if let r = sc.colorRange { s.append("set cbrange [\(num(r.lowerBound)):\(num(r.upperBound))]") }
                    s.append("set cblabel \(quote(label)); set colorbox")
                    items.append("data using (\(sel("point")) ? $5 : 1/0):6:7 with points pt 7 ps 0.3 palette notitle")
                }
            case .lines(let series):
                s.append("set xlabel \(quote(p.xAxis.label)); set ylabel \(quote(p.yAxis.label))")
                s.append("set xrange \(range(l.x.mapping, reversed: p.xAxis.reversed)); set yrange \(range(l.y.mapping, reversed: p.yAxis.reversed))")
                if l.x.mapping.kind == .log { s.append("set logscale x") }
                if l.y.mapping.kind == .log { s.append("set logscale y") }
                for ser in series {
                    items.append("data using (\(sel("line", ser.name)) ? $5 : 1/0):6 with lines lw 1.5 dt \(ser.dashed ? 2 : 1) lc rgb \(quote(ser.color.hexString)) \(tt(ser.name))")
                }
            }
            for r in p.referenceLines {
                if r.horizontal {
                    items.append("\(num(r.value)) with lines dt \(r.dashed ? 2 : 1) lw 1.2 lc rgb \(quote(r.color.hexString)) " + (r.label.map { tt($0) } ?? "notitle"))
                } else {
                    s.append("set arrow from first \(num(r.value)), graph 0 to first \(num(r.value)), graph 1 nohead dt \(r.dashed ? 2 : 1) lc rgb \(quote(r.color.hexString))")
                }
            }
            s.append("plot " + items.joined(separator: ", \\\n     "))
        }
        s.append("")
        s.append("unset multiplot")
        s.append("set output")
        return s.joined(separator: "\n") + "\n"
    }
}
