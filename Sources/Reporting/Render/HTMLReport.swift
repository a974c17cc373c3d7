import Foundation
import Ink

/// The self-contained HTML report: the Markdown converted by Ink, figures embedded as base64 PNG
/// data URIs, a small inline stylesheet, no external resources.
enum HTMLReport {
    static let stylesheet = """
    body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
    h1{font-size:1.7em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
    .scroll{overflow-x:auto;max-width:100%;margin:1em 0}
    table{border-collapse:collapse;font-size:.85em;width:max-content}
    th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top;max-width:28em}
    th{background:#f3f3f3}tr:nth-child(even) td{background:#fafafa}
    figure{margin:1em 0;text-align:center;overflow-x:auto}figure img{max-width:100%;height:auto;border:1px solid #eee}
    figcaption{font-size:.9em;color:#555}
    nav.toc{background:#f7f7f7;border:1px solid #ddd;padding:.3em 1em;margin:1em 0}nav.toc h2{margin-top:.5em;font-size:1.1em;border:0}
    nav.toc ol{columns:2 22em;margin:.3em 0;padding-left:1.5em}
    .cell-footer{font-size:.8em;color:#555;border-top:1px dashed #ccc;padding-top:.3em;overflow-wrap:anywhere}
    .cell-footer code,.claim code{background:#f3f3f3;padding:0 .2em}
    .badge{display:inline-block;border-radius:.6em;padding:0 .55em;font-size:.8em;font-weight:600;color:#fff;background:#777;white-space:nowrap}
    .badge.reproduced{background:#1a7f37}.badge.contradicted{background:#b42318}.badge.inconclusive{background:#8a6d00}.badge.stale{background:#6e40c9}
    .claims{margin:1em 0;border-top:1px solid #ddd}
    details.claim{border-bottom:1px solid #ddd;padding:.25em 0}
    details.claim summary{cursor:pointer;display:grid;grid-template-columns:3.2em 3.6em 7.5em minmax(0,1fr);gap:.5em;align-items:baseline}
    details.claim summary .why{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}details.claim[open] summary .why{white-space:normal}
    details.claim dl{margin:.4em 0 .6em 1.5em;font-size:.9em}details.claim dt{font-weight:600;margin-top:.3em}details.claim dd{margin-left:1em}
    @media (max-width:900px){details.claim summary{grid-template-columns:3em 3.4em minmax(0,1fr)}details.claim summary .why{grid-column:1/-1}}
    """

    /// A whole self-contained page around `body` (inline stylesheet, no scripts, no external URLs).
    static func page(body: String) -> String {
        """
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

    /// Ink's Markdown → HTML conversion (one place, so tests exercise exactly what the report uses);
    /// each table is wrapped in a `div.scroll`, so a wide table scrolls sideways at its natural
    /// width instead of squeezing its columns.
    static func markdownToHTML(_ markdown: String) -> String {
        MarkdownParser().html(from: markdown)
            .replacingOccurrences(of: "<table>", with: "<div class=\"scroll\"><table>")
            .replacingOccurrences(of: "</table>", with: "</table></div>")
    }

    /// The placeholder paragraph for figure i (letters only, so Ink leaves it alone).
    static func placeholder(_ i: Int) -> String {
        let letters = Array("ABCDEFGHIJ")
        return "FIGUREPLACEHOLDER" + String(i).compactMap { $0.wholeNumberValue.map { String(letters[$0]) } }.joined()
    }
}
