@testable import Reporting
import XCTest

/// The convergence evidence: stop counts per fig 7 cell, the budget probe's flags and their
/// direction, and verdicts that change under the other checkpoint marked budget-sensitive.
final class ConvergenceAnalysisTests: XCTestCase {
    /// The synthetic document with checkpoint records: the last weights score the planted
    /// (paper-direction) values; the best-validation weights score the reversed ones; trials 0–2
    /// carry longer-budget values equal to their own; one e_form 1000-label random trial hit its
    /// ceiling; three probe cells improve, worsen and hold still. With `bestReversed` false the
    /// best-validation weights score the planted values too; `dimProbeFactor` multiplies the
    /// longer-budget values of the e_form DIM-start trials.
    func document(bestReversed: Bool = true, dimProbeFactor: Double = 1) -> ResultsDocument {
        var doc = SyntheticResults.make()
        let flipped = SyntheticResults.make(flipFig7: true)
        var reversed: [String: Double] = [:]
        for t in flipped.trials where t.experiment == "fig7" { reversed["\(t.task) \(t.nLabels) \(t.arm) \(t.trial)"] = t.mae }
        doc.trials = doc.trials.map { t in
            guard t.experiment == "fig7", let mae = t.mae else { return t }
            var u = t
            let atCeiling = t.task == "e_form" && t.nLabels == 1000 && t.arm == ArmID.random && t.trial == 5
            u.extra[TrialExtra.maeLast] = mae
            u.extra[TrialExtra.maeBest] = bestReversed ? reversed["\(t.task) \(t.nLabels) \(t.arm) \(t.trial)"]! : mae
            u.extra[TrialExtra.stoppedByRule] = atCeiling ? 0 : 1
            u.extra[TrialExtra.epochs] = atCeiling ? 3000 : Double(100 + t.trial)
            u.extra[TrialExtra.ceiling] = 3000
            if t.trial < 3 { u.extra[TrialExtra.probe(TrialExtra.maeLast)] = mae * (t.task == "e_form" && t.arm == ArmID.dim ? dimProbeFactor : 1) }
            return u
        }
        doc.budgetComparisons = [
            BudgetComparison(description: "improves", shortBudget: "a", longBudget: "b", shortValues: [1, 1, 1], longValues: [0.9, 0.9, 0.9]),
            BudgetComparison(description: "worsens", shortBudget: "a", longBudget: "b", shortValues: [1, 1, 1], longValues: [1.05, 1.05, 1.05]),
            BudgetComparison(description: "steady", shortBudget: "a", longBudget: "b", shortValues: [1, 1, 1], longValues: [1.01, 1.01, 1.01]),
        ]
        return doc
    }

    func analysis(_ doc: ResultsDocument) -> ResultsAnalysis {
        var s = AnalysisSettings(); s.bootstrapResamples = 400
        return ResultsAnalyzer.analyze(doc, settings: s)
    }

    func testStopCountsAndBothCheckpointsPerCell() throws {
        let c = try XCTUnwrap(analysis(document()).convergence)
        XCTAssertEqual(c.checkpoint, "last")
        let cell = try XCTUnwrap(c.arms.first { $0.task == "e_form" && $0.nLabels == 1000 && $0.arm == ArmID.random })
        XCTAssertEqual([cell.trials, cell.stoppedByRule, cell.atCeiling, cell.maxEpochs, cell.ceiling], [12, 11, 1, 3000, 3000])
        let other = try XCTUnwrap(c.arms.first { $0.task == "gap" && $0.nLabels == 50 && $0.arm == ArmID.dim })
        XCTAssertEqual(other.atCeiling, 0)
        XCTAssertEqual(other.medianEpochs, 105.5)
    }

    func testVerdictsThatFlipUnderTheOtherCheckpointAreBudgetSensitive() throws {
        let a = analysis(document())
        let c = try XCTUnwrap(a.convergence)
        for id in ["C2", "C3", "C4", "C5"] {
            let claim = try XCTUnwrap(c.claims.first { $0.id == id })
            XCTAssertEqual(claim.verdict, .reproduced, id)
            XCTAssertEqual(claim.otherCheckpoint, .contradicted, id)
            XCTAssertEqual(claim.longerBudget, .reproduced, "\(id): the longer budget changes nothing here")
            XCTAssertTrue(claim.budgetSensitive, id)
            XCTAssertEqual(claim.reason, "contradicted with the best-validation checkpoint", id)
        }
        let c7 = try XCTUnwrap(c.claims.first { $0.id == "C7" })
        XCTAssertFalse(c7.budgetSensitive, "fig 8 has no checkpoints: \(c7.reason)")
    }

