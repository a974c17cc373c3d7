import Crystals
import Foundation
import TestSupport
import XCTest

/// CIFs that name their space group only by a symbol or number, against the structures pymatgen
/// reads from them (Scripts/fixtures/crystals/make_symbol_only_cifs.py), and the symbol → setting
/// resolution on its own.
final class SpaceGroupSymbolTests: XCTestCase {
    static var directory: URL { StructureReaderTests.fixtures.appendingPathComponent("symbol-only") }

    struct Case: Decodable { let mode: String; let setting: String?; let sites: Int }

    func testSymbolOnlyCIFsMatchPymatgen() throws {
        let manifest = try JSONDecoder().decode([String: Case].self,
                                                from: Data(contentsOf: Self.directory.appendingPathComponent("manifest.json")))
        XCTAssertGreaterThanOrEqual(manifest.count, 10)
        for (name, c) in manifest.sorted(by: { $0.key < $1.key }) {
            let got = try StructureReader.read(url: Self.directory.appendingPathComponent("\(name).cif"))
            let want = try PymatgenJSON.read(url: Self.directory.appendingPathComponent("\(name).json"))
            XCTAssertEqual(want.count, c.sites, name)
            XCTAssertEqual(got.count, want.count, "\(name): site count")
            for (u, v) in zip(got.lattice.matrix, want.lattice.matrix) {
                XCTAssertLessThan(norm(u - v), 1e-6, "\(name): lattice")
            }
            // Same multiset of (element, position modulo 1).
            var unmatched = Array(want.fractional.indices)
            for (z, f) in zip(got.atomicNumbers, got.fractional) {
                let k = unmatched.firstIndex { j in
                    var d = f - want.fractional[j]
                    d -= d.rounded(.toNearestOrEven)
                    return want.atomicNumbers[j] == z && max(abs(d.x), abs(d.y), abs(d.z)) < 1e-4
                }
                XCTAssertNotNil(k, "\(name): site \(Element.symbol(of: z) ?? "?") at \(f) is not in pymatgen's structure")
                if let k { unmatched.remove(at: k) }
            }
            XCTAssertTrue(unmatched.isEmpty, "\(name): \(unmatched.count) of pymatgen's sites not produced")
        }
    }

    struct Expansion: Decodable { let sites: Int; let sum: [Double]; let sumsq: [Double] }

    /// Every symbol pymatgen expands gives the same set of images of a general position: count,
    /// and the sums of the wrapped coordinates and of their squares.
    func testEverySymbolPymatgenKnowsExpandsAsPymatgenDoes() throws {
        let all = try JSONDecoder().decode([String: Expansion].self,
                                           from: Data(contentsOf: Self.directory.appendingPathComponent("all_symbols.json")))
        XCTAssertGreaterThan(all.count, 400)
        var wrong: [String] = []
        for (symbol, want) in all.sorted(by: { $0.key < $1.key }) {
            let text = """
            data_g
            _cell_length_a 5.1
            _cell_length_b 6.2
            _cell_length_c 7.3
            _cell_angle_alpha 81
            _cell_angle_beta 86
            _cell_angle_gamma 95
            _symmetry_space_group_name_H-M '\(symbol)'
            loop_
            _atom_site_label
            _atom_site_fract_x
            _atom_site_fract_y
            _atom_site_fract_z
            Na1 0.1234 0.2345 0.3456
            """
            let s = try CIFReader.parse(text, file: "\(symbol).cif")
            let f = s.fractional.map(wrapUnit)
            let sum = f.reduce(SIMD3<Double>.zero, +), sumsq = f.reduce(SIMD3<Double>.zero) { $0 + $1 * $1 }
            let close = (0..<3).allSatisfy { abs(sum[$0] - want.sum[$0]) < 1e-6 && abs(sumsq[$0] - want.sumsq[$0]) < 1e-6 }
            if s.count != want.sites || !close { wrong.append("\(symbol): \(s.count) sites (pymatgen \(want.sites))") }
        }
        XCTAssertEqual(wrong, [], "\(wrong.count) symbols expand differently from pymatgen")
    }

    let cubic = SpaceGroupSetting.Cell(a: 5, b: 5, c: 5, alpha: 90, beta: 90, gamma: 90)

