import Foundation
import Learning
import XCTest

/// Inputs the checkpoint fuzzer (Scripts/fuzz/run-fuzzers.sh checkpoint) crashed on: each must
/// now be refused with a CheckpointError.
final class CheckpointFuzzRegressionTests: XCTestCase {
    /// A tensor shape whose element count times 4 overflowed Int (a trap instead of an error).
    static let overflowingShape = "U05FVFBBUk0BAAAABAAAAGZ1enoHAAAAeyJhIjoxfQIAAAABAAAAdwIAAAACfn5+fn5+fn5+fn5+fn5+fn5+fn5+fn5+fn5+fn5+fn5+fn5+fn5+fn5+fn5+AAAAAwAAAAAAgD8AU05FVFBBUk0BAAAABAAAAGZ1enoHAAAAeyJhIjoAAGIBAAAAAwAAAAAAAAAAAAA/AACAv5+1Le6uAACgQAAAwEBkyQEAAABiAQAAAAMAAAAAAAAAAAAAPwAAgL+ftS3uYa5kyWE="

    func testOverflowingShapeIsRefused() throws {
        let bytes = [UInt8](Data(base64Encoded: Self.overflowingShape)!)
        XCTAssertThrowsError(try ParameterArchive.decode(bytes, path: "fuzz.ckpt")) { e in
            XCTAssertTrue("\(e)".contains("fuzz.ckpt"), "\(e)")
        }
    }

    func testHugeShapeInAValidHeaderIsRefusedBeforeAllocating() throws {
        var good = ParameterArchive(fingerprint: "f", tensors: [("w", [2], [1, 2])]).encoded()
        // Patch the shape (after magic, version, strings, count, name, rank) to 2^31 elements.
        let shapeOffset = 8 + 4 + (4 + 1) + (4 + 2) + 4 + (4 + 1) + 4
        good.replaceSubrange(shapeOffset..<shapeOffset + 4, with: [0, 0, 0, 0x80])
        XCTAssertThrowsError(try ParameterArchive.decode(good, path: "big.ckpt"))
    }
}
