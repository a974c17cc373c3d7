import Foundation

/// Escaping of data-derived text for Markdown.
///
/// Two modes, because the two consumers differ:
/// - ``Mode/ink`` (the Markdown that Ink turns into report.html): every character that Markdown or
///   HTML could interpret (`& < > " * _ \` [ ] ( ) | # ! ~ \ { }`, and a leading `- `/`+ `) becomes an HTML entity. Ink passes
///   entities through untouched (it does not honour backslash escapes before `*`/`_`, and treats
///   intraword `_` as emphasis), so a structure id `<script>` reaches the HTML as `&lt;script&gt;`.
/// - ``Mode/commonMark`` (report.md, read raw or in any CommonMark/GFM viewer): `& < >` become
///   entities, `\ * ` [ ] | ~` get a backslash, `_` too unless it sits between two letters or digits
///   (CommonMark never treats intraword `_` as emphasis), and a leading `- `, `+ ` or `# ` is escaped.
/// In both modes newlines become spaces, so a data string can never start a new Markdown block.
enum MarkdownText {
    enum Mode: Sendable { case ink, commonMark }

    static func escape(_ s: String, _ mode: Mode = .ink) -> String {
        mode == .ink ? escapeInk(s) : escapeCommonMark(s)
    }

    static func escapeCommonMark(_ s: String) -> String {
        var out = ""
        let chars = Array(s)
        for (i, ch) in chars.enumerated() {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\\", "*", "`", "[", "]", "|", "~": out += "\\" + String(ch)
            case "_":
                let inWord = i > 0 && i + 1 < chars.count && (chars[i - 1].isLetter || chars[i - 1].isNumber)
                    && (chars[i + 1].isLetter || chars[i + 1].isNumber)
                out += inWord ? "_" : "\\_"
            case "-" where i == 0 && startsBlock(chars), "+" where i == 0 && startsBlock(chars),
                 "#" where i == 0 && startsBlock(chars): out += "\\" + String(ch)
            case "\n", "\r", "\r\n", "\t": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    /// Whether a leading `-`, `+` or `#` is followed by a space (a list item or heading marker).
    static func startsBlock(_ chars: [Character]) -> Bool { chars.count > 1 && chars[1] == " " }

    static func escapeInk(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for ch in s {
            if let entity = htmlEntity(ch, apostrophe: false) { out += entity; continue }
            switch ch {
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
            case "-" where out.isEmpty && startsBlock(Array(s)): out += "&#45;"   // "- x" could start a list
            case "+" where out.isEmpty && startsBlock(Array(s)): out += "&#43;"
            case "\n", "\r", "\r\n", "\t": out += " "
            default: out.append(ch)
            }
        }
        return out
    }

    /// The entity of `&`, `<`, `>`, `"` (and `'` with `apostrophe`); nil for any other character.
    static func htmlEntity(_ ch: Character, apostrophe: Bool) -> String? {
        switch ch {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        case "\"": return "&quot;"
        case "'" where apostrophe: return "&#39;"
        default: return nil
        }
    }

    /// Escaping for HTML text and attribute values (used outside Ink: figure captions, alt text).
    static func html(_ s: String) -> String {
        var out = ""
        for ch in s { out += htmlEntity(ch, apostrophe: true) ?? String(ch) }
        return out
    }

    /// A Markdown table with escaped cells.
    static func table(_ header: [String], _ rows: [[String]], _ mode: Mode = .ink) -> String {
        var s = "| " + header.map { escape($0, mode) }.joined(separator: " | ") + " |\n"
        s += "|" + header.map { _ in "---" }.joined(separator: "|") + "|\n"
        for r in rows { s += "| " + r.map { $0.isEmpty ? "&#160;" : escape($0, mode) }.joined(separator: " | ") + " |\n" }
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
