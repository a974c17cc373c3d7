import Crystals
import Foundation
import TestSupport
import XCTest

/// Files a user or a dataset could hand the readers that must be refused with one line naming
/// the file (and line) and the problem — before any large allocation, overflow or long loop.
final class HostileInputTests: XCTestCase {
    let good = StructureReaderTests.goodCIF

    func write(_ text: String, _ name: String) throws -> URL {
        let url = try TestSupport.temporaryDirectory().appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func readError(_ url: URL) -> String {
        do { _ = try StructureReader.read(url: url); return "no error" } catch { return "\(error)" }
    }

    func withEnvironment(_ name: String, _ value: String, _ body: () throws -> Void) rethrows {
        setenv(name, value, 1)
        defer { unsetenv(name) }
        try body()
    }

    func testOccupancyAboveOneIsRefused() throws {
        let m = readError(try write(good.replacingOccurrences(of: "Cl1 0.5 0.5 0.5 1", with: "Cl1 0.5 0.5 0.5 1.7"), "occ.cif"))
        XCTAssertTrue(m.hasPrefix("occ.cif, line 15: occupancy 1.7"), m)
    }

    func testTwoAtomsAtOnePositionAreRefused() throws {
        let cif = good.replacingOccurrences(of: "Cl1 0.5 0.5 0.5 1", with: "Na2 0.0 0.0 0.0 1")
        let m = readError(try write(cif, "twice.cif"))
        XCTAssertTrue(m.hasPrefix("twice.cif, line 15:") && m.contains("same position as the site of line 14"), m)
        let poscar = StructureReaderTests.goodPOSCAR.replacingOccurrences(of: "0.5 0.5 0.5", with: "1.0 0.0 0.0")
        let p = readError(try write(poscar, "POSCAR"))
        XCTAssertTrue(p.hasPrefix("POSCAR: sites 1 (Na) and 2 (Cl) are at the same position"), p)
    }

    func testHugeCellsAreRefusedWithTheLimit() throws {
        let cif = good.replacingOccurrences(of: "_cell_length_a 4.0", with: "_cell_length_a 1e6")
        let m = readError(try write(cif, "huge.cif"))
        XCTAssertTrue(m.hasPrefix("huge.cif: lattice vector 1 is 1e+06 Å long; the limit is 1000 Å (set REPRO_MAX_CELL_LENGTH"), m)
        let poscar = StructureReaderTests.goodPOSCAR.replacingOccurrences(of: "4.0 0.0 0.0", with: "1e308 0.0 0.0")
            .replacingOccurrences(of: "0.0 4.0 0.0", with: "0.0 1e308 0.0")
        let p = readError(try write(poscar, "big.vasp"))
        XCTAssertTrue(p.contains("REPRO_MAX_CELL_LENGTH") || p.contains("not finite"), p)
        // The limit moves with its variable.
        try withEnvironment("REPRO_MAX_CELL_LENGTH", "2e6") {
            XCTAssertEqual(try StructureReader.read(url: try write(cif, "huge2.cif")).count, 2)
        }
    }

    func testManyAtomsAreRefusedBeforeExpansion() throws {
        var rows = ""
        for k in 0..<100_000 { rows += "Na\(k) \(Double(k % 100) / 100) \(Double(k / 100 % 100) / 100) \(Double(k / 10_000) / 10)\n" }
        let cif = good.replacingOccurrences(of: "_cell_length_a 4.0", with: "_cell_length_a 400").replacingOccurrences(of: "_cell_length_b 4.0", with: "_cell_length_b 400")
            .replacingOccurrences(of: "_atom_site_occupancy\nNa1 0 0 0 1\nCl1 0.5 0.5 0.5 1", with: "") + rows
        let start = Date()
        let m = readError(try write(cif, "many.cif"))
        XCTAssertTrue(m.contains("100000 rows; the limit is 5000 atoms (set REPRO_MAX_ATOMS to change it)"), m)
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)
        // Symmetry expansion is bounded too: 2 rows × 192 operations of Fm-3m (100 sites, as pymatgen), limit 50.
        try withEnvironment("REPRO_MAX_ATOMS", "50") {
            let sym = good.replacingOccurrences(of: "_cell_angle_gamma 90", with: "_cell_angle_gamma 90\n_symmetry_space_group_name_H-M 'F m -3 m'")
                .replacingOccurrences(of: "Cl1 0.5 0.5 0.5 1", with: "Cl1 0.1 0.2 0.3 1")
            let e = readError(try write(sym, "expand.cif"))
            XCTAssertTrue(e.contains("more than 50 atoms (set REPRO_MAX_ATOMS"), e)
        }
    }

