import Foundation

/// Which OpenBLAS kernel family a run uses.
///
/// OpenBLAS picks its kernels (`gotoblas` core: `Haswell`, `Zen`, `SkylakeX`, `Prescott`, …) when
/// the library loads, from the CPU it finds, unless `OPENBLAS_CORETYPE` names one. Different
/// kernels block and accumulate products in different orders, so the same seed gives different
/// bits on different CPU kinds; and OpenBLAS 0.3.21 (Debian 12) does not recognise some recent
/// Intel Xeons and serves them with its generic SSE3 `Prescott` kernels, about 5× slower.
///
/// - `portable` (default): on every x86-64 CPU with AVX2 and FMA (Intel or AMD) pin the
///   `Haswell` family, so every such machine computes the same bits at AVX2 speed.
/// - `native`: leave the choice to OpenBLAS (fastest on CPUs it knows; bits differ by CPU kind).
///
/// A value of `OPENBLAS_CORETYPE` already set by the environment is never changed, whatever the
/// policy: some machines preset it (with `OPENBLAS_L2_SIZE`) because older OpenBLAS builds give
/// wrong results or crash on them.
public enum BLASKernelPolicy: String, CaseIterable, Sendable, Codable {
    case portable, native

    /// The kernel family pinned by `portable` on x86-64-v3 CPUs (AVX2 + FMA).
    public static let portableKernel = "Haswell"
    /// The environment variable OpenBLAS reads at load time.
    public static let coreTypeVariable = "OPENBLAS_CORETYPE"
    /// Set by `repro` when it pinned the kernel itself, so a re-executed process (and its children)
    /// can tell its own pin from a value the user's environment preset.
    public static let markerVariable = "REPRO_BLAS_PINNED"
    /// The policy can also be chosen by this environment variable (`portable` or `native`); the
    /// command-line `--blas` wins.
    public static let policyVariable = "REPRO_BLAS"

    /// Where the kernel in use came from.
    public enum Source: String, Sendable, Codable, Equatable {
        /// `repro` pinned the portable family.
        case pinned
        /// `OPENBLAS_CORETYPE` was preset by the environment and left as it was.
        case environment
        /// OpenBLAS chose for this CPU (`--blas native`).
        case native
        /// Portable policy, but the CPU lacks AVX2/FMA (or is not x86-64): OpenBLAS chose.
        case unpinnable
        /// The policy needed a re-execution that did not happen (a library caller, or `execv`
        /// failed): the kernel is whatever the environment gave OpenBLAS.
        case unapplied

        /// Words for messages and the run record.
        public var phrase: String {
            switch self {
            case .pinned: return "pinned by the portable kernel policy"
            case .environment: return "OPENBLAS_CORETYPE preset by the environment, left as it is"
            case .native: return "OpenBLAS's own choice for this CPU, --blas native"
            case .unpinnable: return "OpenBLAS's own choice: this CPU has no AVX2/FMA, so no portable family is pinned"
            case .unapplied: return "the kernel policy was not applied (no re-execution); OpenBLAS's own choice"
            }
        }
    }

    /// What the launcher must do before OpenBLAS loads.
    public enum Action: Equatable, Sendable {
        /// Nothing: the environment is as the policy wants it.
        case proceed(Source)
        /// Re-execute the program with these variables set (value) or removed (nil).
        case reexecute(set: [String: String?], then: Source)
    }

    /// The decision for `policy` given the process environment and the CPU.
    ///
    /// Pure function of its inputs (tested on its own); the launcher applies it.
    public static func decide(_ policy: BLASKernelPolicy, environment env: [String: String],
                              cpu: CPUFeatures) -> Action {
        let preset = env[coreTypeVariable].map { !$0.isEmpty } ?? false
        let ours = env[markerVariable] != nil
        switch (policy, preset, ours) {
        case (.portable, true, true): return .proceed(.pinned)
        case (.portable, true, false), (.native, true, false): return .proceed(.environment)
        case (.native, true, true):
            // A parent `repro` pinned the kernel; this run wants OpenBLAS's own choice.
            return .reexecute(set: [coreTypeVariable: nil, markerVariable: nil], then: .native)
        case (.native, false, _): return .proceed(.native)
        case (.portable, false, _):
            guard cpu.supportsPortableKernel else { return .proceed(.unpinnable) }
            return .reexecute(set: [coreTypeVariable: portableKernel, markerVariable: "portable"], then: .pinned)
        }
    }

