import CCairo
import FileOutput
import Foundation

/// File names (relative to the output directory) of one written figure.
public struct FigureFiles: Equatable, Sendable {
    /// PNG file name (for HTML).
    public var png: String
    /// SVG file name.
    public var svg: String
    /// PDF file name.
    public var pdf: String
    /// CSV of the plotted data (see ``FigureCSV``).
    public var csv: String
    /// gnuplot script that redraws the figure from the CSV.
    public var gnuplot: String
}

/// A failure while writing a figure, naming the file.
public struct PlottingError: Error, CustomStringConvertible, Equatable {
    /// One line naming the file and what went wrong.
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Writes figures as PNG, SVG and PDF (Cairo), the plotted data as CSV and a gnuplot script that
/// redraws the figure from that CSV.
///
/// Byte stability: the same figure gives the same bytes on every render on the same machine
/// (same Cairo and fonts). PDF creation and modification dates are fixed to ``fixedDate``; SVG
/// element ids (which Cairo numbers with process-wide counters) are renumbered in order of first
/// appearance; PNG carries no time stamp. Files are written to a temporary name and renamed.
public enum FigureWriter {
    /// The date written into every PDF (ISO 8601, as `cairo_pdf_surface_set_metadata` expects).
    public static let fixedDate = "2000-01-01T00:00:00Z"

    /// Writes `<name>.png/.svg/.pdf/.csv/.gnuplot` into `directory` (created if needed); throws
    /// ``PlottingError`` naming the file when Cairo or the file system fails.
    @discardableResult
    public static func write(_ figure: Figure, to directory: URL) throws -> FigureFiles {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let files = FigureFiles(png: figure.name + ".png", svg: figure.name + ".svg", pdf: figure.name + ".pdf",
                                csv: figure.name + ".csv", gnuplot: figure.name + ".gnuplot")
        let layout = makeLayout(figure)
        try renderPNG(figure, layout: layout, to: directory.appendingPathComponent(files.png))
        try renderSVG(figure, layout: layout, to: directory.appendingPathComponent(files.svg))
        try renderPDF(figure, layout: layout, to: directory.appendingPathComponent(files.pdf))
        try atomicWrite(Data(FigureCSV.csv(for: figure).utf8), to: directory.appendingPathComponent(files.csv))
        let script = GnuplotScript.script(for: figure, layout: layout, csvFile: files.csv)
        try atomicWrite(Data(script.utf8), to: directory.appendingPathComponent(files.gnuplot))
        return files
    }

    /// Size of the figure in points (width, height).
    public static func size(of figure: Figure) -> (width: Double, height: Double) {
        let l = makeLayout(figure)
        return (l.width, l.height)
    }

    /// Pairs of drawn texts whose boxes (line height × advance width, shrunk by 0.5 pt) overlap, or that
    /// stick out of the figure, as readable descriptions; empty when every label is clear.
    public static func textOverlaps(_ figure: Figure) -> [String] {
        let layout = makeLayout(figure)
        let m = TextEngine.makeMeasuringContext()
        defer { TextEngine.destroyMeasuringContext(m) }
        let rec = TextRecorder()
        FigureRenderer.draw(figure, layout: layout, on: m.1, recorder: rec)
        var problems: [String] = []
        let boxes = rec.boxes.map { ($0.0, $0.1.insetBy(0.5)) }
        let page = Rect(x: 0, y: 0, width: layout.width, height: layout.height)
        for (i, a) in boxes.enumerated() {
            if a.1.x < page.x || a.1.y < page.y || a.1.maxX > page.maxX || a.1.maxY > page.maxY {
                problems.append("'\(a.0)' leaves the figure")
            }
            for b in boxes[(i + 1)...] where a.1.intersects(b.1) { problems.append("'\(a.0)' overlaps '\(b.0)'") }
        }
        return problems
    }

    static func makeLayout(_ figure: Figure) -> FigureLayout {
        let m = TextEngine.makeMeasuringContext()
        defer { TextEngine.destroyMeasuringContext(m) }
        return FigureLayout(figure: figure, text: TextEngine(cr: m.1))
    }

    static func check(_ surface: OpaquePointer, _ url: URL) throws {
        let st = cairo_surface_status(surface)
        guard st == CAIRO_STATUS_SUCCESS else {
            throw PlottingError("\(url.path): cairo failed: \(String(cString: cairo_status_to_string(st)))")
        }
    }

    static func temporary(_ url: URL) -> URL { AtomicFile.temporaryURL(for: url) }

    static func replace(_ url: URL, with tmp: URL) throws {
        do { try AtomicFile.replace(url, withTemporary: tmp) } catch let f as AtomicFile.Failure {
            throw PlottingError("\(url.path): cannot rename temporary file: \(f.reason)")
        }
    }

