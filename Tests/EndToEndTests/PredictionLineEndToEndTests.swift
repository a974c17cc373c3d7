import Foundation
import TestSupport
import XCTest

/// Before computing, a run says how long the cost model expects it to take on this many jobs (the
/// default run is hours long); the fake backend, whose costs the model does not describe, says nothing.
final class PredictionLineEndToEndTests: XCTestCase {
    func testRunStatesItsPredictedWallTimeForTheRealBackendOnly() throws {
        let binary = try requireReproBinary()
        let dir = try TestSupport.temporaryDirectory()
        let real = try TestSupport.run(binary, ["run", "--profile", "default", "--dry-run", "--jobs", "2", "--store", "s"], cwd: dir)
        XCTAssertEqual(real.status, 0, real.stderr)
        let line = real.stderr.split(separator: "\n").first { $0.hasPrefix("predicted: about ") }
        XCTAssertNotNil(line, real.stderr)
        XCTAssertNotNil(line?.range(of: #"^predicted: about [0-9]+h[0-9]{2}m with 2 jobs \(the cost model, unit costs of .+\)$"#, options: .regularExpression),
                        String(line ?? ""))
        let fake = try TestSupport.run(binary, ["run", "--profile", "smoke", "--backend", "fake", "--dry-run", "--store", "s"], cwd: dir)
        XCTAssertEqual(fake.status, 0, fake.stderr)
        XCTAssertFalse(fake.stderr.contains("predicted:"), fake.stderr)
    }

    /// `cluster predict` checks the model against a store's timings, by CPU time where recorded
    /// (every item of a fresh one-job run).
    func testClusterPredictMeasuresByCPUTime() throws {
        let binary = try requireReproBinary()
        let dir = try TestSupport.temporaryDirectory()
        let run = try TestSupport.run(binary, ["run", "--profile", "smoke", "--backend", "fake", "--jobs", "1", "--store", "s", "--quiet"], cwd: dir)
        XCTAssertEqual(run.status, 0, run.stderr)
        let p = try TestSupport.run(binary, ["cluster", "predict", "--profile", "smoke", "--backend", "fake", "--store", "s"], cwd: dir)
        XCTAssertEqual(p.status, 0, p.stderr)
        let first = String(p.stdout.split(separator: "\n").first ?? "")
        XCTAssertNotNil(first.range(of: #"^profile smoke: ([0-9]+) items; \1 timed in s \(\1 by their CPU time, 0 by wall time\), 0 extrapolated$"#,
                                    options: .regularExpression), first)
    }
}
