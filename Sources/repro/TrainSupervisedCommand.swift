import ArgumentParser
import Crystals
import Featurizers
import Foundation
import Learning
import Randomness
import SiteNet

/// `repro train supervised`: supervised Site-Net from random, DIM or donor weights.
struct TrainSupervised: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supervised",
        abstract: "Supervised Site-Net on formation energy or band gap.",
        discussion: "Writes <output>/supervised-last.ckpt, supervised-best.ckpt and supervised_curve.csv.")
    @OptionGroup var common: TrainingOptions
    @Option(help: "Target: e_form (formation energy, eV/atom) or gap (PBE band gap, eV; 'band_gap' is accepted too).")
    var task = "e_form"
    @Option(help: "Number of labelled crystals (seeded subset; all when omitted).")
    var labels: Int?
    @Option(name: [.customLong("initialisation"), .customLong("initialization")],
            help: "Initial weights: random, dim:CHECKPOINT or donor:CHECKPOINT (--initialization is the same option).")
    var initialization = "random"

    func run() throws {
        guard common.threads >= 1 else { throw CLIFailure("--threads must be at least 1, got \(common.threads)") }
        BLAS.setThreads(1)
        // "band_gap" is the internal name (it keys the label subset and the seeds); "gap" is what
        // the rest of the command line says.
        let task = self.task == "gap" ? "band_gap" : self.task
        guard task == "e_form" || task == "band_gap" else { throw CLIFailure("--task must be e_form or gap, got '\(self.task.escapingControlCharacters())'") }
        guard initialization == "random" || initialization.hasPrefix("dim:") || initialization.hasPrefix("donor:") else {
            throw CLIFailure("--initialisation must be random, dim:CHECKPOINT or donor:CHECKPOINT, got '\(initialization.escapingControlCharacters())'")
        }
        let all = try loadSiteNetCrystals(common.dataset).compactMap { r -> (SiteNetCrystal, Float)? in
            guard let y = task == "e_form" ? r.eForm : r.bandGap else { return nil }
            return (r.crystal, Float(y))
        }
        var chosen = all
        if let l = labels, l < all.count {
            var rng = SeedPath("cli", "train", "supervised", task, String(common.seed), "labels").stream()
            chosen = rng.sample(l, from: all.count).sorted().map { all[$0] }
        }
        let initSpec: SupervisedInitialization
        do {
            if initialization == "random" { initSpec = .random }
            else if initialization.hasPrefix("dim:") { initSpec = .dim(try DIMModel.load(from: URL(fileURLWithPath: String(initialization.dropFirst(4))))) }
            else if initialization.hasPrefix("donor:") { initSpec = .donor(try SupervisedModel.load(from: URL(fileURLWithPath: String(initialization.dropFirst(6))))) }
            else { throw CLIFailure("--initialisation must be random, dim:CHECKPOINT or donor:CHECKPOINT, got '\(initialization)'") }
        } catch let e as CheckpointError { throw CLIFailure(e.description) }
        let out = try outputFolder(common.output)
        let config = SupervisedConfig(optimizer: AdamConfig(learningRate: common.learningRate),
                                      siteBudget: SiteBudgetSampler.supervisedBudget(labels: chosen.count),
                                      maxEpochs: common.epochs, patience: common.patience > 0 ? common.patience : nil,
                                      threads: common.threads)
        print("supervised \(task) on \(chosen.count) labels, init \(initSpec.name), seed \(common.seed), \(common.threads) thread(s), OpenBLAS 1 thread per worker [\(BLAS.coreName)]")
        do {
            let run = try SupervisedTrainer.train(crystals: chosen.map(\.0), targets: chosen.map(\.1), initialization: initSpec,
                                                  config: config, seed: SeedPath("cli", "supervised", task, String(common.seed))) { p in
                print(String(format: "epoch %3d  train MSE %.4f  ", p.epoch, p.trainMSE) + (p.validationMAE.map { String(format: "val MAE %.4f", $0) } ?? "") + String(format: "  %.1fs", p.seconds))
                fflush(stdout)
            }
            let meta = "{\"command\":\"train supervised\",\"task\":\"\(task)\",\"labels\":\(chosen.count),\"seed\":\(common.seed),\"init\":\"\(initSpec.name)\"}"
            try run.last.save(to: out.appendingPathComponent("supervised-last.ckpt"), metadata: meta)
            try run.best.save(to: out.appendingPathComponent("supervised-best.ckpt"), metadata: meta)
            try writeOutputFile(Data(run.curveCSV.utf8), to: out.appendingPathComponent("supervised_curve.csv").path)
            print("best epoch \(run.bestEpoch) of \(run.curve.count); wrote \(out.path)")
        } catch let e as TrainingError { throw CLIFailure(e.description) }
    }
}
