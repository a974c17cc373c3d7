import Foundation

/// Hodges–Lehmann estimates of a location shift.
public enum HodgesLehmann {
    /// Paired (one-sample) estimate: the median of the n(n+1)/2 Walsh averages (dᵢ + dⱼ)/2, i ≤ j,
    /// of the differences d. It estimates the centre of the differences' distribution and is the
    /// estimate that goes with the Wilcoxon signed-rank test. NaN when d is empty.
    public static func paired(differences d: [Double]) -> Double {
        guard !d.isEmpty else { return .nan }
        var walsh: [Double] = []
        walsh.reserveCapacity(d.count * (d.count + 1) / 2)
        for i in d.indices { for j in i..<d.count { walsh.append((d[i] + d[j]) / 2) } }
        return Self.median(&walsh)
    }

    /// Paired estimate for x − y.
    public static func paired(x: [Double], y: [Double]) -> Double {
        precondition(x.count == y.count, "paired samples of different lengths")
        return paired(differences: zip(x, y).map { $0 - $1 })
    }

    /// Two-sample estimate of the shift x − y: the median of all n₁n₂ differences xᵢ − yⱼ
    /// (goes with the Mann–Whitney test). NaN when either sample is empty.
    public static func unpaired(x: [Double], y: [Double]) -> Double {
        guard !x.isEmpty, !y.isEmpty else { return .nan }
        var all: [Double] = []
        all.reserveCapacity(x.count * y.count)
        for a in x { for b in y { all.append(a - b) } }
        return Self.median(&all)
    }

    /// Type-7 median by selection (average of the two middle order statistics when the count is even).
    static func median(_ a: inout [Double]) -> Double {
        let n = a.count
        if n % 2 == 1 { return select(&a, n / 2) }
        let hi = select(&a, n / 2)
        // After selection every element left of n/2 is ≤ a[n/2]: the lower middle is their max.
        var lo = -Double.infinity
        for i in 0..<(n / 2) where a[i] > lo { lo = a[i] }
        return lo + (hi - lo) / 2
    }

    /// The k-th smallest element (0-based) by Hoare's quickselect with median-of-three pivots;
    /// rearranges `a` so that a[k] holds it, smaller-or-equal before, greater-or-equal after.
    static func select(_ a: inout [Double], _ k: Int) -> Double {
        var lo = 0, hi = a.count - 1
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { a.swapAt(mid, lo) }
            if a[hi] < a[lo] { a.swapAt(hi, lo) }
            if a[hi] < a[mid] { a.swapAt(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { a.swapAt(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
        }
        return a[k]
    }
}
