import Foundation
import XCTest

/// Reads `Fixtures/<name>.json` (written by Scripts/fixtures/regressors/make_fixtures.py) and
/// returns its "data" member.
func loadFixture(_ name: String) throws -> Any {
    let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures"),
                            "fixture \(name).json missing")
    let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    return try XCTUnwrap(doc["data"])
}

/// A JSON number array as [Double].
func doubles(_ any: Any?) throws -> [Double] {
    try XCTUnwrap(any as? [Any]).map { try XCTUnwrap(($0 as? NSNumber)?.doubleValue) }
}

/// A JSON array of number arrays as [[Double]].
func matrix(_ any: Any?) throws -> [[Double]] {
    try XCTUnwrap(any as? [Any]).map { try doubles($0) }
}

/// The median of a non-empty array (mean of the two middle values for even counts).
func median(_ a: [Double]) -> Double {
    let s = a.sorted(), k = s.count
    return k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2
}
