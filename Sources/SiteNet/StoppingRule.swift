/// When a training run stops: after `maxEpochs` epochs (the ceiling), or earlier once `patience`
/// consecutive epochs have brought no criterion value below `best − minImprovement −
/// minRelativeImprovement·|best|` (the rule).
///
/// Several rules can watch one run ("nested" rules: the budget probe's rule is the profile's with
/// every number scaled). Because every epoch's batches and noise are drawn from that epoch's own
/// seed, a run under a longer rule repeats a shorter rule's run exactly up to the shorter rule's
/// stop, so one run yields the result of each rule: the longer rule's result costs only the extra
/// epochs.
public struct StoppingRule: Sendable, Codable, Equatable {
    /// The ceiling.
    public var maxEpochs: Int
    /// Epochs without improvement before stopping (nil: run to the ceiling).
    public var patience: Int?
    /// Minimum decrease of the criterion that counts as an improvement.
    public var minImprovement: Double
    /// Minimum decrease as a fraction of the best value so far (e.g. 0.01: a new value must be at
    /// least 1 % below the best to count).
    public var minRelativeImprovement: Double = 0

    public init(maxEpochs: Int, patience: Int?, minImprovement: Double = 0, minRelativeImprovement: Double = 0) {
        self.maxEpochs = max(1, maxEpochs); self.patience = patience; self.minImprovement = minImprovement
        self.minRelativeImprovement = minRelativeImprovement
    }

    /// Whether `value` improves on `best` under this rule's thresholds.
    func improves(_ value: Double, on best: Double) -> Bool {
        guard best.isFinite else { return true }
        return value < best - minImprovement - minRelativeImprovement * abs(best)
    }

    /// The same rule with `factor`× the ceiling and the patience.
    public func scaled(by factor: Int) -> StoppingRule {
        StoppingRule(maxEpochs: maxEpochs * factor, patience: patience.map { $0 * factor }, minImprovement: minImprovement,
                     minRelativeImprovement: minRelativeImprovement)
    }
}

/// Where one rule of a ``StoppingTracker`` fired.
struct RuleStop: Codable, Equatable {
    var epoch: Int
    var reason: StopReason
    var bestEpoch: Int
}

/// Follows one run under several rules (sharing the criterion's best value and the count of
/// epochs since it improved) and says when each fires. Codable, so a resumed run continues it.
struct StoppingTracker: Codable, Equatable {
    let rules: [StoppingRule]
    private(set) var best = Double.infinity
    private(set) var bestEpoch = 0
    private var since = 0
    /// Per rule: the epoch it fired at and why (nil while it still runs).
    private(set) var stops: [RuleStop?]

    init(_ rules: [StoppingRule]) {
        precondition(!rules.isEmpty)
        self.rules = rules
        stops = Array(repeating: nil, count: rules.count)
    }

    /// The last epoch any rule can reach.
    var ceiling: Int { rules.map(\.maxEpochs).max()! }

    /// True when every rule has fired.
    var finished: Bool { stops.allSatisfy { $0 != nil } }

    /// Records `criterion` after `epoch` (nil: no criterion, e.g. no validation split, so only the
    /// ceilings apply and every epoch counts as the best); returns whether it is a new best and
    /// which rules fired now.
    mutating func record(epoch: Int, criterion: Double?) -> (improved: Bool, fired: [Int]) {
        // The first rule's threshold decides improvement (nested rules share it).
        let improved: Bool
        if let c = criterion {
            improved = rules[0].improves(c, on: best) || bestEpoch == 0
            if improved { best = c; bestEpoch = epoch; since = 0 } else { since += 1 }
        } else {
            improved = true; bestEpoch = epoch
        }
        var fired: [Int] = []
        for (i, r) in rules.enumerated() where stops[i] == nil {
            if criterion != nil, let p = r.patience, since >= p { stops[i] = RuleStop(epoch: epoch, reason: .patience, bestEpoch: bestEpoch); fired.append(i) }
            else if epoch >= r.maxEpochs { stops[i] = RuleStop(epoch: epoch, reason: .maxEpochs, bestEpoch: bestEpoch); fired.append(i) }
        }
        return (improved, fired)
    }
}
