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

/// A featurised record of a dataset.
struct FeaturizedRecord {
    var crystal: SiteNetCrystal
    var eForm: Double?
    var bandGap: Double?
}

/// Loads and featurises a dataset ('embedded' or a JSON-lines file); reports skipped records on stderr.
func loadSiteNetCrystals(_ spec: String) throws -> [FeaturizedRecord] {
    let ds: Dataset
    do { ds = spec == "embedded" ? try Dataset.loadEmbedded() : try Dataset.loadJSONLines(url: URL(fileURLWithPath: spec)) }
    catch { throw CLIFailure("\(spec): \(error)") }
    let (crystals, skipped) = SiteNetFeaturizer.featurize(ds.records)
    let byId = Dictionary(ds.records.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    if !ds.skipped.isEmpty || !skipped.isEmpty {
        FileHandle.standardError.write("\(ds.name): \(ds.skipped.count) unreadable and \(skipped.count) filtered records skipped\n".data(using: .utf8)!)
    }
    return crystals.map { c in FeaturizedRecord(crystal: c, eForm: byId[c.id]?.eForm, bandGap: byId[c.id]?.bandGap) }
}

/// Creates (if needed) and returns the output folder.
func outputFolder(_ path: String) throws -> URL {
    let url = URL(fileURLWithPath: path)
    do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    catch { throw CLIFailure("\(path): cannot create output folder (\(plainIOErrorText(error)))") }
    return url
}
