import Foundation
import TestSupport
import XCTest

/// The smoke profile on a real (single-node) Slurm cluster: `repro cluster slurm --submit` with 3
/// shards gives a `results.json` byte-identical to a single-process `repro run` + `repro report`;
/// a shard cancelled mid-run (`scancel`) loses nothing already written, and re-running the same
/// command submits only that shard (and the later-stage shards it blocked) and completes the plan.
///
/// Needs root, Debian's `slurm-wlm` and `munge` (`Scripts/slurm/install.sh`), and the `repro`
/// binary (TestSupport.reproBinary or REPRO_BINARY). The cluster is started by
/// `Scripts/slurm/local-cluster.sh start DIR` (munged, slurmctld, slurmd; state under DIR) and
/// stopped by PID with `local-cluster.sh stop DIR` in a teardown block, even when the test fails.
/// Backend of part 1: REPRO_E2E_BACKEND (default `real`, as in ReproduceEndToEndTests: real
/// training on the smoke profile). Parts 2–3 (cancel and resubmit) use the fake backend, whose
/// per-trial delay keeps a stage-2 task running long enough to be cancelled.
final class SlurmEndToEndTests: XCTestCase {
    var backend: String { ProcessInfo.processInfo.environment["REPRO_E2E_BACKEND"] ?? "real" }
    /// The backend of the cancel/resubmit part (it needs `REPRO_FAKE_TRIAL_DELAY`).
    let cancelBackend = "fake"
    /// Bound on each wait for the queue to drain.
    let queueTimeout: TimeInterval = 600

