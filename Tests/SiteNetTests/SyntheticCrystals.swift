import Featurizers
import Randomness

/// Small random Site-Net inputs for tests: primSize 1…maxPrim, images 1…3, Magpie-like raw
/// features, distances 0 on a site's own position and 1.5–6 Å elsewhere.
enum SyntheticCrystals {
    static func make(_ count: Int, seed: String = "synthetic", maxPrim: Int = 4) -> [SiteNetCrystal] {
        var rng = SeedPath("tests", seed).stream()
        return (0..<count).map { k in
            let prim = 1 + rng.index(below: maxPrim), images = 1 + rng.index(below: 3)
            let n = prim * images
            var feats: [Float] = []
            var zs: [Int] = []
            for _ in 0..<prim {
                let z = 1 + rng.index(below: 80)
                zs.append(z)
                feats += [Float(z), Float(z) * 2.1, Float(1 + z / 18), Float(1 + z % 18), 5 + 10 * rng.uniformFloat(),
                          0.7 + 3 * rng.uniformFloat(), 0.3 + 2 * rng.uniformFloat(), 500 + 9000 * rng.uniformFloat()]
            }
            var d = [Float](repeating: 0, count: prim * n)
            for i in 0..<prim { for j in 0..<n where j != i * images { d[i * n + j] = 1.5 + 4.5 * rng.uniformFloat() } }
            return SiteNetCrystal(id: "syn-\(k)", primSize: prim, images: images, atomicNumbers: zs, siteFeatures: feats, distances: d)
        }
    }
}
