import ArgumentParser
import Foundation
import Learning

/// `repro blas`: which OpenBLAS kernel this machine runs under each policy, and why.
struct BLASInfo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blas",
        abstract: "Show the OpenBLAS kernel in use, where it came from, and this CPU's vector level.",
        discussion: """
        Results depend on the OpenBLAS kernel family, so every run pins one (see --blas) and records \
        it; store keys include it, so a store never mixes kernels. Example: `repro blas --blas native`.
        """)

    @OptionGroup var blasOptions: BLASOptions
    @Flag(help: "Print JSON: kernel, source, policy, cpu, vectorLevel.") var json = false

    func run() throws {
        let cpu = CPUFeatures.current, source = BLASKernelPolicy.currentSource()
        if json {
            let obj: [String: String] = ["kernel": BLAS.coreName, "source": source.rawValue,
                                         "policy": BLASKernelPolicy.active().rawValue,
                                         "cpu": cpu.modelName, "vectorLevel": cpu.levelName]
            let data = try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print(BLASOptions.describe(threads: BLAS.threads))
        print("policy \(BLASKernelPolicy.active().rawValue); CPU \(cpu.modelName.isEmpty ? "unknown" : cpu.modelName), \(cpu.levelName)")
    }
}
