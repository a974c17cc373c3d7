/// Exact k-nearest-neighbour search by brute force (Euclidean), deterministic.
///
/// Squared distances are computed directly as Σ (x_i − x_j)² (no |x|² + |y|² − 2x·y
/// cancellation), neighbours are the k smallest by (distance, index) — ties broken by the
/// smaller index — returned in that order. The point itself is excluded.
enum NearestNeighbors {
    /// Squared distances from row `i` to every row of `x` (n × d, row-major) into `out`.
    /// Σ_t (x_it − x_jt)² is accumulated in two 4-lane vectors over t in steps of 8 (then 4),
    /// a scalar tail, and the lanes summed in a fixed order: the same bits on every run.
    @inline(__always)
    static func squaredDistances(from i: Int, _ x: UnsafeBufferPointer<Double>, n: Int, d: Int,
                                 into out: UnsafeMutableBufferPointer<Double>) {
        let base = UnsafeRawPointer(x.baseAddress!)
        let stride = d * MemoryLayout<Double>.stride
        let xi = base + i * stride
        let d8 = d & ~7, d4 = d & ~3
        for j in 0..<n {
            let xj = base + j * stride
            var a0 = SIMD4<Double>(), a1 = SIMD4<Double>()
            var t = 0
            while t < d8 {
                let o = t * 8
                let v0 = xi.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self) - xj.loadUnaligned(fromByteOffset: o, as: SIMD4<Double>.self)
                let v1 = xi.loadUnaligned(fromByteOffset: o + 32, as: SIMD4<Double>.self) - xj.loadUnaligned(fromByteOffset: o + 32, as: SIMD4<Double>.self)
                a0 += v0 * v0; a1 += v1 * v1
                t += 8
            }
            if t < d4 {
                let v0 = xi.loadUnaligned(fromByteOffset: t * 8, as: SIMD4<Double>.self) - xj.loadUnaligned(fromByteOffset: t * 8, as: SIMD4<Double>.self)
                a0 += v0 * v0
                t += 4
            }
            let a = a0 + a1
            var s = (a[0] + a[1]) + (a[2] + a[3])
            while t < d {
                let v = xi.load(fromByteOffset: t * 8, as: Double.self) - xj.load(fromByteOffset: t * 8, as: Double.self)
                s += v * v
                t += 1
            }
            out[j] = s
        }
    }

    /// Rearranges `idx` so its first k entries are the k smallest by (key[idx], idx), sorted.
    static func selectSmallest(_ k: Int, keys: UnsafeBufferPointer<Double>, indices idx: UnsafeMutableBufferPointer<Int32>) {
        @inline(__always) func less(_ a: Int32, _ b: Int32) -> Bool {
            let ka = keys[Int(a)], kb = keys[Int(b)]
            return ka < kb || (ka == kb && a < b)
        }
        var lo = 0, hi = idx.count - 1
        // Quickselect with median-of-three pivot (deterministic).
        while hi - lo > 16 {
            let mid = (lo + hi) / 2
            if less(idx[mid], idx[lo]) { idx.swapAt(mid, lo) }
            if less(idx[hi], idx[lo]) { idx.swapAt(hi, lo) }
            if less(idx[hi], idx[mid]) { idx.swapAt(hi, mid) }
            let pivot = idx[mid]
            var i = lo, j = hi
            while i <= j {
                while less(idx[i], pivot) { i += 1 }
                while less(pivot, idx[j]) { j -= 1 }
                if i <= j { idx.swapAt(i, j); i += 1; j -= 1 }
            }
            if k - 1 <= j { hi = j } else if k - 1 >= i { lo = i } else { break }
        }
        // Elements before lo are the smallest and after hi the largest: sort the middle range
        // (at most 17 items unless many keys tie with a pivot), then the first k.
        if hi > lo { var mid = UnsafeMutableBufferPointer(rebasing: idx[lo...hi]); mid.sort { less($0, $1) } }
        var head = UnsafeMutableBufferPointer(rebasing: idx[0..<k])
        head.sort { less($0, $1) }
    }
}