    static func atomicWrite(_ data: Data, to url: URL) throws {
        do { try AtomicFile.write(data, to: url) } catch let f as AtomicFile.Failure {
            throw PlottingError(f.stage == .write ? "\(url.path): cannot write: \(f.reason)"
                                                  : "\(url.path): cannot rename temporary file: \(f.reason)")
        }
    }

    static func renderPNG(_ figure: Figure, layout: FigureLayout, to url: URL) throws {
        let s = figure.pngScale
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32((layout.width * s).rounded(.up)),
                                                       Int32((layout.height * s).rounded(.up))) else {
            throw PlottingError("\(url.path): cannot create image surface")
        }
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        cairo_scale(cr, s, s)
        FigureRenderer.draw(figure, layout: layout, on: cr)
        cairo_destroy(cr)
        cairo_surface_flush(surface)
        try check(surface, url)
        let tmp = temporary(url)
        let st = cairo_surface_write_to_png(surface, tmp.path)
        guard st == CAIRO_STATUS_SUCCESS else {
            throw PlottingError("\(url.path): cannot write PNG: \(String(cString: cairo_status_to_string(st)))")
        }
        try replace(url, with: tmp)
    }

    static func renderSVG(_ figure: Figure, layout: FigureLayout, to url: URL) throws {
        let tmp = temporary(url)
        guard let surface = cairo_svg_surface_create(tmp.path, layout.width, layout.height) else {
            throw PlottingError("\(url.path): cannot create SVG surface")
        }
        defer { cairo_surface_destroy(surface) }
        try drawAndFinish(figure, layout: layout, on: surface, url)
        let raw: Data
        do { raw = try Data(contentsOf: tmp) } catch { throw PlottingError("\(url.path): cannot read back SVG: \(error)") }
        try? FileManager.default.removeItem(at: tmp)
        try atomicWrite(Data(SVGIds.normalize(String(decoding: raw, as: UTF8.self)).utf8), to: url)
    }

    static func renderPDF(_ figure: Figure, layout: FigureLayout, to url: URL) throws {
        let tmp = temporary(url)
        guard let surface = cairo_pdf_surface_create(tmp.path, layout.width, layout.height) else {
            throw PlottingError("\(url.path): cannot create PDF surface")
        }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, fixedDate)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, fixedDate)
        if !figure.title.isEmpty { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, figure.title) }
        defer { cairo_surface_destroy(surface) }
        try drawAndFinish(figure, layout: layout, on: surface, url)
        try replace(url, with: tmp)
    }

    /// Draws `figure` on a vector (SVG or PDF) surface, finishes it, which makes Cairo write its
    /// file, and checks the surface's status. The caller destroys the surface.
    static func drawAndFinish(_ figure: Figure, layout: FigureLayout, on surface: OpaquePointer, _ url: URL) throws {
        let cr = cairo_create(surface)!
        FigureRenderer.draw(figure, layout: layout, on: cr)
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        try check(surface, url)
    }
}

/// Renumbers SVG ids deterministically.
enum SVGIds {
    /// Every `id="…"` gets the name `<prefix>-<k>` where prefix is the id's alphabetic head and k
    /// counts ids in order of first appearance; references (`#old` followed by `"` or `)`, as in
    /// `xlink:href="#old"` and `url(#old)`) follow. Works on UTF-8 bytes (ids are ASCII).
    static func normalize(_ svg: String) -> String {
        let bytes = Array(svg.utf8)
        let idMarker = Array(" id=\"".utf8)
        let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#"), paren = UInt8(ascii: ")")
        func matches(_ at: Int, _ pattern: [UInt8]) -> Bool {
            guard at + pattern.count <= bytes.count else { return false }
            for k in 0..<pattern.count where bytes[at + k] != pattern[k] { return false }
            return true
        }
        // Ids in document order.
        var mapping: [ArraySlice<UInt8>: [UInt8]] = [:]
        var i = 0, k = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: " ") && matches(i, idMarker) {
                let start = i + idMarker.count
                var j = start
                while j < bytes.count && bytes[j] != quote { j += 1 }
                let id = bytes[start..<j]
                if mapping[id] == nil {
                    let head = id.prefix { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
                    mapping[id] = Array((head.isEmpty ? "id" : String(decoding: head, as: UTF8.self)).utf8) + Array("-\(k)".utf8)
                    k += 1
                }
                i = j
            } else { i += 1 }
        }
        guard !mapping.isEmpty else { return svg }
        // Rewrite definitions and references.
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 20)
        i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == hash || (b == quote && i >= 4 && matches(i - 4, idMarker)) {
                var j = i + 1
                while j < bytes.count && bytes[j] != quote && bytes[j] != paren && bytes[j] != UInt8(ascii: " ") && bytes[j] != UInt8(ascii: "\n") { j += 1 }
                if j < bytes.count, let new = mapping[bytes[(i + 1)..<j]] {
                    out.append(b); out += new; i = j; continue
                }
            }
            out.append(b); i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
