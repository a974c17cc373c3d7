import Foundation
import Learning
import Randomness

/// Everything a training loop (DIM or supervised) carries from one epoch to the next besides the
/// weights and the optimiser state: the curve, the stopping rules' bookkeeping, the best-epoch
/// weights and the result of every rule that has fired. Saved with the weights and optimiser
/// moments, it lets an interrupted run continue with the same bits (``Learning/ResumePoint``).
struct TrainingLoopState<Point: Codable> {
    /// Where one rule stopped: the selected and the last weights, copied when it fired (training
    /// may go on under a longer rule). The snapshots travel as tensors, not JSON.
    struct Stop: Codable {
        var selected = ParameterSnapshot([]), last = ParameterSnapshot([])
        var selectedEpoch: Int, epochs: Int
        var reason: StopReason

        private enum CodingKeys: String, CodingKey { case selectedEpoch, epochs, reason }
    }

    /// The last epoch trained (0 before the first).
    var epoch = 0
    var curve: [Point] = []
    var tracker: StoppingTracker
    var bestSnap: ParameterSnapshot? = nil
    /// Per rule of ``tracker``: its result once it has fired.
    var stops: [Stop?]

    init(rules: [StoppingRule]) {
        tracker = StoppingTracker(rules)
        stops = Array(repeating: nil, count: rules.count)
    }

    /// Records epoch `epoch`'s point and criterion: a new best copies `parameters` when
    /// `keepsBest`; each rule that fires keeps the best-epoch weights (or the last, when there is
    /// no best) and the last weights.
    mutating func record(epoch: Int, point: Point, criterion: Double?, parameters: [Parameter], keepsBest: Bool) {
        curve.append(point)
        let (improved, fired) = tracker.record(epoch: epoch, criterion: criterion)
        if improved, keepsBest { bestSnap = ParameterSnapshot(parameters) }
        for i in fired {
            let s = tracker.stops[i]!
            let last = ParameterSnapshot(parameters)
            stops[i] = Stop(selected: bestSnap ?? last, last: last, selectedEpoch: bestSnap == nil ? epoch : s.bestEpoch,
                            epochs: epoch, reason: s.reason)
        }
        self.epoch = epoch
    }

    /// The JSON part of a saved state.
    struct Bookkeeping: Codable {
        var epoch: Int
        var curve: [Point]
        var tracker: StoppingTracker
        var hasBest: Bool
        var stops: [Stop?]
        var optimizerSteps: [Int]
    }

    /// `point` with an identity that also names the trainer, its configuration, the seed and the
    /// data size, so a state is only ever continued by the run that wrote it.
    static func point(_ point: ResumePoint, trainer: String, config: some Encodable, seed: SeedPath, examples: Int) -> ResumePoint {
        ResumePoint(url: point.url, identity: "\(trainer) \(point.identity) \(TrainingStateJSON.text(config)) seed \(seed) examples \(examples)",
                    interval: point.interval)
    }

    /// Saves the state after ``epoch`` with the weights and the optimisers' moments.
    func write(_ point: ResumePoint, parameters: [Parameter], optimizers: [AdamOptimizer]) throws {
        var tensors = ParameterSnapshot(parameters).tensors(prefix: "model")
        for (i, o) in optimizers.enumerated() { tensors += o.stateTensors(prefix: "adam\(i)") }
        if let b = bestSnap { tensors += b.tensors(prefix: "best") }
        for (i, s) in stops.enumerated() {
            guard let s else { continue }
            tensors += s.selected.tensors(prefix: "stop\(i).selected") + s.last.tensors(prefix: "stop\(i).last")
        }
        let book = Bookkeeping(epoch: epoch, curve: curve, tracker: tracker, hasBest: bestSnap != nil, stops: stops,
                               optimizerSteps: optimizers.map(\.stepCount))
        try TrainingState(identity: point.identity, bookkeeping: book, tensors: tensors).write(to: point.url)
    }

    /// The state saved at `point` for this run, loaded into `parameters` and `optimizers`; nil
    /// when there is none (or it belongs to another run).
    static func read(_ point: ResumePoint, parameters: [Parameter], optimizers: [AdamOptimizer]) throws -> TrainingLoopState? {
        guard let saved = try TrainingState<Bookkeeping>.read(point) else { return nil }
        let path = point.url.path, book = saved.bookkeeping
        func mismatch(_ what: String) -> CheckpointError { .tensorMismatch(path: path, detail: "training state does not fit the run: \(what)") }
        guard book.stops.count == book.tracker.rules.count else { throw mismatch("\(book.stops.count) results for \(book.tracker.rules.count) rules") }
        guard book.optimizerSteps.count == optimizers.count else { throw mismatch("\(book.optimizerSteps.count) optimisers, the run has \(optimizers.count)") }
        try ParameterSnapshot.from(saved.group("model"), like: parameters, path: path).restore(into: parameters)
        for (i, o) in optimizers.enumerated() {
            try o.restore(steps: book.optimizerSteps[i], from: saved.tensors, prefix: "adam\(i)", path: path)
        }
        var state = TrainingLoopState(rules: book.tracker.rules)
        state.tracker = book.tracker; state.epoch = book.epoch; state.curve = book.curve
        if book.hasBest { state.bestSnap = try ParameterSnapshot.from(saved.group("best"), like: parameters, path: path) }
        for (i, s) in book.stops.enumerated() {
            guard var s else { continue }
            s.selected = try ParameterSnapshot.from(saved.group("stop\(i).selected"), like: parameters, path: path)
            s.last = try ParameterSnapshot.from(saved.group("stop\(i).last"), like: parameters, path: path)
            state.stops[i] = s
        }
        return state
    }
}

/// What a saved training state says about itself without a model to load it into.
public enum SavedTrainingState {
    private struct Header: Decodable {
        struct State: Decodable { var epoch: Int }
        var state: State
    }

    /// The last epoch trained before the state at `url` was saved; an unreadable or damaged file
    /// is an error naming it.
    public static func epoch(at url: URL) throws -> Int {
        let archive = try ParameterArchive.read(from: url)
        try archive.check(fingerprint: TrainingState<Int>.fingerprint, path: url.path)
        do { return try TrainingStateJSON.decoder.decode(Header.self, from: Data(archive.metadata.utf8)).state.epoch }
        catch { throw CheckpointError.tensorMismatch(path: url.path, detail: "training state metadata does not decode: \(error)") }
    }
}
