import Crystals
import FileOutput
import Foundation
import Randomness

/// Writes stand-ins for the user's Matbench files, `matbench_mp_e_form.json.gz` and
/// `matbench_mp_gap.json.gz`, in Matbench's exact format, so that the `paper` profile's data path
/// can be run at full size where the real files cannot be downloaded.
///
/// Format (as matminer's `store_dataframe_as_json` writes it: `json.dumps` of pandas
/// `DataFrame.to_dict(orient="split")`, gzipped): `{"index": [ids], "columns": ["structure",
/// target], "data": [[Structure.as_dict(), value], …]}` with `", "` and `": "` separators. Ids are
/// consecutive from 1, `mb-mp-e-form-000001` / `mb-mp-gap-000001`, as in the real files, so the
/// bundled fold-0 test ids select exactly the real test counts at the real record counts (e_form:
/// 26,551 of 132,752; gap: 21,223 of 106,113). Structure dicts carry every key pymatgen's
/// `as_dict()` writes, in its order (`PymatgenJSON.dictionary(of:)`).
///
/// Record k is an embedded structure (drawn uniformly, noble-gas compounds excluded as in
/// Matbench) whose lattice M becomes M(I + ε) with a seeded symmetric strain ε (diagonal within
/// ±3 %, off-diagonal within ±1 %; fractional coordinates kept), labelled with its embedded value
/// plus seeded noise (e_form: + N(0, 0.05²) eV/atom; gap: + N(0, 0.1²) eV clamped at 0, metals
/// stay at 0). Draws come from one stream per task and seed in record order, so the bytes depend
/// only on the seed and the count, and a shorter file is the first records of a longer one.
/// Checked with pandas `read_json(orient="split")` and pymatgen `Structure.from_dict` (see
/// `Tests/ExperimentsTests/MatbenchSynthesizerTests.swift`).
public enum MatbenchSynthesizer {
    /// The record counts of Matbench v0.1's files.
    public static let realRecordCounts: [Matbench.Task: Int] = [.eForm: 132_752, .gap: 106_113]

    /// The file name Matbench gives a task's file.
    public static func fileName(_ task: Matbench.Task) -> String { "\(task.rawValue).json.gz" }

