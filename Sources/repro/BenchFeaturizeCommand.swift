import ArgumentParser
import Crystals
import Dispatch
import Featurizers
import Foundation

/// `repro bench featurize`: times the XRD and OFM featurisers on the whole embedded dataset, on
/// the authors' input cells (primitive cell → ≤50-atom roughly cubic supercell), and prints the
/// time of the Python reference (matminer/pymatgen) beside it.
struct BenchFeaturize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "featurize",
        abstract: "Time the featurisers on the embedded dataset.",
        discussion: """
        Structures are split over --workers threads by index (results do not depend on the number \
        of workers; the printed checksum shows it). The Python reference is the per-structure time \
        of matminer's XRDPowderPattern / OrbitalFieldMatrix on a subset of the same supercells, \
        measured by Scripts/fixtures/featurizers/bench_python_reference.py: the recorded numbers are \
        printed, or it is run live with --python-reference (needs python3 with pymatgen and matminer).
        """
    )

    @Option(help: "Worker threads.") var workers = 2
    @Option(help: "Only the first N records (default: all).") var limit: Int?
    @Option(help: "Featurisers to time: xrd, ofm or both.") var featurizer = "both"
    @Flag(help: "Run the Python reference timing script now instead of printing the recorded numbers.")
    var pythonReference = false
    @Option(help: "With --python-reference: time every N-th record.") var pythonStride = 72

    /// Python reference recorded on this machine (one process, one thread), 2026-11-25, by
    /// `python3 Scripts/fixtures/featurizers/bench_python_reference.py --stride 72` (pymatgen
    /// 2026.10.16, matminer 0.10.1; 98 Site-Net supercells, mean 41.7 sites; no failures): CPU
    /// seconds per structure (`time.process_time`). Wall time was 0.113 / 0.656 s on a lightly
    /// loaded machine and 0.311 / 1.526 s at load 12.
    static let recordedPython = (structures: 98, xrd: 0.0477, ofm: 0.2400)

    func run() throws {
        guard workers >= 1 else { throw CLIFailure("--workers must be at least 1") }
        let chosen: [any BaselineFeaturizer]
        switch featurizer {
        case "xrd": chosen = [XRDPattern()]
        case "ofm": chosen = [OrbitalFieldMatrix()]
        case "both": chosen = [XRDPattern(), OrbitalFieldMatrix()]
        default: throw CLIFailure("--featurizer must be xrd, ofm or both, not '\(featurizer)'")
        }
        var t = DispatchTime.now()
        let dataset = try Dataset.loadEmbedded()
        var records = dataset.records
        if let limit { records = Array(records.prefix(max(0, limit))) }
        print("embedded dataset: \(dataset.records.count) records (\(dataset.skipped.count) skipped on reading); timing \(records.count), \(workers) worker(s)")
        let cells = BaselineInput.authorsCells(records.map(\.structure), workers: workers)
        let prep = seconds(since: t)
        let sites = cells.map(\.count)
        print(String(format: "input cells (primitive → ≤50-atom supercell): %.2f s; sites mean %.1f, max %d",
                     prep, Double(sites.reduce(0, +)) / Double(max(1, sites.count)), sites.max() ?? 0))

        var python: [String: Double] = ["xrd": Self.recordedPython.xrd, "ofm": Self.recordedPython.ofm]
        var pythonLabel = "recorded: \(Self.recordedPython.structures) supercells, 1 process, CPU time"
        if pythonReference { (python, pythonLabel) = try runPythonReference() }

        for f in chosen {
            t = DispatchTime.now()
            let cpu0 = processCPUSeconds()
            let results = f.vectors(cells, workers: workers)
            let elapsed = seconds(since: t)
            let cpu = processCPUSeconds() - cpu0
            var failures: [String: Int] = [:]
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var ok = 0
            for r in results {
                switch r {
                case let .success(v):
                    ok += 1
                    for x in v { hash = (hash ^ x.bitPattern) &* 0x100_0000_01b3 }
                case let .failure(e): failures[failureKind(e), default: 0] += 1
                }
            }
            let perStructure = elapsed / Double(max(1, cells.count))
            print(String(format: "%@: %d structures in %.2f s wall (%.3f ms/structure, %.0f structures/s), %.2f s CPU (%.3f ms/structure); %d ok, %d failed; checksum %016llx",
                         f.name, cells.count, elapsed, perStructure * 1000, Double(cells.count) / max(elapsed, 1e-9),
                         cpu, cpu / Double(max(1, cells.count)) * 1000, ok, cells.count - ok, hash))
            for (kind, count) in failures.sorted(by: { $0.key < $1.key }) { print("    failed: \(count) × \(kind)") }
            if let py = python[f.name], py > 0 {
                let whole = py * Double(cells.count) / Double(workers)
                let swiftCPU = cpu / Double(max(1, cells.count))
                print(String(format: "    Python reference (%@): %.1f ms CPU/structure → ≈ %.1f min for these %d on %d processes; Swift needs %.0f× less CPU per structure",
                             pythonLabel, py * 1000, whole / 60, cells.count, workers, py / max(swiftCPU, 1e-12)))
            }
        }
    }

    private func seconds(since t: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e9
    }

    /// CPU time of this process, all threads (s): robust to other processes sharing the cores.
    private func processCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    private func failureKind(_ e: FeaturizerError) -> String {
        switch e {
        case let .unsupportedElement(_, z, _): return "element Z = \(z) outside the table"
        case .degeneratePattern: return "XRD pattern without spread (KDE undefined)"
        default: return "\(e)"
        }
    }

    /// Runs the Python timing script (from the package root, found from this binary's working
    /// directory) and reads its JSON line.
    private func runPythonReference() throws -> ([String: Double], String) {
        let script = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("Scripts/fixtures/featurizers/bench_python_reference.py")
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw CLIFailure("--python-reference: run from the package root (\(script.path) not found)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", script.path, "--stride", "\(pythonStride)"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0,
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let xrd = obj["xrd_cpu_seconds_per_structure"] as? Double, let ofm = obj["ofm_cpu_seconds_per_structure"] as? Double
        else { throw CLIFailure("--python-reference: the script failed (exit \(p.terminationStatus))") }
        let n = obj["structures"] as? Int ?? 0
        return (["xrd": xrd, "ofm": ofm], "measured now: \(n) supercells, 1 process")
    }
}
