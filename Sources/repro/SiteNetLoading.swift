import ArgumentParser
import Crystals
import Featurizers
import Foundation
import Learning
import Randomness
import SiteNet

/// A featurised record of a dataset.
struct FeaturizedRecord {
    var crystal: SiteNetCrystal
    var eForm: Double?
    var bandGap: Double?
}

/// Loads and featurises a dataset ('embedded' or a JSON-lines file); reports skipped records on stderr.
func loadSiteNetCrystals(_ spec: String) throws -> [FeaturizedRecord] {
    let ds: Dataset
    do { ds = spec == "embedded" ? try Dataset.loadEmbedded() : try Dataset.loadJSONLines(url: URL(fileURLWithPath: spec)) }
    catch { throw CLIFailure("\(spec): \(error)") }
    let (crystals, skipped) = SiteNetFeaturizer.featurize(ds.records)
    let byId = Dictionary(ds.records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    if !ds.skipped.isEmpty || !skipped.isEmpty {
        FileHandle.standardError.write("\(ds.name): \(ds.skipped.count) unreadable and \(skipped.count) filtered records skipped\n".data(using: .utf8)!)
    }
    return crystals.map { c in FeaturizedRecord(crystal: c, eForm: byId[c.id]?.eForm, bandGap: byId[c.id]?.bandGap) }
}

/// Creates (if needed) and returns the output folder.
func outputFolder(_ path: String) throws -> URL {
    let url = URL(fileURLWithPath: path)
    do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    catch { throw CLIFailure("\(path): cannot create output folder (\(plainIOErrorText(error)))") }
    return url
}
