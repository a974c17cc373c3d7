import Crystals
@testable import Featurizers
import TestSupport
import XCTest

final class XRDTests: XCTestCase {
    /// Peaks match pymatgen's XRDCalculator: same count, 2θ within 0.01°, intensity within 0.5 (of 100).
    func testPeaksMatchPymatgen() throws {
        let refs = try loadFeaturizerReference("xrd_reference")
        XCTAssertGreaterThanOrEqual(refs.count, 20)
        for ref in refs {
            let peaks = try XRDCalculator().pattern(ref.structure)
            let expected = try XCTUnwrap(ref.peaks)
            XCTAssertEqual(peaks.count, expected.count, "\(ref.id): number of peaks")
            for (p, e) in zip(peaks, expected) {
                XCTAssertEqual(p.twoTheta, e[0], accuracy: 0.01, "\(ref.id): 2θ")
                XCTAssertEqual(p.intensity, e[1], accuracy: 0.5, "\(ref.id): intensity at \(e[0])")
            }
            XCTAssertEqual(peaks.map(\.intensity).max() ?? 0, 100, accuracy: 1e-9)
        }
    }

    /// The KDE of the reference peaks equals matminer's vector to 1e-9 relative (scipy semantics).
    func testKDEMatchesScipy() throws {
        for ref in try loadFeaturizerReference("xrd_reference") {
            let peaks = try XCTUnwrap(ref.peaks).map { XRDPeak(twoTheta: $0[0], intensity: $0[1]) }
            let v = try XRDPattern.vector(peaks: peaks)
            XCTAssertEqual(v.count, 128)
            let scale = ref.vector.max() ?? 1
            for (a, b) in zip(v, ref.vector) { XCTAssertEqual(a, b, accuracy: 1e-9 * scale, "\(ref.id)") }
        }
    }

    /// The full 128-d vector from the structure matches matminer's XRDPowderPattern to 1e-6 of its
    /// maximum, except where a peak's scaled intensity sits within 1e-9 of an integer: there
    /// int(I) (the number of KDE samples) depends on the last bit (pymatgen's strongest peak is
    /// often 99.99999999999999 → 99 copies), and the vector may differ by up to 3 % of its maximum.
    func testVectorMatchesMatminer() throws {
        var exact = 0
        let refs = try loadFeaturizerReference("xrd_reference")
        for ref in refs {
            let v = try XRDPattern().vector(ref.structure)
            XCTAssertEqual(v.count, 128)
            let scale = ref.vector.max() ?? 1
            let worst = zip(v, ref.vector).map { abs($0 - $1) }.max()! / scale
            let boundary = try XCTUnwrap(ref.peaks).contains { abs($0[1] - $0[1].rounded()) < 1e-9 }
            XCTAssertLessThanOrEqual(worst, boundary ? 0.03 : 1e-6, "\(ref.id)")
            if worst <= 1e-6 { exact += 1 }
        }
        XCTAssertGreaterThanOrEqual(exact, refs.count * 3 / 4, "most vectors agree to 1e-6")
    }

    /// The KDE on hand-made peaks equals the closed form: two samples at 10 and 20 (σ̂ = √50).
    func testKDEClosedForm() throws {
        let v = try XRDPattern.vector(peaks: [XRDPeak(twoTheta: 10, intensity: 1.9), XRDPeak(twoTheta: 20, intensity: 1)])
        let h2 = 50 * 0.05 * 0.05
        let expected = (exp(-0.0 / (2 * h2)) + exp(-100 / (2 * h2))) / (2 * (2 * Double.pi * h2).squareRoot())
        XCTAssertEqual(v[10], expected, accuracy: 1e-12)
        XCTAssertThrowsError(try XRDPattern.vector(peaks: [XRDPeak(twoTheta: 10, intensity: 100)]))
    }

    /// Bad input gives typed errors, not crashes.
    func testBadInput() {
        let cubic = Lattice(rows: [[4, 0, 0], [0, 4, 0], [0, 0, 4]])
        let flat = Lattice(rows: [[4, 0, 0], [0, 4, 0], [4, 4, 0]])
        XCTAssertThrowsError(try XRDCalculator().pattern(Structure(lattice: cubic, atomicNumbers: [99], fractional: [.zero]))) {
            XCTAssertEqual($0 as? FeaturizerError, .unsupportedElement(featurizer: "XRD", atomicNumber: 99, supported: "Z = 1…98"))
        }
        XCTAssertThrowsError(try XRDCalculator().pattern(Structure(lattice: flat, atomicNumbers: [14], fractional: [.zero]))) {
            guard case .degenerateLattice = $0 as? FeaturizerError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try XRDPattern().vector(Structure(lattice: cubic, atomicNumbers: [], fractional: []))) {
            XCTAssertEqual($0 as? FeaturizerError, .emptyStructure)
        }
    }
}
