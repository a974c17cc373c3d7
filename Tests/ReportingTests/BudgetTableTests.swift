@testable import Reporting
import XCTest

/// The budget comparisons table: a comparison with one value per budget (a DIM model's downstream
/// cell) shows no interval and no p-value, since neither exists for one pair; several values do.
final class BudgetTableTests: XCTestCase {
    func testSingleValueComparisonsShowNoIntervalOrTest() {
        var doc = SyntheticResults.make()
        doc.budgetComparisons.append(BudgetComparison(description: "dim-synthetic encoder: e_form/mlp/n1000, training split",
                                                      shortBudget: "patience 20", longBudget: "patience 40",
                                                      shortValues: [0.30], longValues: [0.27]))
        let a = ResultsAnalyzer.analyze(doc, sensitivity: false)
        let md = MarkdownReport(document: doc, analysis: a, figures: [], figureBlock: { _, _ in "" }, mode: .ink).render()
        // The report escapes `_` and parentheses as HTML entities; compare on the unescaped text.
        let text = md.replacingOccurrences(of: "&#95;", with: "_").replacingOccurrences(of: "&#40;", with: "(")
            .replacingOccurrences(of: "&#41;", with: ")")
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") }
        let dim = rows.first { $0.contains("dim-synthetic encoder: e_form/mlp/n1000") }
        XCTAssertNotNil(dim)
        XCTAssertTrue(dim?.contains("— (one value each)") == true, String(dim ?? ""))
        let fig7 = rows.first { $0.hasPrefix("| fig7 e_form n=100 sitenet-dim |") }
        XCTAssertNotNil(fig7)
        XCTAssertFalse(fig7?.contains("one value each") ?? true, String(fig7 ?? ""))
    }
}
