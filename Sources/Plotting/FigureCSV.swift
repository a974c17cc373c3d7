import Foundation

/// The data a figure plots, as one long CSV table.
///
/// Header: `panel,kind,series,key,x,y,z`. `panel` is the panel letter (a, b, … in row-major
/// order of non-empty cells). Rows by `kind`:
/// - `box`: one per value; `series` box label, `key` pairing key (or the value's index),
///   `x` box position 1…k (first box first), `y` the value;
/// - `box_ref`: a box's reference value (e.g. paper median); `x` position, `y` value;
/// - `point`: one per scatter point in input order; `series` class name (categorical) or empty,
///   `key` id (or index), `x`, `y`, `z` the class index or the colour value;
/// - `line`: one per vertex; `series` name, `key` vertex index, `x`, `y`;
/// - `hline` / `vline`: a reference line; `series` its label, `y` (hline) or `x` (vline) the value.
/// Numbers are written in Swift's shortest round-trip form, so parsing gives back the exact doubles.
/// Text fields have `,` replaced by `;`, `"` by `'` and line breaks by spaces (so every tool, gnuplot
/// included, splits rows the same way).
public enum FigureCSV {
    /// Column names of the CSV.
    public static let header = "panel,kind,series,key,x,y,z"

    /// A text field made safe for unquoted CSV.
    public static func field(_ s: String) -> String {
        String(s.map { c -> Character in
            switch c { case ",": return ";"; case "\"": return "'"; case "\n", "\r": return " "; default: return c }
        })
    }

    static func num(_ v: Double) -> String { v.isFinite ? "\(v)" : (v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf")) }

    /// The CSV text for `figure` (ends with a newline).
    public static func csv(for figure: Figure) -> String {
        var lines = [header]
        let letters = figure.panelLetters
        for (i, panel) in figure.panels.enumerated() {
            guard let panel, let letter = letters[i] else { continue }
            func row(_ kind: String, _ series: String, _ key: String, _ x: String, _ y: String, _ z: String = "") {
                lines.append([letter, kind, field(series), field(key), x, y, z].joined(separator: ","))
            }
            switch panel.content {
            case .boxes(let b):
                for (k, box) in b.boxes.enumerated() {
                    for (j, v) in box.values.enumerated() {
                        row("box", box.label, box.keys.isEmpty ? String(j) : box.keys[j], String(k + 1), num(v))
                    }
                    if let r = box.reference { row("box_ref", box.label, "", String(k + 1), num(r)) }
                }
            case .scatter(let s):
                for i in s.x.indices {
                    let key = s.ids.isEmpty ? String(i) : s.ids[i]
                    switch s.coloring {
                    case let .categorical(classes, names, _):
                        let c = classes[i]
                        row("point", names.indices.contains(c) ? names[c] : String(c), key, num(s.x[i]), num(s.y[i]), String(c))
                    case let .continuous(values, _, _, _):
                        row("point", "", key, num(s.x[i]), num(s.y[i]), num(values[i]))
                    }
                }
            case .lines(let series):
                for s in series {
                    for j in s.x.indices { row("line", s.name, String(j), num(s.x[j]), num(s.y[j])) }
                }
            }
            for r in panel.referenceLines {
                if r.horizontal { row("hline", r.label ?? "", "", "", num(r.value)) }
                else { row("vline", r.label ?? "", "", num(r.value), "") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
