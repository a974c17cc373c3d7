import CZlib
import Foundation

/// Reading (optionally) gzip-compressed files with zlib.
public enum Gzip {
    /// The decompressed bytes of a gzip file; a plain file is returned as is (zlib's transparent
    /// mode). Throws a `StructureReadError` naming the file when it is missing, a directory, cannot
    /// be opened, is corrupt or truncated, or holds more than `maxBytes` (checked on the file size before
    /// reading, and again while decompressing).
    public static func contents(of url: URL, maxBytes: Int? = nil) throws -> Data {
        let name = url.lastPathComponent.escapingControlCharacters()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw StructureReadError(file: name, "no such file")
        }
        if isDirectory.boolValue { throw StructureReadError(file: name, "is a directory, not a structure or data file") }
        func tooLarge(_ what: String) -> StructureReadError {
            StructureReadError(file: name, "\(what); the limit is \(InputLimits.describe("\(maxBytes! / 1_048_576) MB", variable: "REPRO_MAX_FILE_MB"))")
        }
        if let maxBytes, let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size > maxBytes {
            throw tooLarge("file is \(size / 1_048_576) MB")
        }
        guard let gz = gzopen(url.path, "rb") else {
            let reason = errno == EACCES ? "permission denied" : "cannot open file"
            throw StructureReadError(file: name, reason)
        }
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
                throw StructureReadError(file: name, "corrupt gzip data (\(msg.escapingControlCharacters())) after \(out.count) bytes")
            }
            if n == 0 {
                // zlib hands out what it could of a stream cut short, then reports Z_BUF_ERROR.
                var err: Int32 = 0
                _ = gzerror(gz, &err)
                if err == Z_BUF_ERROR {
                    throw StructureReadError(file: name, "truncated gzip file: the compressed data ends after \(out.count) decompressed bytes")
                }
                break
            }
            out.append(contentsOf: buffer[0..<Int(n)])
            if let maxBytes, out.count > maxBytes { throw tooLarge("file decompresses to more than \(maxBytes / 1_048_576) MB") }
        }
        return out
    }
}
