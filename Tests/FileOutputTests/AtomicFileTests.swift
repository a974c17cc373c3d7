import FileOutput
import Foundation
import XCTest

final class AtomicFileTests: XCTestCase {
    func testWriteReplacesTheFileAndLeavesNoTemporaryFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomicfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("out.txt")
        try AtomicFile.write(Data("first\n".utf8), to: url)
        try AtomicFile.write(Data("second\n".utf8), to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "second\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["out.txt"])
    }

    func testFailedWriteNamesTheStageAndKeepsTheDestination() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("atomicfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // The destination's folder does not exist: the temporary file cannot be written.
        let missing = dir.appendingPathComponent("no-such-folder").appendingPathComponent("out.txt")
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: missing)) { error in
            XCTAssertEqual((error as? AtomicFile.Failure)?.stage, .write)
        }
        // Renaming onto a non-empty directory fails: the directory stays, the temporary file goes.
        let blocker = dir.appendingPathComponent("blocker")
        try FileManager.default.createDirectory(at: blocker.appendingPathComponent("inner"), withIntermediateDirectories: true)
        XCTAssertThrowsError(try AtomicFile.write(Data("x".utf8), to: blocker)) { error in
            XCTAssertEqual((error as? AtomicFile.Failure)?.stage, .rename)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["blocker"])
    }
}
