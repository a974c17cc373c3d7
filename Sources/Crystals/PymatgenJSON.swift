import Foundation

/// pymatgen `Structure.as_dict()` JSON.
public enum PymatgenJSON {
    /// Reads a structure from a parsed `as_dict()` object: `lattice.matrix` (3×3, rows = vectors)
    /// and `sites[*]` with `species[*].element` / `occu` and `abc` (fractional) or `xyz`
    /// (Cartesian). A site with occupancy < 1 or several species is a disordered structure and
    /// throws. `context` names the file / record in errors.
    public static func structure(from object: Any, context: String) throws -> Structure {
        func fail(_ m: String) -> StructureReadError { StructureReadError(file: context, m) }
        guard let dict = object as? [String: Any] else { throw fail("expected a JSON object (pymatgen Structure.as_dict())") }
        guard let lat = dict["lattice"] as? [String: Any], let m = lat["matrix"] as? [[Any]], m.count == 3,
              m.allSatisfy({ $0.count == 3 }) else { throw fail("expected \"lattice\": {\"matrix\": 3×3 numbers}") }
        let rows = try m.map { try $0.map { v -> Double in
            guard let d = (v as? NSNumber)?.doubleValue, d.isFinite else { throw fail("lattice matrix holds a non-number") }
            return d } }
        let lattice = Lattice(rows: rows)
        guard abs(lattice.volume) > 1e-6 else { throw fail("lattice has zero volume") }
        guard let sites = dict["sites"] as? [[String: Any]], !sites.isEmpty else { throw fail("expected a non-empty \"sites\" array") }
        var z: [Int] = [], f: [SIMD3<Double>] = []
        for (k, site) in sites.enumerated() {
            guard let species = site["species"] as? [[String: Any]], !species.isEmpty else {
                throw fail("site \(k): expected \"species\": [{\"element\", \"occu\"}]")
            }
            if species.count > 1 { throw fail("site \(k): disordered structure not supported (\(species.count) species on one site)") }
            guard let el = species[0]["element"] as? String else { throw fail("site \(k): \"element\" is missing or not a string") }
            guard let zz = Element.pymatgenAtomicNumber(el) else { throw fail("site \(k): unknown element '\(el.escapingControlCharacters())'") }
            guard zz <= Element.maxAtomicNumber else {
                throw fail("site \(k): element \(el) (Z = \(zz)) is beyond the supported H to Lr (Z ≤ \(Element.maxAtomicNumber))")
            }
            let occu = (species[0]["occu"] as? NSNumber)?.doubleValue ?? 1
            if !(abs(occu - 1) <= 1e-6) { throw fail("site \(k): disordered structure not supported (occupancy \(occu))") }
            func vec(_ key: String) -> SIMD3<Double>? {
                guard let a = site[key] as? [Any], a.count == 3 else { return nil }
                let d = a.compactMap { ($0 as? NSNumber)?.doubleValue }
                return d.count == 3 && d.allSatisfy(\.isFinite) ? SIMD3(d[0], d[1], d[2]) : nil
            }
            if let abc = vec("abc") { f.append(abc) }
            else if let xyz = vec("xyz") { f.append(lattice.fractional(xyz)) }
            else { throw fail("site \(k): expected \"abc\" or \"xyz\" with 3 numbers") }
            z.append(zz)
        }
        return Structure(lattice: lattice, atomicNumbers: z, fractional: f)
    }

    /// The `Structure.as_dict()` object of a structure (keys as pymatgen writes them: `@module`,
    /// `@class`, `charge`, `lattice` {matrix, pbc, a, b, c, alpha, beta, gamma, volume},
    /// `properties`, `sites` [{species [{element, occu}], abc, xyz, label, properties}]),
    /// ready for `JSONSerialization`.
    public static func dictionary(of s: Structure) -> [String: Any] {
        let p = s.lattice.parameters
        let lattice: [String: Any] = [
            "matrix": s.lattice.matrix.map { [$0.x, $0.y, $0.z] }, "pbc": [true, true, true],
            "a": p.a, "b": p.b, "c": p.c, "alpha": p.alpha, "beta": p.beta, "gamma": p.gamma, "volume": s.lattice.volume,
        ]
        let sites: [[String: Any]] = zip(s.species, zip(s.fractional, s.cartesian)).map { sym, fc in
            ["species": [["element": sym, "occu": 1]], "abc": [fc.0.x, fc.0.y, fc.0.z], "properties": [String: Any](),
             "label": sym, "xyz": [fc.1.x, fc.1.y, fc.1.z]]
        }
        return ["@module": "pymatgen.core.structure", "@class": "Structure", "charge": 0.0, "lattice": lattice,
                "properties": [String: Any](), "sites": sites]
    }

    /// Reads a pymatgen Structure JSON file.
    public static func read(url: URL) throws -> Structure {
        let data = try Gzip.contents(of: url)
        let obj: Any
        do { obj = try JSONSerialization.jsonObject(with: data) } catch {
            throw StructureReadError(file: url.lastPathComponent, line: jsonErrorLine(error, data), "invalid JSON")
        }
        return try structure(from: obj, context: url.lastPathComponent)
    }

    /// The line of a JSONSerialization error, when Foundation reports a character index.
    static func jsonErrorLine(_ error: Error, _ data: Data) -> Int? {
        let info = (error as NSError).userInfo
        var index = info["NSJSONSerializationErrorIndex"] as? Int
        if index == nil, let text = info["NSDebugDescription"] as? String, let r = text.range(of: "character ") {
            index = Int(text[r.upperBound...].prefix { $0.isNumber })
        }
        guard let index else { return nil }
        return data.prefix(index).reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
    }
}
