import ArgumentParser

extension RawRepresentable where Self: CaseIterable, RawValue == String {
    /// The choices as text: "a, b or c".
    static var choiceList: String {
        let names = allCases.map(\.rawValue)
        return names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
    }

    /// The case named `text` (or by one of `aliases`), else an invalid-argument error (exit 64) that
    /// names the choices: "`unknown` (expected a, b or c)", or "expected a, b or c, got 'text'".
    static func choice(_ text: String, aliases: [String: Self] = [:], unknown: String? = nil) throws -> Self {
        if let c = Self(rawValue: text) ?? aliases[text] { return c }
        throw ValidationError(unknown.map { "\($0) (expected \(choiceList))" } ?? "expected \(choiceList), got '\(text)'")
    }
}
