import CZlib
import Foundation

/// Something that hands out a file's bytes a chunk at a time, so that a large file is never held
/// in memory whole (`JSONStreamParser` reads from one).
public protocol ByteChunkSource: AnyObject {
    /// Copies up to `buffer.count` next bytes into `buffer`; returns how many, 0 at the end.
    /// Throws a `StructureReadError` naming the file when the bytes cannot be read.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// A file read through zlib's gzip reader, inflated one chunk per `read`: gzip files are
/// decompressed, plain files pass through (zlib's transparent mode). A gzip stream that ends
/// early (a truncated download) is an error, not a short file.
public final class GzipChunkSource: ByteChunkSource {
    private let gz: gzFile
    /// The file name used in errors (control characters escaped).
    public let name: String
    /// Decompressed bytes handed out so far.
    public private(set) var bytesRead = 0

    /// Opens `url`; throws naming the file when it is missing, a directory or unreadable.
    public init(url: URL) throws {
        name = url.lastPathComponent.escapingControlCharacters()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw StructureReadError(file: name, "no such file")
        }
        if isDirectory.boolValue { throw StructureReadError(file: name, "is a directory, not a data file") }
        guard let gz = gzopen(url.path, "rb") else {
            throw StructureReadError(file: name, errno == EACCES ? "permission denied" : "cannot open file")
        }
        _ = gzbuffer(gz, 1 << 17)
        self.gz = gz
    }

    deinit { gzclose(gz) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let n = gzread(gz, base, UInt32(min(buffer.count, Int(Int32.max))))
        var err: Int32 = 0
        if n < 0 {
            let msg = gzerror(gz, &err).map { String(cString: $0) } ?? "unknown"
            throw StructureReadError(file: name, "corrupt gzip data (\(msg.escapingControlCharacters())) after \(bytesRead) decompressed bytes")
        }
        if n == 0 {
            // zlib reports a stream cut short as Z_BUF_ERROR after handing out what it could.
            _ = gzerror(gz, &err)
            if err == Z_BUF_ERROR {
                throw StructureReadError(file: name, "truncated gzip file: the compressed data ends after \(bytesRead) decompressed bytes (an incomplete download?)")
            }
        }
        bytesRead += Int(n)
        return Int(n)
    }
}

/// Bytes already in memory, handed out in chunks (tests and the fuzzer use it).
public final class DataChunkSource: ByteChunkSource {
    private let data: Data
    private var position = 0

    /// A source over `data`.
    public init(_ data: Data) { self.data = data }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, data.count - position)
        guard n > 0 else { return 0 }
        let start = data.startIndex + position
        data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: start..<(start + n))
        position += n
        return n
    }
}
