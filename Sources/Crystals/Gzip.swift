import CZlib
import Foundation

/// Reading (optionally) gzip-compressed files with zlib.
public enum Gzip {
    /// The decompressed bytes of a gzip file; a plain file is returned as is (zlib's transparent
    /// mode). Throws a `StructureReadError` naming the file when it cannot be opened or is corrupt.
    public static func contents(of url: URL) throws -> Data {
        let name = url.lastPathComponent
        guard let gz = gzopen(url.path, "rb") else { throw StructureReadError(file: name, "cannot open file") }
        defer { gzclose(gz) }
        _ = gzbuffer(gz, 1 << 17)
        var out = Data()
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let n = buffer.withUnsafeMutableBytes { gzread(gz, $0.baseAddress, UInt32(chunk)) }
            if n < 0 {
                var err: Int32 = 0
                let msg = gzerror(gz, &err).map { String(cString: $0) } ?? "unknown"
                throw StructureReadError(file: name, "corrupt gzip data (\(msg)) after \(out.count) bytes")
            }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<Int(n)])
        }
        return out
    }
}
