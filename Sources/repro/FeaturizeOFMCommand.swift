import ArgumentParser
import Crystals
import Featurizers
import Foundation

/// `repro featurize ofm FILE [--json]`: the orbital field matrix (matminer
/// `OrbitalFieldMatrix(period_tag=True)`, flattened to 1521 values) of one structure file.
struct FeaturizeOFM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ofm",
        abstract: "The orbital field matrix (1521 values).",
        discussion: """
        39×39 matrix (32 valence-subshell slots + 7 period slots), row-major: Σ over Voronoi \
        neighbours of (solid angle / largest solid angle) · o_neighbour ⊗ o_site / distance (bohr), \
        averaged over symmetry-distinct sites weighted by multiplicity. Elements up to Z = 94. \
        By default the authors' input cell (primitive → ≤50-atom supercell) is used; --as-given \
        featurises the file's cell unchanged.

        Example: repro featurize ofm POSCAR
        """
    )

    @OptionGroup var input: BaselineInputOptions

    @Flag(help: "Print {\"vector\": [1521 values]} as JSON.")
    var json = false

    func run() throws {
        let structure = try input.read()
        let name = input.displayName
        let vector: [Double]
        do { vector = try OrbitalFieldMatrix().vector(structure) } catch let e as FeaturizerError {
            throw CLIFailure("\(name): \(e)")
        }
        if json {
            print("{\"vector\": [" + vector.map(jsonNumber).joined(separator: ", ") + "]}")
        } else {
            let nonzero = vector.filter { $0 != 0 }.count
            print("\(name): \(structure.count) sites; orbital field matrix 39×39 (\(nonzero) non-zero entries), rows:")
            for r in 0..<39 {
                print(vector[(r * 39)..<(r * 39 + 39)].map { String(format: "%.4g", $0) }.joined(separator: " "))
            }
        }
    }
}
