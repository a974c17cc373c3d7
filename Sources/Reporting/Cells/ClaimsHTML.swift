import Foundation

/// The HTML of the Claims section: one compact row per claim (id, figure, verdict badge, one-line
/// why) that opens, as a `<details>` element, to the claim, its rule, evidence and numbers. No
/// script: the browser folds and unfolds.
enum ClaimsHTML {
    /// `sectionMarkdown` is the section's Ink-mode Markdown; its heading and introduction (the text
    /// before the table) are kept, the table becomes the rows.
    static func render(analysis: ResultsAnalysis, heading sectionMarkdown: String) -> String {
        let h = MarkdownText.html
        let intro = sectionMarkdown.components(separatedBy: "\n| ").first ?? sectionMarkdown
        var s = HTMLReport.markdownToHTML(intro) + "\n<div class=\"claims\">\n"
        for c in analysis.claims {
            let v = c.verdict.rawValue
            s += "<details class=\"claim\" id=\"claim-\(h(c.id))\"><summary><strong>\(h(c.id))</strong>"
            s += "<span>\(h(c.figure))</span><span class=\"badge \(v)\">\(h(v))</span><span class=\"why\">\(h(c.reason))</span></summary>\n<dl>"
            for (label, value) in [("Claim", c.claim), ("Why this verdict", c.reason), ("Verdict rule", c.rule), ("Evidence", c.evidence),
                                   ("Our numbers", c.ours), ("The paper's numbers", c.paper)] {
                s += "<dt>\(h(label))</dt><dd>\(h(value))</dd>"
            }
            s += "</dl></details>\n"
        }
        return s + "</div>\n"
    }
}
