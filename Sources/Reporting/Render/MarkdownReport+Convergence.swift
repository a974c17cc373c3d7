import Foundation

/// The "what this run is" box above the verdicts and the convergence section.
extension MarkdownReport {
    /// Training crystals behind the DIM encoder (its training split less its validation crystals),
    /// from the dataset splits.
    private var pretrainingCrystals: Int? {
        document.dataset.splits.map(\.train).max().map { $0 - $0 / 20 }
    }

    /// Data, scale, pretraining-to-label ratios, budget-sensitive verdicts and the paper-scale command.
    func runBox() -> String {
        let e = { (s: String) in MarkdownText.escape(s, self.mode) }
        let p = document.profile
        var s = "## What this run is\n\n"
        if p.isPreview == true {
            s += "**" + e("Preview: profile \(p.name) cuts training below convergence on purpose. Its verdicts describe this cut, not the paper; the default profile (repro reproduce) gives verdicts that test it.") + "**\n\n"
        }
        var items: [String] = []
        let splits = document.dataset.splits.map { "\($0.task) \($0.train) train / \($0.test) test" }.joined(separator: "; ")
        items.append("Data: \(document.dataset.name), \(document.dataset.recordsRead) records read (\(splits)). The paper used Matbench mp_e_form (132,752 structures) and mp_gap (106,113), fold 0 (80/20).")
        if let lr = p.settings["learning rate"] { items.append("Learning rate: \(lr).") }
        if let c = analysis.convergence {
            let dims = c.runs.filter { $0.model.hasPrefix("dim") }.map { "\($0.model) \($0.epochs) epochs (\($0.stopReason == "patience" ? "stopped by the rule" : "at its ceiling of \($0.ceiling)"))" }
            if !dims.isEmpty { items.append("DIM pretraining: " + dims.joined(separator: ", ") + ".") }
            let total = c.arms.reduce(0) { $0 + $1.trials }, ceiling = c.arms.reduce(0) { $0 + $1.atCeiling }
            items.append("Fig 7 trials: \(total) trials, \(total - ceiling) stopped by the validation rule, \(ceiling) at their epoch ceiling; verdicts use the \(c.checkpoint == "last" ? "last" : "best-validation") weights (the authors plotted the last).")
        } else if let t = p.settings["fig 7 trials"] {
            items.append("Fig 7 trials: \(t).")
        }
        if let pre = pretrainingCrystals {
            let ns = Array(Set(document.trials.filter { $0.experiment == "fig7" }.map(\.nLabels))).sorted()
            if !ns.isEmpty {
                let ratios = ns.map { "\(Int((Double(pre) / Double($0)).rounded()))× at \($0)" }.joined(separator: ", ")
                items.append("Unlabelled crystals per label: the encoder pretrains on \(pre) crystals, \(ratios) labels (the paper, on ~100,000 Matbench training crystals: ~2,000× at 50 down to ~100× at 1000), so DIM has far less to offer here than in the paper.")
            }
        }
        if let c = analysis.convergence {
            let sens = c.sensitiveClaims
            items.append(sens.isEmpty ? "Budget-sensitive verdicts: none (no verdict changes with the other checkpoint, with the probed trials at the longer budget, or with that budget's change projected to every trial of their cells)."
                         : "Budget-sensitive verdicts: " + sens.map { "\($0.id) (\($0.reason))" }.joined(separator: "; ") + ".")
            let flagged = c.probes.filter(\.flagged)
            if flagged.isEmpty {
                items.append("Budget probe: no cell moves by more than \(Int(c.threshold * 100)) % at \(p.settings["budget probe"].map { _ in "the longer budget" } ?? "a longer budget").")
            } else {
                let better = flagged.filter { $0.relativeChange < 0 }, worse = flagged.filter { $0.relativeChange > 0 }
                let unseen = better.filter { $0.laterBest == 0 }, early = better.filter { $0.laterBest != 0 }
                var ways: [String] = []
                if !early.isEmpty {
                    let named = early.prefix(3).map(\.description).joined(separator: "; ") + (early.count > 3 ? "; …" : "")
                    ways.append("\(early.count) improve with more training, so they had not converged at the profile's rule (\(named))")
                }
                if !unseen.isEmpty {
                    ways.append("\(unseen.count) improve with more training although none of their probed trials found a better validation epoch after its stop (the last weights improve where the validation crystals do not see it)")
                }
                if !worse.isEmpty { ways.append("\(worse.count) get worse with more training, so training on does not help them") }
                let other = flagged.count - better.count - worse.count
                if other > 0 { ways.append("\(other) cannot be compared (missing values)") }
                items.append("Budget probe: \(flagged.count) of \(c.probes.count) cells move by more than \(Int(c.threshold * 100)) % at the longer budget: " + ways.joined(separator: "; ") + " (see Convergence).")
            }
        }
        s += items.map { "- " + e($0) }.joined(separator: "\n") + "\n"
        return s + "- " + e("The paper's scale (see Reproduce.md for its cost):") + " `repro reproduce --profile paper --matbench-e-form matbench_mp_e_form.json.gz --matbench-gap matbench_mp_gap.json.gz`\n\n"
    }

