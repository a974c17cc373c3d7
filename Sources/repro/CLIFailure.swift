/// An error the command line shows as one line (`Error: <message>`) with a non-zero exit,
/// without a stack trace. Messages name the file and what was wrong.
struct CLIFailure: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
