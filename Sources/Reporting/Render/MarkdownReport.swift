import Foundation
import Statistics

/// Assembles the report's Markdown. Structure is written here; every data-derived string goes
/// through ``MarkdownText/escape(_:)``.
struct MarkdownReport {
    let document: ResultsDocument
    let analysis: ResultsAnalysis
    let figures: [FigureOutput]
    /// How a figure is placed: Markdown image syntax for report.md, a placeholder paragraph for HTML.
    let figureBlock: (Int, FigureOutput) -> String
    /// Escaping mode: `.commonMark` for report.md, `.ink` for the Markdown fed to Ink.
    let mode: MarkdownText.Mode

    private typealias T = MarkdownText
    private func e(_ s: String) -> String { T.escape(s, mode) }
    private func table(_ header: [String], _ rows: [[String]]) -> String { T.table(header, rows, mode) }

    /// Section titles, in order (tests check they are present).
    static let sectionTitles = [
        "What this run is", "Summary", "Profile and departures from the authors' protocol", "Claims", "Statistical methods",
        "Figure 6", "Figure 7", "Figure 8", "Figure 9", "Figure 10", "Figure 11", "Figure 12",
        "Convergence", "Budget comparisons", "Failures and skipped records", "Provenance",
    ]

    /// The report's first line.
    static let heading = "# Reproduction report: Deep InfoMax in materials informatics\n\n"

    func render() -> String {
        Self.heading + sections().map(\.markdown).joined()
    }

    /// The sections in order, each with its cell id (see ``ReportCell/id``); each text starts with
    /// its `## ` heading. Figure sections end with the verdicts of the claims they decide.
    func sections() -> [(id: String, markdown: String)] {
        // The figures in number order: fig 6's curves, the t-SNE maps, and every compared figure.
        let figures = [(6, "fig6", fig6()), (9, "fig9", tsne("fig9", "Figure 9", metalHalogen: true)),
                       (10, "fig10", tsne("fig10", "Figure 10", metalHalogen: false))]
            + ComparedFigures.all.map { (Int($0.number) ?? 99, $0.id, boxFigure($0)) }
        return [("run", runBox()), ("summary", summary()), ("profile", profile()), ("claims", claims()), ("methods", methods())]
            + figures.sorted { $0.0 < $1.0 }.map { ($0.1, $0.2 + claimsOf($0.1)) }
            + [("convergence", convergence()), ("budgets", budgets()), ("failures", failures()), ("provenance", provenance())]
    }

    /// The verdicts of the claims figure `id` decides, so a figure's cell carries them.
    func claimsOf(_ id: String) -> String {
        let cs = analysis.claims.filter { $0.figure == id }
        guard !cs.isEmpty else { return "" }
        return "### Claims decided by this figure\n\n"
            + table(["claim", "verdict", "why"], cs.map { [$0.id, $0.verdict.rawValue.uppercased(), $0.reason] })
    }

    // MARK: sections

    func summary() -> String {
        var s = "## Summary\n\n"
        let counts = Verdict.allCases.map { v in "\(analysis.claims.filter { $0.verdict == v }.count) \(v.rawValue)" }
        s += e("Profile \(document.profile.name): \(analysis.claims.count) claims — \(counts.joined(separator: ", ")). Trials: \(document.trials.count) recorded, \(analysis.failedTrials.count) failed. Dataset \(document.dataset.name): \(document.dataset.recordsRead) records read, \(document.dataset.skipped.count) skipped.") + "\n\n"
        s += table(["claim", "figure", "verdict", "budget-sensitive", "why"],
                   analysis.claims.map { [$0.id, $0.figure, $0.verdict.rawValue, sensitivityCell($0.id), $0.reason] })
        if document.profile.name != "paper" {
            s += e("This run is at the embedded data's scale (profile \(document.profile.name)), not Matbench's; the paper's numbers are full-Matbench results and are shown only as context. \"Budget-sensitive\" marks a verdict that changes with the other checkpoint or with the longer budget of the probe (see Convergence).") + "\n\n"
        }
        return s
    }

    func profile() -> String {
        var s = "## Profile and departures from the authors' protocol\n\n"
        s += e(document.profile.description) + "\n\n"
        if !document.profile.settings.isEmpty {
            s += table(["setting", "value"], document.profile.settings.keys.sorted().map { [$0, document.profile.settings[$0]!] })
        }
        s += "Departures from the authors' protocol:\n\n"
        if document.profile.departures.isEmpty { s += "- " + e("none recorded") + "\n" }
        for d in document.profile.departures { s += "- " + e(d) + "\n" }
        if !analysis.detectedDepartures.isEmpty {
            s += "\nDepartures visible in the results:\n\n"
            for d in analysis.detectedDepartures { s += "- " + e(d) + "\n" }
        }
        return s + "\n"
    }

