import ArgumentParser
import Experiments
import Foundation

/// `--figure` and `--claim`: run (or report) only some figures of the catalogue.
struct FigureOptions: ParsableArguments {
    @Option(help: "Only these figures, comma-separated (fig6 … fig12): compute exactly the work items they need, reusing the store, and rewrite only their figures and report cells.")
    var figure: String?
    @Option(help: "Only the figures deciding these claims, comma-separated (C1 … C17).")
    var claim: String?

    /// The selection, or nil when neither option is given; a one-line error for an unknown name.
    func resolve() throws -> FigureSelection? {
        do { return try FigureSelection.parse(figures: figure, claims: claim) }
        catch { throw CLIFailure(String(describing: error)) }
    }
}

/// What a figure selection will compute and reuse, printed before a run starts.
enum FigurePlanReport {
    /// The selection's closure split into items to compute and items the store holds; prints
    /// the summary (and, with `listItems`, every item) to stdout.
    @discardableResult
    static func show(runner: Runner, selection: FigureSelection, listItems: Bool) throws -> (closure: [WorkItem], toCompute: [WorkItem]) {
        let plan = runner.plan
        let materials = try runner.keyMaterials()
        let closure = plan.closure(ofFigures: selection.figures)
        var toCompute: [WorkItem] = [], reused: [WorkItem] = []
        for item in closure {
            let key = try materials[item.id]!.key()
            if case let .valid(r) = runner.store.read(key), r.failure == nil {
                reused.append(item)
            } else {
                toCompute.append(item)
            }
        }
        for id in selection.figures {
            let claims = ExperimentCatalogue.claims.filter { $0.figure == id }.map(\.id)
            print("\(id)\(claims.isEmpty ? "" : " (claims \(claims.joined(separator: ", ")))"): reads \(plan.directItems(ofFigure: id).count) item(s), \(plan.closure(ofFigures: [id]).count) with their inputs")
        }
        print("will compute \(toCompute.count) item(s)\(groups(toCompute)); reuse \(reused.count) from the store\(groups(reused))")
        let cost = toCompute.reduce(0) { $0 + $1.estimatedCost }, whole = plan.items.reduce(0) { $0 + $1.estimatedCost }
        var estimate = String(format: "estimated cost of what is computed: %.1f %% of the whole %@ plan", whole > 0 ? 100 * cost / whole : 0, plan.profile.name)
        let costs = try MeasuredCosts(runner: runner, parallelFraction: WallTimeModel.parallelFraction(twoCoreSpeedup: WallTimeModel.measuredTwoCoreSpeedup))
        if !costs.measured.isEmpty && cost > 0 {
            let seconds = toCompute.reduce(0) { $0 + (costs.seconds[$1.id] ?? 0) }
            estimate += String(format: "; ≈ %@ of compute (one core) at the rates this store measured on %d timed item(s) of its plan",
                               duration(seconds), costs.measured.count)
        } else if cost > 0 {
            estimate += "; ≈ \(duration(cost)) of compute (one core) by the unit-cost model (`repro cluster plan`; measured on \(UnitCosts.reference.machine))"
        }
        print(estimate)
        if listItems {
            for item in closure { print("  \(toCompute.contains { $0.id == item.id } ? "compute" : "reuse  ") \(item.id)") }
        }
        fflush(stdout)
        return (closure, toCompute)
    }

    /// ` (3 dataset/…, 24 fig8 …)`: counts by the id's first segment.
    static func groups(_ items: [WorkItem]) -> String {
        guard !items.isEmpty else { return "" }
        var order: [String] = [], count: [String: Int] = [:]
        for it in items {
            let g = String(it.id.split(separator: "/").first ?? "")
            if count[g] == nil { order.append(g) }
            count[g, default: 0] += 1
        }
        return " (" + order.map { "\(count[$0]!) \($0)" }.joined(separator: ", ") + ")"
    }

    /// `s` right-aligned in `width` characters (String(format:)'s `%14@` does not pad on Linux).
    static func rightAligned(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
    }

    static func duration(_ s: Double) -> String {
        s < 90 ? String(format: "%.0f s", s) : s < 5400 ? String(format: "%.1f min", s / 60) : String(format: "%.1f h", s / 3600)
    }
}
