import Crystals
import Foundation
import TestSupport
import XCTest

/// The streaming Matbench reader: the incremental JSON parser across chunk boundaries, and the
/// one-line errors for bad or foreign files (each names the file, and the record where there is one).
final class MatbenchStreamTests: XCTestCase {
    /// Parses `text` through a parser whose buffer is `chunk` bytes, so tokens straddle refills.
    func parse(_ text: String, chunk: Int = 16) throws -> JSONValue {
        let p = JSONStreamParser(source: DataChunkSource(Data(text.utf8)), chunkSize: chunk)
        let v = try p.value()
        try p.expectEnd()
        return v
    }

    func testParserReadsValuesAcrossChunkBoundaries() throws {
        let text = #"{"a": [1, -0.5, 2.5e-3, 1E+2, 0, -0], "s": "x\"\\\/\n\u00e9\ud83d\ude00", "t": true, "f": false, "n": null, "q": [NaN, Infinity, -Infinity], "a": 7}"#
        for chunk in [16, 17, 1 << 20] {
            let v = try parse(text, chunk: chunk)
            XCTAssertEqual(v["a"], .number(7), "the last duplicate wins, as in Python")
            guard case .object(let o) = v else { return XCTFail("not an object") }
            XCTAssertEqual(o.values[0], .array([.number(1), .number(-0.5), .number(0.0025), .number(100), .number(0), .number(-0.0)]))
            XCTAssertEqual(v["s"], .string("x\"\\/\n\u{e9}\u{1F600}"))
            XCTAssertEqual(v["t"], .bool(true)); XCTAssertEqual(v["f"], .bool(false)); XCTAssertEqual(v["n"], .null)
            let q = v["q"]!.array!.map(\.number!)
            XCTAssertTrue(q[0].isNaN); XCTAssertEqual(q[1], .infinity); XCTAssertEqual(q[2], -.infinity)
        }
        // Correctly rounded: the shortest representation of a double reads back to the same bits.
        for d in [0.1, 1.0 / 3, 6.02214076e23, 5e-324, 1.7976931348623157e308, -2.718281828459045] {
            XCTAssertEqual(try parse("\(d)").number, d)
        }
    }

    func testParserRejectsInvalidJSONWithItsOffset() {
        let cases: [(String, String)] = [
            ("[1, 2", "expected ',' or ']', found the end of the file"), ("[1, \"ab", "end of the file inside a string"), ("[1,]", "expected a JSON value"), ("{\"a\" 1}", "expected ':'"),
            ("01", "leading zero"), ("1.", "no digits after '.'"), ("\"a\u{01}\"", "control character"),
            ("[1] x", "after the end of the JSON document"), ("tru", "expected true"), ("\"\\x\"", "invalid escape"),
            (String(repeating: "[", count: 200), "nesting deeper than"),
        ]
        for (text, message) in cases {
            XCTAssertThrowsError(try parse(text), text) { e in
                guard let e = e as? JSONSyntaxError else { return XCTFail("\(e)") }
                XCTAssertTrue(e.message.contains(message), "\(text): \(e.message)")
            }
        }
        XCTAssertThrowsError(try parse("[1, 2, x]")) { XCTAssertEqual(($0 as? JSONSyntaxError)?.offset, 7) }
    }

    // MARK: Matbench files

    /// A structure dict as pymatgen writes it, with `site` changes applied to site 0.
    func structureText(element: String = "Na", siteExtra: String = "", lattice: String? = nil) -> String {
        let lat = lattice ?? #"{"matrix": [[4.0, 0.0, 0.0], [0.0, 4.0, 0.0], [0.0, 0.0, 4.0]], "pbc": [true, true, true], "a": 4.0, "b": 4.0, "c": 4.0, "alpha": 90.0, "beta": 90.0, "gamma": 90.0, "volume": 64.0}"#
        return #"{"@module": "pymatgen.core.structure", "@class": "Structure", "charge": 0.0, "lattice": "# + lat + #", "properties": {}, "sites": [{"species": [{"element": ""# + element + #"", "occu": 1}], "abc": [0.0, 0.0, 0.0]"# + siteExtra + #", "properties": {}, "label": "Na", "xyz": [0.0, 0.0, 0.0]}, {"species": [{"element": "Cl", "occu": 1}], "abc": [0.5, 0.5, 0.5], "properties": {}, "label": "Cl", "xyz": [2.0, 2.0, 2.0]}]}"#
    }

