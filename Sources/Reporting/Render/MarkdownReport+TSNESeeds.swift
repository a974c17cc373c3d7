import Foundation

extension MarkdownReport {
    /// The t-SNE-map neighbourhood numbers on every t-SNE seed, and how they compare with the
    /// seed-free embedding-space numbers the verdicts rest on.
    func tsneSeedSpread() -> String {
        guard let seeds = analysis.tsneSeedComparisons, !seeds.isEmpty else { return "" }
        var s = "### The t-SNE maps over \(Set(seeds.map(\.space)).count) seeds\n\n"
        s += MarkdownText.escape("Seed 0 is the authors' map (PCA start, the same for any seed; the figures show it); seeds 1 onwards start t-SNE from random coordinates drawn from their own seed, so they show how far a map depends on where t-SNE starts. The map-based change in metal–halogen clustering (DIM − untrained) and in neighbour-label correlation on each seed's pair of maps; the figures show seed 0. The verdicts rest on the encoders' embedding space, which no t-SNE seed touches.", mode) + "\n\n"
        s += MarkdownText.table(["task", "t-SNE seed", "MH-neighbour fraction untrained → DIM", "change", "permutation p", "change in neighbour-label correlation"],
                   seeds.map { c in
                       [c.task,
                        (c.space ?? "").replacingOccurrences(of: "t-SNE seed ", with: ""),
                        "\(MarkdownText.num(c.metalHalogenFractionUntrained ?? .nan, 3)) → \(MarkdownText.num(c.metalHalogenFractionTrained ?? .nan, 3))",
                        MarkdownText.num(c.metalHalogenFractionChange, 3), MarkdownText.p(c.metalHalogenP), MarkdownText.num(c.correlationChange, 3)]
                   }, mode)
        if seeds.contains(where: { !($0.sharedWith ?? []).isEmpty }) {
            s += MarkdownText.escape("Tasks that share one structure set share these maps and their metal–halogen numbers; the neighbour-label correlation uses each task's own labels.", mode) + "\n\n"
        }
        for task in Array(Set(seeds.map(\.task))).sorted() {
            let mine = seeds.filter { $0.task == task }
            let changes = mine.map(\.metalHalogenFractionChange).filter(\.isFinite)
            let corr = mine.map(\.correlationChange).filter(\.isFinite)
            guard let lo = changes.min(), let hi = changes.max(), let clo = corr.min(), let chi = corr.max() else { continue }
            var line = "\(task): over \(mine.count) seeds the map-based clustering change spans \(MarkdownText.num(lo, 3)) to \(MarkdownText.num(hi, 3)) and the correlation change \(MarkdownText.num(clo, 3)) to \(MarkdownText.num(chi, 3))"
            if let emb = analysis.embeddingComparisons?.first(where: { $0.task == task }) {
                let agree = changes.filter { ($0 > 0) == (emb.metalHalogenFractionChange > 0) }.count
                line += "; \(agree) of \(changes.count) seeds agree in sign with the embedding-space change (\(MarkdownText.num(emb.metalHalogenFractionChange, 3)))"
            }
            s += MarkdownText.escape(line + ".", mode) + "\n\n"
        }
        return s
    }
}