    /// The id of record `k` (1-based): `mb-mp-e-form-000042`, `mb-mp-gap-000042`.
    public static func id(_ task: Matbench.Task, _ k: Int) -> String {
        let prefix = task == .eForm ? "mb-mp-e-form-" : "mb-mp-gap-"
        let digits = String(k)
        return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// What one written file holds.
    public struct Summary: Sendable, Equatable {
        public var task: Matbench.Task
        public var url: URL
        public var records: Int
        /// Records whose id is a bundled fold-0 test id.
        public var fold0Test: Int
    }

    /// Writes `records` rows of `task` to `url` (atomically: a temporary file renamed into place).
    /// `pool` holds the structures and labels to draw from (the embedded dataset); `testIDs`
    /// the task's fold-0 test ids, used only to count them in the summary.
    public static func write(task: Matbench.Task, records: Int, seed: UInt64, pool: [DatasetRecord],
                             testIDs: Set<String>, to url: URL) throws -> Summary {
        let candidates = pool.filter { !$0.structure.containsNobleGas && label(task, $0) != nil }
        guard !candidates.isEmpty else { throw ExperimentError.badInput("no structure with a \(task.targetColumn) label to draw from") }
        guard records >= 1 && records <= 999_999 else {
            throw ExperimentError.badInput("\(fileName(task)): \(records) records asked for; ids have 6 digits, so 1…999,999")
        }
        let tmp = AtomicFile.temporaryURL(for: url)
        do {
            let out = try GzipFileWriter(url: tmp)
            try out.write("{\"index\": [")
            var test = 0
            for k in 1...records {
                let id = id(task, k)
                if testIDs.contains(id) { test += 1 }
                try out.write((k == 1 ? "\"" : ", \"") + id + "\"")
            }
            try out.write("], \"columns\": [\"structure\", \"\(task.targetColumn)\"], \"data\": [")
            var stream = SeedPath("synth-matbench", String(seed), task.rawValue).stream()
            for k in 1...records {
                let source = candidates[stream.index(below: candidates.count)]
                let (structure, y) = perturb(source, task: task, stream: &stream)
                var text = k == 1 ? "[" : ", ["
                appendStructureDict(structure, to: &text)
                text += ", " + number(y) + "]"
                try out.write(text)
            }
            try out.write("]}")
            try out.close()
            try AtomicFile.replace(url, withTemporary: tmp)
            return Summary(task: task, url: url, records: records, fold0Test: test)
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }

    /// Writes both files into `directory` (created if needed) from the embedded dataset, with the
    /// bundled fold-0 test ids counted in each summary (e_form first).
    public static func writeBoth(to directory: URL, eFormRecords: Int, gapRecords: Int, seed: UInt64) throws -> [Summary] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let pool = try Dataset.loadEmbedded().records
        guard let folds = ExperimentResources.matbenchFold0TestIDs else {
            throw ExperimentError.badInput("matbench_fold0_test_ids.json.gz is missing from the Experiments bundle")
        }
        return try [(Matbench.Task.eForm, eFormRecords), (.gap, gapRecords)].map { task, n in
            try write(task: task, records: n, seed: seed, pool: pool, testIDs: Matbench.fold0TestIDs(url: folds, task: task),
                      to: directory.appendingPathComponent(fileName(task)))
        }
    }

    static func label(_ task: Matbench.Task, _ r: DatasetRecord) -> Double? { task == .eForm ? r.eForm : r.bandGap }

    /// The strained structure and noisy label of one record; draws a fixed sequence per record.
    static func perturb(_ r: DatasetRecord, task: Matbench.Task, stream: inout RandomStream) -> (Structure, Double) {
        var e = [[Double]](repeating: [0, 0, 0], count: 3)
        for i in 0..<3 { e[i][i] = stream.uniform(-0.03, 0.03) }
        for (i, j) in [(0, 1), (0, 2), (1, 2)] { let v = stream.uniform(-0.01, 0.01); e[i][j] = v; e[j][i] = v }
        let m = r.structure.lattice.matrix
        var rows = [[Double]](repeating: [0, 0, 0], count: 3)
        for i in 0..<3 {
            for j in 0..<3 {
                var v = m[i][j]
                for k in 0..<3 { v += m[i][k] * e[k][j] }
                rows[i][j] = v
            }
        }
        let structure = Structure(lattice: Lattice(rows: rows), atomicNumbers: r.structure.atomicNumbers,
                                  fractional: r.structure.fractional)
        let noise = stream.normal()
        let y0 = label(task, r)!
        let y = task == .eForm ? y0 + 0.05 * noise : (y0 > 0 ? max(0, y0 + 0.1 * noise) : 0)
        return (structure, y)
    }

    /// A double as Python's `json.dumps` writes it (shortest round-trip digits; "1.0", "1e-05").
    static func number(_ d: Double) -> String { "\(d)" }

    /// Appends `Structure.as_dict()` of `s` as `json.dumps` prints it (keys in pymatgen's order).
    static func appendStructureDict(_ s: Structure, to text: inout String) {
        func vector(_ v: SIMD3<Double>) -> String { "[\(number(v.x)), \(number(v.y)), \(number(v.z))]" }
        let p = s.lattice.parameters
        text += "{\"@module\": \"pymatgen.core.structure\", \"@class\": \"Structure\", \"charge\": 0.0, \"lattice\": {\"matrix\": ["
        text += s.lattice.matrix.map(vector).joined(separator: ", ")
        text += "], \"pbc\": [true, true, true], \"a\": \(number(p.a)), \"b\": \(number(p.b)), \"c\": \(number(p.c)), "
        text += "\"alpha\": \(number(p.alpha)), \"beta\": \(number(p.beta)), \"gamma\": \(number(p.gamma)), "
        text += "\"volume\": \(number(s.lattice.volume))}, \"properties\": {}, \"sites\": ["
        for (k, (symbol, (f, x))) in zip(s.species, zip(s.fractional, s.cartesian)).enumerated() {
            if k > 0 { text += ", " }
            text += "{\"species\": [{\"element\": \"\(symbol)\", \"occu\": 1}], \"abc\": \(vector(f)), "
            text += "\"properties\": {}, \"label\": \"\(symbol)\", \"xyz\": \(vector(x))}"
        }
        text += "]}"
    }
}