    /// Stop counts, how each pretraining run ended, the budget probe and the checkpoint sensitivity.
    func convergence() -> String {
        let e = { (s: String) in MarkdownText.escape(s, self.mode) }
        let num = { (x: Double, d: Int) in MarkdownText.num(x, d) }
        var s = "## Convergence\n\n"
        guard let c = analysis.convergence else {
            return s + e("This run records no stopping or checkpoint data (results of an older version).") + "\n\n"
        }
        s += e("Every model stops by a validation rule (patience) under an epoch ceiling meant not to bind. The budget probe follows the first trials of every fig 7 cell and both DIM models to twice the patience and the ceiling on the same seeds (the same run, continued): a cell whose median moves by more than \(Int(c.threshold * 100)) % is flagged. A DIM model is judged by what its encoder is worth downstream: fig 8's linear and MLP regressors on its vectors, fitted on the same label subsets (their number is in each cell's name) at the two largest label counts and scored on held-out training-split crystals (never the test split), with the kept encoder and with the longer rule's.") + "\n\n"
        s += "### Pretraining runs\n\n"
        s += MarkdownText.table(["model", "epochs", "ceiling", "stopped by", "kept epoch", "criterion at kept epoch", "longer budget: epochs", "stopped by", "criterion"],
                                c.runs.map { r in [r.model, "\(r.epochs)", "\(r.ceiling)", r.stopReason == "patience" ? "rule" : "ceiling", "\(r.selectedEpoch)",
                                                   num(r.criterion, 4), r.probeEpochs.map(String.init) ?? "—",
                                                   r.probeStopReason.map { $0 == "patience" ? "rule" : "ceiling" } ?? "—",
                                                   r.probeCriterion.map { num($0, 4) } ?? "—"] }, mode)
        s += "### Fig 7 trials: stops and both checkpoints\n\n"
        s += e("Test MAE medians of the last weights (the authors' choice) and of the best-validation weights. The validation set is n//20 crystals: 2 at 50 labels, 5 at 100, 12 at 250, 50 at 1000, so the best-validation choice is noisy at small n; the table after this one says how noisy.") + "\n\n"
        s += MarkdownText.table(["task", "labels", "arm", "trials", "stopped by rule", "at ceiling", "median epochs (max)", "ceiling", "median MAE last", "median MAE best"],
                                c.arms.map { a in [a.task, "\(a.nLabels)", a.arm, "\(a.trials)", "\(a.stoppedByRule)", "\(a.atCeiling)",
                                                   "\(num(a.medianEpochs, 0)) (\(a.maxEpochs))", "\(a.ceiling)", num(a.medianLast, 4), num(a.medianBest, 4)] }, mode)
        s += selectionNoise(c.selection ?? [])
        s += "### Budget probe\n\n"
        s += c.probes.isEmpty ? e("No budget probe in this run.") + "\n\n"
            : e("\"Later best\": probed trials whose longer run found a lower validation MAE after the profile's rule had stopped them, that is, trials the rule stopped before its own optimum. A cell that improves while none of its trials did improved where its validation crystals (n//20) could not see it: either the last weights wander at the constant learning rate, or they improve by less than so few validation crystals resolve; only a larger held-out set tells which (Reproduce.md: the budget sweep).") + "\n\n"
            + MarkdownText.table(["cell", "probed trials", "median at the profile's rule", "median at the longer rule", "change", "later best", "flag"],
                                 c.probes.map { p in [p.description, "\(p.trials)", num(p.shortMedian, 4), num(p.longMedian, 4),
                                                      String(format: "%+.1f %%", p.relativeChange * 100), p.laterBest.map { "\($0) of \(p.trials)" } ?? "—",
                                                      probeFlag(p, threshold: c.threshold)] }, mode)
        s += "### Verdicts under the other checkpoint and the longer budget\n\n"
        s += e("Three alternatives: the other checkpoint for every fig 7 trial; the longer budget's values for the probed trials only (the others unchanged); and a projection in which every trial of a probed cell moves by the probed trials' median change (the cell's longer median over its median at the profile's rule), which asks whether a verdict would survive if the whole cell were as far from convergence as its probed trials.") + "\n\n"
        s += MarkdownText.table(["claim", "verdict", "other checkpoint", "longer budget (probed trials)", "longer budget (projected to every trial)", "budget-sensitive"],
                                c.claims.map { [$0.id, $0.verdict.rawValue, $0.otherCheckpoint?.rawValue ?? "—", $0.longerBudget?.rawValue ?? "—",
                                                $0.projectedBudget?.rawValue ?? "—", $0.budgetSensitive ? "yes: " + $0.reason : "no"] }, mode)
        return s
    }

