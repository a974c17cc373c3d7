import ArgumentParser
import Crystals
import Featurizers
import Foundation
import Learning
import Randomness
import SiteNet

/// `repro train …`: DIM pretraining and supervised Site-Net training on a dataset.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train", abstract: "Train a Deep InfoMax or supervised Site-Net model.",
        subcommands: [TrainDIM.self, TrainSupervised.self])
}

/// Options shared by both training commands.
struct TrainingOptions: ParsableArguments {
    @OptionGroup var blasOptions: BLASOptions
    @Option(help: "Dataset: 'embedded' (the 7k MP subset) or a JSON-lines(.gz) file in the embedded format.")
    var dataset = "embedded"
    @Option(help: "Seed (integer); every random draw derives from it.")
    var seed = 1
    @Option(help: "Maximum number of epochs.")
    var epochs = 200
    @Option(help: "Stop after this many epochs without validation improvement (0: never).")
    var patience = 20
    @Option(name: .customLong("lr"), help: "AdamW learning rate (authors: 1e-4).")
    var learningRate: Float = 1e-4
    @Option(help: "Threads for the one model (data-parallel chunks; OpenBLAS runs single-threaded in each). Any value gives the same bits.")
    var threads = 1
    @Option(help: "Output folder (created).")
    var output: String
}
