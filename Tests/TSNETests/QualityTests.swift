import XCTest
import TSNE
import Randomness

/// End results against scikit-learn on the committed clustered fixture.
final class QualityTests: XCTestCase {
    /// Barnes–Hut, perplexity 30, PCA init, 600 points × 16 dims: KL within 5 % of sklearn's
    /// median over seeds, trustworthiness(10) ≥ sklearn's median − 0.01.
    func testBarnesHutMatchesScikitLearnOnClusteredFixture() throws {
        let ref = try TSNEReference.load()
        var cfg = TSNEConfiguration(perplexity: ref.perplexity)
        cfg.method = .barnesHut
        let result = try TSNE(cfg).embed(ref.data, seed: SeedPath("test", "tsne", "quality"))
        let skKL = median(ref.bh.map(\.kl_divergence))
        let skTrust = median(ref.bh.map(\.trustworthiness10))
        let trust = try trustworthiness(ref.data, result.embedding, neighbours: 10)
        print("BH fixture: KL \(result.klDivergence) (sklearn median \(skKL)), T(10) \(trust) (sklearn \(skTrust)), iterations \(result.iterations)")
        XCTAssertTrue(result.usedBarnesHut)
        XCTAssertEqual(result.iterations, 1000)
        XCTAssertLessThanOrEqual(abs(result.klDivergence - skKL), 0.05 * skKL)
        XCTAssertGreaterThanOrEqual(trust, skTrust - 0.01)
    }

    /// Exact gradient on the first 150 points, perplexity 10.
    func testExactMatchesScikitLearnOnSmallSubset() throws {
        let ref = try TSNEReference.load()
        let x = Array(ref.data.prefix(ref.exact.points))
        var cfg = TSNEConfiguration(perplexity: ref.exact.perplexity)
        cfg.method = .automatic  // n = 150 ≤ 200 ⇒ exact
        let result = try TSNE(cfg).embed(x, seed: SeedPath("test", "tsne", "exact"))
        let skKL = median(ref.exact.runs.map(\.kl_divergence))
        let skTrust = median(ref.exact.runs.map(\.trustworthiness10))
        let trust = try trustworthiness(x, result.embedding, neighbours: 10)
        print("exact subset: KL \(result.klDivergence) (sklearn \(skKL)), T(10) \(trust) (sklearn \(skTrust))")
        XCTAssertFalse(result.usedBarnesHut)
        XCTAssertLessThanOrEqual(abs(result.klDivergence - skKL), 0.05 * skKL)
        XCTAssertGreaterThanOrEqual(trust, skTrust - 0.01)
    }
}
