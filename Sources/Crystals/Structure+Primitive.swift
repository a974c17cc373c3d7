extension Structure {
    /// The primitive cell as pymatgen's `Structure.get_primitive_structure(tolerance:)` finds it
    /// (pymatgen 2022–2026, `use_site_props = false`, `reduce = true`), ported line by line.
    ///
    /// Sites are grouped by element (groups sorted by symbol). Candidate translations are the
    /// differences within the smallest group that map every group onto itself within 2·tol/|a_k|
    /// per fractional component. For each divisor d > 1 of the gcd of the group sizes, every
    /// upper-triangular Hermite normal form H with det H = d whose inverse rows are candidate
    /// translations is tried (in pymatgen's order); the first one under which every group
    /// splits into cliques of exactly d sites (per-component tolerance tol/|row of H⁻¹L|) gives
    /// a cell H⁻¹L whose sites are the averaged positions of each clique. The search recurses on
    /// that cell; if anything was found the result is Niggli-reduced (Cartesian positions kept,
    /// wrapped into the cell). Otherwise the structure is returned unchanged.
    ///
    /// The authors used `PrimitiveCellTransformation()` whose tolerance is 0.5 Å.
    public func primitive(tolerance: Double = 0.5) -> Structure {
        if let smaller = primitiveStep(tolerance: tolerance) {
            return smaller.primitive(tolerance: tolerance).niggliReducedStructure()
        }
        return self
    }

    /// The same crystal on the Niggli-reduced basis of its lattice (pymatgen
    /// `get_reduced_structure()`): Cartesian positions kept and wrapped into [0, 1).
    public func niggliReducedStructure() -> Structure {
        let (red, _) = lattice.niggliReduced()
        if red == lattice { return self }
        let inv = red.matrix3.inverse
        let f = cartesian.map { wrapUnit($0 * inv) }
        return Structure(lattice: red, atomicNumbers: atomicNumbers, fractional: f)
    }

    private func primitiveStep(tolerance tol: Double) -> Structure? {
        // Stable sort of sites by species string, then group.
        let order = (0..<count).sorted { (i, j) in
            let (si, sj) = (species[i], species[j])
            return si == sj ? i < j : si < sj
        }
        var groupZ: [Int] = []
        var groups: [[SIMD3<Double>]] = []
        for i in order {
            if let last = groupZ.last, last == atomicNumbers[i] { groups[groups.count - 1].append(fractional[i]) }
            else { groupZ.append(atomicNumbers[i]); groups.append([fractional[i]]) }
        }
        func pbcWrap(_ d: SIMD3<Double>) -> SIMD3<Double> { d - d.rounded(.toNearestOrEven) }
        func within(_ d: SIMD3<Double>, _ t: SIMD3<Double>) -> Bool {
            let a = absv(pbcWrap(d)); return a.x < t.x && a.y < t.y && a.z < t.z
        }
        let abc = lattice.lengths
        let superFtol = SIMD3<Double>(repeating: tol) / abc
        let superFtol2 = superFtol * 2

        let smallest = groups.enumerated().min { $0.element.count < $1.element.count || ($0.element.count == $1.element.count && $0.offset < $1.offset) }!.element
        var minVecs = smallest.map { $0 - smallest[0] }
        let bySize = groups.enumerated().sorted { $0.element.count < $1.element.count || ($0.element.count == $1.element.count && $0.offset < $1.offset) }.map(\.element)
        for group in bySize {
            for fc in group {
                let shifted = group.map { $0 - fc }
                minVecs = minVecs.filter { v in shifted.contains { within(v - $0, superFtol2) } }
            }
        }

        let nonNeighbours: [[[Bool]]] = groups.map { g in
            (0..<g.count).map { i in
                (0..<g.count).map { j in
                    if i == j { return true }
                    let d = absv(pbcWrap(g[j] - g[i]))
                    return d.x > 2 * superFtol.x || d.y > 2 * superFtol.y || d.z > 2 * superFtol.z
                }
            }
        }
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        let numFU = groups.map(\.count).reduce(0, gcd)
        guard numFU > 1 else { return nil }
        func factors(_ n: Int) -> [Int] { (1...n).filter { n % $0 == 0 } }

        for det in factors(numFU) where det > 1 {
            for a in factors(det) {
                for e in factors(det / a) {
                    let gg = det / a / e
                    for b in 0..<a { for c in 0..<a { for f in 0..<e {
                        let h = Matrix3(SIMD3(Double(a), Double(b), Double(c)), SIMD3(0, Double(e), Double(f)),
                                        SIMD3(0, 0, Double(gg)))
                        let invH = h.inverse
                        guard invH.rows.allSatisfy({ r in minVecs.contains { within(r - $0, superFtol) } }) else { continue }
                        if let s = tryCell(h: h, invH: invH, det: det, groups: groups, groupZ: groupZ,
                                           nonNeighbours: nonNeighbours, tol: tol) { return s }
                    } } }
                }
            }
        }
        return nil
    }

    private func tryCell(h: Matrix3, invH: Matrix3, det size: Int, groups: [[SIMD3<Double>]], groupZ: [Int],
                         nonNeighbours: [[[Bool]]], tol: Double) -> Structure? {
        let newM = invH * lattice.matrix3
        let ftol = SIMD3<Double>(repeating: tol) / SIMD3(norm(newM.rows[0]), norm(newM.rows[1]), norm(newM.rows[2]))
        var newZ: [Int] = [], newCoords: [SIMD3<Double>] = []
        for (gi, g) in groups.enumerated() {
            let allFrac = g.map { $0 * h }
            let n = g.count
            var adj = [[Bool]](repeating: [Bool](repeating: false, count: n), count: n)
            for i in 0..<n {
                for j in 0..<n {
                    var d = allFrac[j] - allFrac[i]
                    d = absv(d - d.rounded(.toNearestOrEven))
                    adj[i][j] = d.x < ftol.x && d.y < ftol.y && d.z < ftol.z && nonNeighbours[gi][i][j]
                }
            }
            for j in 0..<n where (0..<n).reduce(0, { $0 + (adj[$1][j] ? 1 : 0) }) != size { return nil }
            for i in 0..<n {
                let members = (0..<n).filter { adj[i][$0] }
                for p in members { for q in members where !adj[p][q] { return nil } }
            }
            var added = [Bool](repeating: false, count: n)
            let wrapped = allFrac.map { $0 - $0.rounded(.down) }
            for i in 0..<n where !added[i] {
                let members = (0..<n).filter { adj[i][$0] }
                for m in members { added[m] = true }
                var coords = wrapped[members[0]]
                for (k, m) in members.dropFirst().enumerated() {
                    let off = wrapped[m] - coords
                    coords += (off - off.rounded(.toNearestOrEven)) / Double(k + 2)
                }
                newZ.append(groupZ[gi]); newCoords.append(coords)
            }
        }
        return Structure(lattice: Lattice(h.inverse * lattice.matrix3), atomicNumbers: newZ, fractional: newCoords)
    }
}

/// Componentwise absolute value.
@inlinable func absv(_ v: SIMD3<Double>) -> SIMD3<Double> { SIMD3(Swift.abs(v.x), Swift.abs(v.y), Swift.abs(v.z)) }
