import ArgumentParser
import Foundation
import Learning
import Randomness
import Regressors

/// `repro bench regressors`: wall time of MLP and least-squares fits at 1000 labels on three
/// synthetic problems shaped like the paper's inputs (64-d embedding, 128-d XRD, 1521-d sparse
/// OFM), beside scikit-learn's time on the same data when it was measured
/// (Scripts/fixtures/regressors/sklearn_timings.json, made by bench_sklearn.py).
struct BenchRegressors: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regressors", abstract: "Time least-squares and MLP fits.",
        discussion: """
        Each problem has 1000 training rows and 1500 test rows from a fixed generator: 8 latent \
        values z ∈ U(−1,1), features max(0, z·A) (the 1521-d one with 88 % of entries and 5 % of \
        columns zeroed, like an orbital field matrix), target sin 3z₀ + z₁z₂ + ½z₃². The same \
        generator is in Scripts/fixtures/regressors/bench_sklearn.py. MLP: the authors' \
        MLPRegressor(hidden_layer_sizes=[64], max_iter=5000), a different seed per fit.
        """)

    @OptionGroup var blasOptions: BLASOptions
    @Option(help: "MLP fits per problem.") var fits = 100
    @Option(help: "Least-squares fits per problem.") var linearFits = 100
    @Option(help: "Problems to run (comma-separated): embedding-64, xrd-128, ofm-1521.")
    var problems = "embedding-64,xrd-128,ofm-1521"
    @Option(help: "OpenBLAS threads.") var threads = 1
    @Option(help: "scikit-learn timings JSON to print beside ours.")
    var reference = "Scripts/fixtures/regressors/sklearn_timings.json"

    func run() throws {
        guard fits >= 1, linearFits >= 1, threads >= 1 else { throw CLIFailure("--fits, --linear-fits and --threads must be ≥ 1") }
        BLAS.setThreads(threads)
        let core = BLAS.coreName
        let known = ["embedding-64": (64, false), "xrd-128": (128, false), "ofm-1521": (1521, true)]
        let names = problems.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        for n in names where known[n] == nil { throw CLIFailure("unknown problem '\(n)'; choose from embedding-64, xrd-128, ofm-1521") }
        let sklearn = loadReference()
        print("repro bench regressors: 1000 training rows, 1500 test rows; OpenBLAS \(threads) thread(s), core \(core)")
        print("times are process CPU seconds (the machine is shared; wall time is shown for the MLP)")
        if let s = sklearn { print("scikit-learn reference: \(s.header) (file \(reference))") }
        else { print("scikit-learn reference: none (\(reference) not found; run Scripts/fixtures/regressors/bench_sklearn.py)") }
        for name in names {
            let (d, sparse) = known[name]!
            let p = SyntheticProblem(features: d, sparse: sparse)
            // MLP.
            var seconds = 0.0, wall = 0.0, epochs = 0, maes = [Double]()
            for i in 0..<fits {
                var model = MLPRegressor(seed: SeedPath("bench", "regressors", name, "fit\(i)"))
                let (c0, w0) = (cpuSeconds(), wallSeconds())
                try model.fit(p.train, p.yTrain)
                seconds += cpuSeconds() - c0; wall += wallSeconds() - w0
                epochs += model.iterations
                maes.append(try meanAbsoluteError(p.yTest, model.predict(p.test)))
            }
            // 4dH + 6H flops per sample-epoch (forward, weight gradients, hidden delta), H = 64.
            let flops = Double(epochs) * 1000 * Double(4 * d * 64 + 6 * 64)
            maes.sort()
            print("\n\(name) (\(d) features, \(String(format: "%.1f", p.nonZeroFraction * 100)) % non-zero)")
            print(String(format: "  MLP   ours: %d fits in %.2f s CPU (%.2f s wall; %.3f s/fit, %.0f epochs/fit, %.1f GFLOP/s), median test MAE %.4f",
                         fits, seconds, wall, seconds / Double(fits), Double(epochs) / Double(fits), flops / seconds * 1e-9, maes[maes.count / 2]))
            if let r = sklearn?.problems[name] {
                print(String(format: "  MLP   scikit-learn: %.3f s/fit CPU (%d fits timed; ×%d = %.1f s), %.0f epochs/fit, median test MAE %.4f; ours is %.1f× faster per fit",
                             r.mlpSecondsPerFit, r.mlpFitsTimed, fits, r.mlpSecondsPerFit * Double(fits), r.mlpMeanEpochs,
                             r.mlpMedianMAE, r.mlpSecondsPerFit / (seconds / Double(fits))))
            }
            // Least squares.
            var lin = LinearRegression()
            let c0 = cpuSeconds()
            for _ in 0..<linearFits { try lin.fit(p.train, p.yTrain) }
            let linSeconds = cpuSeconds() - c0
            let linMAE = try meanAbsoluteError(p.yTest, lin.predict(p.test))
            print(String(format: "  Lstsq ours: %d fits in %.3f s CPU (%.2f ms/fit, rank %d), test MAE %.4f",
                         linearFits, linSeconds, linSeconds / Double(linearFits) * 1e3, lin.rank, linMAE))
            if let r = sklearn?.problems[name] {
                print(String(format: "  Lstsq scikit-learn: %.2f ms/fit CPU, test MAE %.4f", r.linearSecondsPerFit * 1e3, r.linearMAE))
            }
        }
    }

    struct Reference { let header: String; let problems: [String: Row] }
    struct Row { let mlpSecondsPerFit: Double; let mlpFitsTimed: Int; let mlpMeanEpochs: Double; let mlpMedianMAE: Double
                 let linearSecondsPerFit: Double; let linearMAE: Double }

    func loadReference() -> Reference? {
        guard let data = FileManager.default.contents(atPath: reference),
              let doc = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let rows = doc["problems"] as? [[String: Any]] else { return nil }
        var out = [String: Row]()
        for r in rows {
            guard let name = r["name"] as? String else { continue }
            func num(_ k: String) -> Double { (r[k] as? NSNumber)?.doubleValue ?? .nan }
            out[name] = Row(mlpSecondsPerFit: num("mlp_seconds_per_fit"), mlpFitsTimed: Int(num("mlp_fits_timed")),
                            mlpMeanEpochs: num("mlp_mean_epochs"), mlpMedianMAE: num("mlp_median_test_mae"),
                            linearSecondsPerFit: num("linear_seconds_per_fit"), linearMAE: num("linear_test_mae"))
        }
        let header = "measured \(doc["date"] ?? "?"), scikit-learn \(doc["sklearn"] ?? "?"), numpy \(doc["numpy"] ?? "?"), \(doc["blas_threads"] ?? "?") BLAS thread"
        return Reference(header: header, problems: out)
    }
}

