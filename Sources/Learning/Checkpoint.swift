import FileOutput
import Foundation

/// Why a checkpoint could not be read or used.
public enum CheckpointError: Error, CustomStringConvertible, Equatable {
    /// The file does not start with the magic bytes.
    case notACheckpoint(path: String)
    /// A format version this code cannot read.
    case unsupportedVersion(path: String, version: UInt32)
    /// The file ends before the data it announces.
    case truncated(path: String, detail: String)
    /// The stored checksum does not match the contents.
    case checksumMismatch(path: String)
    /// The checkpoint belongs to another architecture.
    case architectureMismatch(path: String, expected: String, found: String)
    /// A tensor the model needs is absent, or has another shape.
    case tensorMismatch(path: String, detail: String)
    /// The file could not be read or written.
    case io(path: String, detail: String)

    /// One line naming the file or the epoch and what went wrong; names read from a damaged file
    /// may hold any bytes, so control characters are written as \u{…} escapes.
    public var description: String {
        let text = rawDescription
        guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return text }
        return text.unicodeScalars.map { $0.properties.generalCategory == .control ? "\\u{\(String($0.value, radix: 16, uppercase: true))}" : String($0) }.joined()
    }

    private var rawDescription: String {
        switch self {
        case .notACheckpoint(let p): return "\(p): not a parameter checkpoint (bad magic bytes)"
        case .unsupportedVersion(let p, let v): return "\(p): checkpoint format version \(v) is not supported (this build reads version \(ParameterArchive.version))"
        case .truncated(let p, let d): return "\(p): checkpoint is truncated (\(d))"
        case .checksumMismatch(let p): return "\(p): checkpoint checksum mismatch (file corrupted or truncated)"
        case .architectureMismatch(let p, let e, let f): return "\(p): checkpoint is for architecture '\(f)', expected '\(e)'"
        case .tensorMismatch(let p, let d): return "\(p): \(d)"
        case .io(let p, let d): return "\(p): \(d)"
        }
    }
}

/// Named tensors with an architecture fingerprint and free-text metadata, in a small binary format.
///
/// Layout (all integers little-endian):
///
///     8 bytes   magic "SNETPARM"
///     u32       format version (= 1)
///     u32 n, n bytes   architecture fingerprint (UTF-8), e.g. "SiteNetDIM/v1 site9 …"
///     u32 n, n bytes   metadata (UTF-8, JSON by convention)
///     u32       number of tensors T
///     T ×  { u32 n, n bytes name; u32 rank; rank × u32 dims; Π dims × f32 values }
///     u64       FNV-1a 64 checksum of every preceding byte
///
/// Reading checks the magic, version, that every length fits in the file, and the checksum;
/// ``check(fingerprint:path:)`` refuses another architecture.
public struct ParameterArchive: Sendable, Equatable {
    /// Format version written by this code.
    public static let version: UInt32 = 1
    static let magic: [UInt8] = Array("SNETPARM".utf8)

    /// Identifies the model architecture; loading into another architecture is refused.
    public var fingerprint: String
    /// Free text (JSON by convention): training config, seed, epoch, data hash …
    public var metadata: String
    /// The tensors, in order.
    public var tensors: [(name: String, shape: [Int], values: [Float])]

    /// An archive from its parts.
    public init(fingerprint: String, metadata: String = "{}", tensors: [(name: String, shape: [Int], values: [Float])]) {
        self.fingerprint = fingerprint; self.metadata = metadata; self.tensors = tensors
    }

    /// An archive of the current values of `parameters`.
    public init(fingerprint: String, metadata: String = "{}", parameters: [Parameter]) {
        self.init(fingerprint: fingerprint, metadata: metadata, tensors: parameters.map { ($0.name, $0.shape, $0.value) })
    }

    /// Same fingerprint, metadata and tensors (names, shapes, values).
    public static func == (a: ParameterArchive, b: ParameterArchive) -> Bool {
        a.fingerprint == b.fingerprint && a.metadata == b.metadata && a.tensors.count == b.tensors.count
            && zip(a.tensors, b.tensors).allSatisfy { $0.name == $1.name && $0.shape == $1.shape && $0.values == $1.values }
    }

    /// Values of the named tensor, if present.
    public func tensor(named name: String) -> (shape: [Int], values: [Float])? {
        tensors.first { $0.name == name }.map { ($0.shape, $0.values) }
    }

    /// Throws ``CheckpointError/architectureMismatch(path:expected:found:)`` unless the fingerprints agree.
    public func check(fingerprint expected: String, path: String) throws {
        if fingerprint != expected { throw CheckpointError.architectureMismatch(path: path, expected: expected, found: fingerprint) }
    }

    /// Copies the stored values into `parameters` (matched by name, shapes must agree).
    public func load(into parameters: [Parameter], path: String) throws {
        let lookup = TensorLookup(tensors, source: "checkpoint", path: path)
        for p in parameters { p.value = try lookup.values(p.name, shape: p.shape) }
    }

    /// The encoded bytes.
    public func encoded() -> [UInt8] {
        var out = ParameterArchive.magic
        func u32(_ x: UInt32) { withUnsafeBytes(of: x.littleEndian) { out.append(contentsOf: $0) } }
        func str(_ s: String) { let b = Array(s.utf8); u32(UInt32(b.count)); out.append(contentsOf: b) }
        u32(ParameterArchive.version)
        str(fingerprint); str(metadata)
        u32(UInt32(tensors.count))
        for t in tensors {
            str(t.name); u32(UInt32(t.shape.count)); for d in t.shape { u32(UInt32(d)) }
            out.reserveCapacity(out.count + 4 * t.values.count)
            for v in t.values { u32(v.bitPattern) }
        }
        let h = fnv1a(out[...])
        withUnsafeBytes(of: h.littleEndian) { out.append(contentsOf: $0) }
        return out
    }

