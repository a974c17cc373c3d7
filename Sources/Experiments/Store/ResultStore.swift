import Crystals
import FileOutput
import Foundation

/// What the store holds for one item: its output, or the failure that stopped it.
public struct StoredResult: Codable, Equatable, Sendable {
    /// The output on success.
    public var output: WorkOutput?
    /// Nil on success; the error message otherwise.
    public var failure: String?
    public init(output: WorkOutput?, failure: String? = nil) { self.output = output; self.failure = failure }
}

/// The first line of every entry file.
struct EntryHeader: Codable {
    var format: Int
    var key: String
    var item: String
    var material: KeyMaterial
    var payloadSHA256: String
    var payloadBytes: Int
}

/// The state of one key in the store.
public enum EntryStatus: Equatable, Sendable {
    case valid(StoredResult)
    case missing
    /// Present but unusable (reason names the file and the problem).
    case corrupt(String)
}

/// A content-addressed, lock-free result store in a directory:
///
/// ```
/// DIR/objects/<key[0..<2]>/<key>.entry   one line of JSON header (key, item id, key material,
///                                        payload SHA-256 and length), "\n", the payload
///                                        (sorted-key JSON of StoredResult)
/// DIR/items/<profile>/<item id, "/" → "~">.key   the last key written for that item (to explain
///                                        a recomputation: which part of the configuration changed)
/// DIR/timings/<key>.json                 wall time of the computation, its mean cores and, for
///                                        an item run from scratch on one core, its thread's CPU
///                                        time (machine-dependent; never part of a result)
/// DIR/partial/<key>.state                the training state of a computation in flight (DIM
///                                        pretraining, donors, fig 7 trials), saved every two
///                                        minutes so an interrupted run continues where it was;
///                                        removed when the result is stored
/// ```
/// Every file is written to a unique temporary name in its final directory and renamed into
/// place (atomic on POSIX). Two writers of one key write identical bytes (outputs are
/// deterministic), so no locks are needed, even on a shared filesystem.
public struct ResultStore: Sendable {
    /// The store directory.
    public let root: URL
    public init(root: URL) { self.root = root }

    /// Creates the directory layout.
    public func prepare() throws {
        for d in ["objects", "items", "timings"] {
            do { try FileManager.default.createDirectory(at: root.appendingPathComponent(d), withIntermediateDirectories: true) }
            catch { throw ExperimentError.store("cannot create the result store \(root.path): \(plainIOErrorText(error))") }
        }
    }

    /// Where a key's computation keeps its in-flight training state (``Learning/ResumePoint``):
    /// an interrupted run continues from it; it is removed once the result is stored.
    public func resumeURL(_ key: String) -> URL {
        root.appendingPathComponent("partial").appendingPathComponent(key + ".state")
    }

