import Foundation

/// Properties every fuzz target checks on what a reader returns: an error message is one line
/// with no raw control character, no Swift `Optional(…)` and no Foundation error-domain text; a
/// structure has sites, a finite lattice and finite coordinates. A violation traps, so libFuzzer
/// records the input as a crash. Text the input itself holds (a tensor named "Optional(") is not
/// held against the message.
func checkMessage(_ error: Error, input: Data) {
    let text = "\(error)"
    let raw = String(decoding: input, as: UTF8.self)
    precondition(!text.contains("\n") || text.hasPrefix("none of"), "multi-line error: \(text.debugDescription)")
    precondition(!text.unicodeScalars.contains { $0.properties.generalCategory == .control }, "control character in: \(text.debugDescription)")
    precondition(!text.contains("Optional(") || raw.contains("Optional("), "Optional in: \(text)")
    precondition(!text.contains("Domain=") || raw.contains("Domain="), "error domain in: \(text)")
}
