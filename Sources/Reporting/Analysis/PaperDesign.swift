/// The authors' experimental design in numbers: the label counts of figs 7, 8, 11 and 12 and the
/// trials per box (Docs/Protocol.md §8.1). Written once here, where both the experiment catalogue
/// (which profiles start from) and the analysis (which states every departure from it) can read it.
public enum PaperDesign {
    /// The paper's label counts.
    public static let labelCounts = [50, 100, 250, 1000]
    /// Fig 7: 12 paired seeds per box (the authors' README; their notebook holds 10–13 per box).
    public static let siteNetTrials: [Int: Int] = [50: 12, 100: 12, 250: 12, 1000: 12]
    /// Figs 8, 12: `repeats = [100, 100, 100, 25]` in the authors' scikit-learn scripts (Docs/Protocol.md §6.7).
    public static let regressorTrials: [Int: Int] = [50: 100, 100: 100, 250: 100, 1000: 25]

    /// The authors' trials per box of a trial experiment (``ComparedFigure/authorsTrials``: `fig7`
    /// trains Site-Nets, `fig8` and `fig12` fit regressors) at `n` labels; a label count the
    /// authors did not run takes the count of the largest paper label count ≤ n (the smallest when
    /// n is below all of them). Nil for other ids.
    public static func trialsPerBox(experiment: String, labels n: Int) -> Int? {
        guard let design = ComparedFigures.figure(experiment)?.authorsTrials else { return nil }
        let at = labelCounts.last { $0 <= n } ?? labelCounts[0]
        return design[at]
    }
}
