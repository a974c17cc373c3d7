import Foundation

/// Reads crystal structures from CIF files as found in the wild (ICSD, COD, Materials Project,
/// VESTA, pymatgen exports).
///
/// Supported: the first data block with atoms; `loop_`s; quoted ('…', "…") and multi-line
/// (`;` … `;`) values; numbers with standard uncertainties (`5.4307(2)` → 5.4307); symmetry
/// operations from `_symmetry_equiv_pos_as_xyz` or `_space_group_symop_operation_xyz`, applied to
/// every `_atom_site_fract_*` position, wrapped into [0, 1) and merged when two images lie within
/// 1e-3 (fractional, per component, periodic) of each other. Element from `_atom_site_type_symbol`
/// (else `_atom_site_label`). A site with `_atom_site_occupancy` < 0.99 or two different elements on
/// one position is a disordered structure and is rejected with an error naming the line.
public enum CIFReader {
    /// Fractional tolerance for merging symmetry images.
    public static let mergeTolerance = 1e-3

    struct Token { let text: String; let line: Int; let quoted: Bool }

    /// Parses CIF text. `file` names the source in errors.
    public static func parse(_ text: String, file: String) throws -> Structure {
        let tokens = try tokenize(text, file: file)
        func fail(_ line: Int?, _ m: String) -> StructureReadError { StructureReadError(file: file, line: line, m) }

        // Split into data blocks of tags and loops.
        struct Block { var name: String; var line: Int; var tags: [String: Token] = [:]; var loops: [(tags: [String], rows: [[Token]], line: Int)] = [] }
        var blocks: [Block] = []
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            let lower = t.text.lowercased()
            if !t.quoted && lower.hasPrefix("data_") { blocks.append(Block(name: String(t.text.dropFirst(5)), line: t.line)); i += 1; continue }
            if blocks.isEmpty {
                if !t.quoted && t.text.hasPrefix("_") { blocks.append(Block(name: "", line: t.line)) }
                else { throw fail(t.line, "expected 'data_' block header, found '\(t.text)'") }
            }
            if !t.quoted && lower == "loop_" {
                var names: [String] = []
                i += 1
                while i < tokens.count, !tokens[i].quoted, tokens[i].text.hasPrefix("_") { names.append(tokens[i].text.lowercased()); i += 1 }
                guard !names.isEmpty else { throw fail(t.line, "expected tag names after 'loop_'") }
                var values: [Token] = []
                while i < tokens.count {
                    let v = tokens[i]; let vl = v.text.lowercased()
                    if !v.quoted && (v.text.hasPrefix("_") || vl == "loop_" || vl.hasPrefix("data_") || vl.hasPrefix("save_")) { break }
                    values.append(v); i += 1
                }
                guard values.count % names.count == 0 else {
                    throw fail(values.last?.line ?? t.line, "loop has \(values.count) values for \(names.count) columns (\(names[0]) …): expected a multiple of \(names.count)")
                }
                let rows = stride(from: 0, to: values.count, by: names.count).map { Array(values[$0..<$0 + names.count]) }
                blocks[blocks.count - 1].loops.append((names, rows, t.line))
                continue
            }
            if !t.quoted && t.text.hasPrefix("_") {
                guard i + 1 < tokens.count, tokens[i + 1].quoted || !(tokens[i + 1].text.hasPrefix("_") || tokens[i + 1].text.lowercased() == "loop_") else {
                    throw fail(t.line, "expected a value after \(t.text)")
                }
                blocks[blocks.count - 1].tags[t.text.lowercased()] = tokens[i + 1]
                i += 2; continue
            }
            if !t.quoted && t.text.lowercased().hasPrefix("save_") { i += 1; continue }
            throw fail(t.line, "unexpected value '\(t.text)' outside a loop (expected a _tag)")
        }
        guard let block = blocks.first(where: { b in b.loops.contains { $0.tags.contains("_atom_site_fract_x") } })
            ?? blocks.first(where: { b in b.loops.contains { $0.tags.contains("_atom_site_cartn_x") } }) else {
            throw fail(nil, "no atom site loop (_atom_site_fract_x/y/z) found")
        }
        func number(_ tok: Token, _ what: String) throws -> Double {
            guard let v = parseNumber(tok.text) else { throw fail(tok.line, "expected a number for \(what), found '\(tok.text)'") }
            return v
        }
        func cell(_ tag: String) throws -> Double {
            guard let tok = block.tags[tag] else { throw fail(block.line, "data block '\(block.name)' has no \(tag)") }
            return try number(tok, tag)
        }
        let (a, b, c) = (try cell("_cell_length_a"), try cell("_cell_length_b"), try cell("_cell_length_c"))
        let (al, be, ga) = (try cell("_cell_angle_alpha"), try cell("_cell_angle_beta"), try cell("_cell_angle_gamma"))
        guard a > 0, b > 0, c > 0, al > 0, be > 0, ga > 0, al < 180, be < 180, ga < 180 else {
            throw fail(block.tags["_cell_length_a"]?.line, "cell parameters must be positive lengths and angles in (0°, 180°)")
        }
        let lattice = Lattice(a: a, b: b, c: c, alpha: al, beta: be, gamma: ga)
        guard lattice.volume > 1e-6, lattice.volume.isFinite else { throw fail(block.tags["_cell_length_a"]?.line, "cell parameters give zero volume") }

