/// A structure file or dataset record could not be read. `description` is one line:
/// `"<file>, line <N>: <what was expected>"` (or `"<file>: …"` when no line applies), control characters escaped.
public struct StructureReadError: Error, CustomStringConvertible, Equatable, Sendable {
    /// File name (last path component) or record identifier.
    public var file: String
    /// 1-based line number, when the problem sits on one line.
    public var line: Int?
    /// What was wrong / expected.
    public var message: String

    /// An error at a file (and optionally a line).
    public init(file: String, line: Int? = nil, _ message: String) {
        self.file = file; self.line = line; self.message = message
    }

    /// `"file, line N: message"`.
    public var description: String {
        let file = self.file.escapingControlCharacters(limit: 200), message = self.message.escapingControlCharacters(limit: 400)
        if let line { return "\(file), line \(line): \(message)" }
        return "\(file): \(message)"
    }
}