    func claims() -> String {
        var s = "## Claims\n\n"
        s += e("Each verdict follows the rule in its row, fixed before any number was computed and applied mechanically by the code (Reporting/Analysis/ClaimRules.swift). Shifts are Hodges–Lehmann estimates of arm A − arm B in MAE (negative: A better) with exact distribution-free CIs at their attained level; p is unadjusted and p_Holm(claim) is adjusted over that claim's own cases (see Statistical methods).") + "\n\n"
        s += table(["id", "fig", "claim", "verdict rule", "evidence", "our numbers", "paper's numbers", "verdict", "why"],
                     analysis.claims.map { [$0.id, $0.figure, $0.claim, $0.rule, $0.evidence, $0.ours, $0.paper, $0.verdict.rawValue.uppercased(), $0.reason] })
        return s
    }

    func methods() -> String {
        let st = analysis.settings
        let items = [
            "Quantiles, medians and IQR: numpy's default linear interpolation (type 7). Box plots: \(st.whiskers.description); every trial is drawn as a dot.",
            "mean ± sd: sample standard deviation with ddof = 1.",
            "Pairing: the label subset of trial k is drawn from a stream keyed by task, label count and k only, so trial k of every arm of figs 7, 8 and 12 at one task and label count saw the same labels. Every comparison between such arms — within a figure, fig 12 against fig 8, and fig 11's Site-Net (fig 7) against the MLP (fig 8) — is paired over the trial indices both arms have.",
            "Paired test: two-sided Wilcoxon signed-rank; zero differences dropped (scipy's 'wilcox'); ties get mid-ranks and the exact null distribution is taken over the actual mid-ranks for n ≤ 1000 (scipy's default is exact only to n = 50); normal approximation with tie-corrected variance and continuity correction above. Unpaired test (only where no pairing exists): two-sided Mann–Whitney U, exact when there are no ties and n₁n₂ ≤ 40,000, otherwise normal approximation with tie and continuity correction. p-values and intervals are exact up to the same sizes, so they invert one test.",
            "Shift: Hodges–Lehmann estimate (paired: median of the Walsh averages of the differences; unpaired: median of all pairwise differences) with an exact distribution-free CI: the order statistics of the Walsh averages at the exact signed-rank critical value (paired), or of the pairwise differences at the exact Mann–Whitney critical value (unpaired). The level shown is the attained one (the discrete null distribution rarely hits \(Int(st.confidenceLevel * 100)) % exactly); with fewer than 6 pairs no interval reaches \(Int(st.confidenceLevel * 100)) % and the widest one is shown with its lower level. All differences, zeros included, enter the interval (it inverts the test over every shift, and away from 0 a zero difference is an ordinary value); with tied data the critical value of untied data is used and the level is approximate. Arm medians get the exact binomial order-statistic interval. A bootstrap (percentile, \(st.bootstrapResamples) resamples from a seeded stream keyed by what it resamples) is used only where no exact interval exists: the difference of IQRs (C12) and the change in neighbour-label correlation (C14).",
            "Multiplicity is per claim, never per figure. A claim that must hold in every case is reproduced by an intersection–union test: each case significant at α = \(st.alpha) in the claimed direction, with no adjustment (the claim's null hypothesis is the union of the cases' nulls, rejected only when every case is rejected). A claim is contradicted when some case is significant in the other direction after Holm's step-down adjustment over that claim's cases only.",
            "Minimum effect size, fixed before any number is computed: a shift counts for or against a claim only when |HL shift| ≥ \(Int((st.minimumEffectFraction * 100).rounded())) % of the comparator arm's (arm B's) median MAE; a significant shift below it neither supports nor contradicts. For the metal–halogen neighbour fraction (C13) the minimum change is \(T.num(st.minimumClusteringChange, 2)).",
            "Power: 'min attainable p' is the smallest two-sided p the test actually run can give for the design (exact: 2/2ⁿ for n pairs, 2/C(n₁+n₂, n₁) unpaired; normal approximation: its value at complete separation). A case whose minimum is ≥ α cannot support a claim; one whose minimum times the number of the claim's cases is ≥ α cannot contradict it after Holm. The claim's reason says so.",
            "Learning curves (C1): each DIM loss is judged against its own zero-classifier baseline, recorded with the curve; 'global below local' compares final/baseline ratios. Monotonicity uses the rebound of the \(st.runningMedianWindow)-epoch running median above its running minimum (≤ \(Int(st.reboundLimit * 100)) % of the total drop) and Kendall's τ between epoch and loss (≤ \(T.num(st.tauLimit, 2))), so one noisy validation epoch does not decide the verdict.",
            "Neighbourhoods (C13, C14): k = \(st.neighbours) nearest neighbours (Euclidean, the point itself excluded) in each encoder's own embedding space, where recorded, and in the 2-D t-SNE maps. The change in metal–halogen clustering is tested by a permutation test over structures: the metal–halogen flags are rearranged among the structures (\(st.permutationResamples) rearrangements, exhaustive when fewer exist) with both neighbour graphs fixed, which keeps the dependence between overlapping neighbourhoods that a per-point test would ignore. A t-SNE map depends on its seed, so the verdicts rest on the embedding space; where the profile repeats the maps from random starts of several t-SNE seeds (the authors' PCA start is the same for every seed), the map-based numbers are given for every start with their spread (figure 9's section).",
        ]
        return "## Statistical methods\n\n" + items.map { "- " + e($0) }.joined(separator: "\n") + "\n\n"
    }

