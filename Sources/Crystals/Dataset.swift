import Foundation

/// One labelled crystal of a dataset.
public struct DatasetRecord: Sendable, Equatable {
    /// Record identifier (MP id `mp-1234` or Matbench id `mb-mp-gap-000003`).
    public var id: String
    /// The structure as stored.
    public var structure: Structure
    /// PBE band gap (eV), when the dataset has it.
    public var bandGap: Double?
    /// Formation energy per atom (eV/atom), when the dataset has it.
    public var eForm: Double?

    /// A record from its parts.
    public init(id: String, structure: Structure, bandGap: Double?, eForm: Double?) {
        self.id = id; self.structure = structure; self.bandGap = bandGap; self.eForm = eForm
    }
}

/// A record that could not be read: where it was and why.
public struct SkippedRecord: Sendable, Equatable, CustomStringConvertible {
    /// Record id when known, otherwise "line N" / "row N".
    public var id: String
    /// Why it was skipped (one line).
    public var reason: String
    /// A skipped record.
    public init(id: String, reason: String) { self.id = id; self.reason = reason }
    /// `"id: reason"`.
    public var description: String { "\(id): \(reason)" }
}

/// The records of a dataset file plus every record that was skipped (never silently dropped).
public struct Dataset: Sendable {
    /// Name of the source (file name).
    public var name: String
    /// Records read, in file order.
    public var records: [DatasetRecord]
    /// Records skipped, in file order, with reasons.
    public var skipped: [SkippedRecord]

    /// A dataset from its parts.
    public init(name: String, records: [DatasetRecord], skipped: [SkippedRecord]) {
        self.name = name; self.records = records; self.skipped = skipped
    }
}

extension Dataset {
    /// URL of the embedded dataset `mp-offline-7k.jsonl.gz` (7,211 MP structures with PBE band
    /// gap and formation energy; provenance in `Resources/DATASET.md`).
    public static var embeddedURL: URL {
        Bundle.module.url(forResource: "mp-offline-7k.jsonl", withExtension: "gz")!
    }

    /// Loads the embedded dataset.
    public static func loadEmbedded() throws -> Dataset { try loadJSONLines(url: embeddedURL) }

    /// Loads a JSON-lines dataset (gzip or plain): one object per line with `id`, `lattice`
    /// (3×3 rows), `frac` (n×3), `species` (n symbols), optional `band_gap`, `e_form`.
    /// A line that does not parse or describes an invalid structure is skipped and listed with its
    /// line number and reason; only an unreadable file throws.
    public static func loadJSONLines(url: URL) throws -> Dataset {
        let data = try Gzip.contents(of: url)
        var records: [DatasetRecord] = [], skipped: [SkippedRecord] = []
        var lineNumber = 0
        for line in data.split(separator: 10, omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            do {
                records.append(try jsonLineRecord(Data(line), line: lineNumber))
            } catch let e as StructureReadError {
                skipped.append(SkippedRecord(id: e.file, reason: "line \(lineNumber): \(e.message)"))
            } catch {
                skipped.append(SkippedRecord(id: "line \(lineNumber)", reason: "\(error)"))
            }
        }
        return Dataset(name: url.lastPathComponent, records: records, skipped: skipped)
    }

    static func jsonLineRecord(_ data: Data, line: Int) throws -> DatasetRecord {
        let where_ = "line \(line)"
        guard let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw StructureReadError(file: where_, "not a JSON object")
        }
        guard let id = obj["id"] as? String, !id.isEmpty else { throw StructureReadError(file: where_, "missing \"id\"") }
        func fail(_ m: String) -> StructureReadError { StructureReadError(file: id, m) }
        guard let m = obj["lattice"] as? [[Any]], m.count == 3, m.allSatisfy({ $0.count == 3 }) else {
            throw fail("expected \"lattice\" as 3×3 numbers")
        }
        let rows: [[Double]] = try m.map { try $0.map {
            guard let d = ($0 as? NSNumber)?.doubleValue, d.isFinite else { throw fail("lattice holds a non-number") }
            return d } }
        let lattice = Lattice(rows: rows)
        guard lattice.volume > 1e-6 else { throw fail("lattice has zero volume") }
        guard let frac = obj["frac"] as? [[Any]], let species = obj["species"] as? [Any] else {
            throw fail("expected \"frac\" and \"species\" arrays")
        }
        guard frac.count == species.count, !frac.isEmpty else {
            throw fail("\"frac\" has \(frac.count) sites but \"species\" \(species.count)")
        }
        var z: [Int] = [], f: [SIMD3<Double>] = []
        for (k, (p, s)) in zip(frac, species).enumerated() {
            let d = p.compactMap { ($0 as? NSNumber)?.doubleValue }
            guard p.count == 3, d.count == 3, d.allSatisfy(\.isFinite) else { throw fail("site \(k): expected 3 fractional coordinates") }
            guard let sym = s as? String, let zz = Element.atomicNumber(of: sym) else {
                throw fail("site \(k): unknown element \(s)")
            }
            z.append(zz); f.append(SIMD3(d[0], d[1], d[2]))
        }
        func label(_ key: String) throws -> Double? {
            guard let v = obj[key], !(v is NSNull) else { return nil }
            guard let d = (v as? NSNumber)?.doubleValue, d.isFinite else { throw fail("\"\(key)\" is not a number") }
            return d
        }
        return DatasetRecord(id: id, structure: Structure(lattice: lattice, atomicNumbers: z, fractional: f),
                             bandGap: try label("band_gap"), eForm: try label("e_form"))
    }
}
