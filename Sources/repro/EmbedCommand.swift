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
        as one CSV row per file: file,g0,…,g63 (`repro tsne` reads this CSV as is).

        A file that cannot be read or featurised stops the batch with its error, unless \
        --skip-bad is given: then every good file is encoded and written, the bad ones are listed \
        on stderr with their errors, and the command exits with status 3.

        Example:
          repro embed --model out/dim.ckpt --out vectors.csv my-cifs/*.cif
          repro embed --model out/dim.ckpt --out vectors.csv --skip-bad downloads/*.cif
        """)
    @Option(help: "Checkpoint written by 'repro train dim' or 'repro train supervised'.")
    var model: String
    @Argument(help: "Structure files.")
    var files: [String]
    @OptionGroup var blasOptions: BLASOptions
    @Option(help: "Output CSV file.")
    var out: String
    @Flag(help: "Skip files that cannot be read or featurised (listed on stderr; exit status 3).")
    var skipBad = false

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
        var skipped: [String] = []
        for f in files {
            do {
                // A read error already names the file and line.
                let s: Structure
                do { s = try StructureReader.read(url: URL(fileURLWithPath: f)) } catch { throw CLIFailure("\(error)") }
                do { crystals.append(try SiteNetFeaturizer.featurize(s, id: f)) }
                catch { throw CLIFailure("\(f.escapingControlCharacters()): \(error)") }
            } catch let e as CLIFailure {
                guard skipBad else { throw e }
                skipped.append(e.description)
            }
        }
        guard !crystals.isEmpty else {
            throw CLIFailure("none of the \(files.count) file(s) could be encoded:\n  " + skipped.joined(separator: "\n  "))
        }
        let vectors = embedder(crystals)
        var csv = NumericCSV.row(label: "file", (0..<64).map { "g\($0)" })
        for (c, v) in zip(crystals, vectors) { csv += NumericCSV.row(label: c.id, v) }
        try writeOutputFile(Data(csv.utf8), to: out)
        print("wrote \(crystals.count) vectors to \(out)")
        if !skipped.isEmpty {
            FileHandle.standardError.write(Data("skipped \(skipped.count) of \(files.count) file(s):\n".utf8))
            for line in skipped { FileHandle.standardError.write(Data("  \(line)\n".utf8)) }
            throw ExitCode(ExitStatus.itemsFailed)
        }
    }
}
