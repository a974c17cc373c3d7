import Randomness
import Regressors
import XCTest

/// ``FloatEnvironment``: subnormals are flushed inside the scope (on x86) and the thread's mode is
/// restored after it, also when the body throws.
final class FloatEnvironmentTests: XCTestCase {
    struct Thrown: Error {}

    /// A subnormal made at run time (so that the compiler cannot fold it).
    func subnormal(_ scale: Float) -> Float { Float.leastNormalMagnitude * scale }

    func testFlushesInsideAndRestoresAfter() throws {
        #if arch(x86_64)
        XCTAssertFalse(FloatEnvironment.flushingSubnormals)
        let half: Float = 0.5
        XCTAssertNotEqual(subnormal(half), 0, "gradual underflow outside the scope")
        let inside = FloatEnvironment.withSubnormalsFlushed { (FloatEnvironment.flushingSubnormals, subnormal(half)) }
        XCTAssertTrue(inside.0)
        XCTAssertEqual(inside.1, 0, "a subnormal result is flushed to zero inside the scope")
        XCTAssertFalse(FloatEnvironment.flushingSubnormals, "mode restored")
        XCTAssertNotEqual(subnormal(half), 0)
        XCTAssertThrowsError(try FloatEnvironment.withSubnormalsFlushed { () throws -> Int in throw Thrown() })
        XCTAssertFalse(FloatEnvironment.flushingSubnormals, "mode restored after a throw")
        let off = FloatEnvironment.withSubnormalsFlushed(false) { subnormal(half) }
        XCTAssertNotEqual(off, 0, "flush: false leaves gradual underflow")
        #else
        throw XCTSkip("subnormal flushing is an x86 setting")
        #endif
    }

    func testMLPFitLeavesTheThreadsModeAlone() throws {
        var m = MLPRegressor(configuration: MLPConfiguration(maxIterations: 5), seed: SeedPath("tests", "ftz"))
        try m.fit([[0, 1], [1, 0], [1, 1], [0, 0]], [1, 1, 2, 0])
        XCTAssertFalse(FloatEnvironment.flushingSubnormals)
    }
}
