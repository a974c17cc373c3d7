import ArgumentParser
import Experiments
import Foundation
import Learning

/// `repro tune supervised`: the sweep that chose the fig 7 trial budgets.
struct TuneSupervised: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervised",
        abstract: "Budget sweep for fig 7 trials on the training split (never the test split).",
        discussion: """
        Holds out a tuning set of training-split crystals, draws label subsets from the rest, trains \
        random-init Site-Nets with each candidate (learning rate × batch sites) until the validation \
        rule stops them, and prints, per trial, the epochs, whether the rule or the ceiling stopped \
        training, and the tuning-set MAE of the last and best-validation weights — under the given \
        patience and under twice that patience (the same run, continued). \
        Example: `repro tune --task e_form --labels 1000 --lr 1e-3,3e-4 --sites 400,1200 --trials 2`.
        """)

    @OptionGroup var blasOptions: BLASOptions
    @Option(help: "e_form or gap.") var task: PropertyTask = .eForm
    @Option(help: "Labelled crystals per trial.") var labels = 1000
    @Option(help: "Learning rates, comma-separated.") var lr = "1e-3"
    @Option(help: "Unique sites per batch, comma-separated.") var sites = "400"
    @Option(help: "Epochs without a lower validation MAE before stopping.") var patience = ConvergedBudgets.trialPatience
    @Option(help: "Epoch ceiling.") var ceiling = ConvergedBudgets.trialCeiling
    @Option(help: "Trials (label subsets) per candidate.") var trials = 2
    @Option(help: "Training-split crystals held out to score the candidates.") var tuningSet = 800

    func run() throws {
        let lrs = try lr.split(separator: ",").map { s -> Double in
            guard let v = Double(s.trimmingCharacters(in: .whitespaces)), v > 0 else { throw ValidationError("--lr '\(lr)': expected positive numbers, comma-separated") }
            return v
        }
        let siteList = try sites.split(separator: ",").map { s -> Int in
            guard let v = Int(s.trimmingCharacters(in: .whitespaces)), v > 0 else { throw ValidationError("--sites '\(sites)': expected positive integers, comma-separated") }
            return v
        }
        let candidates = lrs.flatMap { l in siteList.map { TuningCandidate(learningRate: l, batchSites: $0, patience: patience, ceiling: ceiling) } }
        let profile = Profile.default
        BLAS.setThreads(1)
        print("tune \(task.rawValue), \(labels) labels, \(trials) trial(s), tuning set \(tuningSet) training-split crystals; \(BLASOptions.describe(threads: 1))")
        print("lr      sites patience trial | epochs stop    MAE last  MAE best | 2×patience: epochs stop    MAE last  MAE best | seconds")
        do {
            _ = try RealBackend(data: profile.data).tuneSupervised(profile: profile, task: task, n: labels, trials: trials, candidates: candidates,
                                                                   tuningSetSize: tuningSet) { r in
                let c = r.candidate
                print(String(format: "%-7g %5d %8d %5d | %6d %-7@ %8.4f  %8.4f | %18d %-7@ %8.4f  %8.4f | %7.1f",
                             c.learningRate, c.batchSites, c.patience, r.trial, r.epochs, r.stoppedByRule ? "rule" : "ceiling",
                             r.tuningMAELast, r.tuningMAEBest, r.longEpochs, r.longStoppedByRule ? "rule" : "ceiling",
                             r.longTuningMAELast, r.longTuningMAEBest, r.seconds))
                fflush(stdout)
            }
        } catch let e as ExperimentError { throw CLIFailure(e.description) }
    }
}

extension PropertyTask: ExpressibleByArgument {}
