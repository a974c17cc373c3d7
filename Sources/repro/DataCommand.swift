import ArgumentParser
import Crystals
import Featurizers
import Foundation

/// `repro data …`: summaries of the embedded dataset or a Matbench file, and full-size Matbench-format
/// stand-ins (`synth-matbench`).
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Summaries of the embedded dataset or a Matbench file; Matbench-format stand-ins.",
        subcommands: [DataSummary.self, DataSynthMatbench.self])
}
