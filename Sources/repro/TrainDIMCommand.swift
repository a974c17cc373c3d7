import ArgumentParser
import Crystals
import Featurizers
import Foundation
import Learning
import Randomness
import SiteNet

/// `repro train dim`: Deep InfoMax pretraining (no labels used).
struct TrainDIM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dim",
        abstract: "Deep InfoMax pretraining of Site-Net.",
        discussion: "Writes <output>/dim.ckpt (lowest validation local+global DIM loss), dim-last.ckpt and dim_curve.csv (the fig 6 curves).")
    @OptionGroup var common: TrainingOptions
    @Option(help: "Engineered false samples: on (authors) or off (fig 12 ablation).")
    var synthetic: OnOff = .on
    @Option(help: "Use at most this many crystals (seeded subset).")
    var limit: Int?

    func run() throws {
        guard common.threads >= 1 else { throw CLIFailure("--threads must be at least 1, got \(common.threads)") }
        BLAS.setThreads(1)
        var crystals = try loadSiteNetCrystals(common.dataset).map(\.crystal)
        if let l = limit, l < crystals.count {
            var rng = SeedPath("cli", "train", "dim", String(common.seed), "limit").stream()
            crystals = rng.sample(l, from: crystals.count).sorted().map { crystals[$0] }
        }
        let out = try outputFolder(common.output)
        let config = DIMConfig(optimizer: AdamConfig(learningRate: common.learningRate), maxEpochs: common.epochs,
                               patience: common.patience > 0 ? common.patience : nil, synthetic: synthetic.isOn, threads: common.threads)
        print("DIM pretraining on \(crystals.count) crystals, seed \(common.seed), \(common.threads) thread(s), OpenBLAS 1 thread per worker [\(BLAS.coreName)]")
        do {
            let run = try DIMTrainer.train(crystals: crystals, config: config, seed: SeedPath("cli", "dim", String(common.seed))) { p in
                let v = p.validation.map { String(format: "val local %.4f global %.4f (KL %.4f / %.4f)", $0.localDIM, $0.globalDIM, $0.localKL, $0.globalKL) } ?? ""
                print(String(format: "epoch %3d  train local %.4f global %.4f  ", p.epoch, p.train.localDIM, p.train.globalDIM) + v + String(format: "  %.1fs", p.seconds))
                fflush(stdout)
            }
            let meta = "{\"command\":\"train dim\",\"seed\":\(common.seed),\"crystals\":\(crystals.count),\"selectedEpoch\":\(run.selectedEpoch),\"synthetic\":\(synthetic.isOn),\"lr\":\(common.learningRate)}"
            try run.model.save(to: out.appendingPathComponent("dim.ckpt"), metadata: meta)
            try run.lastModel.save(to: out.appendingPathComponent("dim-last.ckpt"), metadata: meta)
            try writeOutputFile(Data(run.curveCSV.utf8), to: out.appendingPathComponent("dim_curve.csv").path)
            let valCrystals = run.validationIndices.map { crystals[$0] }
            if valCrystals.count >= 2 {
                let z = try DIMTrainer.zeroClassifierBaseline(crystals: valCrystals, config: config, seed: SeedPath("cli", "baseline"))
                print(String(format: "always-zero classifier on the validation split: local DIM %.4f, global DIM %.4f", z.localDIM, z.globalDIM))
            }
            print("selected epoch \(run.selectedEpoch) of \(run.curve.count) (\(run.stopReason.rawValue)); wrote \(out.path)/dim.ckpt")
        } catch let e as TrainingError { throw CLIFailure(e.description) }
    }
}
