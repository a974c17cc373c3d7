import Foundation

/// One-core seconds of the operations a plan is made of, measured on one machine by `repro bench`
/// and `repro run --stage 0`; ``TrialPlan`` prices every work item with them, so an item's
/// ``WorkItem/estimatedCost`` is a prediction of its one-core seconds on that machine.
///
/// The item models (``TrialPlan``): a training item costs epochs × crystals per epoch × the step's
/// seconds per crystal, plus one inference pass over its test crystals; a representation item
/// costs its featuriser (or one inference pass) over its structure set; a regressor fit costs what
/// fits of that kind took on real vectors at the nearest measured label counts and input widths
/// (interpolated linearly in both; proportional to the labels beyond the largest count measured),
/// because an MLP's epochs until its stopping rule depend on the data; a t-SNE map costs A · (n log n)/(m log m) + B · p · n/m,
/// n points at perplexity p, from two maps of m = 20,000 points at perplexities 30 and 1000 (the
/// first term is the Barnes–Hut gradient, the second the perplexity-wide input similarities).
/// What none of them knows: the number of epochs a stopping rule will take (``TrialPlan`` assumes
/// one; `repro cluster plan` also prices every item at its ceiling), validation passes (≈ 5 % of
/// an epoch), memory bandwidth shared between cores, and other load.
public struct UnitCosts: Codable, Equatable, Sendable {
    /// Where and how the numbers were measured.
    public var machine: String
    /// Stage 0 per record of the input files: read, filter, build the Site-Net input, split.
    public var datasetSecondsPerRecord: Double
    /// One DIM training step with synthetic false samples, per crystal (1200-site batches).
    public var dimStepSecondsPerCrystal: Double
    /// The same step without synthetic samples, as a fraction of the step with them.
    public var dimNoSyntheticFraction: Double
    /// One supervised training step, per crystal.
    public var supervisedStepSecondsPerCrystal: Double
    /// Encoder inference (vectors, test predictions), per crystal.
    public var inferenceSecondsPerCrystal: Double
    /// The orbital field matrix and the XRD pattern, per structure.
    public var ofmSecondsPerStructure: Double
    public var xrdSecondsPerStructure: Double
    /// One MLP fit (fig 8's MLP, fit and test prediction), measured at some label counts and widths.
    public var mlpFitSeconds: [FitPoint]
    /// One least-squares fit, measured at some label counts and widths.
    public var linearFitSeconds: [FitPoint]
    /// One t-SNE map of 20,000 points (1000 iterations) at perplexity 30 and at perplexity 1000.
    public var tsne20kSecondsPerplexity30: Double
    public var tsne20kSecondsPerplexity1000: Double

    /// The time of one fit measured at `labels` labels of `width`-wide vectors.
    public struct FitPoint: Codable, Equatable, Sendable {
        public var width: Int
        public var labels: Int
        public var seconds: Double
        public init(width: Int, labels: Int, seconds: Double) { self.width = width; self.labels = labels; self.seconds = seconds }
    }

    /// Seconds of one MLP fit on `n` labels of `width`-wide vectors.
    public func mlpFit(labels n: Int, width: Int) -> Double { Self.interpolate(mlpFitSeconds, labels: n, width: width) }

    /// Seconds of one least-squares fit on `n` labels of `width`-wide vectors.
    public func linearFit(labels n: Int, width: Int) -> Double { Self.interpolate(linearFitSeconds, labels: n, width: width) }

    /// Seconds of one t-SNE map of `n` points at `perplexity`, `iterations` iterations.
    public func tsne(points n: Double, perplexity: Double, iterations: Int) -> Double {
        let m = 20_000.0
        let b = (tsne20kSecondsPerplexity1000 - tsne20kSecondsPerplexity30) / 970
        let a = tsne20kSecondsPerplexity30 - 30 * b
        let nlogn = n * log2(max(n, 2)) / (m * log2(m))
        return (a * nlogn + b * perplexity * n / m) * Double(iterations) / 1000
    }

    /// At each measured width: piecewise-linear in the labels through its points (the smallest
    /// count's time below it, proportional to the labels beyond the largest); then piecewise-linear
    /// in the width between the measured widths (constant beyond them).
    static func interpolate(_ points: [FitPoint], labels n: Int, width: Int) -> Double {
        let byWidth = Dictionary(grouping: points, by: \.width).sorted { $0.key < $1.key }
        func atLabels(_ p: [FitPoint]) -> Double {
            let q = p.sorted { $0.labels < $1.labels }
            guard let first = q.first, let last = q.last else { return 0 }
            if n <= first.labels { return first.seconds }
            if n >= last.labels { return last.seconds * Double(n) / Double(max(last.labels, 1)) }
            let i = q.firstIndex { $0.labels >= n }!
            return linear(Double(n), Double(q[i - 1].labels), q[i - 1].seconds, Double(q[i].labels), q[i].seconds)
        }
        guard let first = byWidth.first, let last = byWidth.last else { return 0 }
        if width <= first.key { return atLabels(first.value) }
        if width >= last.key { return atLabels(last.value) }
        let i = byWidth.firstIndex { $0.key >= width }!
        return linear(Double(width), Double(byWidth[i - 1].key), atLabels(byWidth[i - 1].value),
                      Double(byWidth[i].key), atLabels(byWidth[i].value))
    }

