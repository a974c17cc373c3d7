import ArgumentParser
import Crystals
import Featurizers
import Foundation

/// `repro featurize xrd FILE [--json]`: the powder XRD pattern (pymatgen `XRDCalculator`, Cu Kα)
/// and the paper's 128-d KDE vector (matminer `XRDPowderPattern`) of one structure file.
struct FeaturizeXRD: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xrd",
        abstract: "The XRD powder pattern and its 128-d KDE vector.",
        discussion: """
        Cu Kα (1.54184 Å), 2θ from 0 to 127°, intensities scaled to 100; the vector is a Gaussian KDE \
        (bandwidth 0.05 × sample std) of the peak angles repeated int(intensity) times, at 128 angles \
        0, 1, …, 127°. By default the structure is first reduced to its primitive cell and expanded to \
        the authors' roughly cubic ≤50-atom supercell (as the paper featurised the dataset); \
        --as-given featurises the file's cell unchanged (the peaks are the same up to rounding).

        Example: repro featurize xrd mp-10.cif --json
        """
    )

    @OptionGroup var input: BaselineInputOptions

    @Flag(help: "Print {\"peaks\": [[two_theta, intensity], ...], \"vector\": [128 values]} as JSON.")
    var json = false

    func run() throws {
        let structure = try input.read()
        let name = input.displayName
        let calculator = XRDCalculator()
        let peaks: [XRDPeak]
        let vector: [Double]
        do {
            peaks = try calculator.pattern(structure)
            vector = try XRDPattern.vector(peaks: peaks, maxTwoTheta: calculator.maxTwoTheta)
        } catch let e as FeaturizerError {
            throw CLIFailure("\(name): \(e)")
        }
        if json {
            let body = "{\"peaks\": [" + peaks.map { "[\(jsonNumber($0.twoTheta)), \(jsonNumber($0.intensity))]" }.joined(separator: ", ")
                + "], \"vector\": [" + vector.map(jsonNumber).joined(separator: ", ") + "]}"
            print(body)
        } else {
            print("\(name): \(structure.count) sites, \(peaks.count) peaks (Cu Kα, 2θ ≤ 127°)")
            print("      2θ (°)   intensity")
            for p in peaks { print(String(format: "%10.4f  %10.4f", p.twoTheta, p.intensity)) }
            print("vector (128 KDE values at 2θ = 0…127°):")
            print(vector.map { String(format: "%.6g", $0) }.joined(separator: " "))
        }
    }
}

/// The structure file of a baseline featuriser and which cell of it to featurise.
struct BaselineInputOptions: ParsableArguments {
    @Argument(help: "Structure file: CIF, POSCAR/CONTCAR/.vasp, or pymatgen Structure JSON (.gz allowed).")
    var file: String

    @Flag(help: "Featurise the cell as given instead of the authors' primitive → ≤50-atom supercell.")
    var asGiven = false

    /// The file's name for messages (control characters escaped).
    var displayName: String { URL(fileURLWithPath: file).lastPathComponent.escapingControlCharacters() }

    /// The file's cell with `--as-given`, otherwise the authors' input (pymatgen-tolerance
    /// primitive cell, then the ≤50-atom roughly cubic supercell). Read errors become one-line
    /// `CLIFailure`s naming the file and line.
    func read() throws -> Structure {
        let structure: Structure
        do { structure = try StructureReader.read(url: URL(fileURLWithPath: file)) } catch let e as StructureReadError {
            throw CLIFailure("\(e)")
        }
        return asGiven ? structure : BaselineInput.authorsCell(structure)
    }
}

/// A JSON number: shortest round-trip decimal; non-finite values (never produced) as null.
func jsonNumber(_ x: Double) -> String { x.isFinite ? "\(x)" : "null" }
