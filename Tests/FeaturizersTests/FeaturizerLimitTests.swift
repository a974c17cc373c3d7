import Crystals
import Featurizers
import XCTest

/// Structures whose featurisation would need gigabytes or overflow are refused up front, with
/// the limit named, instead of aborting in an allocation or returning garbage.
final class FeaturizerLimitTests: XCTestCase {
    func cubic(_ a: Double, atoms: [(Int, SIMD3<Double>)] = [(11, .zero), (17, SIMD3(0.5, 0.5, 0.5))]) -> Structure {
        Structure(lattice: Lattice(SIMD3(a, 0, 0), SIMD3(0, a, 0), SIMD3(0, 0, a)),
                  atomicNumbers: atoms.map(\.0), fractional: atoms.map(\.1))
    }

    func testXRDOfAHugeCellIsRefusedBeforeAllocating() {
        for a in [200.0, 1e6] {
            let start = Date()
            XCTAssertThrowsError(try XRDCalculator().pattern(cubic(a))) { e in
                guard case let .limitExceeded(m)? = e as? FeaturizerError else { return XCTFail("\(e)") }
                XCTAssertTrue(m.contains("the limit is 512 MB (set REPRO_MAX_XRD_MB to change it)"), m)
            }
            XCTAssertLessThan(Date().timeIntervalSince(start), 2)
        }
    }

    func testXRDMemoryEstimateGrowsWithTheCell() throws {
        let small = XRDCalculator().estimatedBytes(cubic(5)), large = XRDCalculator().estimatedBytes(cubic(50))
        XCTAssertLessThan(small, 1e6)
        // Reflections scale with the volume: 1000× the cell, roughly 1000× the memory.
        XCTAssertGreaterThan(large / small, 300)
        XCTAssertFalse(try XRDCalculator().pattern(cubic(5)).isEmpty)
    }

    func testSiteNetRefusesOverflowingAndCoincidentStructures() {
        for (name, s) in [("1e308 lattice", cubic(1e308)), ("coincident sites", cubic(5, atoms: [(11, .zero), (17, SIMD3(1, 0, 0))]))] {
            XCTAssertThrowsError(try SiteNetFeaturizer.featurize(s, id: name)) { e in
                guard case .invalidGeometry? = e as? SiteNetFilterReason else { return XCTFail("\(name): \(e)") }
            }
        }
    }
}
