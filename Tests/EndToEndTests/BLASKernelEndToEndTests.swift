import Foundation
import TestSupport
import XCTest

/// The OpenBLAS kernel policy through the real binary: the launcher re-executes itself with the
/// portable kernel pinned, respects a preset `OPENBLAS_CORETYPE`, and `--blas native` leaves the
/// choice to OpenBLAS.
final class BLASKernelEndToEndTests: XCTestCase {
    func blasInfo(_ args: [String] = [], env: [String: String]? = nil) throws -> [String: String] {
        let b = try requireReproBinary()
        let r = try TestSupport.run(b, ["blas", "--json"] + args, environment: env)
        XCTAssertEqual(r.status, 0, r.stderr)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: String] ?? [:]
    }

    var presetCoreType: String? {
        ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func testDefaultPolicyPinsThePortableKernelUnlessTheEnvironmentPresetsOne() throws {
        let info = try blasInfo()
        XCTAssertEqual(info["policy"], "portable")
        if let preset = presetCoreType {
            XCTAssertEqual(info["source"], "environment")
            XCTAssertEqual(info["kernel"]?.lowercased(), preset.lowercased(), "a preset OPENBLAS_CORETYPE is respected")
        } else if ["AVX2", "AVX-512"].contains(info["vectorLevel"] ?? "") {
            XCTAssertEqual(info["source"], "pinned")
            XCTAssertEqual(info["kernel"], "Haswell")
        } else {
            XCTAssertEqual(info["source"], "unpinnable")
        }
    }

    func testPresetCoreTypeIsRespectedByEveryPolicy() throws {
        for policy in ["portable", "native"] {
            let info = try blasInfo(["--blas", policy], env: ["OPENBLAS_CORETYPE": "Sandybridge"])
            XCTAssertEqual(info["kernel"], "Sandybridge", policy)
            XCTAssertEqual(info["source"], "environment", policy)
        }
    }

    func testNativePolicyLeavesTheChoiceToOpenBLAS() throws {
        guard presetCoreType == nil else { throw XCTSkip("OPENBLAS_CORETYPE is preset here, so no policy changes the kernel") }
        let info = try blasInfo(["--blas", "native"])
        XCTAssertEqual(info["policy"], "native")
        XCTAssertEqual(info["source"], "native")
        // The environment variable chooses the policy too; the flag wins over it.
        XCTAssertEqual(try blasInfo(env: ["REPRO_BLAS": "native"])["source"], "native")
        let flagWins = try blasInfo(["--blas", "portable"], env: ["REPRO_BLAS": "native"])
        XCTAssertNotEqual(flagWins["source"], "native")
    }
}
