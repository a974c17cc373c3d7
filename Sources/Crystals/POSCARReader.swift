import Foundation

/// Reads VASP POSCAR / CONTCAR / `.vasp` files (VASP 5 with an element line; VASP 4 files whose
/// comment line lists the elements are accepted as pymatgen does).
///
/// Layout: comment; scale (s > 0 multiplies the lattice and Cartesian positions, s < 0 is the
/// target volume |s| Å³, three numbers scale the axes separately); three lattice vectors;
/// element symbols; counts; optional `Selective dynamics`; `Direct` or `Cartesian`
/// (first letter D, or C/K); one position per site (extra columns such as T/F flags ignored).
public enum POSCARReader {
    /// Parses POSCAR text. `file` names the source in errors.
    public static func parse(_ text: String, file: String) throws -> Structure {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        func fail(_ line: Int, _ m: String) -> StructureReadError { StructureReadError(file: file, line: line, m) }
        func fields(_ n: Int) -> [String] { n <= lines.count ? lines[n - 1].split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) : [] }
        func numbers(_ n: Int, count: Int, _ what: String) throws -> [Double] {
            let f = fields(n)
            guard f.count >= count else { throw fail(n, "expected \(what) (\(count) numbers)\(n > lines.count ? ", found end of file" : ", found '\(n <= lines.count ? lines[n - 1] : "")'")") }
            return try f.prefix(count).map { s in
                guard let v = Double(s), v.isFinite else { throw fail(n, "expected \(what), found '\(s)'") }
                return v
            }
        }
        guard lines.count >= 8 else { throw fail(lines.count, "file too short for a POSCAR (expected at least 8 lines)") }
        let scaleFields = fields(2)
        let scale: [Double]
        if scaleFields.count >= 3, scaleFields.prefix(3).allSatisfy({ Double($0) != nil }) {
            scale = try numbers(2, count: 3, "three scale factors")
            guard scale.allSatisfy({ $0 > 0 }) else { throw fail(2, "expected three positive scale factors") }
        } else {
            scale = try numbers(2, count: 1, "the scale factor")
            guard scale[0] != 0 else { throw fail(2, "scale factor must not be 0") }
        }
        var rows = try (3...5).map { try numbers($0, count: 3, "lattice vector \($0 - 2)") }
        let raw = Lattice(rows: rows)
        guard raw.volume > 1e-10 else { throw fail(3, "lattice vectors are linearly dependent (zero volume)") }
        var factor = SIMD3<Double>(repeating: 1)
        if scale.count == 3 { factor = SIMD3(scale[0], scale[1], scale[2]) }
        else if scale[0] < 0 { factor = SIMD3(repeating: _cbrt(-scale[0] / raw.volume)) }
        else { factor = SIMD3(repeating: scale[0]) }
        // Three scale factors scale the Cartesian x, y, z components; one scales everything.
        rows = rows.map { r in [r[0] * factor.x, r[1] * factor.y, r[2] * factor.z] }
        let lattice = Lattice(rows: rows)

        var n = 6
        var symbols = fields(6)
        var counts: [Int]
        if symbols.allSatisfy({ Int($0) != nil }) {
            counts = symbols.map { Int($0)! }
            let comment = fields(1).filter { Element.atomicNumber(parsingLabel: $0) != nil }
            guard comment.count == counts.count else {
                throw fail(6, "expected a line of element symbols (VASP 5); VASP 4 files need the elements on the comment line")
            }
            symbols = comment
        } else {
            n = 7
            let c = fields(7)
            guard !c.isEmpty, c.allSatisfy({ Int($0) != nil }) else { throw fail(7, "expected the number of atoms of each element, found '\(lines[6])'") }
            counts = c.map { Int($0)! }
            guard counts.count == symbols.count else {
                throw fail(7, "expected \(symbols.count) counts (one per element on line 6), found \(counts.count)")
            }
        }
        let z: [Int] = try symbols.map { s in
            // POTCAR-style labels like "Fe_pv" or "Li_sv/abc" name the element first.
            let clean = String(s.split(separator: "_").first ?? Substring(s)).split(separator: "/").first.map(String.init) ?? s
            // Exact symbols as pymatgen's Poscar reads them; upper case ("FE") and a numeric or
            // charge suffix ("Fe2+") tolerated, but not longer words ("Oxygen", "Nax").
            let letters = clean.prefix { $0.isLetter }
            let symbol = letters.count <= 2 ? letters.prefix(1).uppercased() + letters.dropFirst().lowercased() : ""
            guard letters.count == clean.count || !clean.dropFirst(letters.count).contains(where: \.isLetter),
                  let zz = Element.pymatgenAtomicNumber(clean) ?? Element.pymatgenAtomicNumber(symbol) else {
                throw fail(n == 6 ? 1 : 6, "unknown element '\(s.escapingControlCharacters())'")
            }
            guard zz <= Element.maxAtomicNumber else {
                throw fail(n == 6 ? 1 : 6, "element '\(s.escapingControlCharacters())' (Z = \(zz)) is beyond the supported H to Lr (Z ≤ \(Element.maxAtomicNumber))")
            }
            return zz
        }
        guard counts.allSatisfy({ $0 >= 0 }), counts.reduce(0, +) > 0 else { throw fail(n, "expected positive atom counts") }
        n += 1
        if let first = lines[safe: n - 1]?.first, first == "S" || first == "s" { n += 1 }
        guard let mode = lines[safe: n - 1]?.first else { throw fail(n, "expected 'Direct' or 'Cartesian', found end of file") }
        let cartesian: Bool
        switch mode {
        case "D", "d": cartesian = false
        case "C", "c", "K", "k": cartesian = true
        default: throw fail(n, "expected 'Direct' or 'Cartesian', found '\(lines[n - 1])'")
        }
        var atomic: [Int] = [], frac: [SIMD3<Double>] = []
        let inv = lattice.matrix3.inverse
        for (k, c) in counts.enumerated() {
            for _ in 0..<c {
                n += 1
                let v = try numbers(n, count: 3, "a position of 3 numbers for atom \(atomic.count + 1) of \(counts.reduce(0, +))")
                var p = SIMD3(v[0], v[1], v[2])
                if cartesian { p = (p * factor) * inv }
                atomic.append(z[k]); frac.append(p)
            }
        }
        return Structure(lattice: lattice, atomicNumbers: atomic, fractional: frac)
    }
}

extension Array {
    subscript(safe i: Int) -> Element? { indices.contains(i) ? self[i] : nil }
}
