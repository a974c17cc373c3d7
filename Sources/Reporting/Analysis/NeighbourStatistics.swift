import Foundation
import Randomness
import Statistics

/// Numbers for the visual claims C13 and C14 from the k nearest neighbours of each point
/// (Euclidean; the point itself excluded; ties broken by index): in each 2-D t-SNE map, and in the
/// encoders' own vector space when the maps carry those neighbour lists.
enum NeighbourStatistics {
    /// Indices of the k nearest neighbours of every point (exact, O(N²)).
    static func neighbours(x: [Double], y: [Double], k: Int) -> [[Int]] {
        let n = x.count
        let kk = min(k, max(n - 1, 0))
        var result: [[Int]] = []
        result.reserveCapacity(n)
        var bestD = [Double](repeating: 0, count: kk), bestI = [Int](repeating: 0, count: kk)
        for i in 0..<n {
            var filled = 0
            for j in 0..<n where j != i {
                let dx = x[i] - x[j], dy = y[i] - y[j]
                let d = dx * dx + dy * dy
                if filled < kk || d < bestD[kk - 1] {
                    // insertion into the sorted list of the k best
                    var p = filled < kk ? filled : kk - 1
                    if filled < kk { filled += 1 }
                    while p > 0 && bestD[p - 1] > d { bestD[p] = bestD[p - 1]; bestI[p] = bestI[p - 1]; p -= 1 }
                    bestD[p] = d; bestI[p] = j
                }
            }
            result.append(Array(bestI[0..<filled]))
        }
        return result
    }

