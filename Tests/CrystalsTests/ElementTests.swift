import Crystals
import XCTest

final class ElementTests: XCTestCase {
    func testSymbolsAndAtomicNumbersRoundTrip() {
        for z in 1...103 {
            let s = Element.symbol(of: z)!
            XCTAssertEqual(Element.atomicNumber(of: s), z)
        }
        XCTAssertEqual(Element.symbol(of: 3), "Li")
        XCTAssertEqual(Element.symbol(of: 103), "Lr")
        XCTAssertNil(Element.symbol(of: 0)); XCTAssertNil(Element.symbol(of: 104))
        XCTAssertNil(Element.atomicNumber(of: "Xx"))
        XCTAssertEqual(Element.atomicNumber(parsingLabel: "Fe2+"), 26)
        XCTAssertEqual(Element.atomicNumber(parsingLabel: "O1"), 8)
        XCTAssertEqual(Element.atomicNumber(parsingLabel: "CL3"), 17)
        XCTAssertEqual(Element.atomicNumber(parsingLabel: "Na1"), 11)
    }

    /// Values from matminer's magpie_elementdata tables.
    func testMagpieValues() {
        XCTAssertEqual(Element.magpieFeatures(26).map { $0! }, [26, 55.845, 4, 8, 7.9024, 1.83, 1.4, 7874])
        XCTAssertEqual(Element.magpieFeatures(1).map { $0! }, [1, 1.00794, 1, 1, 13.598443, 2.2, 0.25, 0.0899])
        XCTAssertEqual(Element.magpieFeatures(0), [])
    }

    func testMissingMagpieValuesAreNil() {
        // AtomicRadius is missing for He, Ne, Kr, Xe, At, Rn, Fr, Cm–Lr; electronegativity for He, Ne, Rn, Lr.
        for s in ["He", "Ne", "Kr", "Xe", "At", "Rn", "Fr", "Cm", "Bk", "Cf", "Es", "Fm", "Md", "No", "Lr"] {
            let z = Element.atomicNumber(of: s)!
            XCTAssertNil(Element.magpieFeatures(z)[6], s)
            XCTAssertFalse(Element.hasAllMagpieFeatures(z), s)
        }
        XCTAssertNil(Element.magpieFeatures(2)[5])
        XCTAssertNotNil(Element.magpieFeatures(18)[6]) // Ar has a radius (but no electronegativity)
        XCTAssertNil(Element.magpieFeatures(18)[5])
        let complete = (1...103).filter(Element.hasAllMagpieFeatures)
        XCTAssertEqual(complete.count, 103 - 16)
    }

    /// Reference sets printed by pymatgen (`Element.is_metal`, `is_halogen`) for Z = 1…103.
    func testClassesMatchPymatgen() {
        let metals: Set<Int> = [3, 4, 11, 12, 13, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 37, 38, 39, 40, 41, 42,
                                43, 44, 45, 46, 47, 48, 49, 50, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70,
                                71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96,
                                97, 98, 99, 100, 101, 102, 103]
        XCTAssertEqual(Set((1...103).filter(Element.isMetal)), metals)
        XCTAssertEqual((1...103).filter(Element.isHalogen), [9, 17, 35, 53, 85])
        XCTAssertEqual((1...103).filter(Element.isNobleGas), [2, 10, 18, 36, 54, 86])
        for metalloid in [5, 14, 32, 33, 51, 52, 84] { XCTAssertFalse(Element.isMetal(metalloid)) }
    }

    func testContainsMetalAndHalogen() {
        let l = Lattice(rows: [[4, 0, 0], [0, 4, 0], [0, 0, 4]])
        let nacl = Structure(lattice: l, atomicNumbers: [11, 17], fractional: [.zero, SIMD3(0.5, 0.5, 0.5)])
        let sicl = Structure(lattice: l, atomicNumbers: [14, 17], fractional: [.zero, SIMD3(0.5, 0.5, 0.5)])
        let nao = Structure(lattice: l, atomicNumbers: [11, 8], fractional: [.zero, SIMD3(0.5, 0.5, 0.5)])
        XCTAssertTrue(nacl.containsMetalAndHalogen)
        XCTAssertFalse(sicl.containsMetalAndHalogen)
        XCTAssertFalse(nao.containsMetalAndHalogen)
        XCTAssertEqual(nacl.composition, ["Na": 1, "Cl": 1])
    }
}
