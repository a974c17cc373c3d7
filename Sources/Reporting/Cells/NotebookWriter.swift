import Foundation

/// `report.ipynb` (nbformat 4.5): one Markdown cell per report section with the same text, tables
/// and verdicts; each figure a code cell that reads the figure's CSV from the figures directory
/// with pandas and redraws it with matplotlib, its stored output the Cairo PNG (base64). The
/// notebook needs nothing but the CSVs and never reaches the network.
struct NotebookWriter {
    let cells: [ReportCell]
    /// The figures directory as the notebook's code sees it (relative to the notebook).
    let figuresPath: String
    /// Where the PNGs are read from now.
    let figuresDirectory: URL
    /// A cell's provenance footer in Markdown ("" when it has none).
    let footer: (ReportCell) -> String
    /// Markdown of the notebook's first cell.
    let heading: String

    /// The code of the set-up cell: imports and a generic redraw of the `panel,kind,series,key,x,y,z`
    /// CSV format (see Plotting's `FigureCSV`).
    static let setup = """
    # Set-up: the figures' CSVs are read from FIGURES (relative to this notebook).
    import os
    import pandas as pd
    import matplotlib.pyplot as plt

    FIGURES = %FIGURES%

    def redraw(csv, title):
        \"\"\"Redraws a figure from its CSV: one subplot per panel; box, box_ref, point, line, hline, vline rows.\"\"\"
        df = pd.read_csv(os.path.join(FIGURES, csv), keep_default_na=False, dtype=str)
        for col in ("x", "y", "z"):
            df[col] = pd.to_numeric(df[col], errors="coerce")
        panels = list(dict.fromkeys(df["panel"]))
        cols = min(4, len(panels))
        rows = -(-len(panels) // cols)
        fig, axes = plt.subplots(rows, cols, figsize=(3.6 * cols, 2.8 * rows), squeeze=False)
        for ax, panel in zip(axes.flat, panels):
            d = df[df["panel"] == panel]
            boxes = d[d["kind"] == "box"]
            if len(boxes):
                pos = sorted(boxes["x"].unique())
                ax.boxplot([boxes[boxes["x"] == p]["y"].dropna() for p in pos], positions=pos, vert=False, whis=(0, 100))
                ax.set_yticks(pos)
                ax.set_yticklabels([boxes[boxes["x"] == p]["series"].iloc[0] for p in pos], fontsize=6)
                refs = d[d["kind"] == "box_ref"]
                ax.scatter(refs["y"], refs["x"], marker="D", color="red", s=12, zorder=3)
            points = d[d["kind"] == "point"]
            if len(points):
                ax.scatter(points["x"], points["y"], c=points["z"], s=2, cmap="viridis")
            for name, line in d[d["kind"] == "line"].groupby("series", sort=False):
                ax.plot(line["x"], line["y"], lw=1, label=name)
            if len(d[d["kind"] == "line"]):
                ax.legend(fontsize=5)
            for y in d[d["kind"] == "hline"]["y"]:
                ax.axhline(y, ls="--", color="red", lw=0.8)
            for x in d[d["kind"] == "vline"]["x"]:
                ax.axvline(x, ls="--", color="grey", lw=0.8)
            ax.set_title("(" + panel + ")", fontsize=8)
            ax.tick_params(labelsize=6)
        for ax in list(axes.flat)[len(panels):]:
            ax.axis("off")
        fig.suptitle(title, fontsize=9)
        fig.tight_layout()
        plt.show()
    """

    /// The notebook as JSON (sorted keys, one space indent).
    func data() throws -> Data {
        var out: [[String: Any]] = [markdownCell("head", heading)]
        let literal = String(data: try JSONSerialization.data(withJSONObject: [figuresPath], options: .withoutEscapingSlashes), encoding: .utf8)!.dropFirst().dropLast()
        out.append(codeCell("setup", Self.setup.replacingOccurrences(of: "%FIGURES%", with: String(literal)), outputs: []))
        for c in cells {
            // Split the cell's Markdown at its figure placeholders: text, figure, text, …
            var text: [String] = []
            var part = 0
            func flush() {
                let s = text.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                if !s.isEmpty { out.append(markdownCell("\(c.id)-\(part)", s)); part += 1 }
                text = []
            }
            for line in c.markdown.components(separatedBy: "\n") {
                if let i = c.figures.indices.first(where: { ReportCell.placeholder($0) == line }) {
                    flush()
                    out.append(figureCell(c.figures[i]))
                } else {
                    text.append(line)
                }
            }
            let f = footer(c)
            if !f.isEmpty { text.append(""); text.append(f) }
            flush()
        }
        let notebook: [String: Any] = [
            "nbformat": 4, "nbformat_minor": 5, "cells": out,
            "metadata": ["kernelspec": ["display_name": "Python 3", "language": "python", "name": "python3"],
                         "language_info": ["name": "python"]],
        ]
        return try JSONSerialization.data(withJSONObject: notebook, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// nbformat's multi-line string: lines with their newlines kept.
    func lines(_ s: String) -> [String] {
        var parts = s.components(separatedBy: "\n")
        if parts.last == "" { parts.removeLast() }
        return parts.enumerated().map { $0.offset == parts.count - 1 ? $0.element : $0.element + "\n" }
    }

    /// A cell id nbformat accepts (letters, digits, `-`, `_`; at most 64 characters).
    func cellID(_ s: String) -> String {
        String(s.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" }.prefix(64))
    }

    func markdownCell(_ id: String, _ text: String) -> [String: Any] {
        ["cell_type": "markdown", "id": cellID("md-" + id), "metadata": [String: Any](), "source": lines(text)]
    }

    func codeCell(_ id: String, _ code: String, outputs: [[String: Any]]) -> [String: Any] {
        ["cell_type": "code", "id": cellID("code-" + id), "metadata": [String: Any](), "execution_count": NSNull(),
         "outputs": outputs, "source": lines(code)]
    }

    /// The code cell redrawing `f` from its CSV, with the Cairo PNG as its stored output.
    func figureCell(_ f: FigureOutput) -> [String: Any] {
        let args = try? JSONSerialization.data(withJSONObject: [f.csv, f.id + ": " + f.title], options: .withoutEscapingSlashes)
        let call = "redraw(" + (args.map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) } ?? "") + ")"
        var outputs: [[String: Any]] = []
        if let png = try? Data(contentsOf: figuresDirectory.appendingPathComponent(f.png)) {
            outputs.append(["output_type": "display_data", "metadata": [String: Any](),
                            "data": ["image/png": png.base64EncodedString(), "text/plain": ["<\(f.id): the figure as drawn by the report (Cairo)>"]]])
        }
        return codeCell(f.id, "# " + f.id + ": redrawn from " + f.csv + " (the stored output is the report's own PNG)\n" + call, outputs: outputs)
    }
}
