import Crystals
import Featurizers
import Foundation
import Reporting

/// Every record of a profile's data source, read and featurised once per process: the Site-Net
/// input and the structure of each usable crystal by id, its labels, and every record that was
/// dropped with its reason. Work items index into it by the ids of a ``DatasetInfo``.
struct CrystalLibrary: Sendable {
    /// A usable crystal.
    struct Entry: Sendable {
        var crystal: SiteNetCrystal
        var structure: Structure
        var eForm: Double?
        var gap: Double?
        var metalHalogen: Bool
        /// Position in the source file(s): lists built from the library keep file order.
        var order: Int
    }
    /// Where this library came from (file names).
    var name: String
    var checksum: String
    var recordsRead: Int
    /// Usable crystals by id.
    var entries: [String: Entry]
    /// Matbench only: ids of each task's file, split into fold-0 train and test (file order).
    var matbenchSplits: [PropertyTask: (train: [String], test: [String])]
    /// Every record that was read but cannot be used, with why.
    var skipped: [Reporting.SkippedRecord]

    /// The entry of `id`; throws naming the id when it is not in the library.
    func entry(_ id: String) throws -> Entry {
        guard let e = entries[id] else { throw ExperimentError.invalidResult("crystal '\(id)' is not in the featurised dataset \(name)") }
        return e
    }

    /// Reads and featurises the source of `data`. Records are featurised in parallel (result
    /// order fixed by record order, so the library does not depend on thread count).
    static func load(_ data: DataSettings, checksum: String) throws -> CrystalLibrary {
        switch data.source {
        case .embedded:
            let ds = try Dataset.loadEmbedded()
            var lib = CrystalLibrary(name: "mp-offline-7k.jsonl.gz", checksum: checksum, recordsRead: ds.records.count + ds.skipped.count,
                                     entries: [:], matbenchSplits: [:], skipped: ds.skipped.map { .init(id: $0.id, reason: $0.reason) })
            lib.add(ds.records, maxPrimitiveSites: data.maxPrimitiveSites, orderOffset: 0)
            return lib
        case let .matbench(eFormPath, gapPath):
            guard let foldURL = ExperimentResources.matbenchFold0TestIDs else {
                throw ExperimentError.badInput("matbench_fold0_test_ids.json.gz is missing from the Experiments bundle")
            }
            var lib = CrystalLibrary(name: "\((eFormPath as NSString).lastPathComponent), \((gapPath as NSString).lastPathComponent)",
                                     checksum: checksum, recordsRead: 0, entries: [:], matbenchSplits: [:], skipped: [])
            var offset = 0
            for (path, task) in [(eFormPath, PropertyTask.eForm), (gapPath, .gap)] {
                try lib.addMatbenchFile(path, task: task, foldURL: foldURL, maxPrimitiveSites: data.maxPrimitiveSites, offset: &offset)
            }
            return lib
        }
    }

    /// Records featurised together: big enough to keep both cores busy, small enough that the
    /// structures waiting for featurisation stay a few megabytes.
    static let featurizationBatch = 2048

    /// Streams one Matbench file (`Matbench.stream`, which throws for a file that is not the
    /// `task` file — wrong orientation, other task, truncated gzip, a structure pymatgen rejects)
    /// and featurises its records a batch at a time, so the file's text and parsed rows are never
    /// all in memory. Throws too when none of the file's ids is a fold-0 test id of `task` (a file
    /// whose ids are not Matbench's would otherwise give an empty test set).
    private mutating func addMatbenchFile(_ path: String, task: PropertyTask, foldURL: URL, maxPrimitiveSites: Int, offset: inout Int) throws {
        let mbTask: Matbench.Task = task == .gap ? .gap : .eForm
        let fileName = (path as NSString).lastPathComponent
        let testIDs = try Matbench.fold0TestIDs(url: foldURL, task: mbTask)
        var batch: [DatasetRecord] = [], train: [String] = [], test: [String] = []
        var rows = 0, testRows = 0, firstID: String?
        func note(_ id: String) -> Bool {
            rows += 1
            if firstID == nil { firstID = id }
            let isTest = testIDs.contains(id)
            if isTest { testRows += 1 }
            return isTest
        }
        func flush() {
            add(batch, maxPrimitiveSites: maxPrimitiveSites, orderOffset: offset)
            offset += batch.count
            batch.removeAll(keepingCapacity: true)
        }
        try Matbench.stream(url: URL(fileURLWithPath: path), expecting: mbTask) { row in
            switch row {
            case .record(let r):
                if note(r.id) { test.append(r.id) } else { train.append(r.id) }
                batch.append(r)
                if batch.count >= Self.featurizationBatch { flush() }
            case .skipped(let s):
                _ = note(s.id)
                skipped.append(.init(id: s.id, reason: "\(fileName): \(s.reason)"))
            }
        }
        flush()
        recordsRead += rows
        if rows > 0 && testRows == 0 {
            throw ExperimentError.badInput("\(fileName): none of its \(rows) ids is a fold-0 test id of \(mbTask.rawValue) (its first id is \"\(firstID!.escapingControlCharacters(limit: 60))\"; Matbench's are \"\(mbTask == .gap ? "mb-mp-gap-000001" : "mb-mp-e-form-000001")\" onwards)")
        }
        matbenchSplits[task] = (train.filter { entries[$0] != nil }, test.filter { entries[$0] != nil })
    }

    /// Featurises `records` and adds the usable ones; the others go to `skipped` with the filter's reason.
    private mutating func add(_ records: [DatasetRecord], maxPrimitiveSites: Int, orderOffset: Int) {
        var candidates: [(Int, DatasetRecord)] = []
        for (i, r) in records.enumerated() {
            if r.structure.containsNobleGas {
                // Matbench removed every noble-gas compound from both tasks; do the same here.
                skipped.append(.init(id: r.id, reason: "contains a noble gas (excluded from Matbench)"))
                continue
            }
            candidates.append((i, r))
        }
        let (crystals, rejected) = SiteNetFeaturizer.featurize(candidates.map(\.1))
        for r in rejected { skipped.append(.init(id: r.id, reason: r.reason.description)) }
        let byID = Dictionary(uniqueKeysWithValues: candidates.map { ($0.1.id, $0) })
        for c in crystals {
            guard let (i, r) = byID[c.id] else { continue }
            if c.primSize > maxPrimitiveSites {
                skipped.append(.init(id: c.id, reason: "primitive cell has \(c.primSize) sites (> \(maxPrimitiveSites))"))
                continue
            }
            entries[c.id] = Entry(crystal: c, structure: r.structure, eForm: r.eForm, gap: r.bandGap,
                                  metalHalogen: r.structure.containsMetalAndHalogen, order: orderOffset + i)
        }
    }
}
