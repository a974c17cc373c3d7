import Crystals
import Foundation

/// Why a crystal is not featurised (the authors' `clean_result` filters, Docs/Protocol.md §1.2).
public enum SiteNetFilterReason: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The primitive cell has more than `limit` sites (`len(Atomic_ID) > max_len`, limit 50).
    case primitiveTooLarge(sites: Int, limit: Int)
    /// An element with Z outside 1…99 (`featurize_h5_cache_ElemToken` raises for Z ≥ 100).
    case unsupportedElement(z: Int)
    /// A Magpie value is missing (NaN in matminer 0.7.4, the crystal is dropped).
    case missingMagpieValue(element: String, property: String)
    /// The structure has no sites.
    case empty
    /// The cell cannot be processed: not finite, degenerate, or beyond `InputLimits` (message says which).
    case invalidGeometry(String)

    /// Short name of the filter, for counting.
    public var filter: String {
        switch self {
        case .primitiveTooLarge: "primitive cell > 50 sites"
        case .unsupportedElement: "element Z outside 1…99"
        case .missingMagpieValue: "missing Magpie value"
        case .empty: "empty structure"
        case .invalidGeometry: "invalid geometry"
        }
    }

    /// One-line reason.
    public var description: String {
        switch self {
        case let .primitiveTooLarge(n, l): "primitive cell has \(n) sites (limit \(l))"
        case let .unsupportedElement(z): "element Z = \(z) (\(Element.symbol(of: z) ?? "?")) outside 1…99"
        case let .missingMagpieValue(e, p): "Magpie \(p) of \(e) is missing"
        case .empty: "structure has no sites"
        case let .invalidGeometry(m): m
        }
    }
}

/// Builds the Site-Net input of a crystal exactly as the authors did (Docs/Protocol.md §1.2, §2):
/// 1. primitive cell P = pymatgen `get_primitive_structure(tolerance: 0.5)` (port, see
///    `Structure.primitive(tolerance:)`), prim_size = |P|; dropped if prim_size > 50;
/// 2. the roughly cubic supercell of ≤ 50 sites (`RoughlyCubicSupercell`), images = N / prim_size,
///    supercell site j an image of primitive site ⌊j / images⌋;
/// 3. rows i = unique site i (supercell site i·images): 8 raw Magpie features;
/// 4. B[i, j] = minimum-image distance in the supercell lattice between supercell sites
///    i·images and j (exact, see `MinimumImage`), Å.
public enum SiteNetFeaturizer {
    /// The authors' `-u/--unit_cell_limit` and `N_Atoms`.
    public static let maxSites = 50
    /// pymatgen `PrimitiveCellTransformation` default tolerance (Å).
    public static let primitiveTolerance = 0.5

    /// The Site-Net input of one structure, or a `SiteNetFilterReason` when the authors'
    /// pipeline drops it. Filters are checked in this order (the first that applies is reported):
    /// element Z outside 1…99, a missing Magpie value, primitive cell > 50 sites. The authors drop
    /// a crystal when any holds, so the set of dropped crystals does not depend on the order.
    public static func featurize(_ structure: Structure, id: String) throws -> SiteNetCrystal {
        guard structure.count > 0 else { throw SiteNetFilterReason.empty }
        for z in structure.elements where !(1...99).contains(z) { throw SiteNetFilterReason.unsupportedElement(z: z) }
        for z in structure.elements {
            let f = Element.magpieFeatures(z)
            if let k = f.firstIndex(where: { $0 == nil }) {
                throw SiteNetFilterReason.missingMagpieValue(element: Element.symbol(of: z) ?? "Z\(z)", property: Element.magpieNames[k])
            }
        }
        let g = try geometry(structure)
        let prim = g.primitive
        let distances = g.distances.map(Float.init)
        var features: [Float] = []
        features.reserveCapacity(prim.count * SiteNetCrystal.featureCount)
        for z in prim.atomicNumbers { features += Element.magpieFeatures(z).map { Float($0!) } }
        return SiteNetCrystal(id: id, primSize: prim.count, images: g.supercell.images, atomicNumbers: prim.atomicNumbers,
                              siteFeatures: features, distances: distances)
    }

    /// The geometric part alone (no element filters): primitive cell, supercell and the
    /// primSize × N minimum-image distances (Å, row-major; row i = supercell site i·images).
    /// Throws `.invalidGeometry` for a structure `Structure.validate` refuses (non-finite or
    /// oversized cell, too many atoms, coincident sites) and `.primitiveTooLarge` when the
    /// primitive cell has more than `maxSites` sites.
    public static func geometry(_ structure: Structure) throws -> SiteNetGeometry {
        do { try structure.validate(file: "structure") } catch let e as StructureReadError {
            throw SiteNetFilterReason.invalidGeometry(e.message)
        }
        let prim = structure.primitive(tolerance: primitiveTolerance)
        guard prim.count <= maxSites else { throw SiteNetFilterReason.primitiveTooLarge(sites: prim.count, limit: maxSites) }
        let sc = RoughlyCubicSupercell(primitive: prim, maxAtoms: maxSites)
        let images = sc.images
        let n = sc.structure.count
        let mi = MinimumImage(sc.structure.lattice)
        var distances = [Double](repeating: 0, count: prim.count * n)
        for i in 0..<prim.count {
            let fi = sc.structure.fractional[i * images]
            for j in 0..<n { distances[i * n + j] = mi.distance(fi, sc.structure.fractional[j]) }
        }
        return SiteNetGeometry(primitive: prim, supercell: sc, distances: distances)
    }

    /// Featurises many records on all cores; output order = input order whatever the schedule.
    /// Returns the crystals kept and, for every dropped record, its id and reason.
    public static func featurize(_ records: [DatasetRecord]) -> (crystals: [SiteNetCrystal], skipped: [(id: String, reason: SiteNetFilterReason)]) {
        let results = UnsafeMutableBufferPointer<Result<SiteNetCrystal, SiteNetFilterReason>?>.allocate(capacity: records.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let chunks = max(1, min(records.count, ProcessInfo.processInfo.activeProcessorCount * 8))
        let base = UnsafeMutableBufferPointerBox(results)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let lo = records.count * c / chunks, hi = records.count * (c + 1) / chunks
            for k in lo..<hi {
                let r = records[k]
                do { base.buffer[k] = .success(try featurize(r.structure, id: r.id)) }
                catch let e as SiteNetFilterReason { base.buffer[k] = .failure(e) }
                catch { base.buffer[k] = .failure(.empty) }
            }
        }
        var crystals: [SiteNetCrystal] = [], skipped: [(id: String, reason: SiteNetFilterReason)] = []
        for (k, r) in results.enumerated() {
            switch r! {
            case .success(let c): crystals.append(c)
            case .failure(let e): skipped.append((records[k].id, e))
            }
        }
        return (crystals, skipped)
    }
}

/// Lets disjoint index ranges of one buffer be written from concurrent workers.
private final class UnsafeMutableBufferPointerBox<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(_ b: UnsafeMutableBufferPointer<T>) { buffer = b }
}

/// Primitive cell, roughly cubic supercell and unique-site distance rows of one crystal.
public struct SiteNetGeometry: Sendable {
    /// The primitive cell (pymatgen `get_primitive_structure(tolerance: 0.5)`).
    public var primitive: Structure
    /// The supercell of ≤ 50 sites, primitive-site-major.
    public var supercell: RoughlyCubicSupercell
    /// Minimum-image distances, row-major primitive.count × supercell.structure.count (Å).
    public var distances: [Double]
}
