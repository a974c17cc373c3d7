import XCTest
import TestSupport

/// `repro tsne` through the real (release) binary; skipped when it has not been built
/// (`swift build -c release --product repro`).
final class CommandLineTests: XCTestCase {
    func testTSNECommandWritesRowsAndJSON() throws {
        let binary = TestSupport.reproBinary
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: binary.path), "release repro not built")
        let ref = try TSNEReference.load()
        let dir = try TestSupport.temporaryDirectory("tsne-cli")
        let input = dir.appendingPathComponent("in.csv"), output = dir.appendingPathComponent("out.csv")
        var text = (0..<16).map { "f\($0)" }.joined(separator: ",") + "\n"
        for row in ref.data.prefix(120) { text += row.map { "\($0)" }.joined(separator: ",") + "\n" }
        try text.write(to: input, atomically: true, encoding: .utf8)
        let r = try TestSupport.run(binary, ["tsne", input.path, "--perplexity", "10", "--seed", "1", "--out", output.path, "--json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Double]
        XCTAssertNotNil(json?["kl_divergence"]); XCTAssertNotNil(json?["seconds"])
        let rows = try String(contentsOf: output, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(rows.count, 120)
        XCTAssertTrue(rows.allSatisfy { $0.split(separator: ",").count == 2 && $0.split(separator: ",").allSatisfy { Double($0) != nil } })
        // A bad value is reported with its line and field.
        try "1,2\n3,oops\n4,5\n".write(to: input, atomically: true, encoding: .utf8)
        let bad = try TestSupport.run(binary, ["tsne", input.path, "--out", output.path])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderr.contains("line 2, field 2"), bad.stderr)
    }
}
