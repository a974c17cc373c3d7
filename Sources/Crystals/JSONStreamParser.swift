import Foundation

/// A JSON syntax error at a byte offset of the (decompressed) text.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// 0-based offset of the offending byte in the decompressed text.
    public var offset: Int
    /// What was expected or found.
    public var message: String
}

/// An incremental JSON reader: it pulls bytes from a `ByteChunkSource` one buffer at a time, so a
/// document of any size is read with a fixed buffer. The caller walks the outer containers itself
/// (`beginObject` / `nextKey`, `beginArray` / `nextElement`) and asks for whole values
/// (`value()`) only where they are small — one Matbench record at a time.
///
/// Accepts RFC 8259 JSON plus the `NaN`, `Infinity` and `-Infinity` literals Python's `json`
/// writes. Nesting deeper than `maxDepth` is an error rather than a stack overflow.
public final class JSONStreamParser {
    private let source: ByteChunkSource
    private let buffer: UnsafeMutableRawBufferPointer
    private var position = 0, end = 0
    /// Bytes of the text before the current buffer.
    private var consumed = 0
    private var exhausted = false
    private var scratch: [UInt8] = []
    /// Deepest nesting `value()` accepts.
    public static let maxDepth = 128

    /// A parser reading `source` through a buffer of `chunkSize` bytes.
    public init(source: ByteChunkSource, chunkSize: Int = 1 << 20) {
        self.source = source
        buffer = .allocate(byteCount: max(16, chunkSize), alignment: 8)
    }

    deinit { buffer.deallocate() }

    /// Offset of the next unread byte in the text.
    public var offset: Int { consumed + position }

    // MARK: Bytes

    /// The next byte without consuming it; nil at the end of the text.
    @inline(__always) private func peekByte() throws -> UInt8? {
        if position < end { return buffer[position] }
        return try refill() ? buffer[position] : nil
    }

    private func refill() throws -> Bool {
        if exhausted { return false }
        consumed += end
        position = 0
        end = try source.read(into: buffer)
        if end == 0 { exhausted = true; return false }
        return true
    }

    @inline(__always) private func nextByte() throws -> UInt8? {
        guard let b = try peekByte() else { return nil }
        position += 1
        return b
    }

    private func fail(_ message: String) -> JSONSyntaxError { JSONSyntaxError(offset: offset, message: message) }

    private func describe(_ b: UInt8?) -> String {
        guard let b else { return "the end of the file" }
        if b >= 0x20 && b < 0x7f { return "'\(Character(Unicode.Scalar(b)))'" }
        return String(format: "byte 0x%02x", b)
    }

    /// Skips JSON whitespace and returns the next byte (not consumed), nil at the end.
    public func peekToken() throws -> UInt8? {
        while let b = try peekByte() {
            if b == 0x20 || b == 0x0a || b == 0x0d || b == 0x09 { position += 1 } else { return b }
        }
        return nil
    }

    private func expect(_ byte: UInt8, _ what: String) throws {
        let b = try peekToken()
        guard b == byte else { throw fail("expected \(what), found \(describe(b))") }
        position += 1
    }

    // MARK: Walking containers

    /// Consumes `{`; throws describing what was found instead.
    public func beginObject() throws { try expect(UInt8(ascii: "{"), "'{'") }

    /// The next member's key of the object being walked (its `:` consumed), or nil after
    /// consuming the closing `}`. `first` is true for the first call after `beginObject`.
    public func nextKey(first: Bool) throws -> String? {
        if try peekToken() == UInt8(ascii: "}") { position += 1; return nil }
        if !first { try expect(UInt8(ascii: ","), "',' or '}'") }
        guard try peekToken() == UInt8(ascii: "\"") else { throw fail("expected a string key, found \(describe(try peekToken()))") }
        let key = try string()
        try expect(UInt8(ascii: ":"), "':'")
        return key
    }

    /// Consumes `[`; throws describing what was found instead.
    public func beginArray() throws { try expect(UInt8(ascii: "["), "'['") }

    /// True when the array being walked has another element (its `,` consumed); false after
    /// consuming the closing `]`. `first` is true for the first call after `beginArray`.
    public func nextElement(first: Bool) throws -> Bool {
        if try peekToken() == UInt8(ascii: "]") { position += 1; return false }
        if !first { try expect(UInt8(ascii: ","), "',' or ']'") }
        return true
    }

