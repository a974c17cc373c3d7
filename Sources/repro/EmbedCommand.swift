import ArgumentParser
import Crystals
import Featurizers
import Foundation
import Learning
import SiteNet

/// `repro embed`: a trained encoder as a featuriser for the user's own structure files.
struct Embed: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed", abstract: "Encode structure files with a trained encoder.",
        discussion: """
        Reads each CIF / POSCAR / pymatgen-JSON file, builds its Site-Net input (primitive cell, roughly \
        cubic supercell of ≤ 50 atoms, Magpie site features, minimum-image distances) and writes the \
        64-d crystal vector g (no noise) of a DIM checkpoint (or of a supervised checkpoint's encoder) \
        as one CSV row per file: file,g0,…,g63.
        """)
    @Option(help: "Checkpoint written by 'repro train dim' or 'repro train supervised'.")
    var model: String
    @Argument(help: "Structure files.")
    var files: [String]
    @OptionGroup var blasOptions: BLASOptions
    @Option(help: "Output CSV file.")
    var out: String

    func run() throws {
        guard !files.isEmpty else { throw CLIFailure("no structure files given") }
        let url = URL(fileURLWithPath: model)
        let embedder: ([SiteNetCrystal]) -> [[Float]]
        do {
            let archive = try ParameterArchive.read(from: url)
            if archive.fingerprint == SupervisedModel.fingerprint {
                let m = try SupervisedModel.load(from: url); embedder = { m.embed($0) }
            } else {
                let m = try DIMModel.load(from: url); embedder = { m.embed($0) }
            }
        } catch let e as CheckpointError { throw CLIFailure(e.description) }
        var crystals: [SiteNetCrystal] = []
        for f in files {
            let s: Structure
            // A read error already names the file and line.
            do { s = try StructureReader.read(url: URL(fileURLWithPath: f)) } catch { throw CLIFailure("\(error)") }
            do { crystals.append(try SiteNetFeaturizer.featurize(s, id: f)) } catch { throw CLIFailure("\(f): \(error)") }
        }
        let vectors = embedder(crystals)
        var csv = "file," + (0..<64).map { "g\($0)" }.joined(separator: ",") + "\n"
        for (c, v) in zip(crystals, vectors) {
            let name = c.id.contains(",") || c.id.contains("\"") ? "\"" + c.id.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : c.id
            csv += name + "," + v.map { String($0) }.joined(separator: ",") + "\n"
        }
        do { try csv.write(to: URL(fileURLWithPath: out), atomically: true, encoding: .utf8) }
        catch { throw CLIFailure("\(out): cannot write (\(error.localizedDescription))") }
        print("wrote \(crystals.count) vectors to \(out)")
    }
}
