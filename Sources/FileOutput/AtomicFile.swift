import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file replacement that a reader never sees half done: the bytes go to a uniquely named
/// temporary file next to the destination (`.NAME.tmp-PID-UUID`, same directory, so the same file
/// system), which `rename(2)` then puts in place. On failure the temporary file is removed and the
/// destination is left as it was.
///
/// The one implementation for every module that writes results, reports, figures, checkpoints
/// and command outputs; each caller words a ``Failure`` in its own error type.
public enum AtomicFile {
    /// Why an atomic write failed.
    public struct Failure: Error, CustomStringConvertible {
        public enum Stage: Sendable { case write, rename }
        /// Writing the temporary file, or renaming it into place.
        public let stage: Stage
        /// The file that failed: the temporary file for `.write`, the destination for `.rename`.
        public let path: String
        /// The file-system error of a failed write (nil for a failed rename).
        public let underlying: Error?
        /// `strerror(errno)` of a failed rename, or the underlying error's description.
        public let reason: String

        public var description: String {
            stage == .write ? "cannot write \(path): \(reason)" : "cannot rename into \(path): \(reason)"
        }
    }

    /// A fresh temporary path in `url`'s directory, for writers (such as Cairo's) that must be
    /// given a path; finish with ``replace(_:withTemporary:)``.
    public static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UUID().uuidString)")
    }

    /// Renames `tmp` (from ``temporaryURL(for:)``) onto `url`; on failure removes `tmp`.
    public static func replace(_ url: URL, withTemporary tmp: URL) throws {
        guard rename(tmp.path, url.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: tmp)
            throw Failure(stage: .rename, path: url.path, underlying: nil, reason: String(cString: strerror(code)))
        }
    }

    /// Writes `data` to `url` atomically. The directory must exist.
    public static func write(_ data: Data, to url: URL) throws {
        let tmp = temporaryURL(for: url)
        do { try data.write(to: tmp) } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw Failure(stage: .write, path: tmp.path, underlying: error, reason: error.localizedDescription)
        }
        try replace(url, withTemporary: tmp)
    }
}
