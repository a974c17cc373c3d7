import Foundation
import Randomness
import Statistics

/// Numbers for the visual t-SNE claims (C13, C14), from the k nearest neighbours of each point in
/// the 2-D map (Euclidean; the point itself excluded; ties broken by index).
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

    /// Per-map numbers and, for each task with both an untrained and a trained (`dim`) map,
    /// the trained − untrained comparison.
    static func analyze(_ maps: [TSNEMap], settings: AnalysisSettings) -> ([NeighbourAnalysis], [NeighbourComparison]) {
        let valid = maps.filter { $0.x.count == $0.y.count && $0.x.count == $0.ids.count &&
                                  $0.x.count == $0.metalHalogen.count && $0.x.count == $0.labels.count }
        let computed = valid.map { numbers($0, k: settings.neighbours) }
        var comps: [NeighbourComparison] = []
        for task in Array(Set(valid.map(\.task))).sorted() {
            guard let u = computed.first(where: { $0.analysis.task == task && $0.analysis.representation == "untrained" }),
                  let t = computed.first(where: { $0.analysis.task == task && $0.analysis.representation == "dim" })
                    ?? computed.first(where: { $0.analysis.task == task && $0.analysis.representation != "untrained" })
            else { continue }
            let mhIDs = Set(u.mhFraction.keys).intersection(t.mhFraction.keys).sorted()
            let d = mhIDs.map { t.mhFraction[$0]! - u.mhFraction[$0]! }
            let w = WilcoxonSignedRank(differences: d)
            let ids = Set(u.labelPairs.keys).intersection(t.labelPairs.keys).sorted()
            // Aligned arrays (by id) so the bootstrap resamples indices only.
            let tl = ids.map { t.labelPairs[$0]!.0 }, tm = ids.map { t.labelPairs[$0]!.1 }
            let ul = ids.map { u.labelPairs[$0]!.0 }, um = ids.map { u.labelPairs[$0]!.1 }
            func deltaR(_ sel: [Int]) -> Double {
                pearson(sel.map { tl[$0] }, sel.map { tm[$0] }) - pearson(sel.map { ul[$0] }, sel.map { um[$0] })
            }
            let idx = ids.indices.map(Double.init)
            let ci = Bootstrap.percentileCI(idx, resamples: min(settings.bootstrapResamples, 1000), level: settings.confidenceLevel,
                                            stream: SeedPath("report", "tsne-correlation", task).stream()) { r in
                deltaR(r.map { Int($0) })
            }
            comps.append(NeighbourComparison(task: task, metalHalogenPoints: mhIDs.count,
                                             metalHalogenFractionChange: d.isEmpty ? .nan : d.reduce(0, +) / Double(d.count),
                                             metalHalogenP: d.isEmpty ? .nan : w.p,
                                             correlationChange: deltaR(Array(ids.indices)), correlationChangeCI: ci))
        }
        return (computed.map(\.analysis), comps)
    }
}
