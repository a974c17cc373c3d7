import ArgumentParser
import Foundation
import Randomness
import TSNE

/// `repro bench tsne`: seconds of this t-SNE on clustered 64-d data (1,500 and 20,000 points,
/// perplexity 30 and 1000 where 1000 < n/3), beside scikit-learn's seconds measured on the same
/// machine by `Scripts/fixtures/tsne/bench_sklearn.py` (read from its JSON, labelled as such).
struct BenchTSNE: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tsne", abstract: "Time t-SNE on 1,500 and 20,000 points.",
        discussion: """
        With --data DIR the points are read from DIR/clustered_<n>x64.csv, the files that \
        Scripts/fixtures/tsne/bench_sklearn.py writes and times scikit-learn on, so both sides \
        run on the same numbers. Without it, data of the same shape are generated here \
        (20 Gaussian clusters, centres ~ N(0, 4²), std ~ U(0.5, 2)) from a fixed seed.
        """)

    @OptionGroup var blasOptions: BLASOptions
    @Option(help: "Folder with clustered_<n>x64.csv (from bench_sklearn.py).") var data: String?
    @Option(help: "scikit-learn timings measured on this machine (JSON from bench_sklearn.py).")
    var sklearn: String = "Scripts/fixtures/tsne/sklearn_bench.json"
    @Option(help: "Point counts, comma-separated.") var sizes: String = "1500,20000"
    @Option(help: "Perplexities, comma-separated (skipped where ≥ n/3).") var perplexities: String = "30,1000"
    @Option(help: "Worker threads.") var threads: Int = 2

    struct SklearnCase: Decodable { let points: Int; let perplexity: Double; let seconds: Double; let kl_divergence: Double }
    struct SklearnDoc: Decodable { let label: String; let date: String; let sklearn: String; let cases: [SklearnCase] }

    func run() throws {
        let ns = try sizes.split(separator: ",").map { s -> Int in
            guard let v = Int(s.trimmingCharacters(in: .whitespaces)), v >= 10 else { throw CLIFailure("--sizes: '\(s)' is not a count ≥ 10") }
            return v
        }
        let ps = try perplexities.split(separator: ",").map { s -> Double in
            guard let v = Double(s.trimmingCharacters(in: .whitespaces)), v > 0 else { throw CLIFailure("--perplexities: '\(s)' is not a positive number") }
            return v
        }
        var reference: SklearnDoc?
        if let blob = try? Data(contentsOf: URL(fileURLWithPath: sklearn)) {
            reference = try? JSONDecoder().decode(SklearnDoc.self, from: blob)
        }
        if let reference {
            print("scikit-learn \(reference.sklearn) reference: \(reference.label), measured \(reference.date) (\(sklearn))")
        } else {
            print("scikit-learn reference: none found at \(sklearn) (run Scripts/fixtures/tsne/bench_sklearn.py)")
        }
        if data == nil { print("note: data generated here, not the files scikit-learn was timed on (pass --data DIR for the same data)") }
        print("(seconds = wall clock; cpu = user+system CPU seconds of this process, the fairer figure on a loaded machine)")
        print("points  dims  perplexity  seconds  cpu s    KL        iterations | sklearn s  sklearn KL  speed-up (wall)")
        for n in ns {
            let (x, d) = try points(n)
            for p in ps where p < Double(n) / 3 {
                var cfg = TSNEConfiguration(perplexity: p)
                cfg.threads = threads
                let t0 = Date()
                let cpu0 = Self.cpuSeconds()
                let r = try TSNE(cfg).embed(flat: x, dimensions: d, seed: SeedPath("bench", "tsne")) { pr in
                    if n > 5000, let kl = pr.klDivergence, pr.iteration % 250 == 0 {
                        FileHandle.standardError.write(Data("  n=\(n) perplexity \(p): iteration \(pr.iteration), KL \(String(format: "%.3f", kl)), \(String(format: "%.1f", Date().timeIntervalSince(t0))) s\n".utf8))
                    }
                }
                let s = Date().timeIntervalSince(t0)
                let cpu = Self.cpuSeconds() - cpu0
                var line = String(format: "%6d  %4d  %10.0f  %7.2f  %7.2f  %-8.4f  %10d", n, d, p, s, cpu, r.klDivergence, r.iterations)
                if let c = reference?.cases.first(where: { $0.points == n && $0.perplexity == p }) {
                    line += String(format: " | %9.2f  %-10.4f  %.2f×", c.seconds, c.kl_divergence, c.seconds / s)
                } else {
                    line += " | not measured"
                }
                print(line)
                fflush(stdout)
            }
        }
    }

    #if canImport(Glibc)
    private static let RUSAGE_SELF_ID = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
    private static let RUSAGE_SELF_ID = RUSAGE_SELF
    #endif
    /// User + system CPU seconds of this process so far (getrusage).
    static func cpuSeconds() -> Double {
        var u = rusage()
        getrusage(Self.RUSAGE_SELF_ID, &u)
        return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) * 1e-6 + Double(u.ru_stime.tv_sec) + Double(u.ru_stime.tv_usec) * 1e-6
    }

    private func points(_ n: Int) throws -> ([Double], Int) {
        if let data {
            let (v, d) = try NumericCSV.read("\(data)/clustered_\(n)x64.csv")
            guard v.count / d == n else { throw CLIFailure("\(data)/clustered_\(n)x64.csv: expected \(n) rows, found \(v.count / d)") }
            return (v, d)
        }
        var rng = SeedPath("bench", "tsne", "data", "\(n)").stream()
        let k = 20, d = 64
        let centres = (0..<(k * d)).map { _ in 4 * rng.normal() }
        let stds = (0..<k).map { _ in rng.uniform(0.5, 2.0) }
        var x = [Double](repeating: 0, count: n * d)
        for i in 0..<n {
            let c = rng.index(below: k)
            for t in 0..<d { x[i * d + t] = centres[c * d + t] + stds[c] * rng.normal() }
        }
        return (x, d)
    }
}
