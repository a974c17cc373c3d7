import ArgumentParser

// Placeholder until this command lands.
struct BenchTrain: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "Crystals per second and GFLOP/s of DIM and supervised training steps.")
    func run() throws { throw CLIFailure("'train' is not implemented yet") }
}