        // Symmetry operations.
        let opTags = ["_symmetry_equiv_pos_as_xyz", "_space_group_symop_operation_xyz", "_space_group_symop.operation_xyz"]
        var ops: [SymmetryOperation] = []
        if let loop = block.loops.first(where: { l in opTags.contains { l.tags.contains($0) } }) {
            let col = loop.tags.firstIndex { opTags.contains($0) }!
            for row in loop.rows {
                guard let op = SymmetryOperation(parsing: row[col].text) else {
                    throw fail(row[col].line, "expected a symmetry operation like 'x, y+1/2, -z', found '\(row[col].text)'")
                }
                ops.append(op)
            }
        } else if let tag = opTags.first(where: { block.tags[$0] != nil }), let tok = block.tags[tag] {
            guard let op = SymmetryOperation(parsing: tok.text) else { throw fail(tok.line, "expected a symmetry operation, found '\(tok.text)'") }
            ops.append(op)
        } else {
            let hm = ["_symmetry_space_group_name_h-m", "_space_group_name_h-m_alt"].compactMap { block.tags[$0] }.first
            let name = hm?.text.filter { !$0.isWhitespace } ?? "P1"
            guard name == "P1" || name == "?" || name == "." else {
                throw fail(hm?.line, "space group \(hm!.text) but no symmetry operations (_symmetry_equiv_pos_as_xyz) listed: cannot expand the asymmetric unit")
            }
        }
        if ops.isEmpty { ops = [SymmetryOperation(parsing: "x,y,z")!] }

