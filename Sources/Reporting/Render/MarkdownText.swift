import Foundation

/// Escaping of data-derived text for Markdown that is also fed to Ink.
///
/// Every character that Markdown or HTML could interpret (`& < > * _ \` [ ] ( ) | # ! ~ \ { }`)
/// becomes a numeric or named HTML entity. Ink passes entities through untouched and Markdown
/// viewers show them as the character, so a structure id `<script>` reads as text everywhere.
/// Newlines become spaces (a data string can never start a new Markdown block).
enum MarkdownText {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "*": out += "&#42;"
            case "_": out += "&#95;"
            case "`": out += "&#96;"
            case "[": out += "&#91;"
            case "]": out += "&#93;"
            case "(": out += "&#40;"
            case ")": out += "&#41;"
            case "|": out += "&#124;"
            case "#": out += "&#35;"
            case "!": out += "&#33;"
            case "~": out += "&#126;"
            case "\\": out += "&#92;"
            case "{": out += "&#123;"
            case "}": out += "&#125;"
            case "-" where out.isEmpty: out += "&#45;"   // a leading dash could start a list
            case "+" where out.isEmpty: out += "&#43;"
            case "\n", "\r", "\r\n", "\t": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    /// Escaping for HTML text and attribute values (used outside Ink: figure captions, alt text).
    static func html(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// A Markdown table with escaped cells.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var s = "| " + header.map(escape).joined(separator: " | ") + " |\n"
        s += "|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
        for r in rows { s += "| " + r.map { $0.isEmpty ? "&#160;" : escape($0) }.joined(separator: " | ") + " |\n" }
        return s + "\n"
    }

    /// Fixed-point MAE-style number (4 decimals), "n/a" for NaN.
    static func num(_ x: Double, _ digits: Int = 4) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "−∞") }
        if x != 0 && abs(x) < pow(10, Double(-digits)) { return String(format: "%.2e", x) }
        return String(format: "%.\(digits)f", x)
    }

    /// p-value: 3 significant digits, scientific below 0.001.
    static func p(_ x: Double) -> String {
        guard x.isFinite else { return "n/a" }
        return x < 1e-3 ? String(format: "%.2e", x) : String(format: "%.4f", x)
    }
}
