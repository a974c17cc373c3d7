import Foundation
import Plotting
import TestSupport
import XCTest

final class FigureWriterTests: XCTestCase {
    func testEveryFormatIsWrittenValidAndPlausiblySized() throws {
        let dir = try TestSupport.temporaryDirectory("plotting")
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in SampleFigures.all {
            let files = try FigureWriter.write(f, to: dir)
            let png = try Data(contentsOf: dir.appendingPathComponent(files.png))
            XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "\(f.name): PNG signature")
            // IHDR width/height (big-endian at bytes 16…23) = layout size × pngScale.
            let w = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, h = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
            let size = FigureWriter.size(of: f)
            XCTAssertEqual(w, Int((size.width * f.pngScale).rounded(.up)))
            XCTAssertEqual(h, Int((size.height * f.pngScale).rounded(.up)))
            XCTAssertGreaterThan(w, 300); XCTAssertLessThan(w, 4000)
            XCTAssertGreaterThan(png.count, 5_000, "\(f.name): PNG suspiciously small")
            let svg = try String(contentsOf: dir.appendingPathComponent(files.svg), encoding: .utf8)
            XCTAssertTrue(svg.contains("<svg"), "\(f.name): SVG root")
            XCTAssertGreaterThan(svg.count, 5_000)
            let pdf = try Data(contentsOf: dir.appendingPathComponent(files.pdf))
            XCTAssertEqual(String(decoding: pdf.prefix(5), as: UTF8.self), "%PDF-")
            XCTAssertGreaterThan(pdf.count, 3_000)
            XCTAssertTrue(String(decoding: pdf, as: UTF8.self).contains("/CreationDate (20000101000000Z)"), "\(f.name): fixed PDF date")
        }
        // No temporary files are left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
        XCTAssertEqual(left, [])
    }

    func testTwoRendersGiveIdenticalBytes() throws {
        let a = try TestSupport.temporaryDirectory("plotting-a"), b = try TestSupport.temporaryDirectory("plotting-b")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        for f in SampleFigures.all {
            let fa = try FigureWriter.write(f, to: a)
            _ = try FigureWriter.write(f, to: b)
            for name in [fa.png, fa.svg, fa.pdf, fa.csv, fa.gnuplot] {
                let x = try Data(contentsOf: a.appendingPathComponent(name)), y = try Data(contentsOf: b.appendingPathComponent(name))
                XCTAssertEqual(x, y, "\(name) differs between two renders")
            }
        }
    }

    func testSVGIdsAreRenumberedInOrderAndReferencesFollow() throws {
        let dir = try TestSupport.temporaryDirectory("plotting-svg")
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = try FigureWriter.write(SampleFigures.lines(), to: dir)
        let svg = try String(contentsOf: dir.appendingPathComponent(files.svg), encoding: .utf8)
        let ids = svg.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        XCTAssertFalse(ids.isEmpty)
        for (k, id) in ids.enumerated() { XCTAssertTrue(id.hasSuffix("-\(k)"), "id \(id) at position \(k)") }
        // Every reference points to a defined id.
        let refs = svg.components(separatedBy: "href=\"#").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        XCTAssertFalse(refs.isEmpty)
        XCTAssertTrue(Set(refs).isSubset(of: Set(ids)), "dangling SVG references")
    }

    func testCSVHoldsExactlyThePlottedValues() throws {
        let fig = SampleFigures.boxes()
        let rows = FigureCSV.csv(for: fig).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(rows[0], ["panel", "kind", "series", "key", "x", "y", "z"])
        guard case .boxes(let b) = fig.panels[0]!.content else { return XCTFail() }
        for (k, box) in b.boxes.enumerated() {
            let mine = rows.filter { $0[0] == "a" && $0[1] == "box" && $0[2] == box.label }
            XCTAssertEqual(mine.map { Double($0[5])! }, box.values, "values of \(box.label)")
            XCTAssertEqual(mine.map { $0[3] }, box.keys)
            XCTAssertTrue(mine.allSatisfy { $0[4] == String(k + 1) })
            let ref = rows.filter { $0[0] == "a" && $0[1] == "box_ref" && $0[2] == box.label }.map { Double($0[5])! }
            XCTAssertEqual(ref, box.reference.map { [$0] } ?? [])
        }
        let scatter = SampleFigures.scatter()
        let srows = FigureCSV.csv(for: scatter).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        guard case .scatter(let s) = scatter.panels[1]!.content, case let .continuous(values, _, _, _) = s.coloring else { return XCTFail() }
        let b2 = srows.filter { $0[0] == "b" }
        XCTAssertEqual(b2.map { Double($0[4])! }, s.x)
        XCTAssertEqual(b2.map { Double($0[6])! }, values)
        XCTAssertEqual(FigureCSV.field("a,b\"c"), "a;b'c")
    }

    func testGnuplotScriptsRedrawFromCSV() throws {
        let gnuplot = URL(fileURLWithPath: "/usr/bin/gnuplot")
        guard FileManager.default.isExecutableFile(atPath: gnuplot.path) else {
            throw XCTSkip("gnuplot not installed (apt-get install gnuplot-nox): the generated scripts were not run")
        }
        let dir = try TestSupport.temporaryDirectory("plotting-gp")
        defer { try? FileManager.default.removeItem(at: dir) }
        for f in SampleFigures.all {
            let files = try FigureWriter.write(f, to: dir)
            let out = "\(f.name)-gp.png"
            let r = try TestSupport.run(gnuplot, ["-e", "outfile='\(out)'", files.gnuplot], cwd: dir)
            XCTAssertEqual(r.status, 0, "\(files.gnuplot): \(r.stderr)")
            XCTAssertFalse(r.stderr.lowercased().contains("warning"), "\(files.gnuplot): \(r.stderr)")
            let png = try Data(contentsOf: dir.appendingPathComponent(out))
            XCTAssertGreaterThan(png.count, 5_000, "\(out) looks empty")
        }
    }

    func testLayoutKeepsTickLabelsApart() throws {
        // A very narrow panel forces the tick thinning path; labels must still not collide.
        let p = Panel(xAxis: Axis(label: "x"), yAxis: Axis(label: "y"),
                      content: .lines([LineSeries(name: "s", x: [0, 123456], y: [0.001, 0.0013], color: .black)]))
        let f = Figure(name: "narrow", rows: 1, columns: 1, panels: [p], plotWidth: 60, plotHeight: 40)
        let dir = try TestSupport.temporaryDirectory("plotting-narrow")
        defer { try? FileManager.default.removeItem(at: dir) }
        XCTAssertNoThrow(try FigureWriter.write(f, to: dir))
        XCTAssertTrue(FigureWriter.textOverlaps(f).isEmpty, "\(FigureWriter.textOverlaps(f))")
        for sample in SampleFigures.all { XCTAssertTrue(FigureWriter.textOverlaps(sample).isEmpty, sample.name) }
    }

    func testUnwritableDirectoryGivesClearError() {
        let f = SampleFigures.lines()
        XCTAssertThrowsError(try FigureWriter.write(f, to: URL(fileURLWithPath: "/proc/nonexistent/figs"))) { e in
            XCTAssertTrue("\(e)".contains("/proc/nonexistent"), "\(e)")
        }
    }
}

final class OverlapCheckTests: XCTestCase {
    /// The overlap check must be able to fail: a y-axis label far longer than its plot is tall sticks
    /// out of the figure and runs into the panel title.
    func testOverlapCheckReportsALabelThatCannotFit() {
        let p = Panel(title: "title", xAxis: Axis(label: "x"),
                      yAxis: Axis(label: "a very long axis label that cannot possibly fit beside this plot"),
                      content: .lines([LineSeries(name: "s", x: [0, 1], y: [0, 1], color: .black)]))
        let f = Figure(name: "bad", rows: 1, columns: 1, panels: [p], plotWidth: 120, plotHeight: 40)
        XCTAssertFalse(FigureWriter.textOverlaps(f).isEmpty)
    }
}
