/// A path of names that identifies one random draw site, e.g.
/// `["fig7", "e_form", "n50", "trial3", "dim", "init"]`.
///
/// The path is hashed to a 64-bit key with FNV-1a over the UTF-8 bytes of each component
/// (components separated by a 0xFF byte, which never occurs in UTF-8), then mixed with the
/// SplitMix64 finaliser. The key depends only on the names, never on the clock, the process
/// or dictionary order, so the same path gives the same stream on every run and machine.
public struct SeedPath: Hashable, Sendable, CustomStringConvertible {
    /// The components, outermost first.
    public let components: [String]

    /// A path from its components.
    public init(_ components: [String]) { self.components = components }

    /// A path from its components.
    public init(_ components: String...) { self.components = components }

    /// This path extended by more components.
    public func appending(_ more: String...) -> SeedPath { SeedPath(components + more) }

    /// This path extended by more components.
    public func appending(contentsOf more: [String]) -> SeedPath { SeedPath(components + more) }

    /// The 64-bit key: FNV-1a(components) passed through the SplitMix64 finaliser.
    public var key: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for (i, c) in components.enumerated() {
            if i > 0 { h = (h ^ 0xFF) &* 0x0000_0100_0000_01B3 }
            for b in c.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        }
        return SplitMix64.mix(h)
    }

    /// A generator seeded from this path's key.
    public func stream() -> RandomStream { RandomStream(key: key) }

    public var description: String { components.joined(separator: "/") }
}

/// SplitMix64 (Steele, Lea & Flood 2014): used to expand one 64-bit key into generator state.
public struct SplitMix64: Sendable {
    private var state: UInt64
    /// A SplitMix64 sequence starting from `seed`.
    public init(seed: UInt64) { state = seed }
    /// The next 64-bit output.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }
    /// The SplitMix64 finaliser: a bijective avalanche of 64 bits.
    public static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
