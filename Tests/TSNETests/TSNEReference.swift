import Foundation
import XCTest

/// The committed scikit-learn reference (Scripts/fixtures/tsne/make_fixtures.py).
struct TSNEReference: Decodable {
    struct Run: Decodable { let seed: Int; let kl_divergence: Double; let iterations: Int; let trustworthiness10: Double }
    struct Exact: Decodable { let points: Int; let perplexity: Double; let runs: [Run] }
    struct AffinityTriplets: Decodable { let points: Int; let perplexity: Double; let triplets: [[Double]] }
    struct Trust: Decodable { let points: Int; let n_neighbors: Int; let value: Double }
    let data: [[Double]]
    let perplexity: Double
    let bh: [Run]
    let bh_random_init: [Run]
    let exact: Exact
    let affinities: AffinityTriplets
    let pca_init: [[Double]]
    let trustworthiness: Trust

    static func load() throws -> TSNEReference {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "tsne_reference", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(TSNEReference.self, from: Data(contentsOf: url))
    }
}

/// The median of a non-empty list.
func median(_ v: [Double]) -> Double {
    let s = v.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}
