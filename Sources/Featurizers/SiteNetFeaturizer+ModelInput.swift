extension SiteNetCrystal {
    /// Number of per-site model inputs: the 8 scaled Magpie features plus the oxidation state.
    public static let modelFeatureCount = 9

    /// The site features exactly as the authors' model sees them (Docs/Protocol.md §2.2), row-major
    /// primSize × 9: x_ik = raw_ik · featureScalers_k for k < 8, then the oxidation state, which is
    /// always 0 (Matbench sites are pymatgen `Element`s without `oxi_state`).
    public var modelSiteFeatures: [Float] {
        var out = [Float](repeating: 0, count: primSize * Self.modelFeatureCount)
        for i in 0..<primSize {
            for k in 0..<Self.featureCount {
                out[i * Self.modelFeatureCount + k] = siteFeatures[i * Self.featureCount + k] * Self.featureScalers[k]
            }
        }
        return out
    }
}
