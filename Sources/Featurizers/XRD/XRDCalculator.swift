import Crystals
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A powder X-ray diffraction pattern with the semantics of pymatgen's `XRDCalculator()`
/// (Cu Kα, λ = 1.54184 Å, no symmetry refinement, Debye–Waller off), as matminer's
/// `XRDPowderPattern` calls it with `get_pattern(structure, two_theta_range=(0, 127))`:
///
/// 1. every reciprocal-lattice point g = h b₁ + k b₂ + l b₃ (crystallographic, aᵢ·bⱼ = δᵢⱼ) with
///    0 < |g| ≤ 2 sin(θ_max)/λ, θ_max = 127°/2;
/// 2. Bragg angle sin θ = λ|g|/2, s = |g|/2;
/// 3. structure factor F = Σⱼ fⱼ(s) exp(2πi (h xⱼ + k yⱼ + l zⱼ)), I = |F|²;
/// 4. Lorentz–polarisation factor (1 + cos² 2θ) / (sin² θ cos θ);
/// 5. points processed in order of (|g|, −h, −k, −l); a point whose 2θ lies within 1e-5° of an
///    earlier peak adds its intensity to that peak (pymatgen's `TWO_THETA_TOL`), the peak keeps the
///    first 2θ — pymatgen 2022.0.17's rule, the authors' version (pymatgen ≥ 2025 bins
///    round(2θ/1e-5) instead, which splits some peaks of slightly imprecise lattices in two);
/// 6. peaks with intensity ≤ 1e-3 % of the strongest are dropped (`SCALED_INTENSITY_TOL`), the rest
///    scaled as y / (max / 100) and returned in increasing 2θ.
///
/// Friedel pairs ±(hkl) have identical |g| and, with real f, identical |F|²: only the half-space
/// h > 0 ∨ (h = 0 ∧ k > 0) ∨ (h = k = 0 ∧ l > 0) is evaluated and counted twice. Phases are
/// products of per-axis powers exp(2πi h x)·exp(2πi k y)·exp(2πi l z) (relative error ~1e-15).
public struct XRDCalculator: Sendable {
    /// Radiation wavelength λ in Å (Cu Kα, pymatgen's "CuKa": 1.54184).
    public var wavelength: Double
    /// Largest scattering angle 2θ in degrees (matminer's XRDPowderPattern: 127).
    public var maxTwoTheta: Double

    /// pymatgen's intensity threshold, in percent of the strongest peak.
    public static let scaledIntensityTolerance = 1e-3
    /// pymatgen's tolerance for merging peaks at equal 2θ (degrees).
    public static let twoThetaTolerance = 1e-5

    /// A calculator; the defaults are those of matminer's `XRDPowderPattern()`.
    public init(wavelength: Double = 1.54184, maxTwoTheta: Double = 127) {
        self.wavelength = wavelength
        self.maxTwoTheta = maxTwoTheta
    }

    /// Bytes the reflection list (half of the limiting sphere, 24 bytes each, twice for array
    /// growth) and the per-site phase tables (16 bytes × sites × (2 hMax + 1) per axis) of `s`
    /// would take; estimated from the cell before anything is allocated.
    public func estimatedBytes(_ s: Structure) -> Double {
        let maxR = 2 * sin(maxTwoTheta / 2 * Double.pi / 180) / wavelength
        return estimatedBytes(s, maxR: maxR)
    }

    func estimatedBytes(_ s: Structure, maxR: Double) -> Double {
        let sphere = 4.0 / 3.0 * Double.pi * maxR * maxR * maxR
        let reflections = sphere * s.lattice.volume / 2
        let tables = s.lattice.matrix.reduce(0.0) { $0 + 16 * Double(s.count) * (2 * (maxR * norm($1) + 1) + 1) }
        return 2 * 24 * reflections + tables
    }

    /// Throws `limitExceeded` when `estimatedBytes` is over `InputLimits.current.maxXRDBytes`.
    func checkMemory(_ s: Structure, maxR: Double) throws {
        let limit = InputLimits.current.maxXRDBytes
        let bytes = estimatedBytes(s, maxR: maxR)
        guard bytes.isFinite, bytes <= Double(limit) else {
            let mb = bytes.isFinite ? "\(Int(bytes / 1_048_576)) MB" : "more memory than exists"
            throw FeaturizerError.limitExceeded("XRD: the reflection sphere of this \(Int(s.lattice.volume.rounded())) Å³ cell needs \(mb); the limit is \(InputLimits.describe("\(limit / 1_048_576) MB", variable: "REPRO_MAX_XRD_MB"))")
        }
    }

