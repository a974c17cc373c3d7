/// The units of work the runner schedules, one method each. The runner owns the plan, seeds,
/// label subsets, the store, concurrency and failure handling; a backend only computes.
///
/// Contract:
/// - **Pure**: the output depends only on the request and the inputs passed in (no hidden state
///   that changes results, no clock, no global generator). Random numbers come only from
///   `request.seeds.stream(purpose)`. Caches (e.g. the featurised dataset, loaded once per
///   process and keyed by its checksum) are fine when they do not change results.
/// - **Thread-safe**: methods are called concurrently from `--jobs` threads, each with OpenBLAS
///   set to one thread; a backend must not change the BLAS thread count.
/// - **Failures**: throw on any problem (divergence, NaN loss, bad record); the runner records the
///   error message as the trial's failure and carries on. Non-finite outputs are also caught by
///   the runner.
public protocol ExperimentBackend: Sendable {
    /// Version of the numerical code; part of every store key. Bump it when results change.
    var codeVersion: String { get }

    /// SHA-256 (hex) of the profile's dataset file(s): part of every store key. Must be cheap
    /// relative to the run (hash the file bytes, not the featurised data).
    func dataChecksum(_ data: DataSettings) throws -> String

    /// Stage 0: read, filter, split; return ids, labels, skipped records.
    func prepareDataset(_ request: DatasetRequest) throws -> DatasetInfo

    /// Stage 1: DIM pretraining on `request.structureSet`'s training crystals (no labels);
    /// the artifact carries the fig 6 learning curve.
    func pretrainDIM(_ request: DIMPretrainRequest, dataset: DatasetInfo) throws -> ModelArtifact

    /// Stage 1: a supervised Site-Net on every training label of `request.task`.
    func trainDonor(_ request: DonorRequest, dataset: DatasetInfo) throws -> ModelArtifact

    /// Stage 2: one fig 7 trial. `initialModel` is the DIM model (`.dim`), the other task's donor
    /// (`.transfer`) or nil (`.random`); the backend loads its encoder weights and initialises the
    /// 64→64→1 head (and, for `.random`, the encoder) from the paired stream
    /// `request.pairedSeeds` / `sitenet` / `init`, shared by every arm of the (task, n, trial).
    func trainSupervisedTrial(_ request: SupervisedTrialRequest, dataset: DatasetInfo,
                              initialModel: ModelArtifact?) throws -> TrialOutcome

    /// Stages 1–2: vectors of every crystal of a structure set. `encoder` is the DIM model for
    /// `.dim` / `.dimNoSynthetic`, nil for `.untrained` (seeded random encoder), `.ofm`, `.xrd`.
    func computeRepresentation(_ request: RepresentationRequest, dataset: DatasetInfo,
                               encoder: ModelArtifact?) throws -> RepresentationVectors

    /// Stages 2–3: one fig 8 / fig 12 trial: fit on (trainX, trainY), return MAE on (testX, testY).
    func fitRegressorTrial(_ request: RegressorTrialRequest) throws -> TrialOutcome

    /// Stages 2–3: a 2-D t-SNE of the given points.
    func tsne(_ request: TSNERequest) throws -> TSNEPoints
}
