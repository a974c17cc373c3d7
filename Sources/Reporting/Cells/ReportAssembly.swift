import Foundation

/// Turns report cells into `report.md`, `report.html` and `report.ipynb`: each cell's text, its
/// figures, and a footer saying how to regenerate it, which code and inputs it came from, what it
/// cost and whether it is stale against the code and profile checked out now.
struct ReportAssembly {
    let cells: [ReportCell]
    let current: CurrentCode
    let figuresDirectory: URL
    let reportsDirectory: URL

    /// Figures directory relative to the reports directory (`../Figures`), or "" when the same.
    var figuresPath: String { ReportWriter.relativePath(from: reportsDirectory, to: figuresDirectory) }
    func figurePath(_ file: String) -> String { figuresPath.isEmpty ? file : figuresPath + "/" + file }

    /// The distinct runs the cells came from, in order of first appearance, with their cell ids.
    var runs: [(run: String, cells: [String])] {
        var out: [(run: String, cells: [String])] = []
        for c in cells {
            let r = c.provenance?.run ?? "(no run recorded)"
            if let i = out.firstIndex(where: { $0.run == r }) { out[i].cells.append(c.id) } else { out.append((r, [c.id])) }
        }
        return out
    }

    /// One line per run the sections came from (only when there is more than one).
    func runsNote(_ esc: (String) -> String) -> [String] {
        guard runs.count > 1 else { return [] }
        return ["Sections come from \(runs.count) runs:"] + runs.map { "- " + esc("\($0.run): " + $0.cells.joined(separator: ", ")) }
    }

    /// The cell footer as plain facts: (label, value, isCode) triples, and the stale reason.
    func footer(_ c: ReportCell) -> (facts: [(String, String, Bool)], stale: String?)? {
        guard let p = c.provenance else { return nil }
        var facts: [(String, String, Bool)] = [("regenerate", p.command, true), ("run", p.run, false),
                                               ("code", p.codeVersion, false), ("profile", p.profile, false)]
        let keys = p.keyInputs.keys.sorted().map { "\($0) \(p.keyInputs[$0]!)" }.joined(separator: ", ")
        facts.append(("inputs", "\(p.inputsPresent) of \(p.inputCount) items in the store, digest \(p.inputDigest)"
                      + (keys.isEmpty ? "" : "; " + keys), false))
        facts.append(("compute", String(format: "%.1f s", p.computeSeconds), false))
        return (facts, current.staleness(of: p))
    }

    // MARK: Markdown

    func markdown() -> String {
        let esc = { MarkdownText.escape($0, .commonMark) }
        var md = MarkdownReport.heading
        let note = runsNote(esc)
        if !note.isEmpty { md += note.joined(separator: "\n") + "\n\n" }
        for c in cells {
            var body = c.markdown
            for (i, f) in c.figures.enumerated() {
                let link = "![\(esc(f.id + ": " + f.title))](\(ReportWriter.percentEncode(figurePath(f.png))))"
                body = replacingLine(ReportCell.placeholder(i), with: link, in: body)
            }
            md += body
            if let f = footer(c) {
                if let stale = f.stale { md += "> **STALE:** " + esc("its inputs were computed by \(stale); regenerate it with the command below.") + "\n>\n" }
                md += "> " + f.facts.map { label, value, code in
                    "\(label): " + (code ? "`" + value.replacingOccurrences(of: "`", with: "'") + "`" : esc(value))
                }.joined(separator: " · ") + "\n\n"
            }
        }
        return md
    }

    /// `text` with every line equal to `token` replaced.
    func replacingLine(_ token: String, with replacement: String, in text: String) -> String {
        text.components(separatedBy: "\n").map { $0 == token ? replacement : $0 }.joined(separator: "\n")
    }

    // MARK: HTML

    func html() -> String {
        let h = MarkdownText.html
        var body = "<h1>Reproduction report: Deep InfoMax in materials informatics</h1>\n"
        let note = runsNote { $0 }
        if !note.isEmpty {
            body += "<p>\(h(note[0]))</p><ul>" + note.dropFirst().map { "<li>\(h(String($0.dropFirst(2))))</li>" }.joined() + "</ul>\n"
        }
        body += "<nav class=\"toc\"><h2>Contents</h2><ol>"
        for c in cells {
            let stale = footer(c)?.stale != nil ? " <span class=\"badge stale\">stale</span>" : ""
            body += "<li><a href=\"#cell-\(h(c.id))\">\(h(c.title))</a>\(stale)</li>"
        }
        body += "</ol></nav>\n"
        for c in cells {
            var fragment = c.html
            for (i, f) in c.figures.enumerated() {
                let token = "<p>\(ReportCell.placeholder(i))</p>"
                let replacement: String
                if let data = try? Data(contentsOf: figuresDirectory.appendingPathComponent(f.png)) {
                    replacement = "<figure><img alt=\"\(h(f.id + ": " + f.title))\" src=\"data:image/png;base64,\(data.base64EncodedString())\"></figure>"
                } else {
                    replacement = "<p><strong>Missing figure file \(h(f.png))</strong></p>"
                }
                fragment = fragment.replacingOccurrences(of: token, with: replacement)
            }
            body += "<section class=\"cell\" id=\"cell-\(h(c.id))\">\n\(fragment)\n"
            if let f = footer(c) {
                if let stale = f.stale {
                    body += "<p class=\"stale-note\"><span class=\"badge stale\">stale</span> \(h("its inputs were computed by \(stale); regenerate it with the command below."))</p>\n"
                }
                body += "<p class=\"cell-footer\">" + f.facts.map { label, value, code in
                    "\(h(label)): " + (code ? "<code>\(h(value))</code>" : h(value))
                }.joined(separator: " · ") + "</p>\n"
            }
            body += "</section>\n"
        }
        return HTMLReport.page(body: body)
    }

    // MARK: Notebook

    func notebook() throws -> Data {
        try NotebookWriter(cells: cells, figuresPath: figuresPath.isEmpty ? "." : figuresPath,
                           figuresDirectory: figuresDirectory, footer: { c in
            guard let f = footer(c) else { return "" }
            let esc = { MarkdownText.escape($0, .commonMark) }
            var s = f.stale.map { "> **STALE:** " + esc("its inputs were computed by \($0); regenerate it with the command below.") + "\n>\n" } ?? ""
            s += "> " + f.facts.map { label, value, code in
                "\(label): " + (code ? "`" + value.replacingOccurrences(of: "`", with: "'") + "`" : esc(value))
            }.joined(separator: " · ") + "\n"
            return s
        }, heading: MarkdownReport.heading + runsNote { MarkdownText.escape($0, .commonMark) }.joined(separator: "\n")).data()
    }
}
