/// Why a `Structure.as_dict()` object could not become a `Structure`.
public struct PymatgenDictError: Error, Sendable, Equatable {
    /// True when pymatgen's `Structure.from_dict` would raise on it too (the file is not what it
    /// claims to be); false when pymatgen reads it but this project cannot use it (a disordered
    /// site, an element beyond Lr, a zero-volume cell, a non-finite number).
    public var pymatgenRejects: Bool
    /// One line: what is wrong, naming the site where there is one.
    public var message: String
}

extension PymatgenJSON {
    /// Reads a `Structure.as_dict()` object parsed by `JSONStreamParser`, following what
    /// pymatgen's `Structure.from_dict` accepts (checked against pymatgen 2026.10): `lattice`
    /// with `matrix` (or a, b, c, alpha, beta, gamma), a non-empty `sites` list, and per site
    /// `species` [{`element` (a pymatgen element symbol; D and T are hydrogen), `occu`}] and `abc`
    /// (`xyz`, `label`, `properties`, `@module`, `@class`, `charge` are not needed). Every site is
    /// checked for what pymatgen rejects before anything it accepts but this project cannot use
    /// is reported, so `pymatgenRejects` does not depend on site order.
    public static func structure(fromDict value: JSONValue) throws -> Structure {
        func rejected(_ m: String) -> PymatgenDictError { PymatgenDictError(pymatgenRejects: true, message: m) }
        guard case .object(let dict) = value else {
            throw rejected("the structure is \(value.kindDescription), not a pymatgen Structure.as_dict() object")
        }
        guard case .object(let lat)? = dict["lattice"] else { throw rejected("no \"lattice\" object") }
        let lattice = try strictLattice(lat)
        guard case .array(let sites)? = dict["sites"] else { throw rejected("no \"sites\" list") }
        guard !sites.isEmpty else { throw rejected("\"sites\" is empty (pymatgen needs at least 1 site)") }

        var unusable: String?
        func note(_ m: String) { if unusable == nil { unusable = m } }
        var z: [Int] = [], f: [SIMD3<Double>] = []
        z.reserveCapacity(sites.count); f.reserveCapacity(sites.count)
        for (k, site) in sites.enumerated() {
            guard case .object(let s) = site else { throw rejected("site \(k) is \(site.kindDescription), not an object") }
            guard case .array(let species)? = s["species"] else { throw rejected("site \(k): no \"species\" list") }
            var occupancy = 0.0, element: Int?
            for sp in species {
                guard case .object(let o) = sp else { throw rejected("site \(k): a species is \(sp.kindDescription), not {\"element\", \"occu\"}") }
                guard case .string(let symbol)? = o["element"] else { throw rejected("site \(k): a species has no \"element\" string") }
                let zz = Element.pymatgenAtomicNumber(symbol)
                if zz == nil {
                    // With an oxidation state pymatgen makes a dummy species of an unknown symbol.
                    guard o["oxidation_state"] != nil else {
                        throw rejected("site \(k): '\(symbol.escapingControlCharacters(limit: 20))' is not an element symbol")
                    }
                    note("site \(k): dummy species '\(symbol.escapingControlCharacters(limit: 20))' is not an element")
                }
                guard case .number(let occu)? = o["occu"] else { throw rejected("site \(k): species \(symbol.escapingControlCharacters(limit: 20)) has no numeric \"occu\"") }
                occupancy += occu
                element = zz
            }
            if occupancy > 1 + 1e-8 { throw rejected("site \(k): species occupancies sum to more than 1") }
            guard case .array(let abc)? = s["abc"], abc.count == 3, abc.allSatisfy({ $0.number != nil }) else {
                throw rejected("site \(k): \"abc\" is not 3 numbers")
            }
            let p = SIMD3(abc[0].number!, abc[1].number!, abc[2].number!)
            if species.isEmpty { note("site \(k): no species") }
            else if species.count > 1 { note("site \(k): disordered structure not supported (\(species.count) species on one site)") }
            else if !(abs(occupancy - 1) <= 1e-6) { note("site \(k): disordered structure not supported (occupancy \(occupancy))") }
            if let e = element, e > Element.maxAtomicNumber {
                note("site \(k): element \(Element.transactinides[e - 104]) (Z = \(e)) is beyond the supported H to Lr (Z ≤ \(Element.maxAtomicNumber))")
            }
            if !(p.x.isFinite && p.y.isFinite && p.z.isFinite) { note("site \(k): \"abc\" holds a non-finite number") }
            z.append(element ?? 0); f.append(p)
        }
        if !lattice.matrix.allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) { note("lattice holds a non-finite number") }
        else if !(lattice.volume > 1e-6) { note("lattice has zero volume") }
        if let unusable { throw PymatgenDictError(pymatgenRejects: false, message: unusable) }
        return Structure(lattice: lattice, atomicNumbers: z, fractional: f)
    }

    /// The lattice of an `as_dict()` `lattice` object: `matrix` (3×3 numbers, or 9 in a row as
    /// numpy reshapes them) or, without it, the six parameters (pymatgen's `Lattice.from_dict`).
    private static func strictLattice(_ lat: JSONObject) throws -> Lattice {
        func rejected(_ m: String) -> PymatgenDictError { PymatgenDictError(pymatgenRejects: true, message: m) }
        if let m = lat["matrix"] {
            var flat: [Double] = []
            for row in m.array ?? [m] {
                if let r = row.array { for v in r { guard let d = v.number else { throw rejected("\"lattice.matrix\" holds \(v.kindDescription), not a number") }; flat.append(d) } }
                else if let d = row.number { flat.append(d) }
                else { throw rejected("\"lattice.matrix\" holds \(row.kindDescription), not a number") }
            }
            guard flat.count == 9 else { throw rejected("\"lattice.matrix\" has \(flat.count) numbers, not 3×3") }
            return Lattice(rows: [Array(flat[0..<3]), Array(flat[3..<6]), Array(flat[6..<9])])
        }
        let names = ["a", "b", "c", "alpha", "beta", "gamma"]
        let p = names.map { lat[$0]?.number }
        if let missing = zip(names, p).first(where: { $0.1 == nil }) {
            throw rejected("\"lattice\" has no \"matrix\" and no numeric \"\(missing.0)\"")
        }
        return Lattice(a: p[0]!, b: p[1]!, c: p[2]!, alpha: p[3]!, beta: p[4]!, gamma: p[5]!)
    }
}
