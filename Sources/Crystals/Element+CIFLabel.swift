/// How pymatgen's `CifParser._parse_symbol` turns an `_atom_site_type_symbol` (or, without one, an
/// `_atom_site_label`) into an element, and what this reader makes of the result.
public enum CIFSpeciesLabel: Equatable, Sendable {
    /// An element of the table (Z = 1…103); D and T are hydrogen.
    case element(Int)
    /// A real element beyond the table (Rf…Og, Z = 104…118): pymatgen reads it, the featurisers cannot.
    case beyondTable(symbol: String, atomicNumber: Int)
    /// A label pymatgen maps to no species and silently drops (`OH`, `OH2`: hydroxide / water groups).
    case group
    /// No element: pymatgen drops the site (no capital letter) or makes a dummy species (`X`, `Xx1`).
    case unknown
}

extension Element {
    /// pymatgen's special labels, tried as prefixes in this order (its `special_syms`):
    /// water hydrogen / oxygen, water, hydroxide, nitrate.
    static let cifSpecialLabels: [(prefix: String, symbol: String)] = [
        ("Hw", "H"), ("Ow", "O"), ("Wat", "O"), ("wat", "O"), ("OH", ""), ("OH2", ""), ("NO3", "N"),
    ]

    /// Symbols of Z = 104…118, which pymatgen knows and the Magpie table does not.
    static let transactinides = ["Rf", "Db", "Sg", "Bh", "Hs", "Mt", "Ds", "Rg", "Cn", "Nh", "Fl", "Mc", "Lv", "Ts", "Og"]

    /// The atomic number pymatgen gives a valid element symbol (case-sensitive), 1…118, with
    /// deuterium and tritium as hydrogen; nil otherwise.
    static func pymatgenAtomicNumber(_ symbol: String) -> Int? {
        if let z = atomicNumber(of: symbol) { return z }
        if symbol == "D" || symbol == "T" { return 1 }
        return transactinides.firstIndex(of: symbol).map { 104 + $0 }
    }

    /// Resolves a CIF species label exactly as pymatgen's CIF parser does: a special label
    /// prefix (`Wat1` → O, `Hw` → H, `NO3` → N, `OH` → dropped); else the first two characters
    /// title-cased if they form an element symbol (`FE` → Fe, `Ca1` → Ca, `Nax` → Na, `Og1` → Og);
    /// else the first character upper-cased (`O2-` → O, `Oxygen` → O, `w` → W); else nothing.
    public static func resolveCIFLabel(_ label: String) -> CIFSpeciesLabel {
        for (prefix, symbol) in cifSpecialLabels where label.hasPrefix(prefix) {
            if symbol.isEmpty { return .group }
            return .element(atomicNumber(of: symbol)!)
        }
        let chars = Array(label)
        guard let first = chars.first else { return .unknown }
        var candidates: [String] = []
        if chars.count >= 2 { candidates.append(String(first).uppercased() + String(chars[1]).lowercased()) }
        candidates.append(String(first).uppercased())
        for symbol in candidates {
            // Python's str.title() leaves non-letters alone, so "O2" stays "O2" and is no symbol.
            guard let z = pymatgenAtomicNumber(symbol) else { continue }
            if z > maxAtomicNumber { return .beyondTable(symbol: symbol, atomicNumber: z) }
            return .element(z)
        }
        return .unknown
    }
}
