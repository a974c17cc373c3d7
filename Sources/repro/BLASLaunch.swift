import ArgumentParser
import Foundation
import Learning

/// Applies the OpenBLAS kernel policy before the library's first call.
///
/// OpenBLAS reads `OPENBLAS_CORETYPE` once, when it loads with the program, so a kernel can only be
/// pinned by starting the program again with the variable set: the launcher re-executes
/// `/proc/self/exe` with the same arguments when ``BLASKernelPolicy/decide(_:environment:cpu:)``
/// asks for it (at most once: the re-executed process finds the environment as the policy wants it).
enum BLASLaunch {
    /// Reads the policy (`--blas X` / `--blas=X` in the arguments, else `REPRO_BLAS`, else
    /// portable), records it in `REPRO_BLAS` for this process and its children, and re-executes
    /// when needed. Returns only when the environment is final.
    static func apply(arguments: [String] = CommandLine.arguments) {
        var env = ProcessInfo.processInfo.environment
        let policy = requestedPolicy(arguments) ?? BLASKernelPolicy.active(environment: env)
        setenv(BLASKernelPolicy.policyVariable, policy.rawValue, 1)
        env[BLASKernelPolicy.policyVariable] = policy.rawValue
        guard case let .reexecute(changes, _) = BLASKernelPolicy.decide(policy, environment: env, cpu: .current) else { return }
        for (name, value) in changes {
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", &argv)
        // Only reached when execv failed: go on with OpenBLAS's own choice, and say so.
        let reason = String(cString: strerror(errno))
        for (name, _) in changes { unsetenv(name) }
        FileHandle.standardError.write(Data("warning: could not re-execute to pin the OpenBLAS kernel (\(reason)); OpenBLAS chooses its own\n".utf8))
    }

    /// The value of `--blas` in `arguments` when it names a policy (ArgumentParser validates the
    /// option itself, with its usage message, for any other value).
    static func requestedPolicy(_ arguments: [String]) -> BLASKernelPolicy? {
        var found: BLASKernelPolicy? = nil
        var i = 1
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            if a == "--blas", i + 1 < arguments.count { found = BLASKernelPolicy(rawValue: arguments[i + 1]) ?? found; i += 1 }
            else if a.hasPrefix("--blas=") { found = BLASKernelPolicy(rawValue: String(a.dropFirst("--blas=".count))) ?? found }
            i += 1
        }
        return found
    }
}

extension BLASKernelPolicy: ExpressibleByArgument {}

/// `--blas portable|native`, on every command that computes with OpenBLAS.
struct BLASOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "OpenBLAS kernel policy: portable (default) pins the Haswell kernels on every x86-64 CPU with AVX2+FMA, so Intel and AMD machines compute the same bits; native lets OpenBLAS pick the fastest kernel for this CPU (results then differ by CPU kind). A preset OPENBLAS_CORETYPE is always respected.",
        valueName: "policy"))
    var blas: BLASKernelPolicy = .portable

    /// One line for the run log: the kernel, where it came from, and a warning for a generic fallback.
    static func describe(threads: Int) -> String {
        let kernel = BLAS.coreName, source = BLASKernelPolicy.currentSource()
        var line = "OpenBLAS kernel \(kernel) (\(source.phrase)), \(threads) thread\(threads == 1 ? "" : "s") per job"
        if let w = BLASKernelPolicy.fallbackWarning(kernel: kernel, source: source, cpu: .current) { line += "\n" + w }
        return line
    }
}
