import ArgumentParser
import Crystals
import Foundation
import Randomness
import TSNE

/// `repro tsne INPUT.csv --perplexity P --seed S --out OUT.csv [--json]`: a 2-D t-SNE of the rows
/// of a CSV of numbers (scikit-learn semantics, see `TSNE`).
struct TSNECommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tsne", abstract: "t-SNE of a CSV of vectors.",
        discussion: """
        INPUT.csv holds one point per line, numbers separated by commas (a first line that is not \
        all numbers is taken as a header and skipped; blank lines are ignored). OUT.csv gets one \
        'x,y' line per input row, in input order. Defaults follow scikit-learn's \
        TSNE(init="pca", learning_rate="auto"): 1000 iterations, early exaggeration 12 for 250, \
        Barnes–Hut with angle 0.5 above 200 points. A perplexity above max((n − 1)/3, 1) is \
        clamped to that value with a note on stderr. The same input, options and seed give the same bits. \
        The CSV `repro embed` writes (first column `file`) is read as is: that column is dropped.

        Example:
          repro embed --model out/dim.ckpt --out vectors.csv my-cifs/*.cif
          repro tsne vectors.csv --perplexity 30 --out tsne.csv
        """)

    @Argument(help: "CSV of numbers, one point per row.") var input: String
    @OptionGroup var blasOptions: BLASOptions
    @Option(help: "Perplexity (sklearn default 30; the authors used 1000).") var perplexity: Double = 30
    @Option(help: "Seed (any string); with PCA initialisation the result does not depend on it.") var seed: String = "0"
    @Option(help: "Output CSV of 2-D rows.") var out: String
    @Flag(help: "Print {\"kl_divergence\": x, \"seconds\": t} on stdout.") var json = false
    @Option(help: "Gradient method: auto, exact, barnes-hut.", transform: TSNEMethodName.parse) var method: TSNEMethodName = .auto
    @Option(name: [.customLong("initialisation"), .customLong("initialization")],
            help: "Initialisation: pca or random (--initialization is the same option).", transform: TSNEInitName.parse)
    var initialisation: TSNEInitName = .pca
    @Option(help: "Total iterations.") var iterations: Int = 1000
    @Option(help: "Worker threads (results do not depend on it).") var threads: Int = 2

    func validate() throws {
        guard iterations >= 1 else { throw ValidationError("--iterations must be ≥ 1") }
        guard threads >= 1 else { throw ValidationError("--threads must be ≥ 1") }
    }

    func run() throws {
        let (rows, dims) = try NumericCSV.read(input)
        var cfg = TSNEConfiguration(perplexity: perplexity)
        cfg.method = method.method
        cfg.initialisation = initialisation == .pca ? .pca : .random
        cfg.maxIterations = iterations
        cfg.threads = threads
        let n = rows.count / max(dims, 1)
        let chatty = n > 2000
        let start = Date()
        let result: TSNEResult
        do {
            result = try TSNE(cfg).embed(flat: rows, dimensions: dims, seed: SeedPath("tsne", seed)) { p in
                guard chatty else { return }
                let t = String(format: "%.1f", Date().timeIntervalSince(start))
                if let kl = p.klDivergence {
                    FileHandle.standardError.write(Data("t-SNE: iteration \(p.iteration)/\(p.totalIterations), KL \(String(format: "%.4f", kl)), \(t) s\n".utf8))
                } else {
                    FileHandle.standardError.write(Data("t-SNE: \(p.stage) (\(n) points), \(t) s\n".utf8))
                }
            }
        } catch let e as TSNEError {
            throw CLIFailure("\(input): \(e)")
        }
        let seconds = Date().timeIntervalSince(start)
        for note in result.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        var text = ""
        text.reserveCapacity(n * 40)
        for p in result.embedding { text += NumericCSV.row([p[0], p[1]]) }
        try writeOutputFile(Data(text.utf8), to: out)
        if json {
            print("{\"kl_divergence\": \(result.klDivergence), \"seconds\": \(String(format: "%.3f", seconds))}")
        }
    }
}

/// `tsne --method`: the gradient method (`barnes_hut` and `bh` are accepted for `barnes-hut`).
enum TSNEMethodName: String, ExpressibleByArgument, CaseIterable {
    case auto, exact
    case barnesHut = "barnes-hut"

    var method: TSNEConfiguration.Method {
        switch self {
        case .auto: return .automatic
        case .exact: return .exact
        case .barnesHut: return .barnesHut
        }
    }

    static func parse(_ text: String) throws -> TSNEMethodName {
        try choice(text, aliases: ["barnes_hut": .barnesHut, "bh": .barnesHut])
    }
}

/// `tsne --initialisation`: PCA (scikit-learn's default) or random.
enum TSNEInitName: String, ExpressibleByArgument, CaseIterable {
    case pca, random

    static func parse(_ text: String) throws -> TSNEInitName { try choice(text) }
}
