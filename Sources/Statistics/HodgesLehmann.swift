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

    /// Paired estimate using a caller-owned scratch buffer (no allocation once it is large enough);
    /// for bootstraps that call it thousands of times.
    public static func paired(differences d: [Double], scratch: inout [Double]) -> Double {
        let n = d.count
        guard n > 0 else { return .nan }
        let m = n * (n + 1) / 2
        if scratch.count < m { scratch = [Double](repeating: 0, count: m) }
        return d.withUnsafeBufferPointer { dp in
            scratch.withUnsafeMutableBufferPointer { w in
                var k = 0
                for i in 0..<n { let di = dp[i]; for j in i..<n { w[k] = (di + dp[j]) * 0.5; k += 1 } }
                return medianInPlace(w.baseAddress!, m)
            }
        }
    }

    /// Two-sample estimate using a caller-owned scratch buffer.
    public static func unpaired(x: [Double], y: [Double], scratch: inout [Double]) -> Double {
        guard !x.isEmpty, !y.isEmpty else { return .nan }
        let m = x.count * y.count
        if scratch.count < m { scratch = [Double](repeating: 0, count: m) }
        return x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                scratch.withUnsafeMutableBufferPointer { w in
                    var k = 0
                    for a in xp { for b in yp { w[k] = a - b; k += 1 } }
                    return medianInPlace(w.baseAddress!, m)
                }
            }
        }
    }

    /// Type-7 median by selection (average of the two middle order statistics when the count is even).
    static func median(_ a: inout [Double]) -> Double {
        let n = a.count
        return a.withUnsafeMutableBufferPointer { medianInPlace($0.baseAddress!, n) }
    }

    /// Median of p[0..<n], rearranging it.
    static func medianInPlace(_ p: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
        if n % 2 == 1 { return select(p, n, n / 2) }
        let hi = select(p, n, n / 2)
        // After selection every element left of n/2 is ≤ p[n/2]: the lower middle is their max.
        var lo = -Double.infinity
        for i in 0..<(n / 2) where p[i] > lo { lo = p[i] }
        return lo + (hi - lo) / 2
    }

    /// The k-th smallest of p[0..<n] (0-based) by Hoare's quickselect with median-of-three pivots;
    /// rearranges p so that p[k] holds it, smaller-or-equal before, greater-or-equal after.
    static func select(_ a: UnsafeMutablePointer<Double>, _ n: Int, _ k: Int) -> Double {
        var lo = 0, hi = n - 1
        @inline(__always) func swap(_ i: Int, _ j: Int) { let t = a[i]; a[i] = a[j]; a[j] = t }
        while hi > lo {
            let mid = lo + (hi - lo) / 2
            if a[mid] < a[lo] { swap(mid, lo) }
            if a[hi] < a[lo] { swap(hi, lo) }
            if a[hi] < a[mid] { swap(hi, mid) }
            let pivot = a[mid]
            var i = lo, j = hi
            while i <= j {
                while a[i] < pivot { i += 1 }
                while a[j] > pivot { j -= 1 }
                if i <= j { swap(i, j); i += 1; j -= 1 }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return a[k] }
        }
        return a[k]
    }
}