    /// Throws unless only whitespace is left.
    public func expectEnd() throws {
        if let b = try peekToken() { throw fail("unexpected \(describe(b)) after the end of the JSON document") }
    }

    // MARK: Values

    /// Parses the next complete value.
    public func value() throws -> JSONValue { try value(depth: 0) }

    private func value(depth: Int) throws -> JSONValue {
        guard depth < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth) levels") }
        guard let b = try peekToken() else { throw fail("unexpected end of the file (the text stops in the middle of a value)") }
        switch b {
        case UInt8(ascii: "{"):
            position += 1
            var o = JSONObject()
            var first = true
            while let key = try nextKey(first: first) {
                o.keys.append(key); o.values.append(try value(depth: depth + 1)); first = false
            }
            return .object(o)
        case UInt8(ascii: "["):
            position += 1
            var a: [JSONValue] = []
            var first = true
            while try nextElement(first: first) { a.append(try value(depth: depth + 1)); first = false }
            return .array(a)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "N"): try literal("NaN"); return .number(.nan)
        case UInt8(ascii: "I"): try literal("Infinity"); return .number(.infinity)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("expected a JSON value, found \(describe(b))")
        }
    }

    private func literal(_ word: String) throws {
        for c in word.utf8 {
            guard try nextByte() == c else { throw fail("invalid literal (expected \(word))") }
        }
    }

    /// A number: JSON's grammar (and `-Infinity`), converted with `strtod` (correctly rounded).
    private func number() throws -> Double {
        scratch.removeAll(keepingCapacity: true)
        if try peekByte() == UInt8(ascii: "-") {
            scratch.append(UInt8(ascii: "-")); position += 1
            if try peekByte() == UInt8(ascii: "I") { try literal("Infinity"); return -.infinity }
        }
        func digits() throws -> Int {
            var n = 0
            while let b = try peekByte(), b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                scratch.append(b); position += 1; n += 1
                if scratch.count > 400 { throw fail("number longer than 400 characters") }
            }
            return n
        }
        let lead = try peekByte()
        let intDigits = try digits()
        guard intDigits > 0 else { throw fail("invalid number: no digits") }
        if intDigits > 1 && lead == UInt8(ascii: "0") { throw fail("invalid number: leading zero") }
        if try peekByte() == UInt8(ascii: ".") {
            scratch.append(UInt8(ascii: ".")); position += 1
            guard try digits() > 0 else { throw fail("invalid number: no digits after '.'") }
        }
        if let e = try peekByte(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            scratch.append(e); position += 1
            if let s = try peekByte(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { scratch.append(s); position += 1 }
            guard try digits() > 0 else { throw fail("invalid number: no digits in the exponent") }
        }
        scratch.append(0)
        return scratch.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: p.count) { strtod($0, nil) }
        }
    }

    /// A string (the opening quote is next), with escapes decoded; invalid UTF-8 becomes U+FFFD.
    private func string() throws -> String {
        position += 1
        scratch.removeAll(keepingCapacity: true)
        while true {
            guard let b = try nextByte() else { throw fail("unexpected end of the file inside a string") }
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let e = try nextByte() else { throw fail("unexpected end of the file inside a string") }
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0c)
                case UInt8(ascii: "n"): scratch.append(0x0a)
                case UInt8(ascii: "r"): scratch.append(0x0d)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"): try unicodeEscape()
                default: throw fail("invalid escape \\\(describe(e)) in a string")
                }
            case 0..<0x20:
                throw fail("control character \(describe(b)) inside a string")
            default:
                scratch.append(b)
            }
        }
    }

    private func hex4() throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let h = try nextByte() else { throw fail("unexpected end of the file in a \\u escape") }
            let d: UInt8
            switch h {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = h - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = h - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = h - UInt8(ascii: "A") + 10
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }

    /// `\uXXXX` (the `\u` consumed), joining a surrogate pair; a lone surrogate becomes U+FFFD.
    private func unicodeEscape() throws {
        var code = try hex4()
        if (0xD800..<0xDC00).contains(code), try peekByte() == UInt8(ascii: "\\") {
            position += 1
            guard try nextByte() == UInt8(ascii: "u") else { throw fail("invalid escape after a high surrogate") }
            let low = try hex4()
            code = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
        }
        let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
        scratch.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}
