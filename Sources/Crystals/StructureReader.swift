import Foundation

/// Reads a structure file of any supported format.
public enum StructureReader {
    /// Supported formats.
    public enum Format: String, Sendable { case cif, poscar, pymatgenJSON }

    /// The format of a file: by extension (`.cif`; `.json` / `.json.gz`; `.vasp`, `.poscar`, or a
    /// name containing POSCAR / CONTCAR), else by content (`{` → JSON, a `data_` or `_cell_`
    /// line → CIF, otherwise POSCAR).
    public static func format(of url: URL, contents: String) -> Format {
        let name = url.lastPathComponent.lowercased()
        if name.hasSuffix(".cif") || name.hasSuffix(".mcif") { return .cif }
        if name.hasSuffix(".json") || name.hasSuffix(".json.gz") { return .pymatgenJSON }
        if name.hasSuffix(".vasp") || name.hasSuffix(".poscar") || name.contains("poscar") || name.contains("contcar") { return .poscar }
        let trimmed = contents.drop { $0.isWhitespace }
        if trimmed.hasPrefix("{") { return .pymatgenJSON }
        for line in contents.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).prefix(200) {
            let l = line.trimmingCharacters(in: .whitespaces).lowercased()
            if l.hasPrefix("data_") || l.hasPrefix("_cell_") { return .cif }
        }
        return .poscar
    }

    /// Reads a CIF, POSCAR/CONTCAR/.vasp or pymatgen `Structure.as_dict()` JSON file (gzip
    /// allowed), then checks it against `InputLimits` (`Structure.validate`). Errors are `StructureReadError`s: "file, line N: what was expected".
    public static func read(url: URL) throws -> Structure {
        let name = url.lastPathComponent.escapingControlCharacters()
        let data = try Gzip.contents(of: url, maxBytes: InputLimits.current.maxFileBytes)
        return try read(data: data, url: url, name: name)
    }

    /// Reads the (decompressed) bytes of a structure file; `url` picks the format as in
    /// `format(of:contents:)`, `name` names it in errors.
    public static func read(data: Data, url: URL, name: String) throws -> Structure {
        let limits = InputLimits.current
        guard data.count <= limits.maxFileBytes else {
            throw StructureReadError(file: name, "file is \(data.count / 1_048_576) MB; the limit is \(InputLimits.describe("\(limits.maxFileBytes / 1_048_576) MB", variable: "REPRO_MAX_FILE_MB"))")
        }
        guard !data.contains(0), let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw StructureReadError(file: name, "not a text file (binary data)")
        }
        let structure: Structure
        switch format(of: url, contents: text) {
        case .cif: structure = try CIFReader.parse(text, file: name)
        case .poscar: structure = try POSCARReader.parse(text, file: name)
        case .pymatgenJSON:
            let obj: Any
            do { obj = try JSONSerialization.jsonObject(with: data) } catch {
                throw StructureReadError(file: name, line: PymatgenJSON.jsonErrorLine(error, data), "invalid JSON")
            }
            structure = try PymatgenJSON.structure(from: obj, context: name)
        }
        try structure.validate(file: name, limits: limits)
        return structure
    }
}