    func figuresFor(_ id: String) -> String {
        var s = ""
        for (i, f) in figures.enumerated() where f.id == id || f.id.hasPrefix(id + "-") {
            s += figureBlock(i, f) + "\n\n"
            s += "*" + e("\(f.id): \(f.title). \(f.caption)") + "*\n\n"
            s += e("Files: \(f.png), \(f.svg), \(f.pdf); data \(f.csv); gnuplot script \(f.gnuplot).") + "\n\n"
        }
        if s.isEmpty { s = e("(No rendered figure for \(id) in this run.)") + "\n\n" }
        return s
    }

    func fig6() -> String {
        var s = "## Figure 6 — DIM validation learning curves\n\n" + figuresFor("fig6")
        guard !analysis.curves.isEmpty else { return s + e("No learning curves in this run.") + "\n\n" }
        s += table(["model", "tasks", "synthetic false samples", "epochs", "final local DIM", "local baseline",
                      "final global DIM", "global baseline", "final local KL", "final global KL", "last-third slope local / global (per epoch)",
                      "largest rebound local / global", "running-median rebound local / global", "Kendall τ local / global", "selected epoch", "stop reason"],
                     analysis.curves.map { c in [c.model, c.tasks.joined(separator: ", "), c.synthetic ? "yes" : "no", "\(c.epochs)",
                                                 T.num(c.finalLocalDIM), T.num(c.baselineLocal), T.num(c.finalGlobalDIM), T.num(c.baselineGlobal),
                                                 T.num(c.finalLocalKL), T.num(c.finalGlobalKL),
                                                 "\(T.num(c.tailSlopeLocalDIM, 5)) / \(T.num(c.tailSlopeGlobalDIM, 5))",
                                                 "\(T.num(c.reboundLocalDIM, 3)) / \(T.num(c.reboundGlobalDIM, 3))",
                                                 "\(T.num(c.medianReboundLocalDIM ?? .nan, 3)) / \(T.num(c.medianReboundGlobalDIM ?? .nan, 3))",
                                                 "\(T.num(c.kendallTauLocalDIM ?? .nan, 3)) / \(T.num(c.kendallTauGlobalDIM ?? .nan, 3))",
                                                 "\(c.selectedEpoch)", c.stopReason] })
        return s
    }

    func armRows(_ arms: [ArmStatistics]) -> [[String]] {
        arms.map { a in
            let m = analysis.paperMedians.first { a.key.experiment == "fig7" && $0.task == a.key.task && $0.nLabels == a.key.nLabels && $0.arm == a.key.arm }
            return [a.key.experiment, a.key.task, "\(a.key.nLabels)", a.key.arm, "\(a.summary.n) (\(a.trialsFailed) failed)",
                    T.num(a.summary.median), "\(T.num(a.medianCI.lower)) – \(T.num(a.medianCI.upper))",
                    "\(T.num(a.summary.q1)) – \(T.num(a.summary.q3)) (\(T.num(a.summary.iqr)))",
                    "\(T.num(a.summary.mean)) ± \(T.num(a.summary.sd))", "\(T.num(a.summary.min)) – \(T.num(a.summary.max))",
                    m.map { "\(T.num($0.median)) (\($0.trials))" } ?? "—",
                    a.values.count <= 20 ? a.values.map { T.num($0) }.joined(separator: " ") : "\(a.values.count) values in results.json"]
        }
    }