    /// The keys that have a saved in-flight training state, sorted.
    public func resumeStateKeys() -> [String] {
        let dir = root.appendingPathComponent("partial")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".state") }.map { String($0.dropLast(".state".count)) }.sorted()
    }

    /// Removes a key's in-flight training state, if any.
    public func removeResumeState(_ key: String) {
        try? FileManager.default.removeItem(at: resumeURL(key))
    }

    /// Path of a key's entry.
    public func entryURL(_ key: String) -> URL {
        root.appendingPathComponent("objects").appendingPathComponent(String(key.prefix(2)))
            .appendingPathComponent(key + ".entry")
    }

    func itemIndexURL(profile: String, item: String) -> URL {
        root.appendingPathComponent("items").appendingPathComponent(profile)
            .appendingPathComponent(item.replacingOccurrences(of: "/", with: "~") + ".key")
    }

    /// Writes `result` under `material`'s key, atomically, and records the key for the item.
    public func write(_ result: StoredResult, material: KeyMaterial, item: String) throws {
        let key = try material.key()
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        let payload = try enc.encode(result)
        let header = EntryHeader(format: 1, key: key, item: item, material: material,
                                 payloadSHA256: SHA256.hex(payload), payloadBytes: payload.count)
        var bytes = try enc.encode(header)
        bytes.append(0x0A)
        bytes.append(payload)
        try Self.atomicWrite(bytes, to: entryURL(key))
        try Self.atomicWrite(Data(key.utf8), to: itemIndexURL(profile: material.profile, item: item))
    }

    /// Records how long a computation took (informational): wall seconds, the mean cores it had
    /// (1 plus cores lent by idle workers, see ``CoreLease``) and, when it ran on its worker thread
    /// alone from scratch, that thread's CPU seconds (the time it was actually running: on a
    /// machine shared with other work, wall time overstates the cost and CPU time does not).
    public func writeTiming(key: String, seconds: Double, meanCores: Double = 1, cpuSeconds: Double? = nil) throws {
        var s = String(format: "{\"seconds\":%.3f,\"cores\":%.3f", seconds, meanCores)
        if let cpuSeconds { s += String(format: ",\"cpuSeconds\":%.3f", cpuSeconds) }
        s += "}"
        try Self.atomicWrite(Data(s.utf8), to: root.appendingPathComponent("timings").appendingPathComponent(key + ".json"))
    }

    /// The recorded wall time of a key's computation, if any.
    public func timing(key: String) -> Double? { timingDetail(key: key)?.seconds }

    /// The recorded wall time of a key's computation, the mean cores it had (1 when the entry
    /// predates core lending) and its worker thread's CPU seconds (nil when not recorded), if any.
    public func timingDetail(key: String) -> (seconds: Double, cores: Double, cpuSeconds: Double?)? {
        let url = root.appendingPathComponent("timings").appendingPathComponent(key + ".json")
        guard let d = try? Data(contentsOf: url),
              let o = try? JSONSerialization.jsonObject(with: d) as? [String: Any],
              let seconds = o["seconds"] as? Double else { return nil }
        return (seconds, o["cores"] as? Double ?? 1, o["cpuSeconds"] as? Double)
    }

    /// Reads and verifies a key's entry: header decodes, key matches, payload length and
    /// SHA-256 match, payload decodes.
    public func read(_ key: String) -> EntryStatus {
        let url = entryURL(key)
        guard let bytes = try? Data(contentsOf: url) else { return .missing }
        let name = "store entry \(url.lastPathComponent)"
        guard let nl = bytes.firstIndex(of: 0x0A) else { return .corrupt("\(name): no header line (truncated?)") }
        let header: EntryHeader
        do { header = try JSONDecoder().decode(EntryHeader.self, from: bytes[bytes.startIndex..<nl]) }
        catch { return .corrupt("\(name): undecodable header") }
        guard header.key == key else { return .corrupt("\(name): header names key \(header.key.prefix(12))…") }
        let payload = bytes[(nl + 1)...]
        guard payload.count == header.payloadBytes else {
            return .corrupt("\(name): payload is \(payload.count) bytes, header says \(header.payloadBytes) (truncated write?)")
        }
        guard SHA256.hex(Data(payload)) == header.payloadSHA256 else { return .corrupt("\(name): payload checksum mismatch") }
        do { return .valid(try JSONDecoder().decode(StoredResult.self, from: Data(payload))) }
        catch { return .corrupt("\(name): payload does not decode (\(error))") }
    }

    /// The key last written for an item under a profile, if any.
    public func lastKey(profile: String, item: String) -> String? {
        guard let d = try? Data(contentsOf: itemIndexURL(profile: profile, item: item)) else { return nil }
        return String(decoding: d, as: UTF8.self)
    }

    /// The key material stored in an entry's header (even if its payload is corrupt).
    public func material(_ key: String) -> KeyMaterial? {
        guard let bytes = try? Data(contentsOf: entryURL(key)), let nl = bytes.firstIndex(of: 0x0A),
              let h = try? JSONDecoder().decode(EntryHeader.self, from: bytes[bytes.startIndex..<nl]) else { return nil }
        return h.material
    }

    /// Writes `data` to `url` with ``AtomicFile``, creating its directory first.
    public static func atomicWrite(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true) }
        catch { throw ExperimentError.store("cannot create \(dir.path): \(plainIOErrorText(error))") }
        do { try AtomicFile.write(data, to: url) } catch let f as AtomicFile.Failure {
            throw ExperimentError.store(f.stage == .write ? "cannot write \(f.path): \(f.underlying.map(plainIOErrorText) ?? f.reason)"
                                                          : f.description)
        }
    }
}

extension KeyMaterial {
    /// Which top-level parts differ from `old`, for "recomputing because …" messages.
    public func differences(from old: KeyMaterial) -> [String] {
        var d: [String] = []
        if frameworkVersion != old.frameworkVersion { d.append("framework version \(old.frameworkVersion) → \(frameworkVersion)") }
        if codeVersion != old.codeVersion { d.append("code version \(old.codeVersion) → \(codeVersion)") }
        if dataChecksum != old.dataChecksum { d.append("data checksum changed") }
        if blasKernel != old.blasKernel || blasThreads != old.blasThreads {
            d.append("OpenBLAS kernel \(old.blasKernel ?? "unrecorded") × \(old.blasThreads.map(String.init) ?? "?") → \(blasKernel ?? "unrecorded") × \(blasThreads.map(String.init) ?? "?")")
        }
        if seeds != old.seeds { d.append("seeds changed") }
        if settings != old.settings { d.append("settings changed") }
        if inputs != old.inputs {
            let changed = inputs.keys.sorted().filter { inputs[$0] != old.inputs[$0] }
            d.append("inputs changed: " + changed.joined(separator: ", "))
        }
        return d.isEmpty ? ["key derivation changed"] : d
    }
}
