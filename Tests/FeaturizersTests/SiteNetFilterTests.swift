import Crystals
import Featurizers
import XCTest

/// The authors' dataset filters (Docs/Protocol.md §1.2): primitive cell > 50 sites, missing Magpie values,
/// Z outside 1…99.
final class SiteNetFilterTests: XCTestCase {
    let cubic = Lattice(rows: [[4, 0, 0], [0, 4, 0], [0, 0, 4]])

    func testMissingMagpieValueDrops() {
        let s = Structure(lattice: cubic, atomicNumbers: [54, 9], fractional: [.zero, SIMD3(0.5, 0.5, 0.5)]) // XeF: Xe radius missing
        XCTAssertThrowsError(try SiteNetFeaturizer.featurize(s, id: "xe")) { e in
            XCTAssertEqual(e as? SiteNetFilterReason, .missingMagpieValue(element: "Xe", property: "AtomicRadius"))
        }
    }

    func testElementOutsideRangeDrops() {
        let s = Structure(lattice: cubic, atomicNumbers: [100], fractional: [.zero])
        XCTAssertThrowsError(try SiteNetFeaturizer.featurize(s, id: "fm")) { e in
            XCTAssertEqual(e as? SiteNetFilterReason, .unsupportedElement(z: 100))
        }
    }

    /// 51 distinct-looking sites that no translation maps onto each other: primitive = 51 > 50.
    func testLargePrimitiveDropsButLargeConventionalCellIsKept() throws {
        var f: [SIMD3<Double>] = []
        for k in 0..<51 { f.append(SIMD3(Double(k) / 51, Double((k * 7) % 51) / 51 + 0.003 * Double(k % 5), Double((k * 13) % 51) / 51)) }
        let big = Structure(lattice: Lattice(rows: [[20, 0, 0], [0, 20, 0], [0, 0, 20]]), atomicNumbers: [6] + Array(repeating: 8, count: 50), fractional: f)
        XCTAssertThrowsError(try SiteNetFeaturizer.featurize(big, id: "big")) { e in
            XCTAssertEqual(e as? SiteNetFilterReason, .primitiveTooLarge(sites: 51, limit: 50))
        }
        // A 4×4×4 supercell of a 1-atom cell (64 sites) reduces to 1 primitive site and is kept.
        var g: [SIMD3<Double>] = []
        for x in 0..<4 { for y in 0..<4 { for z in 0..<4 { g.append(SIMD3(Double(x), Double(y), Double(z)) / 4) } } }
        let conventional = Structure(lattice: Lattice(rows: [[12, 0, 0], [0, 12, 0], [0, 0, 12]]), atomicNumbers: Array(repeating: 29, count: 64), fractional: g)
        let x = try SiteNetFeaturizer.featurize(conventional, id: "cu")
        XCTAssertEqual(x.primSize, 1)
        XCTAssertEqual(x.images, 48) // n grows to (4, 4, 3) along equal axes: 48 ≤ 50 < 64
        XCTAssertEqual(x.distances.count, 48)
    }

    func testDatasetLevelOrderAndReasons() throws {
        let records = try Array(Dataset.loadEmbedded().records.prefix(120))
        let xe = DatasetRecord(id: "xe", structure: Structure(lattice: cubic, atomicNumbers: [54], fractional: [.zero]), bandGap: 0, eForm: 0)
        let input = Array(records[0..<60]) + [xe] + Array(records[60...])
        let (crystals, skipped) = SiteNetFeaturizer.featurize(input)
        XCTAssertEqual(skipped.map(\.id), ["xe"] + records.filter { r in (try? SiteNetFeaturizer.featurize(r.structure, id: r.id)) == nil }.map(\.id))
        XCTAssertEqual(crystals.count + skipped.count, input.count)
        // Same order as the input, same values as one-by-one featurisation, whatever the schedule.
        let kept = input.filter { r in skipped.allSatisfy { $0.id != r.id } }
        XCTAssertEqual(crystals.map(\.id), kept.map(\.id))
        for (c, r) in zip(crystals, kept).prefix(20) { XCTAssertEqual(c, try SiteNetFeaturizer.featurize(r.structure, id: r.id)) }
        XCTAssertEqual(SiteNetFeaturizer.featurize(input).crystals, crystals)
    }

    func testReasonsReadWell() {
        XCTAssertEqual("\(SiteNetFilterReason.primitiveTooLarge(sites: 52, limit: 50))", "primitive cell has 52 sites (limit 50)")
        XCTAssertEqual(SiteNetFilterReason.missingMagpieValue(element: "He", property: "AtomicRadius").filter, "missing Magpie value")
    }
}

final class SiteNetModelInputTests: XCTestCase {
    func testScaledFeaturesAndZeroOxidation() throws {
        let s = Structure(lattice: Lattice(rows: [[4, 0, 0], [0, 4, 0], [0, 0, 4]]), atomicNumbers: [26], fractional: [.zero])
        let x = try SiteNetFeaturizer.featurize(s, id: "fe")
        let m = x.modelSiteFeatures
        XCTAssertEqual(m.count, 9)
        let expected: [Float] = [2.6, 5.5845, 4, 8, 7.9024, 18.3, 14, 7.874, 0]
        for (a, b) in zip(m, expected) { XCTAssertEqual(a, b, accuracy: 1e-5) }
    }
}
