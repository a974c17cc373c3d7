import Foundation
import Learning
import Randomness

/// A model whose parameters are saved and loaded as a ``Learning/ParameterArchive`` tagged with
/// its architecture fingerprint: the one implementation of checkpoints, snapshots and loading
/// shared by ``DIMModel`` and ``SupervisedModel``.
public protocol CheckpointedModel: AnyObject {
    /// Architecture fingerprint written to and required from checkpoints.
    static var fingerprint: String { get }
    /// Every parameter, in archive order.
    var parameters: [Parameter] { get }
    /// A freshly initialised model drawn from `seed`.
    init(seed: SeedPath)
}

extension CheckpointedModel {
    /// Writes a checkpoint (``Learning/ParameterArchive``) with free-text `metadata`.
    public func save(to url: URL, metadata: String = "{}") throws {
        try ParameterArchive(fingerprint: Self.fingerprint, metadata: metadata, parameters: parameters).write(to: url)
    }

    /// Loads a checkpoint written by ``save(to:metadata:)``; refuses other architectures,
    /// truncated or corrupted files with a ``Learning/CheckpointError`` naming the file.
    public static func load(from url: URL) throws -> Self {
        try load(ParameterArchive.read(from: url), path: url.path)
    }

    /// A model holding an archive's tensors after checking its fingerprint; errors name `path`.
    public static func load(_ archive: ParameterArchive, path: String) throws -> Self {
        try archive.check(fingerprint: fingerprint, path: path)
        let m = Self(seed: SeedPath("load"))
        try archive.load(into: m.parameters, path: path)
        return m
    }

    /// A copy of the current parameter values.
    public func snapshot() -> ParameterSnapshot { ParameterSnapshot(parameters) }

    /// A new model holding `snapshot`'s values.
    public static func from(_ snapshot: ParameterSnapshot) -> Self {
        let m = Self(seed: SeedPath("snapshot"))
        snapshot.restore(into: m.parameters)
        return m
    }
}
