import Crystals
import FileOutput
import Foundation

/// An error the command line shows as one line (`Error: <message>`) with a non-zero exit,
/// without a stack trace. Messages name the file and what was wrong.
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Exit statuses beyond ArgumentParser's (0 success, 1 an error message, 64 a usage error).
enum ExitStatus {
    /// Some work items (or input files with --skip-bad) failed; the rest were done and written.
    static let itemsFailed: Int32 = 3
    /// Interrupted with Ctrl-C before the plan finished (resumable).
    static let interrupted: Int32 = 130
}

/// Writes a command's output file with ``AtomicFile``; a failure is a ``CLIFailure`` naming the file
/// ("out.csv: cannot write (permission denied)").
func writeOutputFile(_ data: Data, to path: String) throws {
    do { try AtomicFile.write(data, to: URL(fileURLWithPath: path)) } catch let f as AtomicFile.Failure {
        throw CLIFailure("\(path): cannot write (\(f.underlying.map(plainIOErrorText) ?? f.reason))")
    }
}