    func testAmbiguousSymbolsResolveToPymatgensSettings() throws {
        // pymatgen: origin choice 1 for Fd-3m, hexagonal axes for R groups.
        XCTAssertEqual(SpaceGroupSetting.hermannMauguin("F d -3 m", cell: cubic)?.choice, "1")
        XCTAssertEqual(SpaceGroupSetting.hermannMauguin("F d -3 m :2", cell: cubic)?.choice, "2")
        let hex = SpaceGroupSetting.Cell(a: 4.76, b: 4.76, c: 12.99, alpha: 90, beta: 90, gamma: 120)
        let rho = SpaceGroupSetting.Cell(a: 5.13, b: 5.13, c: 5.13, alpha: 55.3, beta: 55.3, gamma: 55.3)
        XCTAssertEqual(SpaceGroupSetting.hermannMauguin("R -3 c", cell: hex)?.choice, "H")
        XCTAssertEqual(SpaceGroupSetting.hermannMauguin("R -3 c", cell: rho)?.choice, "R")
        XCTAssertEqual(SpaceGroupSetting.hermannMauguin("R -3 c :R", cell: hex)?.choice, "R")
        XCTAssertEqual(SpaceGroupSetting.hermannMauguin("R-3cH", cell: hex)?.choice, "H")
        XCTAssertEqual(SpaceGroupSetting.number(167, cell: rho)?.choice, "R")
        // Monoclinic: the full symbol fixes the unique axis; a short one takes the cell's.
        XCTAssertEqual(SpaceGroupSetting.hermannMauguin("P 1 2/c 1", cell: cubic)?.choice, "b1")
        let cUnique = SpaceGroupSetting.Cell(a: 5, b: 6, c: 7, alpha: 90, beta: 90, gamma: 104)
        XCTAssertEqual(SpaceGroupSetting.hermannMauguin("P 21/n", cell: cUnique)?.choice.first, "c")
        XCTAssertEqual(SpaceGroupSetting.hermannMauguin("P 21/n", cell: cUnique)?.number, 14)
        XCTAssertEqual(SpaceGroupSetting.hall("-P 2ybc")?.number, 14)
        XCTAssertEqual(SpaceGroupSetting.hall("-P 2ybc")?.operations.count, 4)
        XCTAssertEqual(SpaceGroupSetting.hermannMauguin("I a -3 d", cell: cubic)?.operations.count, 96)
        XCTAssertNil(SpaceGroupSetting.hermannMauguin("Q 42", cell: cubic))
        XCTAssertNil(SpaceGroupSetting.number(231, cell: cubic))
        XCTAssertNil(SpaceGroupSetting.hall("nonsense"))
    }

    func testUnknownSymbolIsRefusedWithTheSymbolQuoted() {
        let text = """
        data_x
        _cell_length_a 5
        _cell_length_b 5
        _cell_length_c 5
        _cell_angle_alpha 90
        _cell_angle_beta 90
        _cell_angle_gamma 90
        _symmetry_space_group_name_H-M 'Q 9/z'
        loop_
        _atom_site_label
        _atom_site_fract_x
        _atom_site_fract_y
        _atom_site_fract_z
        Na1 0 0 0
        """
        XCTAssertThrowsError(try CIFReader.parse(text, file: "bad.cif")) { e in
            let m = "\(e)"
            XCTAssertTrue(m.hasPrefix("bad.cif, line 8:"), m)
            XCTAssertTrue(m.contains("'Q 9/z'"), m)
        }
    }

    struct Label: Decodable { let symbol: String?; let Z: Int? }

    /// Every label resolves to what pymatgen's `CifParser._parse_symbol` gives, and anything it
    /// drops, turns into a dummy species or that is beyond Lr is classified so the reader refuses it.
    func testLabelsResolveLikePymatgen() throws {
        let labels = try JSONDecoder().decode([String: Label].self,
                                              from: Data(contentsOf: Self.directory.appendingPathComponent("labels.json")))
        XCTAssertGreaterThanOrEqual(labels.count, 30)
        for (label, want) in labels.sorted(by: { $0.key < $1.key }) {
            let got = Element.resolveCIFLabel(label)
            switch (want.symbol, want.Z) {
            case ("", _): XCTAssertEqual(got, .group, label)
            case let (_, z?) where z <= Element.maxAtomicNumber: XCTAssertEqual(got, .element(z), label)
            case let (symbol?, z?): XCTAssertEqual(got, .beyondTable(symbol: symbol, atomicNumber: z), label)
            default: XCTAssertEqual(got, .unknown, label)
            }
        }
    }
}
