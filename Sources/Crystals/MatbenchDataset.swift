import Foundation

/// The Matbench v0.1 files the paper uses (`matbench_mp_gap.json.gz`,
/// `matbench_mp_e_form.json.gz`) and their official fold-0 test ids.
public enum Matbench {
    /// The two Matbench tasks of the paper.
    public enum Task: String, Sendable, CaseIterable {
        /// `matbench_mp_gap`: PBE band gap (eV), column "gap pbe".
        case gap = "matbench_mp_gap"
        /// `matbench_mp_e_form`: formation energy (eV/atom), column "e_form".
        case eForm = "matbench_mp_e_form"

        /// The target column name in the dataset file.
        public var targetColumn: String { self == .gap ? "gap pbe" : "e_form" }
    }

    /// Loads a whole Matbench dataset file in pandas "split" orientation (gzip or plain) through
    /// the streaming reader `stream(url:expecting:_:)`, whose errors it throws; rows pymatgen reads
    /// but this project cannot use are listed in `skipped`. The task is taken from the target
    /// column, or must be `expecting` when given.
    public static func load(url: URL, expecting: Task? = nil) throws -> (task: Task, dataset: Dataset) {
        var records: [DatasetRecord] = [], skipped: [SkippedRecord] = []
        let task = try stream(url: url, expecting: expecting) { row in
            switch row {
            case .record(let r): records.append(r)
            case .skipped(let s): skipped.append(s)
            }
        }
        return (task, Dataset(name: url.lastPathComponent.escapingControlCharacters(), records: records, skipped: skipped))
    }

    /// `load(url:)` on the decompressed bytes of a Matbench file; `name` names it in errors.
    public static func parse(data: Data, name: String) throws -> (task: Task, dataset: Dataset) {
        var records: [DatasetRecord] = [], skipped: [SkippedRecord] = []
        let task = try stream(source: DataChunkSource(data), name: name) { row in
            switch row {
            case .record(let r): records.append(r)
            case .skipped(let s): skipped.append(s)
            }
        }
        return (task, Dataset(name: name, records: records, skipped: skipped))
    }

    /// The fold-0 test ids of `task` from a file shaped like matbench's validation JSON:
    /// `{"folds": {"matbench_mp_gap": {"fold_0": {"test": [ids], …}}, …}}` (gzip or plain).
    public static func fold0TestIDs(url: URL, task: Task) throws -> Set<String> {
        let name = url.lastPathComponent
        let data = try Gzip.contents(of: url)
        guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw StructureReadError(file: name, "invalid JSON")
        }
        guard let folds = obj["folds"] as? [String: Any], let t = folds[task.rawValue] as? [String: Any],
              let f0 = t["fold_0"] as? [String: Any], let test = f0["test"] as? [String] else {
            throw StructureReadError(file: name, "expected folds.\(task.rawValue).fold_0.test as a list of ids")
        }
        return Set(test)
    }

    /// Splits a dataset into fold-0 train (all ids not in `testIDs`) and test, keeping file order.
    public static func split(_ dataset: Dataset, testIDs: Set<String>) -> (train: [DatasetRecord], test: [DatasetRecord]) {
        var train: [DatasetRecord] = [], test: [DatasetRecord] = []
        for r in dataset.records { if testIDs.contains(r.id) { test.append(r) } else { train.append(r) } }
        return (train, test)
    }
}