    static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let n = Double(a.count)
        guard a.count > 1 else { return .nan }
        let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for (u, v) in zip(a, b) { sab += (u - ma) * (v - mb); saa += (u - ma) * (u - ma); sbb += (v - mb) * (v - mb) }
        return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : .nan
    }

    struct MapNumbers {
        var analysis: NeighbourAnalysis
        /// Per point (by id): fraction of metal–halogen neighbours (metal–halogen points only).
        var mhFraction: [String: Double]
        /// Per point (by id): (label, mean neighbour label).
        var labelPairs: [String: (Double, Double)]
    }

    static func numbers(_ m: TSNEMap, k: Int) -> MapNumbers {
        let nb = neighbours(x: m.x, y: m.y, k: k)
        let n = m.x.count
        var same = 0.0, mhSum = 0.0
        var mhFraction: [String: Double] = [:], labelPairs: [String: (Double, Double)] = [:]
        var own: [Double] = [], around: [Double] = []
        for i in 0..<n {
            let list = nb[i]
            guard !list.isEmpty else { continue }
            let sameCount = list.filter { m.metalHalogen[$0] == m.metalHalogen[i] }.count
            same += Double(sameCount) / Double(list.count)
            if m.metalHalogen[i] {
                let f = Double(list.filter { m.metalHalogen[$0] }.count) / Double(list.count)
                mhSum += f; mhFraction[m.ids[i]] = f
            }
            let meanLabel = list.reduce(0.0) { $0 + m.labels[$1] } / Double(list.count)
            own.append(m.labels[i]); around.append(meanLabel)
            labelPairs[m.ids[i]] = (m.labels[i], meanLabel)
        }
        let mhCount = m.metalHalogen.filter { $0 }.count
        let a = NeighbourAnalysis(task: m.task, representation: m.representation, points: n, k: k,
                                  metalHalogenPrevalence: n > 0 ? Double(mhCount) / Double(n) : .nan,
                                  sameLabelFraction: n > 0 ? same / Double(n) : .nan,
                                  metalHalogenNeighbourFraction: mhCount > 0 ? mhSum / Double(mhCount) : .nan,
                                  metalHalogenChance: n > 1 ? Double(mhCount - 1) / Double(n - 1) : .nan,
                                  neighbourLabelCorrelation: pearson(own, around),
                                  klDivergence: m.klDivergence, perplexity: m.perplexity)
        return MapNumbers(analysis: a, mhFraction: mhFraction, labelPairs: labelPairs)
    }

    /// Clustering of a binary label on a neighbour graph: the mean, over points with the label, of
    /// the fraction of their neighbours that have it too (NaN when no point has it).
    static func clustering(_ graph: [[Int]], _ labels: [Bool]) -> Double {
        var s = 0.0, m = 0
        for i in labels.indices where labels[i] {
            let nb = graph[i]
            guard !nb.isEmpty else { continue }
            var c = 0
            for j in nb where labels[j] { c += 1 }
            s += Double(c) / Double(nb.count); m += 1
        }
        return m > 0 ? s / Double(m) : .nan
    }

    /// Trained (`t`) vs untrained (`u`) neighbour graphs of the same structures, matched by id.
    /// Neighbours outside the common structures are dropped.
    ///
    /// - Metal–halogen clustering: E(t) − E(u) (see ``clustering(_:_:)``), tested by
    ///   ``LabelPermutationTest``: the metal–halogen flags are rearranged among the structures and
    ///   the same rearrangement is applied to both graphs, which stay fixed. The null keeps every
    ///   dependence that comes from overlapping neighbourhoods; what it assumes is that, given the
    ///   two graphs, which structures carry the flag is exchangeable.
    /// - Label correlation: r = Pearson(label, mean label of the neighbours) per graph; the change
    ///   r(t) − r(u) with a percentile bootstrap over structures (graphs fixed; no exact interval
    ///   exists for this statistic).
    static func contrast(task: String, space: String, untrained u: TSNEMap, uGraph: [[Int]], trained t: TSNEMap,
                         tGraph: [[Int]], settings: AnalysisSettings, familySize: Int) -> NeighbourComparison {
        let tIndex = Dictionary(t.ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let common = u.ids.indices.filter { tIndex[u.ids[$0]] != nil }
        var uPos = [Int](repeating: -1, count: u.ids.count), tPos = [Int](repeating: -1, count: t.ids.count)
        for (c, i) in common.enumerated() { uPos[i] = c; tPos[tIndex[u.ids[i]]!] = c }
        let gu = common.map { i in uGraph[i].compactMap { uPos[$0] >= 0 ? uPos[$0] : nil } }
        let gt = common.map { i in tGraph[tIndex[u.ids[i]]!].compactMap { tPos[$0] >= 0 ? tPos[$0] : nil } }
        let mh = common.map { u.metalHalogen[$0] }
        let labels = common.map { u.labels[$0] }
        let n = common.count, m = mh.filter { $0 }.count
        let test = LabelPermutationTest.run(labels: mh, resamples: settings.permutationResamples,
                                            stream: SeedPath("report", "neighbour-permutation", space, task).stream()) {
            clustering(gt, $0) - clustering(gu, $0)
        }
        func meanAround(_ g: [[Int]]) -> [Double] {
            g.map { nb in nb.isEmpty ? .nan : nb.reduce(0.0) { $0 + labels[$1] } / Double(nb.count) }
        }
        let mu = meanAround(gu), mt = meanAround(gt)
        func deltaR(_ sel: [Int]) -> Double {
            let l = sel.map { labels[$0] }
            return pearson(l, sel.map { mt[$0] }) - pearson(l, sel.map { mu[$0] })
        }
        func ci(_ level: Double) -> ConfidenceInterval {
            Bootstrap.percentileCI(common.indices.map(Double.init), resamples: min(settings.bootstrapResamples, 1000), level: level,
                                   stream: SeedPath("report", "neighbour-correlation", space, task).stream()) { r in
                deltaR(r.map { Int($0) })
            }
        }
        return NeighbourComparison(task: task, space: space, sharedWith: [], metalHalogenPoints: m,
                                   metalHalogenFractionUntrained: clustering(gu, mh), metalHalogenFractionTrained: clustering(gt, mh),
                                   metalHalogenFractionChange: test.observed,
                                   metalHalogenChance: n > 1 ? Double(m - 1) / Double(n - 1) : .nan,
                                   metalHalogenP: m > 0 && m < n ? test.p : .nan, permutations: test.arrangements,
                                   correlationChange: deltaR(Array(0..<n)), correlationChangeCI: ci(settings.confidenceLevel),
                                   correlationChangeCIAdjusted: ci(1 - settings.alpha / Double(max(familySize, 1))))
    }

    /// Tasks whose untrained and trained maps are the same structures with the same coordinates as
    /// another task's (one structure set, one encoder): task → the other tasks.
    static func sharedMaps(_ maps: [TSNEMap]) -> [String: [String]] {
        var out: [String: [String]] = [:]
        let tasks = Array(Set(maps.map(\.task))).sorted()
        for a in tasks {
            for b in tasks where b != a {
                let same = ["untrained", "dim"].allSatisfy { rep in
                    guard let x = maps.first(where: { $0.task == a && $0.representation == rep }),
                          let y = maps.first(where: { $0.task == b && $0.representation == rep }) else { return false }
                    return x.ids == y.ids && x.x == y.x && x.y == y.y && x.metalHalogen == y.metalHalogen
                }
                if same { out[a, default: []].append(b) }
            }
        }
        return out
    }

    /// The trained − untrained t-SNE-map comparison on every seed's pair of maps (`maps` holds the
    /// first seed's, `replicates` the others', each with its ``TSNEMap/seed``), for every task
    /// (tasks sharing a structure set have the same maps and metal–halogen numbers, but their own
    /// labels). Each seed's permutation test draws its own rearrangements. Shows how far a
    /// map-based number depends on the t-SNE seed.
    static func seedComparisons(maps: [TSNEMap], replicates: [TSNEMap], settings: AnalysisSettings) -> [NeighbourComparison] {
        let all = (maps + replicates).filter { $0.x.count == $0.y.count && $0.x.count == $0.ids.count &&
                                               $0.x.count == $0.metalHalogen.count && $0.x.count == $0.labels.count }
        let shared = sharedMaps(maps)
        var out: [NeighbourComparison] = []
        for task in Array(Set(all.map(\.task))).sorted() {
            for seed in Array(Set(all.map { $0.seed ?? 0 })).sorted() {
                guard let u = all.first(where: { $0.task == task && $0.representation == "untrained" && ($0.seed ?? 0) == seed }),
                      let t = all.first(where: { $0.task == task && $0.representation == "dim" && ($0.seed ?? 0) == seed }) else { continue }
                var c = contrast(task: task, space: "t-SNE seed \(seed)", untrained: u, uGraph: neighbours(x: u.x, y: u.y, k: settings.neighbours),
                                 trained: t, tGraph: neighbours(x: t.x, y: t.y, k: settings.neighbours), settings: settings, familySize: 1)
                c.sharedWith = shared[task] ?? []
                out.append(c)
            }
        }
        return out
    }

    /// Per-map numbers and, for each task with both an untrained and a trained (`dim`) map, the
    /// trained − untrained comparison on the t-SNE maps and, when the maps carry them, on the
    /// embedding-space neighbour lists.
    static func analyze(_ maps: [TSNEMap], settings: AnalysisSettings)
        -> (maps: [NeighbourAnalysis], tsne: [NeighbourComparison], embedding: [NeighbourComparison]) {
        let valid = maps.filter { $0.x.count == $0.y.count && $0.x.count == $0.ids.count &&
                                  $0.x.count == $0.metalHalogen.count && $0.x.count == $0.labels.count }
        let computed = valid.map { numbers($0, k: settings.neighbours) }
        let shared = sharedMaps(valid)
        var tsne: [NeighbourComparison] = [], embedding: [NeighbourComparison] = []
        let tasks = Array(Set(valid.map(\.task))).sorted()
        for task in tasks {
            guard let u = valid.first(where: { $0.task == task && $0.representation == "untrained" }),
                  let t = valid.first(where: { $0.task == task && $0.representation == "dim" })
                    ?? valid.first(where: { $0.task == task && $0.representation != "untrained" })
            else { continue }
            var c = contrast(task: task, space: "t-SNE", untrained: u, uGraph: neighbours(x: u.x, y: u.y, k: settings.neighbours),
                             trained: t, tGraph: neighbours(x: t.x, y: t.y, k: settings.neighbours), settings: settings,
                             familySize: tasks.count)
            c.sharedWith = shared[task] ?? []
            tsne.append(c)
            if let ug = u.embeddingNeighbours, let tg = t.embeddingNeighbours, ug.count == u.ids.count, tg.count == t.ids.count {
                let k = settings.neighbours
                var e = contrast(task: task, space: "embedding", untrained: u, uGraph: ug.map { Array($0.prefix(k)) },
                                 trained: t, tGraph: tg.map { Array($0.prefix(k)) }, settings: settings, familySize: tasks.count)
                e.sharedWith = shared[task] ?? []
                embedding.append(e)
            }
        }
        return (computed.map(\.analysis), tsne, embedding)
    }
}