    func comparisonRows(_ cs: [Comparison]) -> [[String]] {
        cs.map { c in
            let armB = c.b.experiment == c.a.experiment ? c.b.arm : "\(c.b.arm) (\(c.b.experiment))"
            return [c.a.task, "\(c.a.nLabels)", "\(c.a.arm) − \(armB)", c.paired ? "paired, \(c.nPairs) pairs" : "unpaired, \(c.nA) vs \(c.nB)",
                    T.num(c.shift), "\(T.num(c.shiftCI.lower)) – \(T.num(c.shiftCI.upper)) (\(String(format: "%.1f", c.shiftCI.level * 100)) %)",
                    "\(c.winsA) of \(c.winsOf)", c.test, T.p(c.p), T.p(c.minimumAttainableP), c.purpose]
        }
    }

    func boxFigure(_ f: ComparedFigure) -> String {
        let id = f.id
        var s = "## Figure \(f.number) — \(e(f.title))\n\n" + figuresFor(id)
        guard let fig = analysis.figure(id) else { return s + e("No trials for \(id) in this run.") + "\n\n" }
        s += "### Arms\n\n"
        s += table(["experiment", "task", "labels", "arm", "n (failed)", "median", "median CI (exact)", "Q1 – Q3 (IQR)", "mean ± sd", "min – max",
                      "paper median (trials)", "per-trial MAE"], armRows(fig.arms))
        s += "### Comparisons (A − B; p unadjusted, each claim adjusts over its own cases)\n\n"
        s += fig.comparisons.isEmpty ? e("No comparable arms.") + "\n\n"
            : table(["task", "labels", "A − B", "design", "HL shift", "exact CI (attained level)", "A lower in", "test", "p", "min attainable p (test run)", "for claims"],
                      comparisonRows(fig.comparisons))
        if !fig.spreads.isEmpty {
            s += "### Spread (C12)\n\n"
            s += table(["task", "labels", "regressor", "IQR DIM", "IQR untrained", "difference", "95 % CI"],
                         fig.spreads.map { [$0.task, "\($0.nLabels)", $0.regressor, T.num($0.iqrDIM), T.num($0.iqrUntrained),
                                            T.num($0.difference), "\(T.num($0.differenceCI.lower)) – \(T.num($0.differenceCI.upper))"] })
        }
        return s
    }

    func tsne(_ id: String, _ title: String, metalHalogen: Bool) -> String {
        var s = "## \(title) — t-SNE of test-set vectors coloured by \(metalHalogen ? "metal–halogen content" : "property label")\n\n" + figuresFor(id)
        guard !analysis.neighbours.isEmpty else { return s + e("No t-SNE maps in this run.") + "\n\n" }
        if metalHalogen {
            s += table(["task", "representation", "points", "metal–halogen share", "same-label neighbour fraction",
                          "MH neighbours of MH points", "chance", "KL divergence", "perplexity"],
                         analysis.neighbours.map { [$0.task, $0.representation, "\($0.points)", T.num($0.metalHalogenPrevalence, 3),
                                                    T.num($0.sameLabelFraction, 3), T.num($0.metalHalogenNeighbourFraction, 3),
                                                    T.num($0.metalHalogenChance, 3), T.num($0.klDivergence, 3), T.num($0.perplexity, 1)] })
            // Tasks sharing one structure set have identical metal–halogen numbers: one row per set.
            let both = ((analysis.embeddingComparisons ?? []) + analysis.neighbourComparisons).enumerated().filter { i, c in
                !((analysis.embeddingComparisons ?? []) + analysis.neighbourComparisons)[..<i].contains {
                    $0.space == c.space && ($0.sharedWith ?? []).contains(c.task) }
            }.map(\.element)
            s += table(["task", "space", "MH structures", "MH-neighbour fraction untrained → DIM (chance)", "change", "permutation p (over structures)"],
                         both.map { [$0.task + (($0.sharedWith ?? []).isEmpty ? "" : " (= " + ($0.sharedWith ?? []).joined(separator: ", ") + ")"),
                                     $0.space ?? "t-SNE", "\($0.metalHalogenPoints)",
                                     "\(T.num($0.metalHalogenFractionUntrained ?? .nan, 3)) → \(T.num($0.metalHalogenFractionTrained ?? .nan, 3)) (\(T.num($0.metalHalogenChance ?? .nan, 3)))",
                                     T.num($0.metalHalogenFractionChange, 3), T.p($0.metalHalogenP)] })
            if both.contains(where: { !($0.sharedWith ?? []).isEmpty }) {
                s += e("Both tasks' maps are the same structures embedded by the same encoders (one structure set), so the figure draws one row and the metal–halogen numbers are one case, not two; whether clustering is clearer for one task than the other (C13) cannot be tested in this run.") + "\n\n"
            }
            s += tsneSeedSpread()
        } else {
            s += table(["task", "representation", "points", "neighbour-label correlation"],
                         analysis.neighbours.map { [$0.task, $0.representation, "\($0.points)", T.num($0.neighbourLabelCorrelation, 3)] })
            s += table(["task", "space", "change in correlation (trained − untrained)", "bootstrap 95 % CI"],
                         ((analysis.embeddingComparisons ?? []) + analysis.neighbourComparisons).map { [$0.task, $0.space ?? "t-SNE", T.num($0.correlationChange, 3),
                                                              "\(T.num($0.correlationChangeCI.lower, 3)) – \(T.num($0.correlationChangeCI.upper, 3))"] })
        }
        return s
    }

