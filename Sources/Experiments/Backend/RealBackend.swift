import Crystals
import Featurizers
import Foundation
import Randomness
import Reporting

/// The backend that computes with the project's real modules: Crystals and Featurizers for the
/// data, SiteNet for DIM pretraining and supervised Site-Nets, Featurizers for the OFM/XRD
/// baselines, Regressors for figs 8/12, TSNE for figs 9/10.
///
/// It obeys the ``ExperimentBackend`` contract: every random number comes from the request's
/// seed streams; the only state is a per-process cache of the featurised data source (keyed by its
/// checksum), which does not change results. Thread-safe: the cache is behind a lock and every
/// model is created and used by one call.
public final class RealBackend: ExperimentBackend, @unchecked Sendable {
    /// Bump when a change in this backend or the numerical modules changes results: it is part of
    /// every store key, so stale results are recomputed.
    public static let version = "real-2"
    public let codeVersion = RealBackend.version
    /// The profile's data settings (the source every later stage reloads from, if needed).
    let data: DataSettings
    private let lock = NSLock()
    private var libraries: [String: CrystalLibrary] = [:]
    /// File checksums by path, with the size and modification time they were computed at.
    private var checksums: [String: (stamp: String, hex: String)] = [:]

    /// A backend for a profile's data source.
    public init(data: DataSettings) { self.data = data }

    public func dataChecksum(_ data: DataSettings) throws -> String {
        switch data.source {
        case .embedded:
            return try fileChecksum(Dataset.embeddedURL.path)
        case let .matbench(e, g):
            var combined = Data()
            for path in [e, g] {
                guard FileManager.default.isReadableFile(atPath: path) else {
                    throw ExperimentError.badInput("\(path): Matbench file not found or not readable")
                }
                combined += Data(try fileChecksum(path).utf8)
            }
            // The reader is part of what the data are: the streaming reader (strtod) reads some
            // labels and coordinates one bit differently from the JSONSerialization one before it,
            // so results stored with the old reader must not be reused.
            combined += Data(Self.matbenchReaderVersion.utf8)
            return SHA256.hex(combined)
        }
    }

    /// Changes when the Matbench reader reads the same file into different numbers.
    static let matbenchReaderVersion = "matbench-reader-2"

    /// SHA-256 of a file, remembered per path while its size and modification time stay the same:
    /// every work item asks for the checksum, and hashing the two Matbench files (~190 MB) takes
    /// about 2 s each time.
    private func fileChecksum(_ path: String) throws -> String {
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let stamp = "\(attributes?[.size] as? Int ?? -1) \((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1)"
        lock.lock()
        if let (s, hex) = checksums[path], s == stamp { lock.unlock(); return hex }
        lock.unlock()
        let hex = try SHA256.hex(fileAt: URL(fileURLWithPath: path))
        lock.lock(); checksums[path] = (stamp, hex); lock.unlock()
        return hex
    }

    /// The featurised data source (loaded once per process).
    func library(_ settings: DataSettings? = nil) throws -> CrystalLibrary {
        let settings = settings ?? data
        let checksum = try dataChecksum(settings)
        lock.lock(); defer { lock.unlock() }
        if let lib = libraries[checksum] { return lib }
        let lib = try CrystalLibrary.load(settings, checksum: checksum)
        libraries[checksum] = lib
        return lib
    }

    public func prepareDataset(_ request: DatasetRequest) throws -> DatasetInfo {
        let lib = try library(request.data)
        var skipped = lib.skipped
        var sets: [StructureSetInfo] = []
        var tasks: [TaskData] = []
        /// Ids in file order.
        func ordered(_ ids: [String]) -> [String] { ids.sorted { lib.entries[$0]!.order < lib.entries[$1]!.order } }

        switch request.data.source {
        case .embedded:
            var ids = ordered(Array(lib.entries.keys))
            if let cap = request.data.maxStructures, cap < ids.count {
                var s = request.seeds.stream("subset")
                let keep = Set(s.sample(cap, from: ids.count).map { ids[$0] })
                ids = ids.filter { keep.contains($0) }
            }
            // The embedded set has no official split: a seeded shuffle holds out `testFraction`.
            var s = request.seeds.stream("split")
            let perm = s.permutation(ids.count)
            let nTest = Int((Double(ids.count) * request.data.testFraction).rounded())
            let test = ordered(perm[0..<nTest].map { ids[$0] }), train = ordered(perm[nTest...].map { ids[$0] })
            for setID in request.structureSets {
                sets.append(StructureSetInfo(id: setID, trainIDs: train, testIDs: test,
                                             testMetalHalogen: try test.map { try lib.entry($0).metalHalogen }))
            }
            for task in PropertyTask.allCases {
                let setID = request.structureSets.count == 1 ? request.structureSets[0] : task.rawValue
                guard let set = sets.first(where: { $0.id == setID }) else { continue }
                tasks.append(try Self.taskData(task, set: set, lib: lib))
            }
        case .matbench:
            for task in PropertyTask.allCases {
                guard let split = lib.matbenchSplits[task] else { continue }
                var train = split.train
                if let cap = request.data.maxStructures, cap < train.count {
                    var s = request.seeds.stream("subset-\(task.rawValue)")
                    let keep = Set(s.sample(cap, from: train.count).map { train[$0] })
                    train = train.filter { keep.contains($0) }
                }
                let set = StructureSetInfo(id: task.rawValue, trainIDs: train, testIDs: split.test,
                                           testMetalHalogen: try split.test.map { try lib.entry($0).metalHalogen })
                sets.append(set)
                tasks.append(try Self.taskData(task, set: set, lib: lib))
            }
        }
        skipped.sort { ($0.id, $0.reason) < ($1.id, $1.reason) }
        return DatasetInfo(name: lib.name, checksum: lib.checksum, recordsRead: lib.recordsRead, skipped: skipped,
                           structureSets: sets, tasks: tasks)
    }

    /// A task's labelled rows of a structure set (rows whose record carries the task's label).
    static func taskData(_ task: PropertyTask, set: StructureSetInfo, lib: CrystalLibrary) throws -> TaskData {
        func label(_ id: String) throws -> Double? {
            let e = try lib.entry(id)
            return task == .eForm ? e.eForm : e.gap
        }
        var trainRows: [Int] = [], trainTargets: [Double] = [], testRows: [Int] = [], testTargets: [Double] = []
        for (i, id) in set.trainIDs.enumerated() { if let y = try label(id), y.isFinite { trainRows.append(i); trainTargets.append(y) } }
        for (i, id) in set.testIDs.enumerated() { if let y = try label(id), y.isFinite { testRows.append(i); testTargets.append(y) } }
        return TaskData(task: task, structureSet: set.id, trainRows: trainRows, trainTargets: trainTargets,
                        testRows: testRows, testTargets: testTargets)
    }

    /// The Site-Net inputs of the given ids.
    func crystals(_ ids: [String]) throws -> [SiteNetCrystal] {
        let lib = try library()
        return try ids.map { try lib.entry($0).crystal }
    }

    /// The structures of the given ids.
    func structures(_ ids: [String]) throws -> [Structure] {
        let lib = try library()
        return try ids.map { try lib.entry($0).structure }
    }
}
