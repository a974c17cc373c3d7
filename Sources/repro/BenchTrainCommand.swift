import ArgumentParser
import Featurizers
import Foundation
import Learning
import Randomness
@_spi(Benchmark) import SiteNet

/// `repro bench train`: crystals per second and GFLOP/s of a DIM step, a supervised step and
/// inference on the embedded data, for one model on each requested number of threads (data-parallel
/// chunks on that many workers, OpenBLAS single-threaded in each), then a one-model scaling table
/// and, with `--breakdown`, the time per operation class.
///
/// Two FLOP counts are printed (2 FLOPs per multiply-add, matrix products only):
/// * **reference-equivalent**: the PyTorch reference benchmark's analytic count for the same batch
///   (`flops_dim_step`, `flops_supervised_step`, `flops_inference` of `Benchmarks/sitenet_dim_torch.py`:
///   per padded pair P = R·maxN a DIM step is ≈ 605,312 FLOPs, supervised 173,056, inference 57,728, plus
///   per-site and per-crystal terms). It measures the same work as the peer, so GFLOP/s compare directly.
/// * **executed**: the sgemm FLOPs this implementation actually runs (real pairs Q only, the first
///   attention layer split into site blocks on R rows, the local DIM samples never expanded to 128-d):
///   encoder forward 38,016·R + 24,576·Q, backward 74,880·R + 49,152·Q; DIM step = forward + backward +
///   3 no-grad forwards + 125,184·R (local head) + 16,128·R (the sample layer's input product and its
///   weight gradient, repeated by each of the 8 chunks) + 286,720·R + 172,032·C (global part).
struct BenchTrain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "Crystals per second and GFLOP/s of DIM and supervised training steps.")
    @OptionGroup var blasOptions: BLASOptions
    @Option(parsing: .upToNextOption, help: "Threads for one model (data-parallel workers) to measure.")
    var threads: [Int] = [1, 2]
    @Option(help: "Timed DIM batches (1200-site budget).")
    var dimBatches = 8
    @Option(help: "Timed supervised batches (400-site budget).")
    var supervisedBatches = 20
    @Option(help: "Timed inference batches (128 crystals).")
    var inferenceBatches = 10
    @Option(help: "Repeats of each timing (median reported).")
    var repeats = 3
    @Flag(inversion: .prefixedNo, help: "Also measure one model on 1, 2, … up to the core count and print the scaling table.")
    var scaling = true
    @Flag(help: "Print the time per operation class (sgemm, elementwise, segment ops, DIM loss pairs, optimiser) at 1 thread.")
    var breakdown = false

    func run() throws {
        MemoryTuning.keepFreedMemory()
        BLAS.setThreads(1)
        let t0 = Date()
        let crystals = try loadSiteNetCrystals("embedded").map(\.crystal)
        print(String(format: "featurised %d crystals of the embedded dataset in %.1f s", crystals.count, Date().timeIntervalSince(t0)))
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("OpenBLAS kernel \(BLAS.coreName), OpenBLAS threads \(BLAS.threads) per worker; \(cores) cores; \(DIMModel.stepChunks) chunks per step")
        var rng = SeedPath("bench", "train", "batches").stream()
        let prim = crystals.map(\.primSize)
        let dimIdx = Array(SiteBudgetSampler.batches(primSizes: prim, budget: 1200, rng: &rng, minimumCrystals: 2).prefix(dimBatches + 1))
        let supIdx = Array(SiteBudgetSampler.batches(primSizes: prim, budget: 400, rng: &rng).prefix(supervisedBatches + 1))
        let infIdx = (0..<(inferenceBatches + 1)).map { b in Array((b * 128)..<min((b + 1) * 128, crystals.count)) }
        let dimB = dimIdx.map { $0.map { crystals[$0] } }, supB = supIdx.map { $0.map { crystals[$0] } }, infB = infIdx.map { $0.map { crystals[$0] } }
        let targets = supB.map { $0.map { Float($0.primSize) * 0.01 } }
        func stats(_ bs: [[SiteNetCrystal]]) -> (R: Int, P: Int, Q: Int, C: Int) {
            var R = 0, P = 0, Q = 0, C = 0
            for b in bs.dropFirst() {
                let r = b.reduce(0) { $0 + $1.primSize }, m = b.map(\.supercellSize).max()!
                R += r; P += r * m; Q += b.reduce(0) { $0 + $1.primSize * $1.supercellSize }; C += b.count
            }
            return (R, P, Q, C)
        }
        func refFlops(_ bs: [[SiteNetCrystal]], _ f: (Double, Double, Double) -> Double) -> Double {
            bs.dropFirst().reduce(0.0) { acc, b in
                let r = b.reduce(0) { $0 + $1.primSize }, m = b.map(\.supercellSize).max()!
                return acc + f(Double(r), Double(r * m), Double(b.count))
            }
        }
        let sd = stats(dimB), ss = stats(supB), si = stats(infB)
        let refDim = refFlops(dimB, ReferenceFlops.dimStep), refSup = refFlops(supB, ReferenceFlops.supervisedStep), refInf = refFlops(infB, ReferenceFlops.inference)
        let (R, Q, C) = (Double(sd.R), Double(sd.Q), Double(sd.C))
        let encF = { (r: Double, q: Double) in 38016 * r + 24576 * q }, encB = { (r: Double, q: Double) in 74880 * r + 49152 * q }
        let exDim = encF(R, Q) * 4 + encB(R, Q) + 125184 * R + 16128 * R + 286720 * R + 172032 * C
        let exSup = encF(Double(ss.R), Double(ss.Q)) + encB(Double(ss.R), Double(ss.Q)) + 61440 * Double(ss.R) + 73728 * Double(ss.C) + 6 * Double(ss.C) * 4160
        let exInf = encF(Double(si.R), Double(si.Q)) + 20480 * Double(si.R) + 24576 * Double(si.C)
        print("timed: DIM \(sd.C) crystals in \(dimBatches) batches (R \(sd.R), padded pairs \(sd.P), real pairs \(sd.Q)); supervised \(ss.C) crystals in \(supervisedBatches) batches; inference \(si.C) crystals in \(inferenceBatches) batches")
        print(String(format: "reference-equivalent GFLOP per crystal: DIM %.3f, supervised %.3f, inference %.3f; executed: %.3f / %.3f / %.3f",
                     refDim / Double(sd.C) / 1e9, refSup / Double(ss.C) / 1e9, refInf / Double(si.C) / 1e9,
                     exDim / Double(sd.C) / 1e9, exSup / Double(ss.C) / 1e9, exInf / Double(si.C) / 1e9))

        /// Seconds for the timed batches of each kind (median of `repeats`) on `nt` threads, and the
        /// process CPU seconds of the DIM repeats divided by their wall seconds (the cores actually used).
        func measure(_ nt: Int) -> (dim: Double, sup: Double, inf: Double, dimCores: Double) {
            let model = DIMModel(seed: SeedPath("bench", "dim"))
            let bench = DIMBenchmark(model: model, threads: nt)
            let dimBatchesC = dimB.map { bench.collate($0) }
            var nrng = SeedPath("bench", "noise").stream()
            _ = bench.step(dimBatchesC[0], rng: &nrng)
            ChunkOccupancy.setEnabled(nt > 1)
            let c0 = cpuSeconds(), s0 = stealSeconds(), w0 = Date()
            let tDim = median((0..<repeats).map { _ in time { for b in dimBatchesC.dropFirst() { _ = bench.step(b, rng: &nrng) } } })
            let dimWall = Date().timeIntervalSince(w0), dimCPU = cpuSeconds() - c0
            let dimCores = dimCPU / dimWall
            if nt > 1 { occupancyLine(ChunkOccupancy.totals, wall: dimWall, cpu: dimCPU, steal: stealSeconds().map { $0 - (s0 ?? $0) }) }
            ChunkOccupancy.setEnabled(false)
            let sup = SupervisedBenchmark(model: SupervisedModel(seed: SeedPath("bench", "sup")), threads: nt)
            let supC = supB.map { sup.collate($0) }
            _ = sup.step(supC[0], targets: targets[0])
            let tSup = median((0..<repeats).map { _ in time { for (k, b) in supC.enumerated().dropFirst() { _ = sup.step(b, targets: targets[k]) } } })
            _ = model.embed(infB[0])
            let tInf = median((0..<repeats).map { _ in time { for b in infB.dropFirst() { _ = model.embed(b) } } })
            return (tDim, tSup, tInf, dimCores)
        }
        func line(_ name: String, _ c: Int, _ t: Double, _ ref: Double, _ ex: Double) {
            print(String(format: "  %@ %8.1f crystals/s   %6.1f GFLOP/s reference-equivalent   %6.1f GFLOP/s executed sgemm   (%.3f s)",
                         name.padding(toLength: 11, withPad: " ", startingAt: 0), Double(c) / t, ref / t / 1e9, ex / t / 1e9, t))
        }
        var measured: [Int: (dim: Double, sup: Double, inf: Double, dimCores: Double)] = [:]
        for nt in threads {
            let m = measure(nt)
            measured[nt] = m
            print(String(format: "one model on %d thread%@ [OpenBLAS %@, %d thread per worker; the DIM step got %.2f cores on average: %.1f crystals per CPU-second]",
                         nt, nt == 1 ? "" : "s", BLAS.coreName, BLAS.threads, m.dimCores, Double(sd.C) / m.dim / m.dimCores))
            line("DIM step", sd.C, m.dim, refDim, exDim)
            line("supervised", ss.C, m.sup, refSup, exSup)
            line("inference", si.C, m.inf, refInf, exInf)
        }
        if scaling {
            let counts = Array(1...max(cores, 1))
            for nt in counts where measured[nt] == nil { measured[nt] = measure(nt) }
            print("one-model scaling (crystals/s; speed-up over 1 thread; cores the DIM step got, which is below the thread count on a loaded machine):")
            print("  threads   DIM step            supervised          inference           cores (DIM)")
            let one = measured[1]!
            for nt in counts {
                let m = measured[nt]!
                print(String(format: "  %7d   %7.1f  (%4.2f×)    %7.1f  (%4.2f×)    %7.1f  (%4.2f×)    %4.2f", nt,
                             Double(sd.C) / m.dim, one.dim / m.dim, Double(ss.C) / m.sup, one.sup / m.sup, Double(si.C) / m.inf, one.inf / m.inf,
                             m.dimCores))
            }
        }
        if breakdown {
            OpProfile.setEnabled(true)
            let model = DIMModel(seed: SeedPath("bench", "dim"))
            let bench = DIMBenchmark(model: model, threads: 1)
            let dimBatchesC = dimB.map { bench.collate($0) }
            var nrng = SeedPath("bench", "noise").stream()
            _ = bench.step(dimBatchesC[0], rng: &nrng)
            OpProfile.setEnabled(true)
            let tDim = time { for b in dimBatchesC.dropFirst() { _ = bench.step(b, rng: &nrng) } }
            let dimTotals = OpProfile.totals
            let sup = SupervisedBenchmark(model: SupervisedModel(seed: SeedPath("bench", "sup")), threads: 1)
            let supC = supB.map { sup.collate($0) }
            _ = sup.step(supC[0], targets: targets[0])
            OpProfile.setEnabled(true)
            let tSup = time { for (k, b) in supC.enumerated().dropFirst() { _ = sup.step(b, targets: targets[k]) } }
            let supTotals = OpProfile.totals
            OpProfile.setEnabled(false)
            print("time per operation class, one model on 1 thread (seconds for the timed batches, share of the wall time):")
            print("  class                 DIM step              supervised step")
            for (d, s) in zip(dimTotals, supTotals) {
                print(String(format: "  %@ %8.3f s  %5.1f %%     %8.3f s  %5.1f %%", d.kind.name.padding(toLength: 19, withPad: " ", startingAt: 0),
                             d.seconds, 100 * d.seconds / tDim, s.seconds, 100 * s.seconds / tSup))
            }
            let dOther = tDim - dimTotals.reduce(0) { $0 + $1.seconds }, sOther = tSup - supTotals.reduce(0) { $0 + $1.seconds }
            print(String(format: "  %@ %8.3f s  %5.1f %%     %8.3f s  %5.1f %%", "other (glue, copies)".padding(toLength: 19, withPad: " ", startingAt: 0),
                         dOther, 100 * dOther / tDim, sOther, 100 * sOther / tSup))
            print(String(format: "  %@ %8.3f s              %8.3f s", "wall".padding(toLength: 19, withPad: " ", startingAt: 0), tDim, tSup))
        }
    }

    /// Where the DIM step's worker time went on several threads (``ChunkOccupancy``): the share of
    /// the wall time spent in serial code between parallel calls, the workers' idle share at call
    /// ends, CPU seconds the process got against the seconds its chunks ran (chunks running longer
    /// than the CPU time given means the workers were descheduled), and the machine's steal time
    /// (CPU time a hypervisor gave to other guests) over the same interval.
    func occupancyLine(_ t: ChunkOccupancy.Totals, wall: Double, cpu: Double, steal: Double?) {
        print(String(format: "  DIM step occupancy: %.1f %% of the wall time serial (outside %d parallel calls); workers idle %.1f %% of the parallel time at call ends; chunks ran %.2f s, the process got %.2f CPU-s in %.2f s%@",
                     100 * max(0, wall - t.wall) / wall, t.calls, 100 * t.idleFraction, t.busy, cpu, wall,
                     steal.map { String(format: "; steal (hypervisor) %.2f CPU-s on the machine", $0) } ?? ""))
    }

    /// The machine's steal time so far (the `steal` column of `/proc/stat`'s `cpu` line, all CPUs),
    /// in seconds; nil where there is no such file.
    func stealSeconds() -> Double? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first, line.hasPrefix("cpu ") else { return nil }
        let fields = line.split(separator: " ")
        guard fields.count > 8, let ticks = Double(fields[8]) else { return nil }
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    func time(_ f: () -> Void) -> Double { let t = Date(); f(); return Date().timeIntervalSince(t) }
    /// User + system CPU seconds of this process so far (all threads).
    func cpuSeconds() -> Double {
        var u = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &u)
        #else
        getrusage(RUSAGE_SELF, &u)
        #endif
        return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) * 1e-6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) * 1e-6
    }
    func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }
}

