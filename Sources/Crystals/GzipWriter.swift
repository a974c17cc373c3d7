import CZlib
import Foundation

/// Writes a gzip file through a buffer, so large outputs are produced a piece at a time.
/// The bytes depend only on what is written and zlib's version (the gzip header zlib writes has
/// no time stamp or file name).
public final class GzipFileWriter {
    private var gz: gzFile?
    private var buffer: [UInt8] = []
    private let path: String
    private static let flushSize = 1 << 20

    /// Creates (or truncates) the file at `url` at compression level 6, zlib's default.
    public init(url: URL) throws {
        path = url.path
        guard let gz = gzopen(url.path, "wb6") else {
            throw StructureReadError(file: url.lastPathComponent, "cannot create file (\(String(cString: strerror(errno))))")
        }
        self.gz = gz
        buffer.reserveCapacity(Self.flushSize + 65_536)
    }

    deinit { if let gz { gzclose(gz) } }

    /// Appends UTF-8 text.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushSize { try flush() }
    }

    private func flush() throws {
        guard let gz, !buffer.isEmpty else { return }
        let n = buffer.withUnsafeBytes { gzwrite(gz, $0.baseAddress, UInt32($0.count)) }
        guard n == Int32(buffer.count) else {
            throw StructureReadError(file: (path as NSString).lastPathComponent, "write failed (disk full?)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered and closes the file; throws when zlib could not finish it.
    public func close() throws {
        try flush()
        guard let gz else { return }
        self.gz = nil
        guard gzclose(gz) == Z_OK else {
            throw StructureReadError(file: (path as NSString).lastPathComponent, "could not finish the gzip file (disk full?)")
        }
    }
}