    /// The diffraction peaks of `s`, in increasing 2θ, intensities scaled to a maximum of 100.
    ///
    /// Throws `FeaturizerError` for an empty structure, a degenerate lattice, non-finite
    /// coordinates or an element without scattering coefficients (Z > 98), or when no reflection
    /// lies in range (`degeneratePattern`).
    public func pattern(_ s: Structure) throws -> [XRDPeak] {
        try validateGeometry(s)
        // Group sites by element: F = Σ_elements f_e(s) Σ_{j ∈ e} phase_j.
        var elements: [Int] = []
        var groupOf: [Int] = []
        for z in s.atomicNumbers {
            guard AtomicScattering.isSupported(z) else {
                throw FeaturizerError.unsupportedElement(featurizer: "XRD", atomicNumber: z,
                                                         supported: "Z = 1…\(AtomicScattering.maximumAtomicNumber)")
            }
            if let g = elements.firstIndex(of: z) { groupOf.append(g) } else { groupOf.append(elements.count); elements.append(z) }
        }
        let coefficients = elements.map { AtomicScattering.coefficients[$0]! }

        let maxR = 2 * sin(maxTwoTheta / 2 * Double.pi / 180) / wavelength
        let b = reciprocalRows(s.lattice)
        let a = s.lattice.matrix
        try checkMemory(s, maxR: maxR)
        let hMax = (0..<3).map { Int((maxR * norm(a[$0])).rounded(.down)) + 1 }

        // Reflections of the half-space within the limiting sphere.
        struct Reflection { var h: Int32; var k: Int32; var l: Int32; var g: Double }
        var reflections: [Reflection] = []
        for h in 0...hMax[0] {
            for k in (h == 0 ? 0 : -hMax[1])...hMax[1] {
                for l in ((h == 0 && k == 0) ? 1 : -hMax[2])...hMax[2] {
                    let v = Double(h) * b[0] + Double(k) * b[1] + Double(l) * b[2]
                    let g = norm(v)
                    if g <= maxR && g > 0 { reflections.append(Reflection(h: Int32(h), k: Int32(k), l: Int32(l), g: g)) }
                }
            }
        }
        if reflections.isEmpty { throw FeaturizerError.degeneratePattern(samples: 0) }
        reflections.sort { x, y in
            if x.g != y.g { return x.g < y.g }
            if x.h != y.h { return x.h > y.h }
            if x.k != y.k { return x.k > y.k }
            return x.l > y.l
        }

        // Per-site phase powers exp(2πi n f_axis), n ∈ [−hMax, hMax], stored as (re, im).
        let n = s.count
        var powers: [[SIMD2<Double>]] = [[], [], []]
        for axis in 0..<3 {
            let m = hMax[axis]
            var table = [SIMD2<Double>](repeating: .zero, count: n * (2 * m + 1))
            for j in 0..<n {
                let f = s.fractional[j][axis]
                for q in -m...m {
                    let angle = 2 * Double.pi * (Double(q) * f)
                    table[j * (2 * m + 1) + q + m] = SIMD2(cos(angle), sin(angle))
                }
            }
            powers[axis] = table
        }

        var peakTwoTheta: [Double] = []
        var peakIntensity: [Double] = []
        var groupSums = [SIMD2<Double>](repeating: .zero, count: elements.count)
        let w0 = 2 * hMax[0] + 1, w1 = 2 * hMax[1] + 1, w2 = 2 * hMax[2] + 1
        powers[0].withUnsafeBufferPointer { px in
        powers[1].withUnsafeBufferPointer { py in
        powers[2].withUnsafeBufferPointer { pz in
            for r in reflections {
                for e in 0..<groupSums.count { groupSums[e] = .zero }
                let ih = Int(r.h) + hMax[0], ik = Int(r.k) + hMax[1], il = Int(r.l) + hMax[2]
                for j in 0..<n {
                    let x = px[j * w0 + ih], y = py[j * w1 + ik], z = pz[j * w2 + il]
                    let xy = SIMD2(x.x * y.x - x.y * y.y, x.x * y.y + x.y * y.x)
                    let xyz = SIMD2(xy.x * z.x - xy.y * z.y, xy.x * z.y + xy.y * z.x)
                    groupSums[groupOf[j]] += xyz
                }
                let theta = asin(min(1, wavelength * r.g / 2))
                let s2 = (r.g / 2) * (r.g / 2)
                var f = SIMD2<Double>.zero
                for e in 0..<elements.count {
                    let c = coefficients[e]
                    var sum = 0.0
                    for i in 0..<4 { sum += c[2 * i] * exp(-c[2 * i + 1] * s2) }
                    let fe = Double(elements[e]) - 41.78214 * s2 * sum
                    f += fe * groupSums[e]
                }
                let intensity = f.x * f.x + f.y * f.y
                let cos2t = cos(2 * theta), sint = sin(theta), cost = cos(theta)
                let lorentz = (1 + cos2t * cos2t) / (sint * sint * cost)
                let value = 2 * intensity * lorentz
                let twoTheta = 2 * theta * 180 / Double.pi
                // Merge with the earliest peak within the tolerance (peaks arrive in increasing 2θ).
                var match = -1
                var p = peakTwoTheta.count - 1
                while p >= 0 && twoTheta - peakTwoTheta[p] < XRDCalculator.twoThetaTolerance {
                    if abs(twoTheta - peakTwoTheta[p]) < XRDCalculator.twoThetaTolerance { match = p }
                    p -= 1
                }
                if match >= 0 { peakIntensity[match] += value } else { peakTwoTheta.append(twoTheta); peakIntensity.append(value) }
            }
        }}}

        let maxIntensity = peakIntensity.max() ?? 0
        guard maxIntensity > 0, maxIntensity.isFinite else { throw FeaturizerError.degeneratePattern(samples: 0) }
        var kept: [(Double, Double)] = []
        for p in peakTwoTheta.indices where peakIntensity[p] / maxIntensity * 100 > XRDCalculator.scaledIntensityTolerance {
            kept.append((peakTwoTheta[p], peakIntensity[p]))
        }
        kept.sort { $0.0 < $1.0 }
        let keptMax = kept.map(\.1).max()!
        let factor = keptMax / 100
        return kept.map { XRDPeak(twoTheta: $0.0, intensity: $0.1 / factor) }
    }
}
