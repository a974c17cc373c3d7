import Foundation
import XCTest

/// The scipy/numpy reference values written by `Scripts/fixtures/statistics/make_statistics_fixtures.py`.
struct StatisticsFixtures: Decodable {
    struct QuantileCase: Decodable {
        var values: [Double]; var probabilities: [Double]; var quantiles: [Double]; var mean: Double; var sd: Double?
    }
    struct WilcoxonCase: Decodable {
        var label: String; var x: [Double]; var y: [Double]; var scipyMethod: String; var statistic: Double; var p: Double
    }
    struct MannWhitneyCase: Decodable {
        var label: String; var x: [Double]; var y: [Double]; var scipyMethod: String; var u1: Double; var p: Double
    }
    struct HLCase: Decodable {
        var differences: [Double]?; var paired: Double?; var x: [Double]?; var y: [Double]?; var unpaired: Double?
    }
    struct HolmCase: Decodable { var p: [Double]; var adjusted: [Double] }
    var quantiles: [QuantileCase]
    var wilcoxon: [WilcoxonCase]
    var mannWhitney: [MannWhitneyCase]
    var hodgesLehmann: [HLCase]
    var holm: [HolmCase]

    static func load() throws -> StatisticsFixtures {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "statistics", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(StatisticsFixtures.self, from: Data(contentsOf: url))
    }
}
