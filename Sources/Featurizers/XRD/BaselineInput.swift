import Crystals
import Dispatch

/// The cell the authors gave the baseline featurisers (Docs/Protocol.md §6.1): the HDF5 "structure", i.e.
/// pymatgen's primitive cell (tolerance 0.5 Å) expanded to the roughly cubic supercell of at most
/// 50 atoms (`RoughlyCubicSupercell`; a cell of more than 25 sites gets only a unimodular shear).
public enum BaselineInput {
    /// The authors' input cell of `s`: `RoughlyCubicSupercell(primitive: s.primitive()).structure`.
    public static func authorsCell(_ s: Structure) -> Structure {
        RoughlyCubicSupercell(primitive: s.primitive(tolerance: 0.5), maxAtoms: 50).structure
    }

    /// `authorsCell` of many structures on `workers` threads (result i from structure i, so the
    /// output does not depend on the number of workers).
    public static func authorsCells(_ structures: [Structure], workers: Int = 2) -> [Structure] {
        let n = structures.count
        var out = structures
        let threads = max(1, min(workers, n))
        out.withUnsafeMutableBufferPointer { slots in
            let buffer = slots
            DispatchQueue.concurrentPerform(iterations: threads) { w in
                var i = w
                while i < n { buffer[i] = authorsCell(structures[i]); i += threads }
            }
        }
        return out
    }
}
