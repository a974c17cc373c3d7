/// One parsed JSON value, as `JSONStreamParser` builds it for a small part of a large document
/// (one Matbench record). Objects keep their members in file order; looking a key up returns
/// its last occurrence, as Python's `json` module does with duplicate keys.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// Any JSON number, and the non-standard `NaN`, `Infinity`, `-Infinity` Python writes.
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member `key` of an object (nil for other values or a missing key).
    public subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    /// The number, when this is one.
    public var number: Double? { if case .number(let d) = self { return d }; return nil }
    /// The string, when this is one.
    public var string: String? { if case .string(let s) = self { return s }; return nil }
    /// The elements, when this is an array.
    public var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }

    /// A short name of the value's kind for error messages ("an object", "a string", …).
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// A JSON object's members in file order.
public struct JSONObject: Sendable, Equatable {
    /// Keys in file order (duplicates kept).
    public var keys: [String] = []
    /// Values, parallel to `keys`.
    public var values: [JSONValue] = []

    /// An empty object.
    public init() {}

    /// The value of the last member named `key`.
    public subscript(key: String) -> JSONValue? {
        guard let k = keys.lastIndex(of: key) else { return nil }
        return values[k]
    }
}
