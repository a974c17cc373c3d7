import Crystals
import Featurizers
import Foundation
import TestSupport
import XCTest

/// Site-Net featurisation checked against pymatgen (fixtures from
/// Scripts/fixtures/crystals/make_sitenet_fixtures.py).
final class SiteNetFeaturizerTests: XCTestCase {
    struct Fixture: Decodable {
        struct Crystal: Decodable {
            let id: String
            let lattice: [[Double]]
            let species: [String]
            let frac: [[Double]]
            let prim_size: Int
            let images: Int
            let supercell_size: Int
            let prim_lattice_parameters: [Double]
            let prim_species: [String]
            let sorted_distance_rows: [[Double]]
        }
        let crystals: [Crystal]
    }

    static func fixture() throws -> Fixture {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "sitenet_pymatgen", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    static func structure(_ c: Fixture.Crystal) -> Structure {
        Structure(lattice: Lattice(rows: c.lattice), atomicNumbers: c.species.map { Element.atomicNumber(of: $0)! },
                  fractional: c.frac.map { SIMD3($0[0], $0[1], $0[2]) })
    }

    func testPrimitiveCellMatchesPymatgen() throws {
        for c in try Self.fixture().crystals {
            let prim = Self.structure(c).primitive(tolerance: 0.5)
            XCTAssertEqual(prim.count, c.prim_size, c.id)
            XCTAssertEqual(prim.species.sorted(), c.prim_species.sorted(), c.id)
            let p = prim.lattice.parameters
            let mine = [p.a, p.b, p.c, p.alpha, p.beta, p.gamma]
            for (x, y) in zip(mine, c.prim_lattice_parameters) {
                XCTAssertEqual(x, y, accuracy: 1e-3, "\(c.id) primitive lattice \(mine) vs \(c.prim_lattice_parameters)")
            }
        }
    }

    func testSupercellAndDistancesMatchPymatgen() throws {
        let fixture = try Self.fixture()
        XCTAssertGreaterThanOrEqual(fixture.crystals.count, 30)
        for c in fixture.crystals {
            // Crystals with an element lacking Magpie values are dropped by `featurize`; their
            // geometry is still checked.
            let s = Self.structure(c)
            let g = try SiteNetFeaturizer.geometry(s)
            let x = try? SiteNetFeaturizer.featurize(s, id: c.id)
            if let x {
                XCTAssertEqual(x.primSize, c.prim_size, c.id)
                XCTAssertEqual(x.images, c.images, c.id)
                XCTAssertEqual(x.supercellSize, c.supercell_size, c.id)
                XCTAssertEqual(x.distances, g.distances.map(Float.init), c.id)
            } else {
                XCTAssertTrue(s.atomicNumbers.contains { !Element.hasAllMagpieFeatures($0) }, c.id)
            }
            let (p, n) = (g.primitive.count, g.supercell.structure.count)
            XCTAssertEqual(p, c.prim_size, c.id)
            XCTAssertEqual(g.supercell.images, c.images, c.id)
            XCTAssertEqual(n, c.supercell_size, c.id)
            guard p == c.prim_size, n == c.supercell_size else { continue }
            // Rows are compared as a multiset: each row (sorted) is matched to the closest
            // unused reference row (row order is pymatgen's site order, which may differ).
            let rows = (0..<p).map { i in g.distances[i * n..<(i + 1) * n].sorted() }
            var unused = c.sorted_distance_rows
            var worst = 0.0
            for r in rows {
                let gaps = unused.map { e in zip(r, e).map { abs($0 - $1) }.max() ?? 0 }
                let k = gaps.indices.min { gaps[$0] < gaps[$1] }!
                worst = max(worst, gaps[k])
                unused.remove(at: k)
            }
            XCTAssertLessThan(worst, 1e-4, "\(c.id): max |Δd| = \(worst) Å")
        }
    }

    func testSiteFeaturesAreRawMagpieValuesOfUniqueSites() throws {
        let c = try XCTUnwrap(Self.fixture().crystals.first { $0.species.count > $0.prim_size })
        let x = try SiteNetFeaturizer.featurize(Self.structure(c), id: c.id)
        for i in 0..<x.primSize {
            let expected = Element.magpieFeatures(x.atomicNumbers[i]).map { Float($0!) }
            XCTAssertEqual(Array(x.siteFeatures[i * 8..<(i + 1) * 8]), expected)
        }
        // Row i, column i·images is the unique site itself: distance 0.
        for i in 0..<x.primSize { XCTAssertEqual(x.distances[i * x.supercellSize + i * x.images], 0, accuracy: 1e-6) }
    }
}
