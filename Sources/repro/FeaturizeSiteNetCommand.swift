import ArgumentParser
import Crystals
import Featurizers
import Foundation

/// `repro featurize sitenet FILE [--json]`: the Site-Net input of one structure.
struct FeaturizeSiteNet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitenet",
        abstract: "The Site-Net input of one structure (primitive cell, supercell, distances).",
        discussion: """
        As the authors built it: pymatgen primitive cell (tolerance 0.5 Å), the roughly cubic \
        supercell of at most 50 sites, the 8 raw Magpie features of each unique (primitive) site \
        (Number, AtomicWeight, Row, Column, FirstIonizationEnergy, Electronegativity, AtomicRadius, \
        Density; the model multiplies them by 0.1, 0.1, 1, 1, 1, 10, 10, 0.001 and appends an \
        oxidation feature that is always 0) and the minimum-image distances (Å) from each unique \
        site to every supercell site. --json prints {"prim_size", "supercell_size", "images", \
        "species", "site_features", "distances"}.

        Example: repro featurize sitenet mp-10.cif --json
        """)

    @OptionGroup var input: StructureFileArguments

    func run() throws {
        let s = try readStructure(input.file)
        let name = URL(fileURLWithPath: input.file).lastPathComponent.escapingControlCharacters()
        let x: SiteNetCrystal
        do { x = try SiteNetFeaturizer.featurize(s, id: name) }
        catch let e as SiteNetFilterReason { throw CLIFailure("\(name): dropped by the authors' filters: \(e)") }
        let n = x.supercellSize
        let species = x.atomicNumbers.map { Element.symbol(of: $0)! }
        func row(_ i: Int) -> [Float] { Array(x.distances[i * n..<(i + 1) * n]) }
        func feats(_ i: Int) -> [Float] { Array(x.siteFeatures[i * 8..<(i + 1) * 8]) }
        if input.json {
            let f = (0..<x.primSize).map { "[" + feats($0).map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ")
            let d = (0..<x.primSize).map { "[" + row($0).map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ")
            print("""
            {"prim_size": \(x.primSize), "supercell_size": \(n), "images": \(x.images), \
            "species": [\(species.map(jsonString).joined(separator: ", "))], "site_features": [\(f)], "distances": [\(d)]}
            """)
        } else {
            print("\(name): primitive cell \(x.primSize) sites, supercell \(n) sites (\(x.images) images of each)")
            print("unique site  element  " + Element.magpieNames.joined(separator: "  "))
            for i in 0..<x.primSize {
                print(pad("\(i)", 11, left: true) + "  " + pad(species[i], 7) + "  " + feats(i).map { String(format: "%g", $0) }.joined(separator: "  "))
            }
            print("nearest neighbour distances (Å), per unique site:")
            for i in 0..<x.primSize {
                let r = row(i).enumerated().filter { $0.offset != i * x.images }.map(\.element).sorted()
                print(pad("\(i)", 11, left: true) + "  " + pad(species[i], 7) + "  " + r.prefix(6).map { String(format: "%.4f", $0) }.joined(separator: " "))
            }
        }
    }
}

/// Pads text with spaces to `width` (on the left when `left`).
func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - s.count))
    return left ? fill + s : s + fill
}
