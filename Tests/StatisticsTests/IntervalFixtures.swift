import Foundation
import XCTest

/// The reference values written by `Scripts/fixtures/statistics/make_interval_fixtures.py`.
struct IntervalFixtures: Decodable {
    struct PairedCase: Decodable {
        var label: String; var differences: [Double]; var level: Double; var lower: Double; var upper: Double
        var attainedLevel: Double; var lowerRank: Int; var hasTies: Bool; var zeros: Int
    }
    struct UnpairedCase: Decodable {
        var label: String; var x: [Double]; var y: [Double]; var level: Double; var lower: Double; var upper: Double
        var attainedLevel: Double; var lowerRank: Int; var hasTies: Bool
    }
    struct MedianCase: Decodable { var values: [Double]; var lower: Double; var upper: Double; var attainedLevel: Double }
    struct KendallCase: Decodable { var label: String; var x: [Double]; var y: [Double]; var tau: Double }
    struct PermutationCase: Decodable {
        var neighbours: [[Int]]; var labels: [Bool]; var observed: Double; var nullMean: Double; var p: Double; var arrangements: Int
    }
    struct FamilyCase: Decodable {
        struct Item: Decodable { var p: Double; var shift: Double; var claimedNegative: Bool; var minimumEffect: Double }
        var label: String; var alpha: Double; var cases: [Item]; var pHolm: [Double]
        var supports: [Bool]; var opposes: [Bool]; var outcome: String
    }
    struct MinimumPCase: Decodable { var test: String; var n1: Int; var n2: Int; var method: String; var p: Double }
    var pairedIntervals: [PairedCase]
    var unpairedIntervals: [UnpairedCase]
    var medianIntervals: [MedianCase]
    var kendallTau: [KendallCase]
    var labelPermutation: [PermutationCase]
    var claimFamily: [FamilyCase]
    var minimumAttainableP: [MinimumPCase]

    static func load() throws -> IntervalFixtures {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "intervals", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(IntervalFixtures.self, from: Data(contentsOf: url))
    }
}
