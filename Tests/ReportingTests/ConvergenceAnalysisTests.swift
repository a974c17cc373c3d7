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
        XCTAssertTrue(md.contains("| improves | 3 | 1.0000 | 0.9000 | -10.0 % | improves by more than 3 % with more training: not converged at the profile's rule |"), md)
        XCTAssertTrue(md.contains("| worsens | 3 | 1.0000 | 1.0500 | +5.0 % | worse by more than 3 % with more training: training on does not help |"), md)
        XCTAssertTrue(md.contains("| steady | 3 | 1.0000 | 1.0100 | +1.0 % | — |"), md)
        XCTAssertTrue(md.contains("Budget probe: 2 of 3 cells move by more than 3 % at the longer budget: 1 improve with more training, so they had not converged at the profile's rule (improves); 1 get worse with more training, so training on does not help them (see Convergence)."), md)
        XCTAssertTrue(md.contains("| C2 | fig7 | reproduced | yes |"), md)
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
