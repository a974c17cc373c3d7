/// The chemical elements Z = 1…103: symbols, the 8 Magpie values Site-Net uses, and the
/// element classes of pymatgen 2022.0.17 used for the t-SNE colouring (Docs/Protocol.md §7).
public enum Element {
    /// Largest atomic number in the table.
    public static let maxAtomicNumber = 103

    /// Names of the 8 Magpie properties, in feature order.
    public static let magpieNames = ["Number", "AtomicWeight", "Row", "Column", "FirstIonizationEnergy",
                                     "Electronegativity", "AtomicRadius", "Density"]

    private static let symbolToZ: [String: Int] = {
        var d: [String: Int] = [:]
        for (i, e) in table.enumerated() { d[e.symbol] = i + 1 }
        return d
    }()

    /// The symbol of element Z ("Li" for 3), or nil outside 1…103.
    public static func symbol(of z: Int) -> String? {
        (1...maxAtomicNumber).contains(z) ? table[z - 1].symbol : nil
    }

    /// The atomic number of a symbol (case-sensitive, "Li" → 3), or nil if unknown.
    public static func atomicNumber(of symbol: String) -> Int? { symbolToZ[symbol] }

    /// Parses an element from a species label as found in files: "Fe", "Fe2+", "O2-", "Fe1", "FE"
    /// (leading letters; the second letter is lower-cased when that makes a known symbol).
    public static func atomicNumber(parsingLabel label: String) -> Int? {
        let letters = Array(label.prefix { $0.isLetter })
        guard let first = letters.first else { return nil }
        if letters.count >= 2 {
            let two = String(first).uppercased() + String(letters[1]).lowercased()
            if let z = symbolToZ[two] { return z }
        }
        return symbolToZ[String(first).uppercased()]
    }

    /// The 8 raw Magpie values of element Z (Number, AtomicWeight, Row, Column,
    /// FirstIonizationEnergy [eV], Electronegativity [Pauling], AtomicRadius [Å], Density [g/L]);
    /// nil entries are missing in Magpie's tables. Empty for Z outside 1…103.
    public static func magpieFeatures(_ z: Int) -> [Double?] {
        (1...maxAtomicNumber).contains(z) ? table[z - 1].magpie : []
    }

    /// True when all 8 Magpie values of Z exist (otherwise the authors' pipeline gets NaN and
    /// drops the crystal).
    public static func hasAllMagpieFeatures(_ z: Int) -> Bool {
        let f = magpieFeatures(z)
        return !f.isEmpty && f.allSatisfy { $0 != nil }
    }

    /// Halogens as pymatgen defines them: Z ∈ {9, 17, 35, 53, 85} (F, Cl, Br, I, At).
    public static func isHalogen(_ z: Int) -> Bool { [9, 17, 35, 53, 85].contains(z) }

    /// Noble gases: Z ∈ {2, 10, 18, 36, 54, 86} (He, Ne, Ar, Kr, Xe, Rn).
    public static func isNobleGas(_ z: Int) -> Bool { [2, 10, 18, 36, 54, 86].contains(z) }

    /// Metals as pymatgen 2022.0.17's `contains_element_type("metal")`: alkali {3,11,19,37,55,87},
    /// alkaline earth {4,12,20,38,56,88}, post-transition {Al,Ga,In,Tl,Sn,Pb,Bi}, transition
    /// 21–30, 39–48, 57, 72–80, 89, 104–112, lanthanoids 57–71, actinoids 89–103.
    /// Metalloids (B, Si, Ge, As, Sb, Te, Po) are not metals.
    public static func isMetal(_ z: Int) -> Bool {
        if [3, 11, 19, 37, 55, 87, 4, 12, 20, 38, 56, 88].contains(z) { return true }
        if [13, 31, 49, 81, 50, 82, 83].contains(z) { return true }
        if (21...30).contains(z) || (39...48).contains(z) || (72...80).contains(z) || (104...112).contains(z) { return true }
        if (57...71).contains(z) || (89...103).contains(z) { return true }
        return false
    }
}
