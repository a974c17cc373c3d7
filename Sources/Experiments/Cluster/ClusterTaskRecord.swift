import Foundation

/// One attempt of one cluster array task (`repro cluster task`), kept in the result store under
/// `cluster/tasks/<profile>/` so that `repro cluster status` can say which shard ran where, with
/// how many CPUs, jobs and BLAS threads, and which attempts never finished (killed, pre-empted,
/// out of time).
///
/// The record is written atomically twice: when the task starts (`outcome` = `started`) and when
/// it ends (`finished`, `cancelled` or `error`). A record still saying `started` after its job
/// left the queue means the task was killed. Records hold wall-clock times and host names, so
/// they never enter `results.json` (which stays bit-identical across machines and shardings).
public struct ClusterTaskRecord: Codable, Equatable, Sendable {
    /// Profile name.
    public var profile: String
    /// Stage the task ran (0–3).
    public var stage: Int
    /// 1-based shard index within the stage.
    public var shard: Int
    /// Number of shards of the stage.
    public var shards: Int
    /// Scheduler job id (`SLURM_JOB_ID`), or `local-<pid>` outside Slurm.
    public var jobID: String
    /// `SLURM_ARRAY_JOB_ID_SLURM_ARRAY_TASK_ID` when run as an array task.
    public var arrayTask: String?
    /// Host name of the node.
    public var host: String
    /// CPUs Slurm allocated to the task (`SLURM_CPUS_PER_TASK`), if set.
    public var cpusPerTask: Int?
    /// Items computed side by side (= `cpusPerTask` when set).
    public var jobs: Int
    /// OpenBLAS threads per job, as OpenBLAS reports after setting it (1).
    public var blasThreadsPerJob: Int
    /// `openblas_get_corename()`.
    public var blasCore: String
    /// Start time, ISO 8601 UTC.
    public var started: String
    /// End time, ISO 8601 UTC (nil while running or when killed).
    public var ended: String?
    /// `started`, `finished`, `cancelled` (SIGINT/SIGTERM: items in flight completed) or `error`.
    public var outcome: String
    /// Items computed, reused, failed and blocked (nil until the task ends).
    public var computed: Int?, reused: Int?, failed: Int?, blocked: Int?
    /// Error message when `outcome` is `error`.
    public var message: String?

    /// A record for a task that is starting now.
    public init(profile: String, stage: Int, shard: Int, shards: Int, jobID: String, arrayTask: String?, host: String,
                cpusPerTask: Int?, jobs: Int, blasThreadsPerJob: Int, blasCore: String, started: Date = Date()) {
        self.profile = profile; self.stage = stage; self.shard = shard; self.shards = shards
        self.jobID = jobID; self.arrayTask = arrayTask; self.host = host; self.cpusPerTask = cpusPerTask
        self.jobs = jobs; self.blasThreadsPerJob = blasThreadsPerJob; self.blasCore = blasCore
        self.started = Self.timestamp(started); self.outcome = "started"
    }

    /// ISO 8601 UTC with seconds.
    public static func timestamp(_ d: Date) -> String {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: d)
    }

    /// File name of this attempt: `stage<s>-shard<i>of<n>-<job>.json` (job id made file-safe).
    public var fileName: String {
        let job = jobID.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" }
        return "stage\(stage)-shard\(shard)of\(shards)-\(String(job)).json"
    }

    /// Directory of a profile's task records in a store.
    public static func directory(store: ResultStore, profile: String) -> URL {
        store.root.appendingPathComponent("cluster/tasks/\(profile)", isDirectory: true)
    }

    /// Writes the record atomically (temp file + rename) into the store.
    public func write(to store: ResultStore) throws {
        let dir = Self.directory(store: store, profile: profile)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try ResultStore.atomicWrite(try enc.encode(self), to: dir.appendingPathComponent(fileName))
    }

    /// Every readable record of a profile, sorted by (stage, shards, shard, start time, job id).
    /// Unreadable files are returned as `unreadable` file names, never thrown.
    public static func all(in store: ResultStore, profile: String) -> (records: [ClusterTaskRecord], unreadable: [String]) {
        let dir = directory(store: store, profile: profile)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        var out: [ClusterTaskRecord] = [], bad: [String] = []
        for n in names {
            if let d = try? Data(contentsOf: dir.appendingPathComponent(n)), let r = try? JSONDecoder().decode(ClusterTaskRecord.self, from: d) {
                out.append(r)
            } else { bad.append(n) }
        }
        out.sort { ($0.stage, $0.shards, $0.shard, $0.started, $0.jobID) < ($1.stage, $1.shards, $1.shard, $1.started, $1.jobID) }
        return (out, bad)
    }
}