    /// The checkpoint-selection table: per label count, how often the weights chosen on n//20
    /// validation crystals test worse than the last ones, and by how much.
    func selectionNoise(_ rows: [CheckpointSelection]) -> String {
        guard !rows.isEmpty else { return "" }
        let e = { (s: String) in MarkdownText.escape(s, self.mode) }
        let pct = { (x: Double) in String(format: "%+.1f %%", x * 100) }
        var s = "### How noisy the best-validation choice is\n\n"
        s += e("Per fig 7 trial, r = (test MAE of the best-validation weights − test MAE of the last) / test MAE of the last, all tasks and arms of a label count together. A choice made on the validation crystals that carried over to the test split would make r ≤ 0 in most trials.") + "\n\n"
        s += MarkdownText.table(["labels", "validation crystals", "trials", "best-validation worse on test", "median r", "r, Q1 – Q3"],
                                rows.map { [String($0.nLabels), String($0.validationCrystals), String($0.trials),
                                            "\($0.bestWorse) of \($0.trials)", pct($0.medianRelative), pct($0.q1Relative) + " – " + pct($0.q3Relative)] }, mode)
        return s
    }

    /// A probe cell's flag: which way a move beyond the threshold goes (a lower MAE is better). A
    /// cell that improves with more training had not converged; one that gets worse was not
    /// stopped too early.
    func probeFlag(_ p: ProbeCell, threshold: Double) -> String {
        guard p.flagged else { return "—" }
        let pct = Int(threshold * 100)
        guard p.relativeChange.isFinite else { return "cannot be compared (missing values)" }
        guard p.relativeChange < 0 else { return "worse by more than \(pct) % with more training: training on does not help" }
        switch p.laterBest {
        case 0?: return "improves by more than \(pct) % with more training, but no probed trial found a better validation epoch after its stop: the validation crystals do not see it"
        case let k?: return "improves by more than \(pct) % with more training: not converged at the profile's rule (\(k) of \(p.trials) probed trials found a better validation epoch after their stop)"
        case nil: return "improves by more than \(pct) % with more training: not converged at the profile's rule"
        }
    }

    /// The summary table's budget-sensitivity cell of a claim.
    func sensitivityCell(_ id: String) -> String {
        guard let c = analysis.convergence?.claims.first(where: { $0.id == id }) else { return "—" }
        return c.budgetSensitive ? "yes" : "no"
    }
}
