import Foundation
import Reporting

/// A `[Float]` stored as base64 of its little-endian IEEE-754 bytes: compact in JSON and exact.
public struct PackedFloats: Codable, Equatable, Sendable {
    public var values: [Float]
    public init(_ values: [Float]) { self.values = values }
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let data = Data(base64Encoded: s), data.count % 4 == 0 else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "packed floats: bad base64 or length")
        }
        var v = [Float](repeating: 0, count: data.count / 4)
        data.withUnsafeBytes { raw in
            for i in v.indices { v[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))) }
        }
        values = v
    }
    public func encode(to encoder: Encoder) throws {
        var data = Data(capacity: values.count * 4)
        for x in values { withUnsafeBytes(of: x.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        var c = encoder.singleValueContainer()
        try c.encode(data.base64EncodedString())
    }
}

/// One structure set (the crystals a DIM model and the frozen representations are computed on):
/// its training and test crystal ids, in a fixed order that every row index refers to.
public struct StructureSetInfo: Codable, Equatable, Sendable {
    /// `shared`, `e_form` or `gap` (see ``Profile/structureSets``).
    public var id: String
    public var trainIDs: [String]
    public var testIDs: [String]
    /// Per test crystal: contains a metal and a halogen (pymatgen classes, Docs/Protocol.md §7).
    public var testMetalHalogen: [Bool]
    public init(id: String, trainIDs: [String], testIDs: [String], testMetalHalogen: [Bool]) {
        self.id = id; self.trainIDs = trainIDs; self.testIDs = testIDs; self.testMetalHalogen = testMetalHalogen
    }
}

/// One task's labelled rows within its structure set.
public struct TaskData: Codable, Equatable, Sendable {
    public var task: PropertyTask
    public var structureSet: String
    /// Rows of the set's training list that carry this task's label: the pool label subsets are drawn from.
    public var trainRows: [Int]
    public var trainTargets: [Double]
    /// Rows of the set's test list evaluated for this task, and their labels.
    public var testRows: [Int]
    public var testTargets: [Double]
    public init(task: PropertyTask, structureSet: String, trainRows: [Int], trainTargets: [Double],
                testRows: [Int], testTargets: [Double]) {
        self.task = task; self.structureSet = structureSet; self.trainRows = trainRows
        self.trainTargets = trainTargets; self.testRows = testRows; self.testTargets = testTargets
    }
}

/// The output of the dataset stage: what was read, what was skipped, the splits and labels.
/// Everything downstream of it indexes crystals by row in these lists.
public struct DatasetInfo: Codable, Equatable, Sendable {
    public var name: String
    /// SHA-256 of the dataset file(s).
    public var checksum: String
    public var recordsRead: Int
    public var skipped: [SkippedRecord]
    public var structureSets: [StructureSetInfo]
    public var tasks: [TaskData]
    public init(name: String, checksum: String, recordsRead: Int, skipped: [SkippedRecord],
                structureSets: [StructureSetInfo], tasks: [TaskData]) {
        self.name = name; self.checksum = checksum; self.recordsRead = recordsRead; self.skipped = skipped
        self.structureSets = structureSets; self.tasks = tasks
    }
    /// The structure set with this id.
    public func set(_ id: String) throws -> StructureSetInfo {
        guard let s = structureSets.first(where: { $0.id == id }) else { throw ExperimentError.invalidResult("dataset has no structure set '\(id)'") }
        return s
    }
    /// The task's labelled rows.
    public func task(_ t: PropertyTask) throws -> TaskData {
        guard let d = tasks.first(where: { $0.task == t }) else { throw ExperimentError.invalidResult("dataset has no task '\(t.rawValue)'") }
        return d
    }
}

/// A trained (or initialised) model: opaque weights the backend can reload, plus what the report needs.
public struct ModelArtifact: Codable, Equatable, Sendable {
    /// Backend-defined serialisation of the parameters (e.g. the SiteNet module's save format).
    public var weights: Data
    /// Fig 6 curve, for DIM pretraining runs.
    public var learningCurve: LearningCurve?
    /// Scalars worth keeping (e.g. `epochs`, `bestValidationMAE`).
    public var metrics: [String: Double]
    public init(weights: Data, learningCurve: LearningCurve? = nil, metrics: [String: Double] = [:]) {
        self.weights = weights; self.learningCurve = learningCurve; self.metrics = metrics
    }
}

/// The result of one trial: the test MAE and optional extras (see ``Reporting/TrialRecord``).
public struct TrialOutcome: Codable, Equatable, Sendable {
    public var mae: Double
    public var extra: [String: Double]
    public init(mae: Double, extra: [String: Double] = [:]) { self.mae = mae; self.extra = extra }
}

/// Frozen vectors of every training and test crystal of one structure set, row-major.
public struct RepresentationVectors: Codable, Equatable, Sendable {
    public var dimension: Int
    /// `trainIDs.count × dimension`, rows in the set's training order.
    public var train: PackedFloats
    /// `testIDs.count × dimension`, rows in the set's test order.
    public var test: PackedFloats
    /// Rows the featuriser could not handle (e.g. OFM for Z > 94), filled with NaN in `train`/`test`;
    /// the runner drops them from regressor fits and says how many.
    public var failedTrainRows: [Int]
    public var failedTestRows: [Int]
    public init(dimension: Int, train: [Float], test: [Float], failedTrainRows: [Int] = [], failedTestRows: [Int] = []) {
        self.dimension = dimension; self.train = PackedFloats(train); self.test = PackedFloats(test)
        self.failedTrainRows = failedTrainRows; self.failedTestRows = failedTestRows
    }
}

/// A 2-D t-SNE embedding of a structure set's test vectors (the first `count` test rows).
public struct TSNEPoints: Codable, Equatable, Sendable {
    /// Test rows mapped, in order.
    public var rows: [Int]
    public var x: [Double]
    public var y: [Double]
    public var perplexity: Double
    public var klDivergence: Double
    public init(rows: [Int], x: [Double], y: [Double], perplexity: Double, klDivergence: Double) {
        self.rows = rows; self.x = x; self.y = y; self.perplexity = perplexity; self.klDivergence = klDivergence
    }
}

/// What a work item produced.
public enum WorkOutput: Codable, Equatable, Sendable {
    case dataset(DatasetInfo)
    case model(ModelArtifact)
    case trial(TrialOutcome)
    case vectors(RepresentationVectors)
    case tsne(TSNEPoints)
}
