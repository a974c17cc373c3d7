import XCTest
import Foundation
import Learning
import TestSupport

/// The parameter archive: round trip, and refusal of truncated, corrupted, foreign files.
final class CheckpointTests: XCTestCase {
    func archive() -> ParameterArchive {
        ParameterArchive(fingerprint: "Test/v1", metadata: "{\"seed\":1}",
                         tensors: [("a.weight", [2, 3], [1, 2, 3, 4, 5, 6]), ("a.bias", [3], [-1, 0.5, .pi])])
    }

    func testRoundTrip() throws {
        let dir = try TestSupport.temporaryDirectory()
        let url = dir.appendingPathComponent("x.ckpt")
        try archive().write(to: url)
        let back = try ParameterArchive.read(from: url)
        XCTAssertEqual(back, archive())
        let p = Parameter(name: "a.bias", shape: [3], value: [0, 0, 0])
        try back.load(into: [p], path: url.path)
        XCTAssertEqual(p.value, [-1, 0.5, .pi])
    }

    func testTruncatedFileIsRefusedAtEveryLength() {
        let bytes = archive().encoded()
        for n in 0..<bytes.count {
            XCTAssertThrowsError(try ParameterArchive.decode(Array(bytes[0..<n]), path: "t.ckpt"), "length \(n)") { e in
                XCTAssertTrue("\(e)".contains("t.ckpt"))
            }
        }
    }

    func testCorruptionIsDetected() {
        var bytes = archive().encoded()
        bytes[bytes.count - 20] ^= 0x01
        XCTAssertThrowsError(try ParameterArchive.decode(bytes, path: "c.ckpt")) { e in
            XCTAssertEqual(e as? CheckpointError, .checksumMismatch(path: "c.ckpt"))
        }
        var bad = archive().encoded(); bad[0] = 0x41
        XCTAssertThrowsError(try ParameterArchive.decode(bad, path: "m.ckpt")) { e in
            XCTAssertEqual(e as? CheckpointError, .notACheckpoint(path: "m.ckpt"))
        }
    }

    func testOtherArchitectureAndShapesAreRefused() throws {
        let a = archive()
        XCTAssertThrowsError(try a.check(fingerprint: "Other/v1", path: "f.ckpt")) { e in
            XCTAssertTrue("\(e)".contains("Test/v1") && "\(e)".contains("Other/v1"))
        }
        XCTAssertThrowsError(try a.load(into: [Parameter(name: "a.bias", shape: [4], value: [0, 0, 0, 0])], path: "f.ckpt")) { e in
            XCTAssertEqual("\(e)", "f.ckpt: tensor 'a.bias' in checkpoint has shape [3], expected [4]")
        }
        XCTAssertThrowsError(try a.load(into: [Parameter(name: "missing", shape: [1], value: [0])], path: "f.ckpt")) { e in
            XCTAssertEqual("\(e)", "f.ckpt: tensor 'missing' missing from checkpoint")
        }
    }

    /// A training state is matched to the model and the optimiser by the same rule: by name, with
    /// the shape checked, and the error names the file and the tensor.
    func testTrainingStateTensorsAreMatchedByNameAndShape() throws {
        let params = [Parameter(name: "a.weight", shape: [2, 3], value: Array(repeating: 0, count: 6)),
                      Parameter(name: "a.bias", shape: [3], value: [0, 0, 0])]
        let snap = try ParameterSnapshot.from(Array(archive().tensors.reversed()), like: params, path: "s.state")
        XCTAssertEqual(snap.values, [[1, 2, 3, 4, 5, 6], [-1, 0.5, .pi]])
        XCTAssertThrowsError(try ParameterSnapshot.from([("a.weight", [3, 2], [1, 2, 3, 4, 5, 6])], like: params, path: "s.state")) { e in
            XCTAssertEqual("\(e)", "s.state: tensor 'a.weight' in training state has shape [3, 2], expected [2, 3]")
        }
        let adam = AdamOptimizer(parameters: params, config: .init(learningRate: 1e-3))
        XCTAssertThrowsError(try adam.restore(steps: 1, from: Array(adam.stateTensors(prefix: "adam0").dropLast()), prefix: "adam0", path: "s.state")) { e in
            XCTAssertTrue("\(e)".hasPrefix("s.state: tensor 'adam0/"), "\(e)")
            XCTAssertTrue("\(e)".hasSuffix("' missing from training state"), "\(e)")
        }
    }
}