    func testProbeCellsAreFlaggedWithTheirDirection() throws {
        let doc = document()
        let a = analysis(doc)
        let c = try XCTUnwrap(a.convergence)
        XCTAssertEqual(c.probes.map(\.flagged), [true, true, false])
        XCTAssertEqual(c.probes[0].relativeChange, -0.1, accuracy: 1e-12)
        let md = MarkdownReport(document: doc, analysis: a, figures: [], figureBlock: { _, _ in "" }, mode: .commonMark).render()
        XCTAssertTrue(md.contains("| improves | 3 | 1.0000 | 0.9000 | -10.0 % | — | improves by more than 3 % with more training: not converged at the profile's rule |"), md)
        XCTAssertTrue(md.contains("| worsens | 3 | 1.0000 | 1.0500 | +5.0 % | — | worse by more than 3 % with more training: training on does not help |"), md)
        XCTAssertTrue(md.contains("| steady | 3 | 1.0000 | 1.0100 | +1.0 % | — | — |"), md)
        XCTAssertTrue(md.contains("Budget probe: 2 of 3 cells move by more than 3 % at the longer budget: 1 improve with more training, so they had not converged at the profile's rule (improves); 1 get worse with more training, so training on does not help them (see Convergence)."), md)
        XCTAssertTrue(md.contains("| C2 | fig7 | reproduced | yes |"), md)
    }

    /// A probed trial whose longer run found a lower validation MAE after its stop was stopped
    /// before its rule's own optimum; a cell that improves while none of its trials did improved
    /// where its validation crystals could not see it. The count tells the two apart in the table and the summary.
    func testLaterBestTellsAStopTooEarlyFromAMoveTheValidationCannotSee() throws {
        var doc = document()
        doc.trials = doc.trials.map { t in
            guard t.experiment == "fig7", t.nLabels == 250, t.arm == ArmID.random, t.trial < 3 else { return t }
            var u = t
            u.extra[TrialExtra.bestEpoch] = 30
            u.extra[TrialExtra.probe(TrialExtra.bestEpoch)] = t.task == "e_form" && t.trial == 1 ? 200 : 30
            return u
        }
        let early = BudgetComparison.fig7Cell(task: "e_form", nLabels: 250, arm: ArmID.random)
        let unseen = BudgetComparison.fig7Cell(task: "gap", nLabels: 250, arm: ArmID.random)
        XCTAssertEqual(early, "fig 7, e_form, 250 labels, sitenet-random")
        doc.budgetComparisons = [
            BudgetComparison(description: early, shortBudget: "a", longBudget: "b", shortValues: [1, 1, 1], longValues: [0.9, 0.9, 0.9]),
            BudgetComparison(description: unseen, shortBudget: "a", longBudget: "b", shortValues: [1, 1, 1], longValues: [0.9, 0.9, 0.9]),
            BudgetComparison(description: "dim-synthetic encoder", shortBudget: "a", longBudget: "b", shortValues: [1], longValues: [0.9]),
        ]
        let a = analysis(doc)
        let c = try XCTUnwrap(a.convergence)
        XCTAssertEqual(c.probes.map(\.laterBest), [1, 0, nil])
        let md = MarkdownReport(document: doc, analysis: a, figures: [], figureBlock: { _, _ in "" }, mode: .commonMark).render()
        XCTAssertTrue(md.contains("| \(early) | 3 | 1.0000 | 0.9000 | -10.0 % | 1 of 3 | improves by more than 3 % with more training: not converged at the profile's rule (1 of 3 probed trials found a better validation epoch after their stop) |"), md)
        XCTAssertTrue(md.contains("| \(unseen) | 3 | 1.0000 | 0.9000 | -10.0 % | 0 of 3 | improves by more than 3 % with more training, but no probed trial found a better validation epoch after its stop: the validation crystals do not see it |"), md)
        XCTAssertTrue(md.contains("| dim-synthetic encoder | 1 | 1.0000 | 0.9000 | -10.0 % | — | improves by more than 3 % with more training: not converged at the profile's rule |"), md)
        XCTAssertTrue(md.contains("Budget probe: 3 of 3 cells move by more than 3 % at the longer budget: 2 improve with more training, so they had not converged at the profile's rule (\(early); dim-synthetic encoder); 1 improve with more training although none of their probed trials found a better validation epoch after its stop (the last weights improve where the validation crystals do not see it) (see Convergence)."), md)
    }

