import ArgumentParser
import Crystals
import Featurizers
import Foundation

/// `repro data summary [--dataset PATH]`.
struct DataSummary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Counts, sites per cell, elements, label statistics and the records each filter drops.",
        discussion: """
        Without --dataset: the embedded mp-offline-7k dataset (7,211 Materials Project structures). \
        --dataset takes a JSON-lines file like the embedded one (.jsonl / .jsonl.gz) or a Matbench \
        file (matbench_mp_gap.json.gz / matbench_mp_e_form.json.gz, pandas split orientation). \
        Unreadable records are skipped and listed; the Site-Net filters (Docs/Protocol.md §1.2) are applied \
        to every record read.
        """)

    @Option(help: "Dataset file (default: the embedded dataset).")
    var dataset: String?

    @Flag(help: "List every dropped record (default: the first 10 per reason).")
    var all = false

    func run() throws {
        let ds: Dataset
        var taskNote = ""
        do {
            if let path = dataset {
                let url = URL(fileURLWithPath: path)
                guard FileManager.default.fileExists(atPath: url.path) else { throw CLIFailure("\(path): no such file") }
                let lower = url.lastPathComponent.lowercased()
                if lower.hasSuffix(".jsonl") || lower.hasSuffix(".jsonl.gz") {
                    ds = try Dataset.loadJSONLines(url: url)
                } else {
                    let (task, d) = try Matbench.load(url: url)
                    ds = d; taskNote = " (Matbench \(task.rawValue))"
                }
            } else {
                ds = try Dataset.loadEmbedded()
            }
        } catch let e as StructureReadError { throw CLIFailure(e.description) }

        let recs = ds.records
        print("dataset: \(ds.name)\(taskNote)")
        print("records read: \(recs.count); unreadable records skipped: \(ds.skipped.count)")
        for s in (all ? ds.skipped : Array(ds.skipped.prefix(10))) { print("  skipped \(s)") }
        if !all && ds.skipped.count > 10 { print("  … \(ds.skipped.count - 10) more (--all lists them)") }
        guard !recs.isEmpty else { return }

        let sizes = recs.map { Double($0.structure.count) }
        print("sites per cell: " + stats(sizes, digits: 1) + "; ≤ 50 sites: \(sizes.filter { $0 <= 50 }.count)")
        var elementCounts: [Int: Int] = [:]
        for r in recs { for z in r.structure.elements { elementCounts[z, default: 0] += 1 } }
        let els = elementCounts.keys.sorted()
        print("elements: \(els.count): " + els.map { Element.symbol(of: $0) ?? "Z\($0)" }.joined(separator: " "))
        print("contain a noble gas: \(recs.filter { $0.structure.containsNobleGas }.count); metal + halogen: \(recs.filter { $0.structure.containsMetalAndHalogen }.count)")
        let gaps = recs.compactMap(\.bandGap), eforms = recs.compactMap(\.eForm)
        if !gaps.isEmpty {
            print("band gap (eV), \(gaps.count) labels: " + stats(gaps, digits: 3) + "; gap > 0: \(gaps.filter { $0 > 0 }.count)")
        }
        if !eforms.isEmpty { print("formation energy (eV/atom), \(eforms.count) labels: " + stats(eforms, digits: 3)) }

        let (crystals, dropped) = SiteNetFeaturizer.featurize(recs)
        print("Site-Net featurisation: \(crystals.count) kept, \(dropped.count) dropped")
        var byFilter: [String: [(id: String, reason: SiteNetFilterReason)]] = [:]
        for d in dropped { byFilter[d.reason.filter, default: []].append(d) }
        for (filter, items) in byFilter.sorted(by: { $0.key < $1.key }) {
            print("  dropped by '\(filter)': \(items.count)")
            for d in (all ? items : Array(items.prefix(10))) { print("    \(d.id): \(d.reason)") }
            if !all && items.count > 10 { print("    … \(items.count - 10) more (--all lists them)") }
        }
        if !crystals.isEmpty {
            print("primitive sites: " + stats(crystals.map { Double($0.primSize) }, digits: 1))
            print("supercell sites: " + stats(crystals.map { Double($0.supercellSize) }, digits: 1))
            print("distance entries (Σ prim × supercell): \(crystals.reduce(0) { $0 + $1.distances.count })")
        }
    }

    /// "min …, median …, mean …, max …".
    func stats(_ v: [Double], digits: Int) -> String {
        let s = v.sorted()
        let median = s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        let mean = s.reduce(0, +) / Double(s.count)
        let f = "%.\(digits)f"
        return "min \(String(format: f, s.first!)), median \(String(format: f, median)), mean \(String(format: f, mean)), max \(String(format: f, s.last!))"
    }
}
