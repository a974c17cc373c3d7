import ArgumentParser

/// `--save-state-every`: how often a training item in flight saves its state into the store.
struct TrainingStateOptions: ParsableArguments {
    @Option(help: "Seconds between saves of a training's state into the store (DIM pretraining, donors, fig 7 trials); a run killed outright continues from the last save with the same results. 0: after every epoch.")
    var saveStateEvery: Double = 120

    func validate() throws {
        guard saveStateEvery >= 0, saveStateEvery.isFinite else {
            throw ValidationError("--save-state-every \(saveStateEvery): expected a number of seconds ≥ 0")
        }
    }
}