/// The reference benchmark's analytic FLOP counts (`Benchmarks/sitenet_dim_torch.py`), ported
/// term by term: R = Σ primSize, P = R·maxN padded pairs, C = crystals.
enum ReferenceFlops {
    static func lin(_ rows: Double, _ i: Double, _ o: Double, _ gradIn: Bool, _ train: Bool = true) -> (Double, Double) {
        let f = 2 * rows * i * o
        return (f, train ? f + (gradIn ? f : 0) : 0)
    }
    static func encoder(_ R: Double, _ P: Double, _ train: Bool) -> (Double, Double) {
        let t = [lin(R, 9, 64, false, train), lin(P, 1, 64, false, train), lin(P, 192, 64, true, train), lin(P, 64, 1, true, train),
                 lin(P, 192, 64, true, train), lin(P, 64, 64, true, train), (2 * P * 64, train ? 4 * P * 64 : 0), lin(R, 64, 32, true, train)]
        return (t.reduce(0) { $0 + $1.0 }, t.reduce(0) { $0 + $1.1 })
    }
    static func globalEncoder(_ R: Double, _ C: Double, _ train: Bool, _ gradIn: Bool) -> (Double, Double) {
        let t = [lin(R, 32, 64, gradIn, train), lin(R, 64, 128, true, train), lin(C, 128, 64, true, train), lin(C, 64, 64, true, train)]
        return (t.reduce(0) { $0 + $1.0 }, t.reduce(0) { $0 + $1.1 })
    }
    static func dimStep(_ R: Double, _ P: Double, _ C: Double) -> Double {
        var local = [encoder(R, P, true), lin(R, 64, 32, true), lin(R, 32, 64, true), lin(P, 64, 128, true)]
        for _ in 0..<4 { local += [lin(P, 10, 64, false), lin(P, 64, 128, true)] }
        for _ in 0..<4 { local.append((2 * P * 128, 4 * P * 128)) }
        let inf = 3 * encoder(R, P, false).0
        var glob = [globalEncoder(R, C, true, false), lin(C, 64, 64, true), lin(C, 64, 64, true), lin(C, 64, 128, true)]
        for _ in 0..<4 { glob += [lin(R, 32, 64, false), lin(R, 64, 128, true)] }
        for _ in 0..<5 { glob.append((2 * R * 128, 4 * R * 128)) }
        return local.reduce(0) { $0 + $1.0 + $1.1 } + inf + glob.reduce(0) { $0 + $1.0 + $1.1 }
    }
    static func supervisedStep(_ R: Double, _ P: Double, _ C: Double) -> Double {
        let e = encoder(R, P, true), g = globalEncoder(R, C, true, true)
        return e.0 + e.1 + g.0 + g.1 + 3 * 2 * C * (64 * 64 + 64)
    }
    static func inference(_ R: Double, _ P: Double, _ C: Double) -> Double {
        encoder(R, P, false).0 + globalEncoder(R, C, false, false).0
    }
}
