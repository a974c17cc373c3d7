import XCTest
@testable import Reporting

final class MarkdownTextTests: XCTestCase {
    let hostile = "<script>alert(1)</script> *bold* _it_ [link](http://x) | `code` ~~s~~ & \\ \n# heading"

    func testInkModeSurvivesInkAsText() {
        let html = HTMLReport.markdownToHTML("Text " + MarkdownText.escape(hostile, .ink))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<strong>") || html.contains("<em>") || html.contains("<a ") || html.contains("<code>")
                       || html.contains("<s>") || html.contains("<h1>") || html.contains("<del>"), html)
        XCTAssertTrue(html.contains("&lt;script&gt;"))
    }

    func testInkModeInTableCells() {
        let md = MarkdownText.table(["a", "b"], [[hostile, "x|y"]], .ink)
        let html = HTMLReport.markdownToHTML(md)
        XCTAssertEqual(html.components(separatedBy: "<td>").count - 1, 2, html)
        XCTAssertFalse(html.contains("<script"))
    }

    func testCommonMarkModeKeepsWordsReadable() {
        XCTAssertEqual(MarkdownText.escape("e_form mlp-dim -0.012", .commonMark), "e_form mlp-dim -0.012")
        XCTAssertEqual(MarkdownText.escape("_x_ a*b | c", .commonMark), "\\_x\\_ a\\*b \\| c")
        XCTAssertEqual(MarkdownText.escape("- item", .commonMark), "\\- item")
        XCTAssertEqual(MarkdownText.escape("<b>&", .commonMark), "&lt;b&gt;&amp;")
        XCTAssertFalse(MarkdownText.escape("a\nb", .commonMark).contains("\n"))
    }

    func testRelativeFigurePath() {
        let base = URL(fileURLWithPath: "/tmp/x/Reports"), figs = URL(fileURLWithPath: "/tmp/x/Figures")
        XCTAssertEqual(ReportWriter.relativePath(from: base, to: figs), "../Figures")
        XCTAssertEqual(ReportWriter.relativePath(from: base, to: base), "")
    }
}
