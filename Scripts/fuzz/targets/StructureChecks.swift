import Foundation

/// Structure invariants (see Checks.swift for the message invariants).
func checkStructure(_ s: Structure) {
    precondition(s.count > 0, "empty structure accepted")
    precondition(s.lattice.matrix.allSatisfy { $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }, "non-finite lattice")
    precondition(s.lattice.volume.isFinite && s.lattice.volume > 0, "bad volume \(s.lattice.volume)")
    precondition(s.fractional.allSatisfy { $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }, "non-finite coordinate")
    precondition(s.atomicNumbers.allSatisfy { (1...Element.maxAtomicNumber).contains($0) }, "atomic number out of range")
}

/// Reads `data` as a structure file named `name` and checks the outcome.
func fuzzStructure(_ data: Data, name: String) {
    do { checkStructure(try StructureReader.read(data: data, url: URL(fileURLWithPath: "/fuzz/\(name)"), name: name)) }
    catch { checkMessage(error, input: data) }
}
