import ArgumentParser
import Crystals
import Foundation

/// `repro inspect FILE [--json]`: parse a structure file and print its cell and composition.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Parse a structure file and print its cell and composition.",
        discussion: """
        Reads CIF (symmetry operations expanded), POSCAR/CONTCAR/.vasp, or pymatgen \
        Structure.as_dict() JSON, and reports the cell as given (no primitive reduction). \
        With --json prints {"natoms", "composition", "species", "lattice": {"a","b","c","alpha","beta","gamma","volume"}}.

        A CIF without a symmetry-operation loop is expanded from its space-group symbol (Hermann–Mauguin, \
        Hall or number) with the setting pymatgen uses. Files are checked against limits before any \
        work: REPRO_MAX_FILE_MB (64), REPRO_MAX_ATOMS (5000), REPRO_MAX_CELL_LENGTH (1000 Å); \
        featurize xrd also REPRO_MAX_XRD_MB (512).

        Example: repro inspect mp-10.cif --json
        """)

    @OptionGroup var input: StructureFileArguments

    func run() throws {
        let s = try readStructure(input.file)
        let p = s.lattice.parameters
        let comp = s.composition
        let order = orderedElements(s)
        if input.json {
            let compJSON = order.map { "\(jsonString($0)): \(comp[$0]!)" }.joined(separator: ", ")
            let species = s.species.map(jsonString).joined(separator: ", ")
            print("""
            {"natoms": \(s.count), "composition": {\(compJSON)}, "species": [\(species)], \
            "lattice": {"a": \(jsonNumber(p.a)), "b": \(jsonNumber(p.b)), "c": \(jsonNumber(p.c)), "alpha": \(jsonNumber(p.alpha)), \
            "beta": \(jsonNumber(p.beta)), "gamma": \(jsonNumber(p.gamma)), "volume": \(jsonNumber(s.lattice.volume))}}
            """)
        } else {
            print("\(URL(fileURLWithPath: input.file).lastPathComponent.escapingControlCharacters()): \(s.count) sites, \(order.map { "\($0)\(comp[$0]!)" }.joined(separator: " "))")
            print(String(format: "a = %.5f  b = %.5f  c = %.5f Å", p.a, p.b, p.c))
            print(String(format: "α = %.4f  β = %.4f  γ = %.4f°", p.alpha, p.beta, p.gamma))
            print(String(format: "volume = %.4f Å³", s.lattice.volume))
            print("metal + halogen: \(s.containsMetalAndHalogen ? "yes" : "no")")
        }
    }
}

/// Reads a structure file, turning read errors into one-line CLI failures.
func readStructure(_ path: String) throws -> Structure {
    do { return try StructureReader.read(url: URL(fileURLWithPath: path)) }
    catch let e as StructureReadError { throw CLIFailure(e.description) }
}

/// Elements in order of first appearance.
func orderedElements(_ s: Structure) -> [String] {
    var seen = Set<String>(), out: [String] = []
    for e in s.species where seen.insert(e).inserted { out.append(e) }
    return out
}

/// A JSON string literal.
func jsonString(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default:
            if ch.value < 0x20 { out += String(format: "\\u%04x", ch.value) } else { out.unicodeScalars.append(ch) }
        }
    }
    return out + "\""
}

/// A structure file and `--json`, as `repro inspect` and `repro featurize sitenet` take them.
struct StructureFileArguments: ParsableArguments {
    @Argument(help: "Structure file (.cif, POSCAR/CONTCAR/.vasp, .json).")
    var file: String

    @Flag(help: "Print JSON instead of text.")
    var json = false
}
