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

    /// Element symbol of each site ("X\(Z)" for an atomic number outside the table).
    public var species: [String] { atomicNumbers.map { Element.symbol(of: $0) ?? "X\($0)" } }

    /// Element symbol → number of sites, for the cell as given.
    public var composition: [String: Int] {
        var c: [String: Int] = [:]
        for s in species { c[s, default: 0] += 1 }
        return c
    }

    /// Distinct atomic numbers, ascending.
    public var elements: [Int] { Array(Set(atomicNumbers)).sorted() }

    /// True when the structure contains at least one metal and one halogen (pymatgen
    /// `contains_element_type("metal") and contains_element_type("halogen")`, Docs/Protocol.md §7).
    public var containsMetalAndHalogen: Bool {
        atomicNumbers.contains(where: Element.isMetal) && atomicNumbers.contains(where: Element.isHalogen)
    }

    /// True when the structure contains a noble gas (He, Ne, Ar, Kr, Xe, Rn).
    public var containsNobleGas: Bool { atomicNumbers.contains(where: Element.isNobleGas) }

    /// The same structure with every fractional coordinate wrapped into [0, 1).
    public var wrapped: Structure {
        Structure(lattice: lattice, atomicNumbers: atomicNumbers, fractional: fractional.map(wrapUnit))
    }

    /// Minimum-image distance matrix between all sites (row-major count × count), Å.
    public var distanceMatrix: [Double] { lattice.allDistances(fractional, fractional) }
}

/// f − ⌊f⌋ per component, with values that round to 1 mapped to 0.
@inlinable public func wrapUnit(_ f: SIMD3<Double>) -> SIMD3<Double> {
    var w = f - f.rounded(.down)
    for k in 0..<3 where w[k] >= 1 - 1e-12 { w[k] = 0 }
    return w
}
