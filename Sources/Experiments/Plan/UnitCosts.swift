import Foundation

/// One-core seconds of the operations a plan is made of, measured on one machine by `repro bench`
/// and `repro run --stage 0`; ``TrialPlan`` prices every work item with them, so an item's
/// ``WorkItem/estimatedCost`` is a prediction of its one-core seconds on that machine.
///
/// The item models (``TrialPlan``): a training item costs epochs × crystals per epoch × the step's
/// seconds per crystal, plus one inference pass over its test crystals; a representation item
/// costs its featuriser (or one inference pass) over its structure set; a regressor fit scales
/// linearly with the label count from the fit measured at 1000 labels (interpolated linearly in the
/// input width between the widths measured); a t-SNE map costs A · (n log n)/(m log m) + B · p · n/m,
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
    /// One MLP fit on 1000 labels, by input width (≥ 1 width; sorted by width).
    public var mlpFitSecondsAt1000: [WidthSeconds]
    /// One least-squares fit on 1000 labels, by input width.
    public var linearFitSecondsAt1000: [WidthSeconds]
    /// One t-SNE map of 20,000 points (1000 iterations) at perplexity 30 and at perplexity 1000.
    public var tsne20kSecondsPerplexity30: Double
    public var tsne20kSecondsPerplexity1000: Double

    /// A measured time at one input width.
    public struct WidthSeconds: Codable, Equatable, Sendable {
        public var width: Int
        public var seconds: Double
        public init(width: Int, seconds: Double) { self.width = width; self.seconds = seconds }
    }

    /// Seconds of one MLP fit on `n` labels of `width`-wide vectors.
    public func mlpFit(labels n: Int, width: Int) -> Double {
        Self.interpolate(mlpFitSecondsAt1000, width) * Double(n) / 1000
    }

    /// Seconds of one least-squares fit on `n` labels of `width`-wide vectors.
    public func linearFit(labels n: Int, width: Int) -> Double {
        Self.interpolate(linearFitSecondsAt1000, width) * Double(n) / 1000
    }

    /// Seconds of one t-SNE map of `n` points at `perplexity`, `iterations` iterations.
    public func tsne(points n: Double, perplexity: Double, iterations: Int) -> Double {
        let m = 20_000.0
        let b = (tsne20kSecondsPerplexity1000 - tsne20kSecondsPerplexity30) / 970
        let a = tsne20kSecondsPerplexity30 - 30 * b
        let nlogn = n * log2(max(n, 2)) / (m * log2(m))
        return (a * nlogn + b * perplexity * n / m) * Double(iterations) / 1000
    }

    /// Piecewise-linear in the width through the measured points, constant beyond them.
    static func interpolate(_ points: [WidthSeconds], _ width: Int) -> Double {
        let p = points.sorted { $0.width < $1.width }
        guard let first = p.first, let last = p.last else { return 0 }
        if width <= first.width { return first.seconds }
        if width >= last.width { return last.seconds }
        let i = p.firstIndex { $0.width >= width }!
        let lo = p[i - 1], hi = p[i]
        let t = Double(width - lo.width) / Double(hi.width - lo.width)
        return lo.seconds + t * (hi.seconds - lo.seconds)
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
    /// 1618.4 crystals/s), `repro bench featurize --workers 1` (CPU per structure), `repro bench
    /// regressors` (CPU per fit at 1000 labels), `repro bench tsne --sizes 20000 --threads 1`,
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
        mlpFitSecondsAt1000: [WidthSeconds(width: 64, seconds: 0.163), WidthSeconds(width: 128, seconds: 0.166),
                              WidthSeconds(width: 1521, seconds: 0.327)],
        linearFitSecondsAt1000: [WidthSeconds(width: 64, seconds: 2.17e-3), WidthSeconds(width: 128, seconds: 8.58e-3),
                                 WidthSeconds(width: 1521, seconds: 0.779)],
        tsne20kSecondsPerplexity30: 59.2,
        tsne20kSecondsPerplexity1000: 265.4)
}