    /// The probed trials alone (3 of 12) barely move a paired comparison; the projection moves the
    /// whole cell by their median change, and a verdict that only survives because 9 trials were
    /// left at the profile's budget is caught.
    func testProjectedBudgetCatchesWhatTheProbedTrialsAloneCannot() throws {
        let a = analysis(document(bestReversed: false, dimProbeFactor: 1.3))
        let c = try XCTUnwrap(a.convergence)
        let c2 = try XCTUnwrap(c.claims.first { $0.id == "C2" })
        XCTAssertEqual(c2.verdict, .reproduced)
        XCTAssertEqual(c2.otherCheckpoint, .reproduced)
        XCTAssertEqual(c2.projectedBudget, .contradicted, "every e_form DIM-start trial 30 % worse: DIM no longer beats random")
        XCTAssertNotEqual(c2.longerBudget, .contradicted, "three moved trials of twelve cannot contradict the claim")
        XCTAssertTrue(c2.budgetSensitive)
        XCTAssertTrue(c2.reason.hasSuffix("contradicted when every trial of a probed cell moves as its probed trials did"), c2.reason)
        // Unmoved probes project to the verdicts themselves.
        let steady = try XCTUnwrap(analysis(document(bestReversed: false)).convergence)
        for claim in steady.claims where claim.projectedBudget != nil {
            XCTAssertEqual(claim.projectedBudget, claim.verdict, claim.id)
            XCTAssertFalse(claim.budgetSensitive, claim.id)
        }
        XCTAssertEqual(steady.claims.first { $0.id == "C3" }?.projectedBudget, .reproduced)
    }
}

/// The table that says how noisy the best-validation choice is: per label count, the share of
/// trials whose best-validation weights test worse than their last, and the relative difference.
final class CheckpointSelectionTests: XCTestCase {
    func trial(_ n: Int, _ k: Int, best: Double, last: Double) -> TrialRecord {
        var t = TrialRecord(experiment: "fig7", task: "gap", nLabels: n, arm: ArmID.random, trial: k, mae: last)
        t.extra[TrialExtra.maeBest] = best; t.extra[TrialExtra.maeLast] = last
        return t
    }

    func testCountsAndQuartilesPerLabelCount() throws {
        // 50 labels: r = +0.2, +0.1, −0.1, +0.3 (3 of 4 worse); 1000 labels: r = −0.02, 0 (none worse).
        let ts = [trial(50, 0, best: 1.2, last: 1), trial(50, 1, best: 1.1, last: 1), trial(50, 2, best: 0.9, last: 1),
                  trial(50, 3, best: 1.3, last: 1), trial(1000, 0, best: 0.49, last: 0.5), trial(1000, 1, best: 0.5, last: 0.5),
                  trial(100, 0, best: .nan, last: 0.5)]
        let rows = CheckpointSelection.make(ts)
        XCTAssertEqual(rows.map(\.nLabels), [50, 1000], "a trial without a finite best MAE is left out")
        XCTAssertEqual(rows.map(\.validationCrystals), [2, 50])
        XCTAssertEqual(rows.map(\.trials), [4, 2])
        XCTAssertEqual(rows.map(\.bestWorse), [3, 0])
        XCTAssertEqual(rows[0].medianRelative, 0.15, accuracy: 1e-12)
        XCTAssertEqual(rows[0].q1Relative, 0.05, accuracy: 1e-12)     // numpy linear: sorted −0.1, 0.1, 0.2, 0.3
        XCTAssertEqual(rows[0].q3Relative, 0.225, accuracy: 1e-12)
        XCTAssertEqual(rows[1].medianRelative, -0.01, accuracy: 1e-12)
    }

    func testTheReportShowsTheTable() throws {
        var doc = SyntheticResults.make()
        doc.trials = doc.trials.map { t in
            guard t.experiment == "fig7", let mae = t.mae else { return t }
            var u = t
            u.extra[TrialExtra.maeLast] = mae; u.extra[TrialExtra.maeBest] = mae * (t.nLabels == 50 ? 1.1 : 0.99)
            u.extra[TrialExtra.stoppedByRule] = 1; u.extra[TrialExtra.epochs] = 100; u.extra[TrialExtra.ceiling] = 3000
            return u
        }
        var s = AnalysisSettings(); s.bootstrapResamples = 200
        let md = MarkdownReport(document: doc, analysis: ResultsAnalyzer.analyze(doc, settings: s), figures: [], figureBlock: { _, _ in "" }, mode: .commonMark).render()
        XCTAssertTrue(md.contains("### How noisy the best-validation choice is"))
        XCTAssertTrue(md.contains("| 50 | 2 | 72 | 72 of 72 | +10.0 % | +10.0 % – +10.0 % |"), md)
        XCTAssertTrue(md.contains("| 1000 | 50 | 72 | 0 of 72 | -1.0 % | -1.0 % – -1.0 % |"))
    }
}