/// The bench's synthetic regression problem (identical generator in bench_sklearn.py).
///
/// u(a, b) = (SplitMix64-mix(key ⊕ (a·φ + b)) >> 11)·2⁻⁵³ with φ = 0x9E3779B97F4A7C15, key 0x5EED;
/// z[i,k] = 2u(i,k) − 1 (k < 8), A[k,j] = 2u(10⁶+k, j) − 1, X[i,j] = max(0, Σₖ z[i,k]A[k,j]);
/// sparse: X[i,j] kept only where u(3·10⁶+i, j) < 0.12 and column j zeroed where u(2·10⁶, j) < 0.05;
/// y = sin 3z₀ + z₁z₂ + ½z₃². Rows 0..<1000 train, 1000..<2500 test.
struct SyntheticProblem {
    let train: FeatureMatrix, yTrain: [Double], test: FeatureMatrix, yTest: [Double]
    let nonZeroFraction: Double

    init(features d: Int, sparse: Bool, key: UInt64 = 0x5EED) {
        func u(_ a: Int, _ b: Int) -> Double {
            Double(SplitMix64.mix(key ^ (UInt64(a) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(b))) >> 11) * 0x1.0p-53
        }
        let rows = 2500
        var a = [Double](repeating: 0, count: 8 * d)
        for k in 0..<8 { for j in 0..<d { a[k * d + j] = 2 * u(1_000_000 + k, j) - 1 } }
        let deadColumn = (0..<d).map { sparse && u(2_000_000, $0) < 0.05 }
        var x = [Double](repeating: 0, count: rows * d), y = [Double](repeating: 0, count: rows)
        var nonZero = 0
        for i in 0..<rows {
            let z = (0..<8).map { 2 * u(i, $0) - 1 }
            for j in 0..<d {
                var s = 0.0
                for k in 0..<8 { s += z[k] * a[k * d + j] }
                var v = max(0, s)
                if sparse && (deadColumn[j] || !(u(3_000_000 + i, j) < 0.12)) { v = 0 }
                x[i * d + j] = v
                if v != 0 && i < 1000 { nonZero += 1 }
            }
            y[i] = _sin(3 * z[0]) + z[1] * z[2] + 0.5 * z[3] * z[3]
        }
        train = try! FeatureMatrix(rows: 1000, columns: d, values: Array(x[0..<(1000 * d)]))
        test = try! FeatureMatrix(rows: 1500, columns: d, values: Array(x[(1000 * d)...]))
        yTrain = Array(y[0..<1000]); yTest = Array(y[1000...])
        nonZeroFraction = Double(nonZero) / Double(1000 * d)
    }
}

/// Process CPU time in seconds (all threads), robust to other processes sharing the cores.
private func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Monotonic wall-clock seconds.
private func wallSeconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) * 1e-9 }

private func _sin(_ x: Double) -> Double { Foundation.sin(x) }
