import Crystals

/// Why a baseline featuriser (XRD pattern, orbital field matrix) could not featurise one
/// structure. Each case names what was wrong so a dataset run can count and list the failures
/// (the authors' `wrapped_featurizer` dropped such structures, Docs/Protocol.md §6.1).
public enum FeaturizerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The structure has no sites.
    case emptyStructure
    /// The lattice is degenerate: |a·(b×c)| ≤ 1e-8·|a||b||c| (or not finite).
    case degenerateLattice(volume: Double)
    /// A coordinate is NaN or infinite (site index).
    case nonFiniteCoordinate(site: Int)
    /// Element `atomicNumber` is outside the featuriser's table (`featurizer` names it, `supported` the range).
    case unsupportedElement(featurizer: String, atomicNumber: Int, supported: String)
    /// The XRD pattern cannot be smoothed: the KDE needs ≥ 2 samples with non-zero spread (scipy raises here too).
    case degeneratePattern(samples: Int)
    /// Two sites coincide (distance below 1e-6 Å), so the Voronoi cell of `site` is empty.
    case overlappingSites(site: Int, other: Int)
    /// spglib failed on the structure (its message).
    case symmetryFailed(String)
    /// The Voronoi cell of a site could not be closed within the search radius.
    case voronoiFailed(site: Int, reason: String)
    /// The work would exceed a limit of `InputLimits` (the message names it and how to change it).
    case limitExceeded(String)

    public var description: String {
        switch self {
        case .emptyStructure: return "structure has no sites"
        case let .degenerateLattice(volume): return "degenerate lattice (cell volume \(volume) Å³)"
        case let .nonFiniteCoordinate(site): return "site \(site) has a non-finite coordinate"
        case let .unsupportedElement(featurizer, z, supported):
            return "\(featurizer): element Z = \(z) is outside its table (\(supported))"
        case let .degeneratePattern(samples):
            return "XRD pattern cannot be smoothed: \(samples) KDE samples without spread (need ≥ 2 distinct peaks with intensity ≥ 1)"
        case let .overlappingSites(site, other): return "sites \(site) and \(other) coincide"
        case let .symmetryFailed(message): return "symmetry search failed: \(message)"
        case let .voronoiFailed(site, reason): return "Voronoi cell of site \(site) failed: \(reason)"
        case let .limitExceeded(message): return message
        }
    }
}

/// Checks shared by the featurisers: at least one site, a lattice of non-negligible volume
/// (|a·(b×c)| > 1e-8·|a||b||c|, i.e. no two lattice vectors within ~1e-8 rad of coplanar) and
/// finite coordinates.
func validateGeometry(_ s: Structure) throws {
    guard s.count > 0 else { throw FeaturizerError.emptyStructure }
    let l = s.lattice
    let v = l.volume
    let scale = l.lengths.x * l.lengths.y * l.lengths.z
    guard v.isFinite, scale.isFinite, v > 1e-8 * scale else { throw FeaturizerError.degenerateLattice(volume: v) }
    for (i, f) in s.fractional.enumerated() where !(f.x.isFinite && f.y.isFinite && f.z.isFinite) {
        throw FeaturizerError.nonFiniteCoordinate(site: i)
    }
}

/// The inverse-transpose of the lattice matrix: rows b₁, b₂, b₃ with aᵢ·bⱼ = δᵢⱼ (the
/// crystallographic reciprocal lattice, without 2π). Fractional coordinates are f = r · Bᵀ.
func reciprocalRows(_ l: Lattice) -> [SIMD3<Double>] {
    let a = l.matrix
    let v = l.signedVolume
    return [cross(a[1], a[2]) / v, cross(a[2], a[0]) / v, cross(a[0], a[1]) / v]
}
