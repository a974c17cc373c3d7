/// The Site-Net input of one crystal, exactly as the authors build it (Docs/Protocol.md §2):
/// the primitive cell's sites ("unique sites") attend over every site of a roughly cubic
/// supercell of at most 50 atoms.
///
/// Supercell site j is an image of unique site `uniqueSiteOfSupercellSite[j]`
/// (= ⌊j / images⌋ mod primSize, the authors' `attention_j`).
public struct SiteNetCrystal: Equatable, Sendable, Codable {
    /// Identifier of the source record (e.g. an MP or Matbench id).
    public var id: String
    /// Number of sites of the primitive cell (the unique sites, the rows i).
    public var primSize: Int
    /// Number of supercell images of the primitive cell: supercellSize = primSize · images.
    public var images: Int
    /// Atomic number of each unique site (primSize values).
    public var atomicNumbers: [Int]
    /// The 8 raw (unscaled) Magpie features of each unique site, row-major primSize × 8:
    /// Number, AtomicWeight, Row, Column, FirstIonizationEnergy, Electronegativity,
    /// AtomicRadius, Density.
    public var siteFeatures: [Float]
    /// Minimum-image distances in the supercell lattice (Å), row-major primSize × supercellSize:
    /// row i is unique site i (supercell site i·images), column j is supercell site j.
    public var distances: [Float]

    /// Number of supercell sites N = primSize · images (the columns j).
    public var supercellSize: Int { primSize * images }

    /// The unique site that supercell site j is an image of: ⌊j / images⌋ (mod primSize).
    @inlinable public func uniqueSite(ofSupercellSite j: Int) -> Int { (j / images) % primSize }

    /// A crystal input from its parts (shapes are checked).
    public init(id: String, primSize: Int, images: Int, atomicNumbers: [Int], siteFeatures: [Float], distances: [Float]) {
        precondition(atomicNumbers.count == primSize, "one atomic number per unique site")
        precondition(siteFeatures.count == primSize * SiteNetCrystal.featureCount, "primSize × 8 site features")
        precondition(distances.count == primSize * primSize * images, "primSize × supercellSize distances")
        self.id = id; self.primSize = primSize; self.images = images
        self.atomicNumbers = atomicNumbers; self.siteFeatures = siteFeatures; self.distances = distances
    }

    /// Number of Magpie features per site.
    public static let featureCount = 8
    /// The authors' fixed multipliers for the 8 features (`Site_Feature_scalers`):
    /// Z·0.1, weight·0.1, row·1, column·1, ionisation·1, electronegativity·10, radius·10, density·0.001.
    public static let featureScalers: [Float] = [0.1, 0.1, 1, 1, 1, 10, 10, 0.001]
}
