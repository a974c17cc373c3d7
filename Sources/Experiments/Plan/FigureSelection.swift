import Foundation
import Reporting

/// Which plan items each catalogue figure reads, derived from its ``FigureSpec`` (never a
/// hand-written list per figure):
/// - trial figures read the trials of their own arms (`experiment == id`) and of their
///   ``FigureSpec/reusedArms``;
/// - t-SNE figures read the t-SNE maps of their ``FigureSpec/tsneRepresentations``;
/// - the learning-curve figure reads the DIM pretraining runs of its ``FigureSpec/models``.
/// Everything else a figure needs (dataset, vectors, encoders, donors) comes in through the
/// plan's dependency closure of those items.
extension FigureSpec {
    /// Whether this figure reads the output of an item of this kind directly.
    public func reads(_ item: WorkKind) -> Bool {
        switch item {
        case let .supervisedTrial(experiment, _, _, arm, _, _), let .regressorTrial(experiment, _, _, arm, _):
            return (experiment == id && arms.contains(arm)) || reusedArms.contains(ArmReference(experiment, arm))
        case let .tsne(_, representation, _):
            return kind == .tsne && tsneRepresentations.contains(representation)
        case let .dimPretrain(_, synthetic):
            return kind == .learningCurves && models.contains(synthetic ? .dimSynthetic : .dimNoSynthetic)
        case .dataset, .donor, .representation:
            return false
        }
    }
}

/// A set of catalogue figures chosen by `--figure` and `--claim` (a claim selects the figure that
/// decides it), in catalogue order.
public struct FigureSelection: Equatable, Sendable {
    /// Figure ids (`fig6` … `fig12`), in catalogue order, without repeats.
    public let figures: [String]

    /// Invalid `--figure` / `--claim` values; the description is one line listing the valid names.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public let description: String
    }

    /// Parses comma-separated figure ids (`fig8`, `fig8,fig12`; case-insensitive) and claim ids
    /// (`C7`). Nil when both are nil; throws ``Invalid`` for an unknown or empty name.
    public static func parse(figures: String?, claims: String?) throws -> FigureSelection? {
        guard figures != nil || claims != nil else { return nil }
        var chosen = Set<String>()
        let figureIDs = ExperimentCatalogue.figures.map(\.id)
        for name in try names(figures, option: "--figure") {
            guard let id = figureIDs.first(where: { $0.lowercased() == name.lowercased() }) else {
                throw Invalid(description: "--figure: unknown figure '\(name)'; valid: \(figureIDs.joined(separator: ", "))")
            }
            chosen.insert(id)
        }
        let claimIDs = ExperimentCatalogue.claims.map(\.id)
        for name in try names(claims, option: "--claim") {
            guard let claim = ExperimentCatalogue.claims.first(where: { $0.id.lowercased() == name.lowercased() }) else {
                throw Invalid(description: "--claim: unknown claim '\(name)'; valid: \(claimIDs.joined(separator: ", "))")
            }
            chosen.insert(claim.figure)
        }
        return FigureSelection(figures: figureIDs.filter { chosen.contains($0) })
    }

    private static func names(_ list: String?, option: String) throws -> [String] {
        guard let list else { return [] }
        let parts = list.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.contains(where: \.isEmpty) { throw Invalid(description: "\(option) '\(list)': empty name in the comma-separated list") }
        return parts
    }

    public init(figures: [String]) { self.figures = figures }
}

extension TrialPlan {
    /// The items figure `id` reads directly (see ``FigureSpec/reads(_:)``), in plan order; empty
    /// for an id the catalogue does not know.
    public func directItems(ofFigure id: String) -> [WorkItem] {
        guard let spec = ExperimentCatalogue.figure(id) else { return [] }
        return items.filter { spec.reads($0.kind) }
    }

    /// Everything the figures need: the items they read and all their inputs, transitively, in
    /// plan order.
    public func closure(ofFigures ids: [String]) -> [WorkItem] {
        closure(of: Set(ids.flatMap { directItems(ofFigure: $0).map(\.id) }))
    }
}
