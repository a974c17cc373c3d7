import Experiments
import Foundation

/// A backend that calls `onCall` with each call's seed path ("/"-joined) before forwarding it to
/// `inner`: lets runner tests count calls or cancel a run after the k-th, without a hook in the
/// production backends.
final class ObservedBackend: ExperimentBackend, @unchecked Sendable {
    let inner: any ExperimentBackend
    let onCall: @Sendable (String) -> Void

    init(_ inner: any ExperimentBackend = FakeBackend(), onCall: @escaping @Sendable (String) -> Void) {
        self.inner = inner; self.onCall = onCall
    }

    private func note(_ seeds: SeedBase) { onCall(seeds.components.joined(separator: "/")) }

    var codeVersion: String { inner.codeVersion }
    func dataChecksum(_ data: DataSettings) throws -> String { try inner.dataChecksum(data) }
    func prepareDataset(_ request: DatasetRequest) throws -> DatasetInfo { note(request.seeds); return try inner.prepareDataset(request) }
    func pretrainDIM(_ request: DIMPretrainRequest, dataset: DatasetInfo) throws -> ModelArtifact {
        note(request.seeds); return try inner.pretrainDIM(request, dataset: dataset)
    }
    func trainDonor(_ request: DonorRequest, dataset: DatasetInfo) throws -> ModelArtifact {
        note(request.seeds); return try inner.trainDonor(request, dataset: dataset)
    }
    func trainSupervisedTrial(_ request: SupervisedTrialRequest, dataset: DatasetInfo, initialModel: ModelArtifact?) throws -> TrialOutcome {
        note(request.seeds); return try inner.trainSupervisedTrial(request, dataset: dataset, initialModel: initialModel)
    }
    func computeRepresentation(_ request: RepresentationRequest, dataset: DatasetInfo, encoder: ModelArtifact?) throws -> RepresentationVectors {
        note(request.seeds); return try inner.computeRepresentation(request, dataset: dataset, encoder: encoder)
    }
    func fitRegressorTrial(_ request: RegressorTrialRequest) throws -> TrialOutcome { note(request.seeds); return try inner.fitRegressorTrial(request) }
    func tsne(_ request: TSNERequest) throws -> TSNEPoints { note(request.seeds); return try inner.tsne(request) }
}
