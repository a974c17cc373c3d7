import Foundation
import TestSupport
import XCTest

/// A run killed outright (SIGKILL: no chance to finish anything) during DIM pretraining continues
/// from the training state saved in the store, and its results are byte-identical to an
/// uninterrupted run's.
final class KillResumeEndToEndTests: XCTestCase {
    var backend: String { ProcessInfo.processInfo.environment["REPRO_E2E_BACKEND"] ?? "real" }

    func testKilledRunContinuesFromItsSavedStateWithTheSameResults() throws {
        let binary = try requireReproBinary()
        guard backend == "real" else { throw XCTSkip("the fake backend trains nothing, so it saves no training state") }
        // fig 6 alone: the dataset and the two DIM models.
        let args = ["reproduce", "--figure", "fig6", "--profile", "smoke", "--backend", backend, "--jobs", "1", "--store", "store"]
        let whole = try TestSupport.temporaryDirectory(), killed = try TestSupport.temporaryDirectory()
        let reference = try TestSupport.run(binary, args + ["--quiet"], cwd: whole)
        XCTAssertEqual(reference.status, 0, reference.stderr)

        // Save after every epoch; kill as soon as a state is on disk (the item is then mid-training).
        let p = Process()
        p.executableURL = binary
        p.arguments = args + ["--quiet", "--save-state-every", "0"]
        p.currentDirectoryURL = killed
        p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
        try p.run()
        let partial = killed.appendingPathComponent("store/partial")
        func states() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: partial.path)) ?? []).filter { $0.hasSuffix(".state") } }
        let deadline = Date().addingTimeInterval(600)
        while states().isEmpty, p.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.002) }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .uncaughtSignal, "the run ended before it could be killed mid-training")
        let saved = states()
        XCTAssertEqual(saved.count, 1, "one training state left by the killed run: \(saved)")

        // `cluster status` names the training in flight and the epoch its state was saved after,
        // and a state of a key no plan item has (here a copy under a made-up key).
        let orphan = partial.appendingPathComponent(String(repeating: "0", count: 64) + ".state")
        try FileManager.default.copyItem(at: partial.appendingPathComponent(saved[0]), to: orphan)
        let status = try TestSupport.run(binary, ["cluster", "status", "--profile", "smoke", "--backend", backend, "--store", "store"], cwd: killed)
        XCTAssertEqual(status.status, 0, status.stderr)
        XCTAssertNotNil(status.stdout.range(of: #"  dim/shared/(synthetic|nosynthetic): saved after epoch [0-9]+ \("#, options: .regularExpression), status.stdout)
        XCTAssertTrue(status.stdout.contains("  \(orphan.lastPathComponent): no item of this plan has this key"), status.stdout)
        XCTAssertTrue(status.stdout.hasSuffix("re-run `repro cluster slurm … --submit` (or `repro run`) to complete the plan\n"), status.stdout)
        try FileManager.default.removeItem(at: orphan)

        // The same command again: it continues the saved state and removes it once stored.
        let again = try TestSupport.run(binary, args, cwd: killed)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("(continued a saved training state after epoch "), again.stderr)
        XCTAssertEqual(states(), [], "states are removed once their results are stored")

        // Every stored result is byte-identical to the uninterrupted run's.
        let objects = whole.appendingPathComponent("store/objects")
        let entries = try FileManager.default.subpathsOfDirectory(atPath: objects.path).filter { $0.hasSuffix(".entry") }
        XCTAssertEqual(entries.count, 3, "dataset and two DIM models: \(entries)")
        for e in entries {
            let other = killed.appendingPathComponent("store/objects").appendingPathComponent(e)
            XCTAssertEqual(try Data(contentsOf: objects.appendingPathComponent(e)), try? Data(contentsOf: other), e)
        }
        XCTAssertEqual(try Data(contentsOf: whole.appendingPathComponent("Figures/fig6.csv")),
                       try Data(contentsOf: killed.appendingPathComponent("Figures/fig6.csv")))
    }
}
