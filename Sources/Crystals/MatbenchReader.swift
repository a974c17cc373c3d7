import Foundation

extension Matbench {
    /// One row of a Matbench file as the streaming reader yields it.
    public enum Row: Sendable {
        /// A usable record (the label under its task: `bandGap` for gap, `eForm` for e_form).
        case record(DatasetRecord)
        /// A row pymatgen reads but this project cannot use (disordered site, element beyond Lr,
        /// zero-volume cell, a target that is not a finite number), with why.
        case skipped(SkippedRecord)
    }

    /// Streams a Matbench file (gzip or plain) in pandas "split" orientation,
    /// `{"index": [ids], "columns": ["structure", target], "data": [[Structure.as_dict(), value], …]}`,
    /// calling `body` once per row in file order. The text is inflated and tokenised one buffer at
    /// a time and each row becomes a `Structure` as soon as it is read, so neither the text nor a
    /// parsed tree of the whole file is ever in memory (rows are held only if `data` comes before
    /// `index` or `columns`, which pandas and matminer never write).
    ///
    /// Throws a one-line `StructureReadError` naming the file, and the record where there is one,
    /// for a file that is not a Matbench file of `expecting` (when given): a corrupt or truncated
    /// gzip, invalid JSON, another orientation ("records", "columns", "table" …), missing or
    /// foreign columns, the other task's file, `index` and `data` of different lengths, a row that
    /// is not `[structure, value]`, or a structure pymatgen's `Structure.from_dict` would reject.
    /// Returns the file's task.
    @discardableResult
    public static func stream(url: URL, expecting: Task? = nil, _ body: (Row) throws -> Void) throws -> Task {
        let source = try GzipChunkSource(url: url)
        return try stream(source: source, name: source.name, expecting: expecting, body)
    }

    /// `stream(url:expecting:_:)` over any byte source; `name` names the file in errors.
    @discardableResult
    public static func stream(source: ByteChunkSource, name: String, expecting: Task? = nil,
                              _ body: (Row) throws -> Void) throws -> Task {
        var reader = SplitReader(name: name, expecting: expecting)
        let parser = JSONStreamParser(source: source)
        do {
            try reader.read(parser, body)
        } catch let e as JSONSyntaxError {
            let record = reader.currentRow.map { " in \(reader.describeRow($0))" } ?? ""
            throw StructureReadError(file: name, "invalid JSON at byte \(e.offset)\(record): \(e.message)")
        }
        return reader.task!
    }
}

/// The state of one pass over a split-orientation file.
private struct SplitReader {
    let name: String
    let expecting: Matbench.Task?
    var task: Matbench.Task?
    var index: [String]?
    var rows = 0
    /// The 0-based row being parsed, for errors.
    var currentRow: Int?
    /// Rows read before `index` or `columns` (never in files pandas or matminer write).
    var pending: [(structure: Result<Structure, PymatgenDictError>, value: JSONValue)] = []

    init(name: String, expecting: Matbench.Task?) { self.name = name; self.expecting = expecting }

    func error(_ message: String) -> StructureReadError { StructureReadError(file: name, message) }

    /// "record 12 (mb-mp-gap-000012)", or "record 12" before the ids are known.
    func describeRow(_ k: Int) -> String {
        if let index, k < index.count { return "record \(k + 1) (\(index[k].escapingControlCharacters(limit: 60)))" }
        return "record \(k + 1)"
    }

    static let splitKeys = "{\"index\", \"columns\", \"data\"}"

    mutating func read(_ p: JSONStreamParser, _ body: (Matbench.Row) throws -> Void) throws {
        switch try p.peekToken() {
        case UInt8(ascii: "{"): break
        case UInt8(ascii: "["):
            throw error("expected pandas split orientation \(Self.splitKeys), found a JSON array (orient=\"records\" or \"values\"?)")
        case nil: throw error("the file is empty")
        default: throw error("not a JSON object: expected pandas split orientation \(Self.splitKeys)")
        }
        try p.beginObject()
        var seen: Set<String> = []
        var first = true
        while let key = try p.nextKey(first: first) {
            first = false
            guard seen.insert(key).inserted else { throw error("the key \"\(key.escapingControlCharacters(limit: 40))\" appears twice") }
            switch key {
            case "columns": try readColumns(try p.value())
            case "index": try readIndex(try p.value())
            case "data": try readData(p, body)
            default:
                let hint = key == "schema" ? " (orient=\"table\"?)" : " (orient=\"columns\" or \"index\"?)"
                throw error("unexpected key \"\(key.escapingControlCharacters(limit: 40))\": expected pandas split orientation \(Self.splitKeys)\(hint)")
            }
        }
        try p.expectEnd()
        for key in ["columns", "index", "data"] where !seen.contains(key) {
            throw error("no \"\(key)\": expected pandas split orientation \(Self.splitKeys)")
        }
        if let index, index.count != rows { throw error("\"index\" has \(index.count) entries but \"data\" \(rows)") }
        for (k, row) in pending.enumerated() { try body(try makeRow(k, row.structure, row.value)) }
        pending = []
    }

