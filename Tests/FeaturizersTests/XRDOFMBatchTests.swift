import Crystals
import Featurizers
import XCTest

final class XRDOFMBatchTests: XCTestCase {
    /// Batch featurisation gives the same bits for 1 and 3 workers, keeps input order, and turns a
    /// bad structure into a per-structure failure without affecting the others.
    func testBatchIsDeterministicAndIsolatesFailures() throws {
        var structures = try loadFeaturizerReference("ofm_reference").prefix(8).map(\.structure)
        let cubic = Lattice(rows: [[4, 0, 0], [0, 4, 0], [0, 0, 4]])
        structures.insert(Structure(lattice: cubic, atomicNumbers: [99], fractional: [.zero]), at: 3)
        for featurizer in [XRDPattern() as any BaselineFeaturizer, OrbitalFieldMatrix()] {
            let one = featurizer.vectors(structures, workers: 1)
            let three = featurizer.vectors(structures, workers: 3)
            XCTAssertEqual(one.count, structures.count)
            for (i, (a, b)) in zip(one, three).enumerated() {
                switch (a, b) {
                case let (.success(x), .success(y)):
                    XCTAssertEqual(x, y, "\(featurizer.name) structure \(i)")
                    XCTAssertEqual(x, try featurizer.vector(structures[i]))
                    XCTAssertEqual(x.count, featurizer.length)
                case let (.failure(x), .failure(y)):
                    XCTAssertEqual(x, y)
                    XCTAssertEqual(i, 3, "only the Z = 99 structure fails")
                default: XCTFail("\(featurizer.name) structure \(i): \(a) vs \(b)")
                }
            }
        }
    }
}
