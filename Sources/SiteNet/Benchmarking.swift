import Featurizers
import Learning
import Randomness

/// Access to single training steps for `repro bench train` (not part of the stable API).
@_spi(Benchmark) public final class DIMBenchmark {
    let model: DIMModel
    let opts: (local: AdamOptimizer, global: AdamOptimizer)
    /// A benchmark harness with the authors' optimiser settings; steps run on `threads` workers.
    public init(model: DIMModel, threads: Int = 1) {
        self.model = model
        model.threads = threads
        opts = (AdamOptimizer(parameters: model.localParameters), AdamOptimizer(parameters: model.globalParameters))
    }
    /// A collated batch.
    public struct Batch { let b: SiteNetBatch }
    /// Collates crystals into a batch.
    public func collate(_ crystals: [SiteNetCrystal]) -> Batch { Batch(b: SiteNetBatch(crystals)) }
    /// One full DIM training step (synthetic false samples on); returns the local DIM loss.
    public func step(_ batch: Batch, rng: inout RandomStream) -> Double {
        model.step(batch.b, rng: &rng, synthetic: true, consistentMasks: false, alpha: 1, beta: 0.1, optimizers: opts).localDIM
    }
}

/// Access to single supervised steps for `repro bench train`.
@_spi(Benchmark) public final class SupervisedBenchmark {
    let model: SupervisedModel
    let opt: AdamOptimizer
    /// A harness with the authors' optimiser; steps run on `threads` workers.
    public init(model: SupervisedModel, threads: Int = 1) {
        self.model = model
        model.threads = threads
        opt = AdamOptimizer(parameters: model.parameters)
    }
    /// A collated batch.
    public struct Batch { let b: SiteNetBatch }
    /// Collates crystals.
    public func collate(_ crystals: [SiteNetCrystal]) -> Batch { Batch(b: SiteNetBatch(crystals)) }
    /// One step; returns the MSE.
    public func step(_ batch: Batch, targets: [Float]) -> Double { model.trainStep(batch.b, targets: targets, optimizer: opt) }
}