    func testLargeFileIsRefusedBeforeReading() throws {
        let url = try TestSupport.temporaryDirectory().appendingPathComponent("giant.cif")
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let h = try FileHandle(forWritingTo: url)
        try h.truncate(atOffset: 1 << 30)  // a sparse 1 GB file
        try h.close()
        let start = Date()
        let m = readError(url)
        XCTAssertTrue(m.hasPrefix("giant.cif: file is 1024 MB; the limit is 64 MB (set REPRO_MAX_FILE_MB"), m)
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func testDirectoryAndMissingFileSaySo() throws {
        let dir = try TestSupport.temporaryDirectory()
        XCTAssertEqual(readError(dir), "\(dir.lastPathComponent): is a directory, not a structure or data file")
        XCTAssertEqual(readError(dir.appendingPathComponent("nope.cif")), "nope.cif: no such file")
    }

    func testControlCharactersAreEscaped() throws {
        let m = readError(try write(good.replacingOccurrences(of: "Na1 0 0 0 1", with: "\u{1B}[31mZz 0 0 0 1"), "esc.cif"))
        XCTAssertFalse(m.contains("\u{1B}"), m)
        XCTAssertTrue(m.contains("'\\u{1B}[31mZz' names no element"), m)
    }

    func testJSONUnknownElementIsQuotedPlainly() throws {
        let json = #"{"lattice": {"matrix": [[4,0,0],[0,4,0],[0,0,4]]}, "sites": [{"species": [{"element": "Zz", "occu": 1}], "abc": [0,0,0]}]}"#
        let m = readError(try write(json, "zz.json"))
        XCTAssertEqual(m, "zz.json: site 0: unknown element 'Zz'")
        XCTAssertFalse(m.contains("Optional"))
    }

    func testSpecialLabelsFollowPymatgen() throws {
        func read(_ label: String) throws -> Structure {
            try CIFReader.parse(good.replacingOccurrences(of: "Na1 0 0 0 1", with: "\(label) 0 0 0 1"), file: "l.cif")
        }
        XCTAssertEqual(try read("Wat").species, ["O", "Cl"])
        XCTAssertEqual(try read("D1").species, ["H", "Cl"])
        XCTAssertEqual(try read("Nax").species, ["Na", "Cl"])
        XCTAssertThrowsError(try read("Og1")) { XCTAssertTrue("\($0)".contains("'Og1' is element Og (Z = 118)"), "\($0)") }
        XCTAssertThrowsError(try read("OH2")) { XCTAssertTrue("\($0)".contains("'OH2' names a group"), "\($0)") }
    }

    func testWindowsLineEndings() throws {
        let crlf = good.replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertEqual(try StructureReader.read(url: try write(crlf, "noext")).count, 2)
        let poscar = StructureReaderTests.goodPOSCAR.replacingOccurrences(of: "\n", with: "\r\n")
        XCTAssertEqual(try StructureReader.read(url: try write(poscar, "POSCAR")).count, 2)
    }
}

/// POSCAR element lines: exact symbols (and upper case), nothing truncated into another element.
final class POSCARElementTests: XCTestCase {
    func read(_ symbols: String) throws -> Structure {
        try POSCARReader.parse(StructureReaderTests.goodPOSCAR.replacingOccurrences(of: "Na Cl", with: symbols), file: "POSCAR")
    }

    func testSymbolsAreReadExactly() throws {
        XCTAssertEqual(try read("NA CL").species, ["Na", "Cl"])
        XCTAssertEqual(try read("Na_pv Cl").species, ["Na", "Cl"])
        for bad in ["Og Cl", "Oxygen Cl", "Nax Cl", "Zz Cl"] {
            XCTAssertThrowsError(try read(bad), bad) { e in
                XCTAssertTrue("\(e)".hasPrefix("POSCAR, line 6: "), "\(e)")
                XCTAssertTrue("\(e)".contains("'\(bad.split(separator: " ")[0])'"), "\(e)")
            }
        }
    }
}
