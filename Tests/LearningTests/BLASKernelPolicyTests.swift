import Learning
import XCTest

/// The kernel policy's decision table, CPU-flag parsing and fallback detection (pure functions;
/// the re-execution itself is exercised through the binary in EndToEndTests).
final class BLASKernelPolicyTests: XCTestCase {
    let avx2 = CPUFeatures(isX86_64: true, flags: ["sse2", "avx", "avx2", "fma"])
    let avx512 = CPUFeatures(isX86_64: true, flags: ["sse2", "avx", "avx2", "fma", "avx512f"])
    let sseOnly = CPUFeatures(isX86_64: true, flags: ["sse2", "sse3"])
    let arm = CPUFeatures(isX86_64: false, flags: ["asimd"])

    func testPortablePinsHaswellOnEveryAVX2CPUWhenNothingIsPreset() {
        for cpu in [avx2, avx512] {
            XCTAssertEqual(BLASKernelPolicy.decide(.portable, environment: [:], cpu: cpu),
                           .reexecute(set: ["OPENBLAS_CORETYPE": "Haswell", "REPRO_BLAS_PINNED": "portable"], then: .pinned))
        }
        XCTAssertEqual(BLASKernelPolicy.decide(.portable, environment: [:], cpu: sseOnly), .proceed(.unpinnable))
        XCTAssertEqual(BLASKernelPolicy.decide(.portable, environment: [:], cpu: arm), .proceed(.unpinnable))
    }

    func testAPresetCoreTypeIsNeverChanged() {
        for preset in ["Haswell", "SkylakeX", "Prescott"] {
            for policy in BLASKernelPolicy.allCases {
                let env = ["OPENBLAS_CORETYPE": preset, "OPENBLAS_L2_SIZE": "1048576"]
                XCTAssertEqual(BLASKernelPolicy.decide(policy, environment: env, cpu: avx512), .proceed(.environment),
                               "\(policy) with OPENBLAS_CORETYPE=\(preset)")
            }
        }
    }

    func testOwnPinIsKeptByPortableAndUndoneByNative() {
        let pinned = ["OPENBLAS_CORETYPE": "Haswell", "REPRO_BLAS_PINNED": "portable"]
        XCTAssertEqual(BLASKernelPolicy.decide(.portable, environment: pinned, cpu: avx2), .proceed(.pinned))
        XCTAssertEqual(BLASKernelPolicy.decide(.native, environment: pinned, cpu: avx2),
                       .reexecute(set: ["OPENBLAS_CORETYPE": nil, "REPRO_BLAS_PINNED": nil], then: .native))
        XCTAssertEqual(BLASKernelPolicy.decide(.native, environment: [:], cpu: avx2), .proceed(.native))
        // An empty value counts as unset.
        XCTAssertEqual(BLASKernelPolicy.decide(.native, environment: ["OPENBLAS_CORETYPE": ""], cpu: avx2), .proceed(.native))
    }

    func testAppliedDecisionIsAFixedPoint() {
        // Applying the re-execution's changes gives an environment that needs no further change.
        for policy in BLASKernelPolicy.allCases {
            for start in [[:], ["OPENBLAS_CORETYPE": "Haswell", "REPRO_BLAS_PINNED": "portable"]] as [[String: String]] {
                var env = start
                if case let .reexecute(changes, then) = BLASKernelPolicy.decide(policy, environment: env, cpu: avx2) {
                    for (k, v) in changes { env[k] = v }
                    XCTAssertEqual(BLASKernelPolicy.decide(policy, environment: env, cpu: avx2), .proceed(then))
                }
            }
        }
    }

    func testCPUInfoParsing() {
        let text = """
        processor\t: 0
        vendor_id\t: GenuineIntel
        model name\t: Intel(R) Xeon(R) Platinum
        flags\t\t: fpu sse2 avx avx2 fma avx512f avx512bw
        processor\t: 1
        flags\t\t: fpu
        """
        let cpu = CPUFeatures.parse(cpuinfo: text, isX86_64: true)
        XCTAssertEqual(cpu.modelName, "Intel(R) Xeon(R) Platinum")
        XCTAssertTrue(cpu.flags.contains("avx512f"))
        XCTAssertEqual(cpu.levelName, "AVX-512")
        XCTAssertTrue(cpu.supportsPortableKernel)
        XCTAssertFalse(CPUFeatures.parse(cpuinfo: "", isX86_64: true).supportsPortableKernel)
    }

    func testGenericFallbackIsNamedOnlyWhereTheCPUCouldDoBetter() {
        XCTAssertNotNil(BLASKernelPolicy.fallbackWarning(kernel: "Prescott", source: .native, cpu: avx512))
        XCTAssertNotNil(BLASKernelPolicy.fallbackWarning(kernel: "Sandybridge", source: .environment, cpu: avx2))
        XCTAssertNil(BLASKernelPolicy.fallbackWarning(kernel: "Haswell", source: .pinned, cpu: avx512))
        XCTAssertNil(BLASKernelPolicy.fallbackWarning(kernel: "SkylakeX", source: .native, cpu: avx512))
        XCTAssertNil(BLASKernelPolicy.fallbackWarning(kernel: "Prescott", source: .unpinnable, cpu: sseOnly))
        XCTAssertEqual(BLASKernelPolicy.instructionLevel(ofKernel: "Zen"), 3)
        XCTAssertEqual(BLASKernelPolicy.instructionLevel(ofKernel: "SKYLAKEX"), 4)
    }
}
