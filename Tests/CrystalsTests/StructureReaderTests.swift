import Crystals
import Foundation
import TestSupport
import XCTest

/// Every reader on files pymatgen wrote and read (Scripts/fixtures/crystals/make_reader_fixtures.py).
final class StructureReaderTests: XCTestCase {
    struct Expected: Decodable {
        struct File: Decodable {
            let natoms: Int
            let composition: [String: Int]
            let lattice: [Double]
            let volume: Double
            let distances: [Double]
        }
        let files: [String: File]
    }

    static var fixtures: URL { Bundle.module.url(forResource: "Fixtures", withExtension: nil)! }

    func testReadersAgreeWithPymatgen() throws {
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("expected.json")))
        XCTAssertGreaterThanOrEqual(expected.files.count, 20)
        for (name, e) in expected.files.sorted(by: { $0.key < $1.key }) {
            let s = try StructureReader.read(url: Self.fixtures.appendingPathComponent(name))
            XCTAssertEqual(s.count, e.natoms, name)
            XCTAssertEqual(s.composition, e.composition, name)
            let p = s.lattice.parameters
            for (x, y) in zip([p.a, p.b, p.c, p.alpha, p.beta, p.gamma], e.lattice) { XCTAssertEqual(x, y, accuracy: 1e-4, name) }
            XCTAssertEqual(s.lattice.volume, e.volume, accuracy: 1e-3, name)
            guard s.count == e.natoms else { continue }
            let d = s.distanceMatrix
            var pairs: [Double] = []
            for i in 0..<s.count { for j in (i + 1)..<s.count { pairs.append(d[i * s.count + j]) } }
            pairs.sort()
            let worst = zip(pairs, e.distances).map { abs($0 - $1) }.max() ?? 0
            XCTAssertLessThan(worst, 2e-3, "\(name): pairwise distances differ by \(worst) Å")
        }
    }

    func testFormatDetection() {
        let u = { (n: String) in URL(fileURLWithPath: "/x/\(n)") }
        XCTAssertEqual(StructureReader.format(of: u("a.cif"), contents: ""), .cif)
        XCTAssertEqual(StructureReader.format(of: u("POSCAR"), contents: ""), .poscar)
        XCTAssertEqual(StructureReader.format(of: u("CONTCAR_relaxed"), contents: ""), .poscar)
        XCTAssertEqual(StructureReader.format(of: u("x.vasp"), contents: ""), .poscar)
        XCTAssertEqual(StructureReader.format(of: u("s.json"), contents: ""), .pymatgenJSON)
        XCTAssertEqual(StructureReader.format(of: u("noext"), contents: " {\"lattice\": 1}"), .pymatgenJSON)
        XCTAssertEqual(StructureReader.format(of: u("noext"), contents: "data_x\n_cell_length_a 1"), .cif)
        XCTAssertEqual(StructureReader.format(of: u("noext"), contents: "comment\n1.0\n"), .poscar)
    }

    // MARK: malformed inputs: one line naming the file, the line and what was expected

    func assertError(_ text: String, name: String, line: Int?, contains: String, file: StaticString = #filePath, lineNo: UInt = #line) throws {
        let dir = try TestSupport.temporaryDirectory()
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try StructureReader.read(url: url), file: file, line: lineNo) { error in
            guard let e = error as? StructureReadError else { return XCTFail("not a StructureReadError: \(error)", file: file, line: lineNo) }
            XCTAssertEqual(e.file, name, file: file, line: lineNo)
            XCTAssertEqual(e.line, line, "\(e)", file: file, line: lineNo)
            XCTAssertTrue(e.description.contains(contains), "\(e)", file: file, line: lineNo)
            XCTAssertFalse(e.description.contains("\n"), file: file, line: lineNo)
            if let line { XCTAssertTrue(e.description.hasPrefix("\(name), line \(line): "), "\(e)", file: file, line: lineNo) }
        }
    }

    static let goodCIF = """
    data_test
    _cell_length_a 4.0
    _cell_length_b 4.0
    _cell_length_c 4.0
    _cell_angle_alpha 90
    _cell_angle_beta 90
    _cell_angle_gamma 90
    loop_
    _atom_site_label
    _atom_site_fract_x
    _atom_site_fract_y
    _atom_site_fract_z
    _atom_site_occupancy
    Na1 0 0 0 1
    Cl1 0.5 0.5 0.5 1
    """

    func testGoodInlineCIFAndMergedDuplicates() throws {
        let dir = try TestSupport.temporaryDirectory()
        let url = dir.appendingPathComponent("ok.cif")
        // Inversion maps (0,0,0) and (½,½,½) onto themselves: duplicates are merged.
        let text = Self.goodCIF.replacingOccurrences(of: "loop_\n_atom_site_label", with: "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,z\n-x,-y,-z\nloop_\n_atom_site_label")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let s = try StructureReader.read(url: url)
        XCTAssertEqual(s.count, 2)
        XCTAssertEqual(s.species, ["Na", "Cl"])
    }

    func testMalformedCIF() throws {
        try assertError(Self.goodCIF.replacingOccurrences(of: "_cell_length_b 4.0\n", with: ""), name: "a.cif", line: 1, contains: "_cell_length_b")
        try assertError(Self.goodCIF.replacingOccurrences(of: "_cell_length_c 4.0", with: "_cell_length_c 4.0x"), name: "b.cif", line: 4, contains: "expected a number for _cell_length_c")
        try assertError(Self.goodCIF.replacingOccurrences(of: "Cl1 0.5 0.5 0.5 1", with: "Cl1 0.5 0.5 0.5"), name: "c.cif", line: 15, contains: "multiple of 5")
        try assertError(Self.goodCIF.replacingOccurrences(of: "Cl1 0.5 0.5 0.5 1", with: "Cl1 0.5 0.5 0.5 0.5"), name: "d.cif", line: 15, contains: "disordered structure not supported")
        try assertError(Self.goodCIF.replacingOccurrences(of: "Na1 0 0 0 1", with: "Qq1 0 0 0 1"), name: "e.cif", line: 14, contains: "_atom_site_label 'Qq1' names no element")
        try assertError(Self.goodCIF.replacingOccurrences(of: "data_test", with: "data_test\n_title 'unterminated"), name: "f.cif", line: 2, contains: "unterminated quoted value")
        try assertError(Self.goodCIF.replacingOccurrences(of: "data_test", with: "data_test\n_title\n;\nnever closed"), name: "g.cif", line: 3, contains: "never closed")
        try assertError(Self.goodCIF.replacingOccurrences(of: "loop_\n_atom_site_label", with: "loop_\n_symmetry_equiv_pos_as_xyz\nx,y,q\nloop_\n_atom_site_label"), name: "h.cif", line: 10, contains: "expected a symmetry operation")
        try assertError(Self.goodCIF.replacingOccurrences(of: "Cl1 0.5 0.5 0.5 1", with: "Cl1 0 0 0 1"), name: "i.cif", line: 15, contains: "shares a position")
        try assertError("data_x\n_cell_length_a 4\n", name: "j.cif", line: nil, contains: "no atom site loop")
        try assertError(Self.goodCIF.replacingOccurrences(of: "_cell_angle_gamma 90", with: "_cell_angle_gamma 90\n_symmetry_space_group_name_H-M 'F m -3 q'"), name: "k.cif", line: 8, contains: "'F m -3 q' is not a symbol")
    }

    /// A symbol without operations is expanded (it used to be refused): rock salt from Fm-3m.
    func testSymbolWithoutOperationsIsExpanded() throws {
        let text = Self.goodCIF.replacingOccurrences(of: "_cell_angle_gamma 90", with: "_cell_angle_gamma 90\n_symmetry_space_group_name_H-M 'F m -3 m'")
        let s = try CIFReader.parse(text, file: "rocksalt.cif")
        XCTAssertEqual(s.composition, ["Na": 4, "Cl": 4])
    }

    static let goodPOSCAR = """
    NaCl
    1.0
    4.0 0.0 0.0
    0.0 4.0 0.0
    0.0 0.0 4.0
    Na Cl
    1 1
    Direct
    0.0 0.0 0.0
    0.5 0.5 0.5
    """

    func testGoodPOSCARVariants() throws {
        let dir = try TestSupport.temporaryDirectory()
        func read(_ t: String) throws -> Structure {
            let url = dir.appendingPathComponent("POSCAR"); try t.write(to: url, atomically: true, encoding: .utf8)
            return try StructureReader.read(url: url)
        }
        XCTAssertEqual(try read(Self.goodPOSCAR).lattice.volume, 64, accuracy: 1e-9)
        // Negative scale = volume; Cartesian positions are scaled with the lattice.
        let vol = try read(Self.goodPOSCAR.replacingOccurrences(of: "\n1.0\n", with: "\n-512\n")
            .replacingOccurrences(of: "Direct\n0.0 0.0 0.0\n0.5 0.5 0.5", with: "Cartesian\n0 0 0\n2 2 2"))
        XCTAssertEqual(vol.lattice.volume, 512, accuracy: 1e-9)
        XCTAssertEqual(norm(vol.fractional[1] - SIMD3(0.5, 0.5, 0.5)), 0, accuracy: 1e-12) // positions scale with the lattice (×2)
        // Selective dynamics, POTCAR labels, trailing flags.
        let sd = try read(Self.goodPOSCAR.replacingOccurrences(of: "Na Cl", with: "Na_pv Cl")
            .replacingOccurrences(of: "Direct\n0.0 0.0 0.0\n0.5 0.5 0.5", with: "Selective dynamics\nDirect\n0 0 0 T T F\n0.5 0.5 0.5 F F F"))
        XCTAssertEqual(sd.species, ["Na", "Cl"])
        // VASP 4: elements on the comment line.
        let v4 = try read(Self.goodPOSCAR.replacingOccurrences(of: "Na Cl\n1 1", with: "1 1").replacingOccurrences(of: "NaCl\n", with: "Na Cl\n"))
        XCTAssertEqual(v4.species, ["Na", "Cl"])
    }

    func testMalformedPOSCAR() throws {
        try assertError(Self.goodPOSCAR.replacingOccurrences(of: "\n1.0\n", with: "\nabc\n"), name: "p1.vasp", line: 2, contains: "scale factor")
        try assertError(Self.goodPOSCAR.replacingOccurrences(of: "0.0 4.0 0.0", with: "0.0 4.0"), name: "p2.vasp", line: 4, contains: "lattice vector 2")
        try assertError(Self.goodPOSCAR.replacingOccurrences(of: "1 1", with: "1 1 1"), name: "p3.vasp", line: 7, contains: "expected 2 counts")
        try assertError(Self.goodPOSCAR.replacingOccurrences(of: "Direct", with: "Fractional"), name: "p4.vasp", line: 8, contains: "'Direct' or 'Cartesian'")
        try assertError(Self.goodPOSCAR.replacingOccurrences(of: "1 1", with: "1 2"), name: "p5.vasp", line: 11, contains: "atom 3 of 3")
        try assertError(Self.goodPOSCAR.replacingOccurrences(of: "0.5 0.5 0.5", with: "0.5 x 0.5"), name: "p6.vasp", line: 10, contains: "found 'x'")
        try assertError(Self.goodPOSCAR.replacingOccurrences(of: "Na Cl", with: "Na Qq"), name: "p7.vasp", line: 6, contains: "unknown element 'Qq'")
        try assertError("x\n1\n", name: "p8.vasp", line: 3, contains: "at least 8 lines")
        try assertError(Self.goodPOSCAR.replacingOccurrences(of: "0.0 0.0 4.0", with: "8.0 0.0 0.0"), name: "p9.vasp", line: 3, contains: "zero volume")
    }

    func testMalformedJSON() throws {
        try assertError("{\"lattice\": {\"matrix\": [[1,0,0],[0,1,0],[0,0,1]]},\n \"sites\": [,]}", name: "j1.json", line: 2, contains: "invalid JSON")
        try assertError("{\"sites\": []}", name: "j2.json", line: nil, contains: "\"lattice\"")
        try assertError("""
        {"lattice": {"matrix": [[3,0,0],[0,3,0],[0,0,3]]}, "sites": [{"species": [{"element": "Fe", "occu": 0.5}, {"element": "Co", "occu": 0.5}], "abc": [0,0,0]}]}
        """, name: "j3.json", line: nil, contains: "disordered structure not supported")
        try assertError("""
        {"lattice": {"matrix": [[3,0,0],[0,3,0],[0,0,3]]}, "sites": [{"species": [{"element": "Fe", "occu": 1}]}]}
        """, name: "j4.json", line: nil, contains: "\"abc\" or \"xyz\"")
    }

    func testMissingFile() {
        XCTAssertThrowsError(try StructureReader.read(url: URL(fileURLWithPath: "/nonexistent/x.cif"))) { e in
            XCTAssertEqual("\(e)", "x.cif: no such file")
        }
    }

    func testPymatgenDictionaryRoundTrip() throws {
        let s = try StructureReader.read(url: Self.fixtures.appendingPathComponent("mp-17400.json"))
        let back = try PymatgenJSON.structure(from: PymatgenJSON.dictionary(of: s), context: "round trip")
        XCTAssertEqual(back, s)
    }
}
