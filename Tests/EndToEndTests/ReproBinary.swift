import Foundation
import TestSupport
import XCTest

/// The release `repro` binary the end-to-end tests drive (``TestSupport/reproBinary``), or a skip
/// that says how to build it.
func requireReproBinary() throws -> URL {
    let binary = TestSupport.reproBinary
    guard FileManager.default.isExecutableFile(atPath: binary.path) else {
        throw XCTSkip("no repro binary at \(binary.path): build it with `swift build -c release --product repro` or set REPRO_BINARY")
    }
    return binary
}
