/// xoshiro256** (Blackman & Vigna 2018), seeded by SplitMix64 from a 64-bit key.
///
/// Every draw method here is written out explicitly (no use of the standard library's
/// `random(in:using:)` or `shuffle(using:)`, whose algorithms may change between Swift
/// versions), so a key gives the same sequence of values on every toolchain.
public struct RandomStream: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64
    /// A cached second normal deviate from the last Box–Muller pair.
    private var spareNormal: Double?

    /// A stream from a 64-bit key.
    public init(key: UInt64) {
        var sm = SplitMix64(seed: key)
        s0 = sm.next(); s1 = sm.next(); s2 = sm.next(); s3 = sm.next()
        spareNormal = nil
    }

    /// A stream from a path of names (see ``SeedPath``).
    public init(_ path: SeedPath) { self.init(key: path.key) }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always) private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A child stream whose key mixes this stream's next output with `name`: for handing
    /// independent streams to sub-tasks without sharing state.
    public mutating func fork(_ name: String) -> RandomStream {
        RandomStream(key: SplitMix64.mix(next() ^ SeedPath(name).key))
    }

    /// Uniform double in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform float in [0, 1) with 24 random bits.
    public mutating func uniformFloat() -> Float { Float(next() >> 40) * 0x1.0p-24 }

    /// Uniform double in [lo, hi).
    public mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * uniform() }

    /// Uniform integer in 0..<n (n > 0), by Lemire's multiply-shift with rejection (unbiased).
    public mutating func index(below n: Int) -> Int {
        precondition(n > 0, "index(below:) needs n > 0")
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// Standard normal deviate by the Box–Muller transform: for u1 ∈ (0,1], u2 ∈ [0,1),
    /// z1 = √(−2 ln u1)·cos 2πu2 and z2 = √(−2 ln u1)·sin 2πu2 (the second is cached).
    public mutating func normal() -> Double {
        if let z = spareNormal { spareNormal = nil; return z }
        let u1 = 1.0 - uniform()          // (0, 1]
        let u2 = uniform()
        let r = (-2.0 * _log(u1)).squareRoot()
        let a = 2.0 * Double.pi * u2
        spareNormal = r * _sin(a)
        return r * _cos(a)
    }

    /// Fills `buffer` with standard normal floats.
    public mutating func fillNormal(_ buffer: inout [Float], mean: Float = 0, std: Float = 1) {
        for i in buffer.indices { buffer[i] = mean + std * Float(normal()) }
    }

    /// Fisher–Yates shuffle in place (Durstenfeld's version, from the end).
    public mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = index(below: i + 1)
            if i != j { a.swapAt(i, j) }
        }
    }

    /// A uniformly random permutation of 0..<n.
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n); shuffle(&p); return p
    }

    /// `k` distinct indices from 0..<n, uniformly, in draw order (partial Fisher–Yates).
    public mutating func sample(_ k: Int, from n: Int) -> [Int] {
        precondition(k <= n, "cannot sample \(k) of \(n) without replacement")
        var p = Array(0..<n)
        for i in 0..<k {
            let j = i + index(below: n - i)
            p.swapAt(i, j)
        }
        return Array(p[0..<k])
    }
}

// Foundation-free libm access, so this module depends on nothing.
#if canImport(Glibc)
import Glibc
@inline(__always) private func _log(_ x: Double) -> Double { Glibc.log(x) }
@inline(__always) private func _sin(_ x: Double) -> Double { Glibc.sin(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Glibc.cos(x) }
#else
import Darwin
@inline(__always) private func _log(_ x: Double) -> Double { Darwin.log(x) }
@inline(__always) private func _sin(_ x: Double) -> Double { Darwin.sin(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Darwin.cos(x) }
#endif
