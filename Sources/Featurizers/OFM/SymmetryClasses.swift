import CSpglib
import Crystals

/// Symmetry-equivalence classes of sites from spglib, as pymatgen's
/// `SpacegroupAnalyzer(structure).get_symmetrized_structure().equivalent_indices` gives them
/// (defaults symprec = 0.01 Å, angle tolerance 5°).
enum SymmetryClasses {
    /// For each site, the index of the first site of its class (spglib's `equivalent_atoms`
    /// remapped to the lowest index of each class).
    static func representatives(_ s: Structure, symprec: Double = 0.01, angleTolerance: Double = 5) throws -> [Int] {
        let n = s.count
        let m = s.lattice.matrix
        // spglib wants lattice vectors as columns.
        var lattice: [(Double, Double, Double)] = [
            (m[0].x, m[1].x, m[2].x), (m[0].y, m[1].y, m[2].y), (m[0].z, m[1].z, m[2].z),
        ]
        var positions = s.fractional.map { ($0.x, $0.y, $0.z) }
        var types = s.atomicNumbers.map { Int32($0) }
        // Under the lock: spglib's error code is a process-wide variable.
        let (dataset, error): (UnsafeMutablePointer<SpglibDataset>?, String) = SpglibLock.run {
            let d = lattice.withUnsafeMutableBufferPointer { l in
                positions.withUnsafeMutableBufferPointer { p in
                    types.withUnsafeMutableBufferPointer { t in
                        spgat_get_dataset(l.baseAddress!, p.baseAddress!, t.baseAddress!, Int32(n), symprec, angleTolerance)
                    }
                }
            }
            return (d, d == nil ? String(cString: spg_get_error_message(spg_get_error_code())) : "")
        }
        guard let dataset else { throw FeaturizerError.symmetryFailed(error) }
        defer { spg_free_dataset(dataset) }
        guard Int(dataset.pointee.n_atoms) == n, let eq = dataset.pointee.equivalent_atoms else {
            throw FeaturizerError.symmetryFailed("spglib returned an inconsistent dataset")
        }
        var firstOfClass: [Int: Int] = [:]
        var reps = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let label = Int(eq[i])
            if let first = firstOfClass[label] { reps[i] = first } else { firstOfClass[label] = i; reps[i] = i }
        }
        return reps
    }
}
