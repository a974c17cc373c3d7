import Foundation

/// spglib keeps its last error code in a process-wide variable that every call writes, so two
/// threads calling it at once race (and one may read the other's error). Every call into spglib
/// goes through this lock; the calls are short next to the work around them.
public enum SpglibLock {
    private static let lock = NSLock()

    /// Runs `body` while holding the spglib lock.
    public static func run<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock(); defer { lock.unlock() }
        return try body()
    }
}
