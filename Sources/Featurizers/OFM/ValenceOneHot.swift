/// matminer's 39-entry valence-shell one-hot vectors (`OrbitalFieldMatrix.get_ohv` with
/// `period_tag=True`), for Z = 1…94.
///
/// Entries 0–1 are s¹, s², 2–7 p¹…p⁶, 8–17 d¹…d¹⁰, 18–31 f¹…f¹⁴ (a one where the valence subshell
/// holds that many electrons), 32–38 the period 1…7 (lanthanides 6, actinides 7). The table
/// (`ValenceOneHotTable.swift`) is generated from matminer/pymatgen by
/// `Scripts/fixtures/featurizers/generate_element_tables.py`.
public enum ValenceOneHot {
    /// Length of each vector (32 subshell slots + 7 period slots).
    public static let size = 39

    /// Whether `z` has a vector (matminer covers Z = 1…94).
    public static func isSupported(_ z: Int) -> Bool { z >= 1 && z < onesByZ.count }

    /// The largest supported atomic number (94).
    public static var maximumAtomicNumber: Int { onesByZ.count - 1 }

    /// The 39-entry 0/1 vector of atomic number `z` (precondition: supported).
    public static func vector(_ z: Int) -> [Double] {
        var v = [Double](repeating: 0, count: size)
        for i in onesByZ[z] { v[i] = 1 }
        return v
    }
}
