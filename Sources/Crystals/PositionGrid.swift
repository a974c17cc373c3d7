/// A bucket grid over wrapped fractional coordinates that finds an earlier position within a
/// per-component periodic tolerance without comparing against every stored position (symmetry
/// expansion of a large asymmetric unit stays O(n) instead of O(n²)).
struct PositionGrid {
    /// Buckets per axis; a bucket (1/64) is wider than any merge tolerance used (≤ 1e-2).
    static let bins = 64
    private var buckets: [SIMD3<Int32>: [Int]] = [:]

    private static func bucket(_ q: SIMD3<Double>) -> SIMD3<Int32> {
        let b = (q * Double(bins)).rounded(.down)
        return SIMD3(Int32(clamping: Int(b.x) % bins), Int32(clamping: Int(b.y) % bins), Int32(clamping: Int(b.z) % bins))
    }

    /// Records that `positions[index]` is `q` (wrapped into [0, 1)).
    mutating func insert(_ q: SIMD3<Double>, index: Int) { buckets[Self.bucket(q), default: []].append(index) }

    /// The first recorded index whose position equals `q` within `tolerance` per component
    /// (periodically), looking in the 27 buckets around `q`.
    func match(_ q: SIMD3<Double>, in positions: [SIMD3<Double>], tolerance: Double) -> Int? {
        let c = Self.bucket(q)
        var best: Int? = nil
        let n = Int32(Self.bins)
        for dx in -1...1 as ClosedRange<Int32> { for dy in -1...1 as ClosedRange<Int32> { for dz in -1...1 as ClosedRange<Int32> {
            let key = SIMD3((c.x + dx + n) % n, (c.y + dy + n) % n, (c.z + dz + n) % n)
            for k in buckets[key] ?? [] where CIFReader.samePosition(positions[k], q, tolerance: tolerance) {
                if best == nil || k < best! { best = k }
            }
        } } }
        return best
    }
}
