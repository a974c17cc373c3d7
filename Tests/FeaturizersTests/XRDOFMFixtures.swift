import Crystals
import Foundation
import XCTest

/// One reference structure of `xrd_reference.json` / `ofm_reference.json`
/// (made by Scripts/fixtures/featurizers/make_fixtures.py with pymatgen/matminer).
struct FeaturizerReferenceStructure: Decodable {
    let id: String
    let lattice: [[Double]]
    let atomic_numbers: [Int]
    let frac: [[Double]]
    let peaks: [[Double]]?
    let vector: [Double]

    var structure: Structure {
        Structure(lattice: Lattice(rows: lattice), atomicNumbers: atomic_numbers,
                  fractional: frac.map { SIMD3($0[0], $0[1], $0[2]) })
    }
}

/// The fixture file's top level.
struct FeaturizerReferenceFile: Decodable {
    let made_with: String
    let structures: [FeaturizerReferenceStructure]
}

/// Loads a fixture from the test bundle.
func loadFeaturizerReference(_ name: String) throws -> [FeaturizerReferenceStructure] {
    let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
                            "fixture \(name).json missing")
    return try JSONDecoder().decode(FeaturizerReferenceFile.self, from: Data(contentsOf: url)).structures
}
