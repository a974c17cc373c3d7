import Foundation

/// Limits checked before any work on an input, so no file can drive the program into an
/// allocation failure, an overflow or an hours-long loop. Each has a default and an environment
/// variable that changes it; the error a limit raises names both.
public struct InputLimits: Sendable {
    /// Largest structure file read, in bytes (after gzip decompression). `REPRO_MAX_FILE_MB`, default 64 MB.
    public var maxFileBytes: Int
    /// Most sites in a structure (after symmetry expansion). `REPRO_MAX_ATOMS`, default 5000.
    public var maxAtoms: Int
    /// Longest lattice vector, Å. `REPRO_MAX_CELL_LENGTH`, default 1000 Å.
    public var maxCellLength: Double
    /// Memory the XRD reflection sphere may take, in bytes. `REPRO_MAX_XRD_MB`, default 512 MB.
    public var maxXRDBytes: Int

    /// The defaults, overridden by the environment variables that are set to a positive number.
    public static var current: InputLimits {
        let env = ProcessInfo.processInfo.environment
        func value(_ name: String) -> Double? {
            guard let s = env[name], let v = Double(s), v.isFinite, v > 0 else { return nil }
            return v
        }
        return InputLimits(maxFileBytes: Int(min(value("REPRO_MAX_FILE_MB") ?? 64, 1e12) * 1_048_576),
                           maxAtoms: Int(min(value("REPRO_MAX_ATOMS") ?? 5000, 1e9)),
                           maxCellLength: value("REPRO_MAX_CELL_LENGTH") ?? 1000,
                           maxXRDBytes: Int(min(value("REPRO_MAX_XRD_MB") ?? 512, 1e9) * 1_048_576))
    }

    /// "64 MB (set REPRO_MAX_FILE_MB to change it)".
    public static func describe(_ value: String, variable: String) -> String {
        "\(value) (set \(variable) to change it)"
    }
}

extension String {
    /// The text with control characters (other than none) written as escapes (`\n`, `\t`,
    /// `\u{1B}`), and cut to `limit` characters with "…", for echoing file content in messages.
    public func escapingControlCharacters(limit: Int = 80) -> String {
        var out = ""
        for (k, scalar) in unicodeScalars.enumerated() {
            if k == limit { out += "…"; break }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
