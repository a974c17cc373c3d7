import ArgumentParser
import Experiments
import Foundation
import FileOutput
import Learning

/// `repro tune dim`: the sweep that chose the `default` profile's DIM learning rate and stopping rule.
struct TuneDIM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dim",
        abstract: "DIM pretraining sweep on the training split: validation DIM loss and downstream MAE along the run.",
        discussion: """
        Holds out a tuning set of training-split crystals from pretraining, trains DIM for a fixed \
        number of epochs without a stopping rule, and every --every epochs embeds the training split \
        and fits fig 8's linear and MLP regressors on label subsets of the rest, printing the median \
        MAE on the tuning set per task, regressor and label count next to the validation DIM loss \
        (the stopping criterion). The CSV has the loss of every epoch, so any stopping rule can be replayed on it and \
        judged by the downstream medians where it stops. One candidate per process (run several side \
        by side). Example: `repro tune dim --lr 3e-3 --epochs 150 --every 10 --csv dim-3e-3.csv`.
        """)

    @OptionGroup var blasOptions: BLASOptions
    @Option(help: "AdamW learning rate.") var lr = ConvergedBudgets.learningRate
    @Option(help: "Unique sites per batch.") var sites = 1200
    @Option(help: "Engineered false samples: on or off.") var synthetic: OnOff = .on
    @Option(help: "Epochs to train (no stopping rule).") var epochs = 150
    @Option(help: "Score downstream every this many epochs (and at epoch 1).") var every = 10
    @Option(parsing: .upToNextOption, help: "Label counts of the downstream fits.") var labels: [Int] = [250, 1000]
    @Option(help: "Label subsets per downstream cell.") var trials = 3
    @Option(help: "Training-split crystals held out of pretraining to score the downstream fits.") var tuningSet = 800
    @Option(help: "Also write every checkpoint's numbers to this CSV file.") var csv: String?

    func validate() throws {
        guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be a positive number") }
        guard sites > 0, epochs > 0, every > 0, trials > 0, tuningSet > 0 else {
            throw ValidationError("--sites, --epochs, --every, --trials and --tuning-set must be positive")
        }
        guard !labels.isEmpty, labels.allSatisfy({ $0 >= 2 }) else { throw ValidationError("--labels: at least one label count ≥ 2") }
    }

    func run() throws {
        let profile = Profile.default
        BLAS.setThreads(1)
        let candidate = DIMTuningCandidate(learningRate: lr, batchSites: sites, synthetic: synthetic.isOn)
        print("tune dim: lr \(lr), \(sites) sites, synthetic \(synthetic.rawValue), \(epochs) epochs, tuning set \(tuningSet) training-split crystals, \(trials) subset(s) per cell; \(BLASOptions.describe(threads: 1))")
        var rows: [String] = []
        var header: [String] = [], keys: [String] = []
        do {
            try RealBackend(data: profile.data).tuneDIM(profile: profile, candidate: candidate, epochs: epochs, every: every,
                                                        labelCounts: labels.sorted(), trials: trials, tuningSetSize: tuningSet) { p in
                // Epoch 1 is always scored, so its keys name the columns.
                if header.isEmpty {
                    keys = p.medians.keys.sorted()
                    header = ["lr", "sites", "synthetic", "epoch", "val_dim_loss"] + keys + ["seconds"]
                    print(header.joined(separator: " "))
                }
                let row = [String(lr), String(sites), synthetic.rawValue, String(p.epoch), String(format: "%.4f", p.validationLoss)]
                    + keys.map { k in p.medians[k].map { String(format: "%.4f", $0) } ?? "" } + [String(format: "%.0f", p.seconds)]
                if !p.medians.isEmpty {
                    print(row.joined(separator: " "))
                    fflush(stdout)
                }
                rows.append(row.joined(separator: ","))
                if let csv {
                    do { try AtomicFile.write(Data((([header.joined(separator: ",")] + rows).joined(separator: "\n") + "\n").utf8), to: URL(fileURLWithPath: csv)) }
                    catch { FileHandle.standardError.write(Data("warning: could not write \(csv): \(error)\n".utf8)) }
                }
            }
        } catch let e as ExperimentError { throw CLIFailure(e.description) }
    }
}
