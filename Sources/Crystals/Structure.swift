/// An ordered periodic crystal structure: a lattice and one element per site.
public struct Structure: Equatable, Sendable {
    /// The periodic lattice.
    public var lattice: Lattice
    /// Atomic number Z of each site (fully ordered sites only).
    public var atomicNumbers: [Int]
    /// Fractional coordinates of each site, in the lattice basis.
    public var fractional: [SIMD3<Double>]

    /// A structure from its lattice, atomic numbers and fractional coordinates (same length).
    public init(lattice: Lattice, atomicNumbers: [Int], fractional: [SIMD3<Double>]) {
        precondition(atomicNumbers.count == fractional.count, "one atomic number per site")
        self.lattice = lattice
        self.atomicNumbers = atomicNumbers
        self.fractional = fractional
    }

    /// Number of sites.
    public var count: Int { atomicNumbers.count }

    /// Cartesian positions of the sites (Å).
    public var cartesian: [SIMD3<Double>] { fractional.map { lattice.cartesian($0) } }
}
