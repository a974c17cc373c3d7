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
        } else if let setting = try spaceGroup(block.tags, cell: SpaceGroupSetting.Cell(a: a, b: b, c: c, alpha: al, beta: be, gamma: ga), file: file) {
            ops = setting.operations
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
        let limits = InputLimits.current
        guard sites.rows.count <= limits.maxAtoms else {
            throw fail(sites.line, "atom site loop has \(sites.rows.count) rows; the limit is \(InputLimits.describe("\(limits.maxAtoms) atoms", variable: "REPRO_MAX_ATOMS"))")
        }
        var z: [Int] = [], f: [SIMD3<Double>] = [], lines: [Int] = [], rowOf: [Int] = []
        var grid = PositionGrid()
        for (r, row) in sites.rows.enumerated() {
            let elTok = cType.map { row[$0] } ?? row[cLabel!]
            let tag = cType == nil ? "_atom_site_label" : "_atom_site_type_symbol"
            let zz = try atomicNumber(elTok, tag: tag, file: file)
            if let cOcc, row[cOcc].text != "?", row[cOcc].text != "." {
                let occ = try number(row[cOcc], "_atom_site_occupancy")
                if occ > 1 { throw fail(row[cOcc].line, "occupancy \(row[cOcc].text.escapingControlCharacters()) of '\(elTok.text.escapingControlCharacters())' is above 1") }
                if occ < 0.99 { throw fail(row[cOcc].line, "disordered structure not supported (occupancy \(row[cOcc].text.escapingControlCharacters()) of '\(elTok.text.escapingControlCharacters())')") }
            }
            let p = SIMD3(try number(row[cx], "_atom_site_fract_x"), try number(row[cy], "_atom_site_fract_y"),
                          try number(row[cz], "_atom_site_fract_z"))
            for op in ops {
                let q = wrapUnit(op.apply(p))
                if let k = grid.match(q, in: f, tolerance: mergeTolerance) {
                    // A symmetry image of the same row on a special position is the same atom.
                    if rowOf[k] == r { continue }
                    if z[k] != zz {
                        throw fail(elTok.line, "disordered structure not supported ('\(elTok.text.escapingControlCharacters())' shares a position with the site of line \(lines[k]))")
                    }
                    throw fail(elTok.line, "'\(elTok.text.escapingControlCharacters())' sits on the same position as the site of line \(lines[k]) (two atoms at one position)")
                }
                guard z.count < limits.maxAtoms else {
                    throw fail(sites.line, "the symmetry operations expand the atom sites to more than \(InputLimits.describe("\(limits.maxAtoms) atoms", variable: "REPRO_MAX_ATOMS"))")
                }
                grid.insert(q, index: f.count)
                z.append(zz); f.append(q); lines.append(elTok.line); rowOf.append(r)
            }
        }
        guard !z.isEmpty else { throw fail(sites.line, "atom site loop has no rows") }
        return Structure(lattice: lattice, atomicNumbers: z, fractional: f)
    }

    /// Element of an atom-site token, resolved as pymatgen does; anything it would drop, turn
    /// into a dummy species, or that lies beyond Z = 103 is refused with the label quoted.
    static func atomicNumber(_ tok: Token, tag: String, file: String) throws -> Int {
        let label = tok.text.escapingControlCharacters()
        switch Element.resolveCIFLabel(tok.text) {
        case let .element(z): return z
        case let .beyondTable(symbol, zz):
            throw StructureReadError(file: file, line: tok.line, "\(tag) '\(label)' is element \(symbol) (Z = \(zz)); only H to Lr (Z ≤ \(Element.maxAtomicNumber)) are supported")
        case .group:
            throw StructureReadError(file: file, line: tok.line, "\(tag) '\(label)' names a group (hydroxide or water), which pymatgen drops; list its O and H atoms as separate sites")
        case .unknown:
            throw StructureReadError(file: file, line: tok.line, "\(tag) '\(label)' names no element")
        }
    }

    /// The space-group setting named by a block's tags when it lists no operations: a
    /// Hermann–Mauguin symbol, else a Hall symbol, else the International Tables number (see
    /// `SpaceGroupSetting`). nil when none is given (P1); throws when one is given but unknown.
    static func spaceGroup(_ tags: [String: Token], cell: SpaceGroupSetting.Cell, file: String) throws -> SpaceGroupSetting? {
        func value(_ names: [String]) -> Token? {
            names.compactMap { tags[$0] }.first { $0.text != "?" && $0.text != "." && !$0.text.isEmpty }
        }
        let hm = value(["_symmetry_space_group_name_h-m", "_symmetry_space_group_name_h_m", "_symmetry_space_group_name_h-m_",
                        "_space_group_name_h-m_alt", "_space_group_name_h-m_alt_", "_space_group.name_h-m_alt",
                        "_symmetry.space_group_name_h-m"])
        let hall = value(["_space_group_name_hall", "_symmetry_space_group_name_hall", "_space_group.name_hall",
                          "_symmetry.space_group_name_hall"])
        let number = value(["_space_group_it_number", "_symmetry_int_tables_number", "_space_group.it_number",
                            "_symmetry.int_tables_number"])
        if let hm, let s = SpaceGroupSetting.hermannMauguin(hm.text, cell: cell) { return s }
        if let hall, let s = SpaceGroupSetting.hall(hall.text) { return s }
        if let number {
            if let v = parseNumber(number.text), v == v.rounded(), let s = SpaceGroupSetting.number(Int(exactly: v) ?? 0, cell: cell) { return s }
            throw StructureReadError(file: file, line: number.line, "space group number '\(number.text.escapingControlCharacters())' is not an integer 1 to 230, and the file lists no symmetry operations")
        }
        if let bad = hm ?? hall {
            throw StructureReadError(file: file, line: bad.line, "space group '\(bad.text.escapingControlCharacters())' is not a symbol pymatgen or spglib's tables know, and the file lists no symmetry operations (_symmetry_equiv_pos_as_xyz)")
        }
        return nil
    }

    static func samePosition(_ a: SIMD3<Double>, _ b: SIMD3<Double>, tolerance: Double = mergeTolerance) -> Bool {
        var d = a - b
        d -= d.rounded(.toNearestOrEven)
        return abs(d.x) < tolerance && abs(d.y) < tolerance && abs(d.z) < tolerance
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