    func testSmokeProfileOnLocalSlurmMatchesLocalRunAndRecoversFromCancelledShard() throws {
        guard getuid() == 0 else { throw XCTSkip("Slurm end-to-end test needs root (it starts slurmctld, slurmd and munged)") }
        for tool in ["/usr/sbin/slurmctld", "/usr/sbin/slurmd", "/usr/sbin/munged", "/usr/bin/sbatch", "/usr/bin/squeue", "/usr/bin/scancel"]
        where !FileManager.default.isExecutableFile(atPath: tool) {
            throw XCTSkip("\(tool) not found: install Slurm with Scripts/slurm/install.sh (apt-get install slurm-wlm munge)")
        }
        let repro = try requireReproBinary()

        let dir = try TestSupport.temporaryDirectory("repro-slurm")
        let clusterDir = dir.appendingPathComponent("slurm")
        let script = TestSupport.packageRoot.appendingPathComponent("Scripts/slurm/local-cluster.sh")
        // The daemons inherit the script's stdout/stderr: they go to a log file, never to pipes
        // (a pipe held open by a daemon would never reach end-of-file).
        let startLog = dir.appendingPathComponent("local-cluster.log")
        FileManager.default.createFile(atPath: startLog.path, contents: nil)
        // posix_spawn + waitpid rather than Foundation's Process: the script leaves daemons behind,
        // and Foundation's child monitoring was seen to miss the script's exit here.
        func clusterScript(_ verb: String) throws -> Int32 {
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            defer { posix_spawn_file_actions_destroy(&actions) }
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, startLog.path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
            let args = ["/bin/bash", script.path, verb, clusterDir.path]
            var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) } + [nil]
            defer { for p in argv { free(p) } }
            var pid: pid_t = 0
            let rc = posix_spawn(&pid, "/bin/bash", &actions, nil, &argv, environ)
            guard rc == 0 else { throw QueueTimeout(message: "cannot start local-cluster.sh: errno \(rc)") }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
            return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        }
        addTeardownBlock {
            if let status = try? clusterScript("stop"), status != 0 { print("local-cluster.sh stop exited \(status)") }
        }
        let up = try clusterScript("start")
        let upLog = (try? String(contentsOf: startLog, encoding: .utf8)) ?? ""
        if up == 3 { throw XCTSkip("slurm-wlm/munge not installed: \(upLog)") }
        XCTAssertEqual(up, 0, "local cluster did not start:\n\(upLog)")
        guard up == 0 else { return }
        let slurmEnv = ["SLURM_CONF": clusterDir.appendingPathComponent("slurm.conf").path]

        func run(_ args: [String], env: [String: String] = [:], expect status: Int32 = 0) throws -> (stdout: String, stderr: String) {
            let r = try TestSupport.run(repro, args, cwd: dir, environment: slurmEnv.merging(env) { $1 })
            XCTAssertEqual(r.status, status, "repro \(args.joined(separator: " ")) → \(r.status)\n\(r.stdout)\n\(r.stderr)")
            return (r.stdout, r.stderr)
        }
        func slurm(_ tool: String, _ args: [String]) throws -> String {
            let r = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/\(tool)"), args, environment: slurmEnv)
            XCTAssertEqual(r.status, 0, "\(tool) \(args.joined(separator: " ")): \(r.stderr)")
            return r.stdout
        }
        /// Waits until the queue is empty (every array task and the report job have ended).
        func waitForQueue(_ what: String) throws {
            let deadline = Date().addingTimeInterval(queueTimeout)
            while Date() < deadline {
                if try slurm("squeue", ["-h"]).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return }
                Thread.sleep(forTimeInterval: 0.5)
            }
            let queue = try slurm("squeue", [])
            throw QueueTimeout(message: "\(what): the queue did not drain within \(Int(queueTimeout)) s:\n\(queue)")
        }
        func read(_ path: String) throws -> Data { try Data(contentsOf: dir.appendingPathComponent(path)) }
        func text(_ path: String) -> String { (try? String(contentsOf: dir.appendingPathComponent(path), encoding: .utf8)) ?? "(no \(path))" }

        // Reference: one process, no scheduler.
        let profile = ["--profile", "smoke", "--backend", backend]
        try run(["run"] + profile + ["--store", "ref", "--jobs", "2", "--quiet"])
        try run(["report"] + profile + ["--store", "ref", "--reports", "refReports", "--figures", "refFigures"])
        let reference = try read("refReports/results.json")
        // The same for the fake backend of parts 2–3.
        let fakeProfile = ["--profile", "smoke", "--backend", cancelBackend]
        try run(["run"] + fakeProfile + ["--store", "reffake", "--jobs", "2", "--quiet"])
        try run(["report"] + fakeProfile + ["--store", "reffake", "--reports", "reffakeReports", "--figures", "reffakeFigures"])
        let fakeReference = try read("reffakeReports/results.json")

        // 1. The whole plan as 3 shards per stage, 1 CPU per task (so two tasks run side by side).
        let submitA = ["cluster", "slurm"] + profile + ["--store", "a", "--shards", "3", "--cpus-per-task", "1",
                                                        "--reports", "aReports", "--figures", "aFigures", "--output", "a.sh", "--submit"]
        let a = try run(submitA)
        XCTAssertTrue(a.stdout.contains("stage 1: 3, stage 2: 3, stage 3: 3"), a.stdout)
        try waitForQueue("first submission")
        XCTAssertTrue(text("a/logs/report.out").contains("0 missing, 0 failed"), text("a/logs/report.out"))
        XCTAssertEqual(try read("aReports/results.json"), reference,
                       "results.json from 3 Slurm shards differs from the single-process run; report log:\n\(text("a/logs/report.out"))")
        // Every task recorded its allocation: 1 CPU → 1 job × 1 BLAS thread.
        let statusA = try run(["cluster", "status", "--backend", backend, "--store", "a"])
        XCTAssertTrue(statusA.stdout.hasSuffix("complete\n"), statusA.stdout)
        let taskLines = statusA.stdout.split(separator: "\n").filter { $0.hasPrefix("  stage ") && $0.contains(" shard ") }
        XCTAssertGreaterThanOrEqual(taskLines.count, 10, statusA.stdout)   // stage 0: 1 shard; stages 1–3: 3 each
        for l in taskLines { XCTAssertTrue(l.contains("1 CPU(s), 1 job(s) × 1 BLAS thread") && l.contains("finished"), String(l)) }
        XCTAssertTrue(text("a/logs/stage2-3.out").contains("1 CPU(s) allocated, 1 job(s) × 1 OpenBLAS thread"), text("a/logs/stage2-3.out"))

        // 2. Cancel one stage-2 task while it runs (slowed down by a per-trial delay of the fake backend).
        let submitB = ["cluster", "slurm"] + fakeProfile + ["--store", "b", "--shards", "3", "--cpus-per-task", "1",
                                                        "--reports", "bReports", "--figures", "bFigures", "--output", "b.sh", "--submit"]
        try run(submitB, env: ["REPRO_FAKE_TRIAL_DELAY": "0.1"])
        var victim = ""
        let deadline = Date().addingTimeInterval(queueTimeout)
        while victim.isEmpty && Date() < deadline {
            victim = try slurm("squeue", ["-h", "-t", "R", "-n", "repro-s2", "-o", "%i"])
                .split(separator: "\n").first.map(String.init) ?? ""
            if victim.isEmpty { Thread.sleep(forTimeInterval: 0.2) }
        }
        XCTAssertFalse(victim.isEmpty, "no stage-2 task was seen running")
        guard !victim.isEmpty else { try waitForQueue("after the failed wait"); return }
        Thread.sleep(forTimeInterval: 0.7)
        _ = try slurm("scancel", [victim])
        try waitForQueue("cancelled submission")
        let taskID = victim.split(separator: "_").last.map(String.init) ?? "?"
        let statusB = try run(["cluster", "status", "--backend", cancelBackend, "--store", "b"])
        XCTAssertTrue(statusB.stdout.contains("item(s) to run"), "the cancelled task had already finished:\n\(statusB.stdout)")
        XCTAssertTrue(statusB.stdout.contains("stage 2 shard \(taskID)/3: job \(victim) on")
                      && (statusB.stdout.contains("never ended") || statusB.stdout.contains("cancelled")), statusB.stdout)
        // Nothing already written was lost: stages 0 and 1 are complete; stage 2 misses the cancelled
        // shard's items; stage 3 misses at most the items whose inputs were in that shard (blocked, not
        // failed: which stage-3 items those are depends on how the cost model spread stage 2 over shards).
        let stageLines = statusB.stdout.split(separator: "\n").filter { $0.hasPrefix("stage ") && $0.contains(" finished, ") }
        XCTAssertEqual(stageLines.count, 4, statusB.stdout)
        func missing(_ stage: Int) -> Int? {
            guard let l = stageLines.first(where: { $0.hasPrefix("stage \(stage) ") }),
                  let r = l.range(of: #"(\d+) missing"#, options: .regularExpression) else { return nil }
            return Int(l[r].split(separator: " ")[0])
        }
        XCTAssertEqual(missing(0), 0, statusB.stdout)
        XCTAssertEqual(missing(1), 0, statusB.stdout)
        XCTAssertGreaterThan(missing(2) ?? 0, 0, statusB.stdout)
        for l in stageLines { XCTAssertTrue(l.contains(" 0 failed"), String(l)) }
        let stage3Missing = missing(3) ?? -1
        XCTAssertTrue(text("b/logs/report.out").contains("missing"), text("b/logs/report.out"))
        XCTAssertNotEqual(try? read("bReports/results.json"), fakeReference, "the report of the incomplete store equals the complete one")

        // 3. The same command again (no delay) submits only the cancelled shard (and, after it, the
        // stage-3 shards it blocked) and completes the plan.
        let again = try run(submitB, env: ["REPRO_FAKE_TRIAL_DELAY": "0"])
        let bScript = text("b.sh")
        XCTAssertFalse(bScript.contains("--job-name=repro-s0") || bScript.contains("--job-name=repro-s1"), bScript)
        if stage3Missing == 0 {
            XCTAssertTrue(again.stdout.contains("wrote b.sh: 1 array task(s) with work left (stage 2: 1)"), again.stdout)
            XCTAssertFalse(bScript.contains("--job-name=repro-s3"), bScript)
        } else {
            XCTAssertTrue(again.stdout.contains("with work left (stage 2: 1, stage 3: "), again.stdout)
            XCTAssertTrue(bScript.contains("--job-name=repro-s3"), bScript)
        }
        XCTAssertTrue(bScript.contains("--job-name=repro-s2 --array=\(taskID) "), bScript)
        try waitForQueue("resubmission")
        XCTAssertTrue(text("b/logs/report.out").contains("0 missing, 0 failed"), text("b/logs/report.out"))
        XCTAssertEqual(try read("bReports/results.json"), fakeReference,
                       "after resubmission results.json differs from the single-process run; report log:\n\(text("b/logs/report.out"))")
        let statusB2 = try run(["cluster", "status", "--backend", cancelBackend, "--store", "b"])
        XCTAssertTrue(statusB2.stdout.hasSuffix("complete\n"), statusB2.stdout)
    }
}

/// The queue did not drain in time.
struct QueueTimeout: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