    private static func linear(_ x: Double, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Double {
        x1 == x0 ? y0 : y0 + (x - x0) / (x1 - x0) * (y1 - y0)
    }

    /// Reads unit costs from a JSON file of this shape (e.g. measured on a cluster's own node).
    public static func load(_ url: URL) throws -> UnitCosts {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ExperimentError.badInput("\(url.path): cannot read the unit-cost file")
        }
        do { return try JSONDecoder().decode(UnitCosts.self, from: data) } catch {
            throw ExperimentError.badInput("\(url.path): not a unit-cost file (\(Self.describe(error)))")
        }
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case let DecodingError.keyNotFound(key, _): return "missing key \(key.stringValue)"
        case let DecodingError.typeMismatch(_, c), let DecodingError.valueNotFound(_, c):
            return "wrong value at \(c.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted: return "invalid JSON"
        default: return "unreadable"
        }
    }
}

/// How long a training run with a stopping rule is assumed to last when a plan is priced.
public enum EpochAssumption: String, Codable, CaseIterable, Sendable {
    /// A guess from the patience (and, for DIM, half the ceiling): the planning default.
    case expected
    /// Every run at its ceiling: an upper bound on the work.
    case ceiling
}

extension UnitCosts {
    /// Measured on a 2-vCPU Intel Xeon (family 6 model 167, AVX-512, KVM), OpenBLAS 0.3.21 with the
    /// portable Haswell kernels, one thread, on 2026-12-02 (numbers and commands in Reproduce.md,
    /// "What a plan costs"): `repro bench train` (DIM step 224.7, supervised 564.8, inference
    /// 1618.4 crystals/s), `repro bench featurize --workers 1` (CPU per structure),
    /// `repro bench tsne --sizes 20000 --threads 1`, the mean time of the `quick` profile's fig 8
    /// fits on the embedded data's real vectors per label count and width (64: untrained and DIM
    /// encoders, 128: XRD, 1521: OFM; the synthetic problem of `repro bench regressors` stops an
    /// MLP after far fewer epochs than real vectors do),
    /// stage 0 of `paper` on full-size Matbench-format files (`repro data synth-matbench`), and
    /// the no-synthetic DIM step's share from the `quick` run's two DIM items (3.0 of 6.5 min).
    public static let reference = UnitCosts(
        machine: "2-vCPU Intel Xeon (family 6 model 167, AVX-512), OpenBLAS Haswell kernels, 1 thread, 2026-12-02",
        datasetSecondsPerRecord: 111.8 / 238_865,
        dimStepSecondsPerCrystal: 1 / 224.7,
        dimNoSyntheticFraction: 3.0 / 6.5,
        supervisedStepSecondsPerCrystal: 1 / 564.8,
        inferenceSecondsPerCrystal: 1 / 1618.4,
        ofmSecondsPerStructure: 7.235e-3,
        xrdSecondsPerStructure: 1.768e-3,
        // Mean seconds per fit at 50, 100, 250 and 1000 labels, by input width.
        // 128 and 1521 (except OFM at 50 labels) re-measured on 2026-12-03 with subnormals flushed
        // (two fits side by side); before, XRD fits took 0.77 / 4.08 / 10.97 / 31.92 s.
        mlpFitSeconds: fitGrid([64: [0.0191, 0.0442, 0.0775, 0.2586],
                                128: [0.1691, 0.3748, 0.6835, 2.4470],
                                1521: [0.1119, 0.2392, 0.9475, 3.5001]]),
        linearFitSeconds: fitGrid([64: [0.0015, 0.0019, 0.0021, 0.0045],
                                   128: [0.0028, 0.0043, 0.0043, 0.0080],
                                   1521: [0.0364, 0.0320, 0.0484, 0.8223]]),
        tsne20kSecondsPerplexity30: 59.2,
        tsne20kSecondsPerplexity1000: 265.4)

    /// Fit points at the paper's label counts (50, 100, 250, 1000) for each width, sorted by width.
    private static func fitGrid(_ secondsByWidth: [Int: [Double]]) -> [FitPoint] {
        secondsByWidth.sorted { $0.key < $1.key }.flatMap { width, seconds in
            zip([50, 100, 250, 1000], seconds).map { FitPoint(width: width, labels: $0, seconds: $1) }
        }
    }
}