    /// Decodes bytes (`path` names the source in errors).
    public static func decode(_ bytes: [UInt8], path: String) throws -> ParameterArchive {
        guard bytes.count >= 8, Array(bytes[0..<8]) == magic else { throw CheckpointError.notACheckpoint(path: path) }
        var pos = 8
        func need(_ n: Int, _ what: String) throws {
            if pos + n > bytes.count - 8 { throw CheckpointError.truncated(path: path, detail: "\(what) needs \(n) bytes at offset \(pos), file has \(bytes.count)") }
        }
        func u32(_ what: String) throws -> UInt32 {
            try need(4, what)
            let v = UInt32(bytes[pos]) | UInt32(bytes[pos + 1]) << 8 | UInt32(bytes[pos + 2]) << 16 | UInt32(bytes[pos + 3]) << 24
            pos += 4; return v
        }
        func str(_ what: String) throws -> String {
            let n = Int(try u32(what + " length")); try need(n, what)
            defer { pos += n }
            return String(decoding: bytes[pos..<pos + n], as: UTF8.self)
        }
        guard bytes.count >= 20 else { throw CheckpointError.truncated(path: path, detail: "\(bytes.count) bytes") }
        let version = UInt32(bytes[8]) | UInt32(bytes[9]) << 8 | UInt32(bytes[10]) << 16 | UInt32(bytes[11]) << 24
        guard version == ParameterArchive.version else { throw CheckpointError.unsupportedVersion(path: path, version: version) }
        pos = 12
        let fp = try str("fingerprint"), meta = try str("metadata")
        let count = Int(try u32("tensor count"))
        var tensors: [(name: String, shape: [Int], values: [Float])] = []
        for _ in 0..<count {
            let name = try str("tensor name")
            let rank = Int(try u32("rank of \(name)"))
            guard rank <= 8 else { throw CheckpointError.truncated(path: path, detail: "implausible rank \(rank) for \(name)") }
            var shape: [Int] = []
            for _ in 0..<rank { shape.append(Int(try u32("shape of \(name)"))) }
            // The element count must fit in the file before anything is multiplied or allocated.
            var n = 1
            for d in shape {
                let (m, overflow) = n.multipliedReportingOverflow(by: d)
                guard !overflow, m <= bytes.count / 4 else {
                    throw CheckpointError.truncated(path: path, detail: "shape \(shape) of \(name) needs more values than the file holds")
                }
                n = m
            }
            try need(4 * n, "values of \(name)")
            var vals = [Float](repeating: 0, count: n)
            for i in 0..<n {
                let b = pos + 4 * i
                vals[i] = Float(bitPattern: UInt32(bytes[b]) | UInt32(bytes[b + 1]) << 8 | UInt32(bytes[b + 2]) << 16 | UInt32(bytes[b + 3]) << 24)
            }
            pos += 4 * n
            tensors.append((name, shape, vals))
        }
        guard pos + 8 == bytes.count else {
            throw CheckpointError.truncated(path: path, detail: "\(bytes.count - pos - 8) unexpected bytes before the checksum")
        }
        var stored: UInt64 = 0
        for k in 0..<8 { stored |= UInt64(bytes[pos + k]) << (8 * UInt64(k)) }
        guard stored == fnv1a(bytes[0..<pos]) else { throw CheckpointError.checksumMismatch(path: path) }
        return ParameterArchive(fingerprint: fp, metadata: meta, tensors: tensors)
    }

    /// Writes the archive atomically (temporary file, then rename).
    public func write(to url: URL) throws {
        do { try AtomicFile.write(Data(encoded()), to: url) } catch let f as AtomicFile.Failure {
            throw CheckpointError.io(path: url.path, detail: "cannot write checkpoint: \(f.reason)")
        }
    }

    /// Reads and verifies an archive.
    public static func read(from url: URL) throws -> ParameterArchive {
        let data: Data
        do { data = try Data(contentsOf: url) }
        catch { throw CheckpointError.io(path: url.path, detail: "cannot read checkpoint: \(error.localizedDescription)") }
        return try decode([UInt8](data), path: url.path)
    }
}

/// FNV-1a 64-bit hash of bytes.
func fnv1a(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    return h
}

/// Named tensors read from a file, looked up by name with their shape checked: the one matcher
/// behind loading a checkpoint and restoring a training state. The first tensor of a name wins.
public struct TensorLookup {
    private let byName: [String: (shape: [Int], values: [Float])]
    /// What the tensors were read from, for errors ("checkpoint", "training state").
    let source: String
    /// The file, for errors.
    let path: String

    public init(_ tensors: [(name: String, shape: [Int], values: [Float])], source: String, path: String) {
        var byName: [String: (shape: [Int], values: [Float])] = [:]
        for t in tensors where byName[t.name] == nil { byName[t.name] = (t.shape, t.values) }
        self.byName = byName; self.source = source; self.path = path
    }

    /// The values of tensor `name`; throws ``CheckpointError/tensorMismatch(path:detail:)`` naming
    /// the file and the tensor if it is absent or has another shape than `shape`.
    public func values(_ name: String, shape: [Int]) throws -> [Float] {
        guard let t = byName[name] else {
            throw CheckpointError.tensorMismatch(path: path, detail: "tensor '\(name)' missing from \(source)")
        }
        guard t.shape == shape else {
            throw CheckpointError.tensorMismatch(path: path, detail: "tensor '\(name)' in \(source) has shape \(t.shape), expected \(shape)")
        }
        return t.values
    }
}
