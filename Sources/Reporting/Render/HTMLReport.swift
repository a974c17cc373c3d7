import Foundation
import Ink

/// The self-contained HTML report: the Markdown converted by Ink, figures embedded as base64 PNG
/// data URIs, a small inline stylesheet, no external resources.
enum HTMLReport {
    static let stylesheet = """
    body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
    h1{font-size:1.7em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
    table{border-collapse:collapse;margin:1em 0;font-size:.85em;display:block;overflow-x:auto}
    th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
    th{background:#f3f3f3}tr:nth-child(even) td{background:#fafafa}
    figure{margin:1em 0;text-align:center}figure img{max-width:100%;height:auto;border:1px solid #eee}
    figcaption{font-size:.9em;color:#555}
    """

    /// Converts `markdown` (with figure placeholders `FIGUREPLACEHOLDER<i>` as paragraphs) to one HTML file.
    /// `png(i)` returns the PNG bytes of figure i, or nil when the file is missing.
    static func render(markdown: String, figures: [FigureOutput], png: (Int) -> Data?) -> String {
        var body = markdownToHTML(markdown)
        for (i, f) in figures.enumerated() {
            let token = placeholder(i)
            let alt = MarkdownText.html("\(f.id): \(f.title)")
            let replacement: String
            if let data = png(i) {
                replacement = "<figure><img alt=\"\(alt)\" src=\"data:image/png;base64,\(data.base64EncodedString())\"></figure>"
            } else {
                replacement = "<p><strong>Missing figure file \(MarkdownText.html(f.png))</strong></p>"
            }
            body = body.replacingOccurrences(of: "<p>\(token)</p>", with: replacement)
        }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Reproduction report: Deep InfoMax in materials informatics</title>
        <style>
        \(stylesheet)
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// Ink's Markdown → HTML conversion (one place, so tests exercise exactly what the report uses).
    static func markdownToHTML(_ markdown: String) -> String { MarkdownParser().html(from: markdown) }

    /// The placeholder paragraph for figure i (letters only, so Ink leaves it alone).
    static func placeholder(_ i: Int) -> String {
        let letters = Array("ABCDEFGHIJ")
        return "FIGUREPLACEHOLDER" + String(i).compactMap { $0.wholeNumberValue.map { String(letters[$0]) } }.joined()
    }
}
