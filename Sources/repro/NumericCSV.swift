import Crystals
import Foundation

/// The CSV of numbers the command line writes (`repro embed`, `repro tsne`) and reads (`repro tsne`):
/// one writer and one reader with the same quoting rule, so what one command writes the other reads.
///
/// Reading: comma-separated fields, one row per line (LF, CRLF or CR endings); a field in double
/// quotes may hold commas and doubled quotes; a first line that is not all numbers is
/// a header and is skipped; blank lines are skipped. When the header's first column is `file`, `id`
/// or `name` (as `repro embed` writes), that column is a label and is dropped. All rows must have
/// the same number of fields. Errors name the file, the line and the field.
///
/// Writing: ``row(label:_:)`` — numbers as Swift prints them, a label quoted when ``field(_:)``
/// says so.
enum NumericCSV {
    /// A text field as ``csvFields(_:)`` reads it back: in double quotes, with inner quotes
    /// doubled, when it holds a comma or a double quote; unchanged otherwise. (Rows are split at
    /// line breaks before fields are, so a label with a line break cannot be read back.)
    static func field(_ s: String) -> String {
        let needsQuotes = s.contains(",") || s.contains("\"")
        return needsQuotes ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// One line (ending in a newline): the label field, if any, then the values as Swift prints them.
    static func row<Value: CustomStringConvertible>(label: String? = nil, _ values: [Value]) -> String {
        ((label.map { [field($0)] } ?? []) + values.map(\.description)).joined(separator: ",") + "\n"
    }

    static func read(_ path: String) throws -> (values: [Double], dimensions: Int) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CLIFailure("\(path): is a directory, not a CSV file")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CLIFailure("\(path): cannot read (\(plainIOErrorText(error)))")
        }
        return try parse(data, path: path)
    }

    /// `read` on a file's bytes; `path` names it in errors.
    static func parse(_ data: Data, path: String) throws -> (values: [Double], dimensions: Int) {
        var values = [Double]()
        var dims = -1
        var lineNumber = 0
        var sawFirst = false
        var skipLabel = false
        let text = String(decoding: data, as: UTF8.self)
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            var fields = csvFields(trimmed).map { $0.trimmingCharacters(in: .whitespaces) }
            if !sawFirst {
                sawFirst = true
                if fields.contains(where: { Double($0) == nil }) {  // header row
                    skipLabel = ["file", "id", "name"].contains(fields[0].lowercased())
                    continue
                }
            }
            if skipLabel { fields.removeFirst() }
            if dims < 0 { dims = fields.count }
            guard fields.count == dims else {
                throw CLIFailure("\(path), line \(lineNumber): expected \(dims) fields, found \(fields.count)")
            }
            for (k, field) in fields.enumerated() {
                guard let v = Double(field), v.isFinite else {
                    throw CLIFailure("\(path), line \(lineNumber), field \(k + 1 + (skipLabel ? 1 : 0)): '\(field.escapingControlCharacters())' is not a finite number")
                }
                values.append(v)
            }
        }
        guard dims > 0, values.count / dims >= 2 else {
            throw CLIFailure("\(path): needs at least 2 rows of numbers, found \(dims > 0 ? values.count / dims : 0)")
        }
        return (values, dims)
    }

    /// The comma-separated fields of one line; a field in double quotes may hold commas and
    /// doubled quotes ("a,""b""" → a,"b").
    static func csvFields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", quoted = false
        var chars = line.makeIterator()
        var pending: Character? = nil
        while let ch = pending ?? chars.next() {
            pending = nil
            if quoted {
                if ch == "\"" {
                    if let next = chars.next() {
                        if next == "\"" { current.append("\"") } else { quoted = false; pending = next }
                    } else { quoted = false }
                } else { current.append(ch) }
            } else if ch == "\"" && current.allSatisfy(\.isWhitespace) {
                quoted = true; current = ""
            } else if ch == "," {
                fields.append(current); current = ""
            } else { current.append(ch) }
        }
        fields.append(current)
        return fields
    }
}