    /// The policy of the running process: `REPRO_BLAS` (set by the launcher from `--blas`), else portable.
    public static func active(environment env: [String: String] = ProcessInfo.processInfo.environment) -> BLASKernelPolicy {
        env[policyVariable].flatMap(BLASKernelPolicy.init(rawValue:)) ?? .portable
    }

    /// The source of the kernel of the running process, read back from its environment: the
    /// launcher re-executed the process if the policy needed it, so a pending re-execution here
    /// means it did not happen.
    public static func currentSource(environment env: [String: String] = ProcessInfo.processInfo.environment,
                                     cpu: CPUFeatures = .current) -> Source {
        switch decide(active(environment: env), environment: env, cpu: cpu) {
        case let .proceed(s): return s
        case .reexecute: return .unapplied
        }
    }

    /// The instruction level an OpenBLAS core name's kernels use (0 unknown, 1 SSE, 2 AVX,
    /// 3 AVX2, 4 AVX-512), after OpenBLAS's `driver/others/dynamic.c` core list.
    public static func instructionLevel(ofKernel name: String) -> Int {
        switch name.lowercased() {
        case "katmai", "coppermine", "northwood", "prescott", "banias", "core2", "penryn", "dunnington",
             "nehalem", "atom", "opteron", "opteron_sse3", "barcelona", "nano", "generic": return 1
        case "sandybridge", "bulldozer", "piledriver": return 2
        case "haswell", "zen", "steamroller", "excavator": return 3
        case "skylakex", "cooperlake", "sapphirerapids": return 4
        default: return 0
        }
    }

    /// A warning when OpenBLAS runs kernels below what the CPU supports for a reason other than
    /// the portable pin (the generic fallback of old OpenBLAS on new CPUs), else nil.
    public static func fallbackWarning(kernel: String, source: Source, cpu: CPUFeatures) -> String? {
        let level = instructionLevel(ofKernel: kernel)
        guard level > 0, level < 3, cpu.supportsPortableKernel else { return nil }
        let how = source == .environment ? "OPENBLAS_CORETYPE=\(kernel) is preset by the environment"
                                         : "this OpenBLAS does not recognise the CPU"
        return "warning: OpenBLAS runs its generic \(kernel) kernels on a CPU with \(cpu.levelName) (\(how)): "
            + "several times slower than the \(portableKernel) kernels, and results differ from other machines; "
            + "the default `--blas portable` pins \(portableKernel) when OPENBLAS_CORETYPE is not preset"
    }
}

/// The CPU features the kernel policy looks at, read from `/proc/cpuinfo` on Linux.
public struct CPUFeatures: Equatable, Sendable {
    /// True on x86-64.
    public var isX86_64: Bool
    /// The lower-cased feature flags (`avx2`, `fma`, `avx512f`, …).
    public var flags: Set<String>
    /// The CPU's model name, for messages.
    public var modelName: String

    public init(isX86_64: Bool, flags: Set<String>, modelName: String = "") {
        self.isX86_64 = isX86_64; self.flags = flags; self.modelName = modelName
    }

    /// x86-64-v3 level (AVX2 and FMA): the portable Haswell kernels run here.
    public var supportsPortableKernel: Bool { isX86_64 && flags.contains("avx2") && flags.contains("fma") }

    /// "AVX-512", "AVX2", "AVX" or "SSE" (the widest vector extension among the flags).
    public var levelName: String {
        if flags.contains("avx512f") { return "AVX-512" }
        if flags.contains("avx2") { return "AVX2" }
        if flags.contains("avx") { return "AVX" }
        return "SSE"
    }

    /// Parses the text of `/proc/cpuinfo` (first processor's `flags` and `model name`).
    public static func parse(cpuinfo: String, isX86_64: Bool) -> CPUFeatures {
        var flags = Set<String>(), model = ""
        for line in cpuinfo.split(separator: "\n", omittingEmptySubsequences: true) {
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces), value = parts[1].trimmingCharacters(in: .whitespaces)
            if key == "flags", flags.isEmpty { flags = Set(value.lowercased().split(separator: " ").map(String.init)) }
            if key == "model name", model.isEmpty { model = value }
            if !flags.isEmpty, !model.isEmpty { break }
        }
        return CPUFeatures(isX86_64: isX86_64, flags: flags, modelName: model)
    }

    /// This machine's features (empty flags where `/proc/cpuinfo` is unreadable).
    public static let current: CPUFeatures = {
        #if arch(x86_64)
        let x86 = true
        #else
        let x86 = false
        #endif
        let text = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        return parse(cpuinfo: text, isX86_64: x86)
    }()
}
