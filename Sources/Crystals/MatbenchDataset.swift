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

    /// Loads a Matbench dataset file in pandas "split" orientation:
    /// `{"index": [ids], "columns": ["structure", target], "data": [[Structure.as_dict(), value], …]}`
    /// (gzip or plain). The task is taken from the target column. A row whose structure or value
    /// is invalid is skipped and listed; a file that is not in this format throws.
    public static func load(url: URL) throws -> (task: Task, dataset: Dataset) {
        try parse(data: try Gzip.contents(of: url), name: url.lastPathComponent.escapingControlCharacters())
    }

    /// `load(url:)` on the decompressed bytes of a Matbench file; `name` names it in errors.
    public static func parse(data: Data, name: String) throws -> (task: Task, dataset: Dataset) {
        let obj: Any
        do { obj = try JSONSerialization.jsonObject(with: data) } catch {
            throw StructureReadError(file: name, line: PymatgenJSON.jsonErrorLine(error, data), "invalid JSON")
        }
        guard let dict = obj as? [String: Any], let columns = dict["columns"] as? [String],
              let rows = dict["data"] as? [Any] else {
            throw StructureReadError(file: name, "expected pandas split orientation {\"index\", \"columns\", \"data\"}")
        }
        guard columns.count == 2, columns[0] == "structure",
              let task = Task.allCases.first(where: { $0.targetColumn == columns[1] }) else {
            throw StructureReadError(file: name, "expected columns [\"structure\", \"gap pbe\" | \"e_form\"], found \(columns.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        let index = dict["index"] as? [Any]
        if let index, index.count != rows.count {
            throw StructureReadError(file: name, "\"index\" has \(index.count) entries but \"data\" \(rows.count)")
        }
        var records: [DatasetRecord] = [], skipped: [SkippedRecord] = []
        for (k, row) in rows.enumerated() {
            let id = index.map { "\($0[k])" } ?? "row \(k + 1)"
            guard let pair = row as? [Any], pair.count == 2 else {
                skipped.append(SkippedRecord(id: id, reason: "expected [structure, value]")); continue
            }
            guard let value = (pair[1] as? NSNumber)?.doubleValue, value.isFinite else {
                skipped.append(SkippedRecord(id: id, reason: "target is not a number")); continue
            }
            do {
                let s = try PymatgenJSON.structure(from: pair[0], context: id)
                records.append(DatasetRecord(id: id, structure: s, bandGap: task == .gap ? value : nil,
                                             eForm: task == .eForm ? value : nil))
            } catch let e as StructureReadError {
                skipped.append(SkippedRecord(id: id, reason: e.message))
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