        // Atom sites.
        guard let sites = block.loops.first(where: { $0.tags.contains("_atom_site_fract_x") }) else {
            throw fail(block.line, "only fractional atom coordinates (_atom_site_fract_x/y/z) are supported")
        }
        func col(_ name: String) -> Int? { sites.tags.firstIndex(of: name) }
        guard let cx = col("_atom_site_fract_x"), let cy = col("_atom_site_fract_y"), let cz = col("_atom_site_fract_z") else {
            throw fail(sites.line, "atom site loop needs _atom_site_fract_x, _atom_site_fract_y and _atom_site_fract_z")
        }
        let cType = col("_atom_site_type_symbol"), cLabel = col("_atom_site_label"), cOcc = col("_atom_site_occupancy")
        guard cType != nil || cLabel != nil else { throw fail(sites.line, "atom site loop needs _atom_site_type_symbol or _atom_site_label") }
        var z: [Int] = [], f: [SIMD3<Double>] = [], lines: [Int] = []
        for row in sites.rows {
            let elTok = cType.map { row[$0] } ?? row[cLabel!]
            guard let zz = Element.atomicNumber(parsingLabel: elTok.text) else {
                throw fail(elTok.line, "unknown element '\(elTok.text)'")
            }
            if let cOcc, row[cOcc].text != "?", row[cOcc].text != "." {
                let occ = try number(row[cOcc], "_atom_site_occupancy")
                if occ < 0.99 { throw fail(row[cOcc].line, "disordered structure not supported (occupancy \(row[cOcc].text) of \(elTok.text))") }
            }
            let p = SIMD3(try number(row[cx], "_atom_site_fract_x"), try number(row[cy], "_atom_site_fract_y"),
                          try number(row[cz], "_atom_site_fract_z"))
            for op in ops {
                let q = wrapUnit(op.apply(p))
                if let k = f.indices.first(where: { samePosition(f[$0], q) }) {
                    if z[k] != zz {
                        throw fail(elTok.line, "disordered structure not supported (\(elTok.text) shares a position with the site of line \(lines[k]))")
                    }
                    continue
                }
                z.append(zz); f.append(q); lines.append(elTok.line)
            }
        }
        guard !z.isEmpty else { throw fail(sites.line, "atom site loop has no rows") }
        return Structure(lattice: lattice, atomicNumbers: z, fractional: f)
    }

    static func samePosition(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Bool {
        var d = a - b
        d -= d.rounded(.toNearestOrEven)
        return abs(d.x) < mergeTolerance && abs(d.y) < mergeTolerance && abs(d.z) < mergeTolerance
    }

    /// A CIF number: optional sign, decimal/exponent, optional standard uncertainty "(n)".
    static func parseNumber(_ s: String) -> Double? {
        var t = s
        if let p = t.firstIndex(of: "(") {
            guard t.hasSuffix(")"), t[t.index(after: p)..<t.index(before: t.endIndex)].allSatisfy(\.isNumber) else { return nil }
            t = String(t[..<p])
        }
        guard let v = Double(t), v.isFinite else { return nil }
        return v
    }

    static func tokenize(_ text: String, file: String) throws -> [Token] {
        var tokens: [Token] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        var n = 0
        while n < lines.count {
            let raw = lines[n].hasSuffix("\r") ? lines[n].dropLast() : lines[n]
            let lineNo = n + 1
            if raw.hasPrefix(";") {
                var body = [String(raw.dropFirst())]
                var m = n + 1
                while m < lines.count, !lines[m].hasPrefix(";") { body.append(String(lines[m])); m += 1 }
                guard m < lines.count else { throw StructureReadError(file: file, line: lineNo, "multi-line value opened with ';' is never closed") }
                tokens.append(Token(text: body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines), line: lineNo, quoted: true))
                n = m + 1; continue
            }
            let chars = Array(raw)
            var i = 0
            while i < chars.count {
                let ch = chars[i]
                if ch == " " || ch == "\t" { i += 1; continue }
                if ch == "#" { break }
                if ch == "'" || ch == "\"" {
                    // A quote closes only when followed by whitespace or end of line.
                    var j = i + 1
                    while j < chars.count, !(chars[j] == ch && (j + 1 == chars.count || chars[j + 1] == " " || chars[j + 1] == "\t")) { j += 1 }
                    guard j < chars.count else { throw StructureReadError(file: file, line: lineNo, "unterminated quoted value (expected a closing \(ch))") }
                    tokens.append(Token(text: String(chars[(i + 1)..<j]), line: lineNo, quoted: true))
                    i = j + 1; continue
                }
                var j = i
                while j < chars.count, chars[j] != " ", chars[j] != "\t" { j += 1 }
                tokens.append(Token(text: String(chars[i..<j]), line: lineNo, quoted: false))
                i = j
            }
            n += 1
        }
        return tokens
    }
}
