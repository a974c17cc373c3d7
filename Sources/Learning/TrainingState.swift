import Foundation

/// Where a long training run keeps its in-flight state, so that a run interrupted (killed,
/// suspended machine, Slurm time limit) continues from its last saved epoch instead of from
/// scratch, and ends with the same bits as an uninterrupted run.
///
/// Exactness rests on two facts: every epoch draws its batches and noise from its own seed, and
/// the saved state holds every number the next epoch reads (weights, optimiser moments and step
/// counts, the stopping rule's bookkeeping, the best-epoch weights, the curve so far), bit for bit.
public struct ResumePoint: Sendable, Equatable, Codable {
    /// The state file (written atomically; removed by whoever stores the finished result).
    public var url: URL
    /// What run the state belongs to (e.g. the work item's store key). A file with another
    /// identity is ignored, so a changed setting never continues an old run.
    public var identity: String
    /// Minimum wall-clock seconds between saves (saving costs a few milliseconds per MB of weights).
    public var interval: TimeInterval

    public init(url: URL, identity: String, interval: TimeInterval = 120) {
        self.url = url; self.identity = identity; self.interval = interval
    }
}

/// A saved training state: trainer-specific `Codable` bookkeeping plus named tensors, in a
/// ``ParameterArchive`` whose fingerprint is ``fingerprint`` and whose metadata is JSON
/// `{"identity": …, "state": …}`.
public struct TrainingState<Bookkeeping: Codable> {
    /// The archive fingerprint of every training-state file.
    public static var fingerprint: String { "TrainingState/v1" }

    public var identity: String
    public var bookkeeping: Bookkeeping
    public var tensors: [(name: String, shape: [Int], values: [Float])]

    public init(identity: String, bookkeeping: Bookkeeping, tensors: [(name: String, shape: [Int], values: [Float])]) {
        self.identity = identity; self.bookkeeping = bookkeeping; self.tensors = tensors
    }

    private struct Metadata: Codable { var identity: String; var state: Bookkeeping }

    /// Writes the state atomically to `url`.
    public func write(to url: URL) throws {
        let meta = try TrainingStateJSON.encoder.encode(Metadata(identity: identity, state: bookkeeping))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try ParameterArchive(fingerprint: Self.fingerprint, metadata: String(decoding: meta, as: UTF8.self), tensors: tensors).write(to: url)
    }

    /// The state saved at `point.url` for `point.identity`; nil when there is none, or it belongs
    /// to another run. A damaged or unreadable file is an error naming it (never silently reused).
    public static func read(_ point: ResumePoint) throws -> TrainingState? {
        guard FileManager.default.fileExists(atPath: point.url.path) else { return nil }
        let archive = try ParameterArchive.read(from: point.url)
        try archive.check(fingerprint: fingerprint, path: point.url.path)
        let meta: Metadata
        do { meta = try TrainingStateJSON.decoder.decode(Metadata.self, from: Data(archive.metadata.utf8)) }
        catch { throw CheckpointError.tensorMismatch(path: point.url.path, detail: "training state metadata does not decode: \(error)") }
        guard meta.identity == point.identity else { return nil }
        return TrainingState(identity: meta.identity, bookkeeping: meta.state, tensors: archive.tensors)
    }

    /// The tensors whose names start with `prefix + "/"`, with the prefix removed, in order.
    public func group(_ prefix: String) -> [(name: String, shape: [Int], values: [Float])] {
        tensors.compactMap { t in
            t.name.hasPrefix(prefix + "/") ? (String(t.name.dropFirst(prefix.count + 1)), t.shape, t.values) : nil
        }
    }
}

/// The JSON of training states: sorted keys, and every `Double` round-trips exactly, ±∞ and NaN included.
public enum TrainingStateJSON {
    public static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }
    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }

    /// `value` as canonical JSON text (for a run's identity).
    public static func text<T: Encodable>(_ value: T) -> String {
        (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "unencodable"
    }
}

extension ParameterSnapshot {
    /// The snapshot as named tensors under `prefix` (for a ``TrainingState``).
    public func tensors(prefix: String) -> [(name: String, shape: [Int], values: [Float])] {
        (0..<names.count).map { (prefix + "/" + names[$0], shapes[$0], values[$0]) }
    }

    /// A snapshot of `parameters`' architecture holding `tensors` (matched by name and shape);
    /// `path` names the file in errors.
    public static func from(_ tensors: [(name: String, shape: [Int], values: [Float])], like parameters: [Parameter],
                            path: String) throws -> ParameterSnapshot {
        var snap = ParameterSnapshot(parameters)
        let lookup = TensorLookup(tensors, source: "training state", path: path)
        for i in snap.names.indices { snap.values[i] = try lookup.values(snap.names[i], shape: snap.shapes[i]) }
        return snap
    }
}
