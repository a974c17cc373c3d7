import Foundation

/// Ranking with ties (scipy's `rankdata(method="average")`).
public enum Ranks {
    /// Mid-ranks (1-based; tied values share the mean of the ranks they span) and the sizes of
    /// the tie groups (groups of size 1 included).
    public static func midranks(_ values: [Double]) -> (ranks: [Double], tieGroups: [Int]) {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var groups: [Int] = []
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && values[order[j + 1]] == values[order[i]] { j += 1 }
            let r = Double(i + j + 2) / 2            // mean of ranks i+1 … j+1
            for k in i...j { ranks[order[k]] = r }
            groups.append(j - i + 1)
            i = j + 1
        }
        return (ranks, groups)
    }

    /// Σ(t³ − t) over tie groups, the tie-correction term of rank-test variances.
    public static func tieTerm(_ groups: [Int]) -> Double {
        groups.reduce(0) { $0 + Double($1 * $1 * $1 - $1) }
    }
}