    /// A small Matbench file's text: `rows` structure texts labelled 0.1, 0.2, …
    func fileText(task: Matbench.Task = .gap, rows: [String], ids: [String]? = nil) -> String {
        let prefix = task == .gap ? "mb-mp-gap-" : "mb-mp-e-form-"
        let ids = ids ?? rows.indices.map { String(format: "\(prefix)%06d", $0 + 1) }
        let data = rows.enumerated().map { "[\($0.element), \(Double($0.offset + 1) / 10)]" }
        return "{\"index\": [" + ids.map { "\"\($0)\"" }.joined(separator: ", ") + "], \"columns\": [\"structure\", \"\(task.targetColumn)\"], \"data\": [" + data.joined(separator: ", ") + "]}"
    }

    /// Writes `text` gzipped as `name` in a fresh directory.
    func writeGzip(_ text: String, _ name: String) throws -> URL {
        let url = try TestSupport.temporaryDirectory().appendingPathComponent(name)
        let w = try GzipFileWriter(url: url)
        try w.write(text)
        try w.close()
        return url
    }

    /// The one-line error `Matbench.load` throws for `url`.
    func loadError(_ url: URL, expecting: Matbench.Task? = nil, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try Matbench.load(url: url, expecting: expecting)
            XCTFail("\(url.lastPathComponent) was accepted", file: file, line: line)
            return ""
        } catch {
            let text = "\(error)"
            XCTAssertFalse(text.contains("\n"), "not one line: \(text)", file: file, line: line)
            XCTAssertTrue(text.hasPrefix(url.lastPathComponent + ": "), "does not name the file: \(text)", file: file, line: line)
            return text
        }
    }

    func testGzippedFileStreamsRowsInOrder() throws {
        let rows = (0..<5).map { _ in structureText() }
        let url = try writeGzip(fileText(task: .eForm, rows: rows), "matbench_mp_e_form.json.gz")
        var seen: [String] = []
        let task = try Matbench.stream(url: url, expecting: .eForm) { row in
            guard case .record(let r) = row else { return XCTFail("\(row)") }
            seen.append(r.id)
            XCTAssertEqual(r.eForm, Double(seen.count) / 10); XCTAssertNil(r.bandGap)
            XCTAssertEqual(r.structure.atomicNumbers, [11, 17])
            XCTAssertEqual(r.structure.fractional[1], SIMD3(0.5, 0.5, 0.5))
        }
        XCTAssertEqual(task, .eForm)
        XCTAssertEqual(seen, (1...5).map { String(format: "mb-mp-e-form-%06d", $0) })
    }

    func testTruncatedGzipIsAnError() throws {
        let url = try writeGzip(fileText(rows: (0..<200).map { _ in structureText() }), "matbench_mp_gap.json.gz")
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count * 2 / 3).write(to: url)
        let m = loadError(url)
        XCTAssertTrue(m.contains("truncated gzip file"), m)
        // The whole-file reader used for single structures says the same.
        XCTAssertThrowsError(try Gzip.contents(of: url)) { XCTAssertTrue("\($0)".contains("truncated gzip file"), "\($0)") }
    }

    func testOtherOrientationsAreErrors() throws {
        let s = structureText()
        let records = try writeGzip("[{\"structure\": \(s), \"gap pbe\": 0.1}]", "records.json.gz")
        XCTAssertTrue(loadError(records).contains("found a JSON array (orient=\"records\""), loadError(records))
        let columns = try writeGzip("{\"structure\": {\"mb-mp-gap-000001\": \(s)}, \"gap pbe\": {\"mb-mp-gap-000001\": 0.1}}", "columns.json.gz")
        XCTAssertTrue(loadError(columns).contains("unexpected key \"structure\""), loadError(columns))
        let table = try writeGzip("{\"schema\": {}, \"data\": []}", "table.json.gz")
        XCTAssertTrue(loadError(table).contains("orient=\"table\""), loadError(table))
    }

    func testOtherTaskFileIsAnError() throws {
        let url = try writeGzip(fileText(task: .gap, rows: [structureText()]), "matbench_mp_gap.json.gz")
        let m = loadError(url, expecting: .eForm)
        XCTAssertTrue(m.contains("is a matbench_mp_gap file (target column \"gap pbe\"), not the matbench_mp_e_form file"), m)
        XCTAssertEqual(try Matbench.load(url: url, expecting: .gap).task, .gap)
    }

    func testMissingColumnsAndKeysAreErrors() throws {
        let one = fileText(rows: [structureText()])
        let noTarget = try writeGzip(one.replacingOccurrences(of: #"["structure", "gap pbe"]"#, with: #"["structure"]"#), "a.json.gz")
        XCTAssertTrue(loadError(noTarget).contains("expected columns [\"structure\", \"gap pbe\" | \"e_form\"], found [\"structure\"]"), loadError(noTarget))
        let swapped = try writeGzip(one.replacingOccurrences(of: #"["structure", "gap pbe"]"#, with: #"["gap pbe", "structure"]"#), "b.json.gz")
        XCTAssertTrue(loadError(swapped).contains("expected columns"), loadError(swapped))
        let noIndex = try writeGzip(one.replacingOccurrences(of: #""index": ["mb-mp-gap-000001"], "#, with: ""), "c.json.gz")
        XCTAssertTrue(loadError(noIndex).contains("no \"index\""), loadError(noIndex))
        let noData = try writeGzip(#"{"index": [], "columns": ["structure", "gap pbe"]}"#, "d.json.gz")
        XCTAssertTrue(loadError(noData).contains("no \"data\""), loadError(noData))
        let duplicate = try writeGzip(fileText(rows: [structureText(), structureText()], ids: ["mb-mp-gap-000001", "mb-mp-gap-000001"]), "e.json.gz")
        XCTAssertTrue(loadError(duplicate).contains("repeats the id \"mb-mp-gap-000001\" (entry 2)"), loadError(duplicate))
        let notPair = try writeGzip(fileText(rows: [structureText()]).replacingOccurrences(of: ", 0.1]]", with: "]]"), "f.json.gz")
        XCTAssertTrue(loadError(notPair).contains("record 1 (mb-mp-gap-000001): expected a row [structure, value], found 1 values"), loadError(notPair))
    }

    /// Each structure pymatgen 2026.10's `Structure.from_dict` raises on (checked by hand in
    /// Python) is an error naming the record; the ones it reads are skipped rows, not errors.
    func testStructuresPymatgenRejectsAreErrorsNamingTheRecord() throws {
        let rejected: [(String, String)] = [
            (structureText(element: "Xx"), "site 0: 'Xx' is not an element symbol"),
            (structureText(element: "Fe2+"), "'Fe2+' is not an element symbol"),
            (structureText().replacingOccurrences(of: #""abc": [0.0, 0.0, 0.0], "#, with: ""), "site 0: \"abc\" is not 3 numbers"),
            (structureText().replacingOccurrences(of: #"[0.0, 0.0, 0.0], "properties""#, with: #"[0.0, 0.0], "properties""#), "\"abc\" is not 3 numbers"),
            (structureText().replacingOccurrences(of: #""occu": 1}], "abc": [0.0"#, with: #""occu": 1.5}], "abc": [0.0"#), "occupancies sum to more than 1"),
            (structureText().replacingOccurrences(of: #", "occu": 1}], "abc": [0.0"#, with: #"}], "abc": [0.0"#), "has no numeric \"occu\""),
            (structureText(lattice: #"{"matrix": [[4.0, 0.0, 0.0], [0.0, 4.0, 0.0]]}"#), "\"lattice.matrix\" has 6 numbers"),
            (structureText(lattice: #"{"a": 4.0}"#), "no \"matrix\" and no numeric \"b\""),
            (#"{"lattice": {"matrix": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]}, "sites": []}"#, "\"sites\" is empty"),
            (#"{"sites": []}"#, "no \"lattice\" object"),
            ("\"NaCl\"", "the structure is a string"),
        ]
        for (k, (structure, message)) in rejected.enumerated() {
            let url = try writeGzip(fileText(rows: [structureText(), structureText(), structure]), "bad\(k).json.gz")
            let m = loadError(url)
            XCTAssertTrue(m.contains("record 3 (mb-mp-gap-000003): ") && m.contains(message) && m.contains("pymatgen's Structure.from_dict would reject"), m)
        }
        let accepted: [(String, String)] = [
            (structureText(element: "Og"), "beyond the supported H to Lr"),
            (structureText().replacingOccurrences(of: #"[{"element": "Na", "occu": 1}]"#, with: "[]"), "site 0: no species"),
            (structureText().replacingOccurrences(of: #""abc": [0.0, 0.0"#, with: #""abc": [NaN, 0.0"#), "non-finite"),
            (structureText(lattice: #"{"a": 4.0, "b": 4.0, "c": 4.0, "alpha": 90, "beta": 90, "gamma": 90}"#), ""),
            (structureText(element: "D"), ""),
        ]
        let url = try writeGzip(fileText(rows: accepted.map(\.0)), "accepted.json.gz")
        let (_, ds) = try Matbench.load(url: url)
        XCTAssertEqual(ds.skipped.map(\.id), ["mb-mp-gap-000001", "mb-mp-gap-000002", "mb-mp-gap-000003"])
        for (s, (_, reason)) in zip(ds.skipped, accepted) { XCTAssertTrue(s.reason.contains(reason), s.reason) }
        XCTAssertEqual(ds.records.map(\.id), ["mb-mp-gap-000004", "mb-mp-gap-000005"])
        XCTAssertEqual(ds.records[0].structure.lattice.volume, 64, accuracy: 1e-9)
        XCTAssertEqual(ds.records[1].structure.atomicNumbers, [1, 17], "deuterium is hydrogen")
    }
}