    func budgets() -> String {
        var s = "## Budget comparisons\n\n"
        s += e("The same arm with the same seeds at the profile's shorter budget and at a longer one: what the cut costs.") + "\n\n"
        guard !analysis.budgets.isEmpty else { return s + e("No budget comparison in this run.") + "\n\n" }
        s += table(["arm", "short budget", "long budget", "short median (n)", "long median (n)", "shift short − long", "95 % CI", "design", "p", "min attainable p"],
                     analysis.budgets.map { b in
                         // One value per budget (a DIM model's downstream cell): no interval or test exists.
                         let single = min(b.short.n, b.long.n) < 2
                         return [b.description, b.shortBudget, b.longBudget, "\(T.num(b.short.median)) (\(b.short.n))",
                                 "\(T.num(b.long.median)) (\(b.long.n))", T.num(b.shift),
                                 single ? "— (one value each)" : "\(T.num(b.shiftCI.lower)) – \(T.num(b.shiftCI.upper))",
                                 b.paired ? "paired" : "unpaired", single ? "—" : T.p(b.p), single ? "—" : T.p(b.minimumAttainableP)] })
        return s
    }

    func failures() -> String {
        var s = "## Failures and skipped records\n\n### Failed trials\n\n"
        s += analysis.failedTrials.isEmpty ? e("No trial failed.") + "\n\n"
            : table(["experiment", "task", "labels", "arm", "trial", "failure"],
                      analysis.failedTrials.map { [$0.experiment, $0.task, "\($0.nLabels)", $0.arm, "\($0.trial)", $0.failure ?? "no MAE recorded"] })
        s += "### Dataset\n\n"
        s += table(["task", "train", "test"], document.dataset.splits.map { [$0.task, "\($0.train)", "\($0.test)"] })
        s += "### Skipped records\n\n"
        if document.dataset.skipped.isEmpty { return s + e("No record was skipped.") + "\n\n" }
        s += table(["reason", "records"], analysis.skippedByReason.keys.sorted().map { [$0, "\(analysis.skippedByReason[$0]!)"] })
        s += table(["record", "reason"], document.dataset.skipped.map { [$0.id, $0.reason] })
        return s
    }

    func provenance() -> String {
        let p = document.provenance
        var s = "## Provenance\n\n"
        s += table(["item", "value"], [
            ["tool version", p.toolVersion], ["git commit", p.gitCommit], ["data checksum (SHA-256)", p.dataChecksum],
            ["profile", document.profile.name], ["seed root", p.seedRoot], ["BLAS core", p.blasCore],
            ["BLAS threads per trial", "\(p.blasThreadsPerTrial)"], ["trials side by side", "\(p.jobs)"], ["machine", p.machine],
            ["analysis", "bootstrap \(analysis.settings.bootstrapResamples) resamples, α = \(analysis.settings.alpha), k = \(analysis.settings.neighbours)"],
        ])
        s += "### Compute time per stage\n\n"
        s += "Wall-clock seconds that the result store recorded for each work item when it was computed, summed per stage: by this run or by the earlier runs that filled the store, with whatever else shared the machine then (items run side by side, so a stage's wall time is shorter; repro cluster predict uses the items' CPU time where it was recorded).\n\n"
        s += table(["stage", "compute seconds", "items"],
                     p.stageSeconds.map { [$0.stage, String(format: "%.1f", $0.seconds), "\($0.computed)"] })
        return s
    }
}
