import ArgumentParser
import Experiments
import Foundation
import Learning

/// `repro tune`: the budget sweeps that chose the `default` profile's budgets (training split only).
struct Tune: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tune",
        abstract: "Budget sweeps on the training split (never the test split): fig 7 trials or DIM pretraining.",
        subcommands: [TuneSupervised.self, TuneDIM.self], defaultSubcommand: TuneSupervised.self)
}