    mutating func readColumns(_ v: JSONValue) throws {
        let columns = (v.array ?? []).compactMap(\.string)
        let found = v.array.map { _ in columns.map { "\"\($0.escapingControlCharacters(limit: 40))\"" }.joined(separator: ", ") } ?? v.kindDescription
        let wanted = (expecting.map { [$0] } ?? Matbench.Task.allCases).map { "\"\($0.targetColumn)\"" }.joined(separator: " | ")
        guard columns.count == 2, v.array?.count == 2, columns[0] == "structure",
              let t = Matbench.Task.allCases.first(where: { $0.targetColumn == columns[1] }) else {
            throw error("expected columns [\"structure\", \(wanted)], found [\(found)]")
        }
        if let expecting, t != expecting {
            throw error("this is a \(t.rawValue) file (target column \"\(t.targetColumn)\"), not the \(expecting.rawValue) file it was given as")
        }
        task = t
    }

    mutating func readIndex(_ v: JSONValue) throws {
        guard let ids = v.array else { throw error("\"index\" is \(v.kindDescription), not a list of ids") }
        index = try ids.enumerated().map { k, id in
            switch id {
            case .string(let s): return s
            case .number(let d) where d == d.rounded() && abs(d) < 1e15: return String(Int64(d))
            default: throw error("\"index\" entry \(k + 1) is \(id.kindDescription), not an id")
            }
        }
        var seen = Set<String>(minimumCapacity: index!.count)
        for (k, id) in index!.enumerated() where !seen.insert(id).inserted {
            throw error("\"index\" repeats the id \"\(id.escapingControlCharacters(limit: 60))\" (entry \(k + 1))")
        }
    }

    mutating func readData(_ p: JSONStreamParser, _ body: (Matbench.Row) throws -> Void) throws {
        try p.beginArray()
        var first = true
        while try p.nextElement(first: first) {
            first = false
            let k = rows
            currentRow = k
            if let index, k >= index.count { throw error("\"data\" has more rows than \"index\" (\(index.count))") }
            let row = try p.value()
            guard let pair = row.array, pair.count == 2 else {
                let shape = row.array.map { "\($0.count) values" } ?? row.kindDescription
                throw error("\(describeRow(k)): expected a row [structure, value], found \(shape)")
            }
            let structure: Result<Structure, PymatgenDictError>
            do { structure = .success(try PymatgenJSON.structure(fromDict: pair[0])) } catch let e as PymatgenDictError {
                guard !e.pymatgenRejects else {
                    throw error("\(describeRow(k)): \(e.message) (pymatgen's Structure.from_dict would reject this structure)")
                }
                structure = .failure(e)
            }
            rows += 1
            if index == nil || task == nil { pending.append((structure, pair[1])); continue }
            try body(try makeRow(k, structure, pair[1]))
        }
        currentRow = nil
    }

    func makeRow(_ k: Int, _ structure: Result<Structure, PymatgenDictError>, _ value: JSONValue) throws -> Matbench.Row {
        let id = index![k]
        guard let y = value.number else {
            return .skipped(SkippedRecord(id: id, reason: "target is not a number (\(value.kindDescription))"))
        }
        guard y.isFinite else { return .skipped(SkippedRecord(id: id, reason: "target is not finite (\(y))")) }
        switch structure {
        case .failure(let e): return .skipped(SkippedRecord(id: id, reason: e.message))
        case .success(let s):
            return .record(DatasetRecord(id: id, structure: s, bandGap: task == .gap ? y : nil, eForm: task == .eForm ? y : nil))
        }
    }
}
