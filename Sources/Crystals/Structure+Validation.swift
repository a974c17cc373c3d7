import Foundation

/// Checks every structure read from a user's file passes before any featuriser sees it.
extension Structure {
    /// Distance below which two sites count as one position, Å.
    public static let coincidenceDistance = 0.01

    /// Throws a `StructureReadError` naming `file` when the structure has no sites or more than
    /// `limits.maxAtoms`, a lattice vector that is not finite or longer than `limits.maxCellLength`,
    /// a degenerate cell, a non-finite coordinate, or two sites closer than 0.01 Å (periodically).
    public func validate(file: String, limits: InputLimits = .current) throws {
        func fail(_ m: String) -> StructureReadError { StructureReadError(file: file, m) }
        guard count > 0 else { throw fail("structure has no sites") }
        guard count <= limits.maxAtoms else {
            throw fail("structure has \(count) atoms; the limit is \(InputLimits.describe("\(limits.maxAtoms) atoms", variable: "REPRO_MAX_ATOMS"))")
        }
        for (k, v) in lattice.matrix.enumerated() {
            guard v.x.isFinite, v.y.isFinite, v.z.isFinite else { throw fail("lattice vector \(k + 1) is not finite") }
            let length = norm(v)
            guard length.isFinite, length <= limits.maxCellLength else {
                throw fail("lattice vector \(k + 1) is \(formatLength(length)) long; the limit is \(InputLimits.describe(formatLength(limits.maxCellLength), variable: "REPRO_MAX_CELL_LENGTH"))")
            }
        }
        let l = lattice.lengths
        let v = lattice.volume
        guard v.isFinite, v > 1e-8 * l.x * l.y * l.z, v > 1e-6 else { throw fail("the lattice vectors are (nearly) coplanar: cell volume \(v) Å³") }
        for (k, f) in fractional.enumerated() where !(f.x.isFinite && f.y.isFinite && f.z.isFinite) || max(abs(f.x), abs(f.y), abs(f.z)) > 1e6 {
            throw fail("site \(k + 1) has a non-finite or absurd coordinate")
        }
        if let (i, j) = coincidentSites() {
            throw fail("sites \(i + 1) (\(species[i])) and \(j + 1) (\(species[j])) are at the same position (closer than \(Structure.coincidenceDistance) Å)")
        }
    }

    /// The first pair of sites closer than `coincidenceDistance` (periodically), if any. Sites are
    /// sorted by their wrapped first fractional coordinate and only pairs whose difference in it
    /// could hide such a distance are compared.
    func coincidentSites() -> (Int, Int)? {
        let w = fractional.map(wrapUnit)
        let order = w.indices.sorted { w[$0].x < w[$1].x }
        // |Δf₀| ≤ |Δr| · |a*| = |Δr| / d₁₀₀.
        let window = Structure.coincidenceDistance / lattice.planeSpacings.x
        func close(_ i: Int, _ j: Int) -> Bool {
            var d = w[i] - w[j]
            d -= d.rounded(.toNearestOrEven)
            return norm(lattice.cartesian(d)) < Structure.coincidenceDistance
        }
        let n = order.count
        for a in 0..<n {
            var b = a + 1
            while b < n, w[order[b]].x - w[order[a]].x <= window {
                if close(order[a], order[b]) { return (min(order[a], order[b]), max(order[a], order[b])) }
                b += 1
            }
            // Across the periodic boundary: the largest x's against the smallest.
            var c = 0
            while c < a, w[order[c]].x + 1 - w[order[a]].x <= window {
                if close(order[a], order[c]) { return (min(order[a], order[c]), max(order[a], order[c])) }
                c += 1
            }
        }
        return nil
    }
}

/// A length for messages: "200 Å", "3.142 Å", "1e+06 Å", "over 1e+308 Å".
func formatLength(_ x: Double) -> String {
    guard x.isFinite else { return "over 1e+308 Å" }
    if x < 1e5 { return x == x.rounded() ? "\(Int(x)) Å" : String(format: "%.3f Å", x) }
    return String(format: "%.3g Å", x)
}
