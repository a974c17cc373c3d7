/// Fast, accurate elementwise functions for hot loops (libm `expf`/`tanhf`/`log1pf` cost ~30 ns
/// each here and do not vectorise).
///
/// * ``exp(_:)``: e^x = 2^n·2^f with n = round(x·log₂e), f ∈ [−½, ½], e^r (r = x − n ln2 by Cody–Waite) by its degree-6
///   Taylor polynomial; relative error < 3e-7 for x ∈ [−87, 88] (inputs are clamped to that range).
/// * ``log1p(_:)`` for y ∈ [0, 1]: 2·atanh(s), s = y/(2+y) ≤ ⅓, by its series to s¹³; relative error < 1e-7.
/// * ``softplus(_:)`` = max(x,0) + log1p(e^{−|x|}); ``sigmoid(_:)``.
/// * Mish: mish(x) = x·tanh(softplus x) = x·n/(n+2) with n = eˣ(eˣ+2) (exact identity), and
///   mish′(x) = t + x·4eˣ(eˣ+1)/(n+2)², t = n/(n+2). The argument of eˣ is clamped at 20, where t = 1 in Float.
public enum FastMath {
    /// e^x, relative error < 3e-7 (clamped to [−87, 88]); NaN in gives NaN out (no trap).
    @inlinable @inline(__always) public static func exp(_ x: Float) -> Float {
        let xc = Swift.min(Swift.max(x, -87.0), 88.0)
        // n = round(x·log₂e) by the 1.5·2²³ trick (no Float→Int conversion, so NaN cannot trap)
        let magic: Float = 12582912.0
        let tm = xc * 1.442695041 + magic
        let n = tm - magic
        let ni = Int32(bitPattern: tm.bitPattern) &- Int32(bitPattern: magic.bitPattern)
        // Cody–Waite reduction: r = x − n·ln2 with ln2 split in a high part exact in Float and a low part
        let r = (xc - n * 0.693145751953125) - n * 1.428606765330187e-06
        var p: Float = 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        p = p * r + 1.0
        let bits = UInt32(bitPattern: (ni &+ 127) << 23)
        return p * Float(bitPattern: bits)
    }

    /// ln(1 + y) for y ∈ [0, 1] (used inside softplus), relative error < 1e-7.
    @inlinable @inline(__always) public static func log1p(_ y: Float) -> Float {
        let s = y / (2 + y)
        let s2 = s * s
        var q: Float = 1.0 / 13.0
        q = q * s2 + 1.0 / 11.0
        q = q * s2 + 1.0 / 9.0
        q = q * s2 + 1.0 / 7.0
        q = q * s2 + 1.0 / 5.0
        q = q * s2 + 1.0 / 3.0
        q = q * s2 + 1.0
        return 2 * s * q
    }

    /// softplus(x) = ln(1 + eˣ) = max(x, 0) + ln(1 + e^{−|x|}).
    @inlinable @inline(__always) public static func softplus(_ x: Float) -> Float {
        Swift.max(x, 0) + log1p(exp(-Swift.abs(x)))
    }

    /// σ(x) = 1/(1 + e^{−x}) (the derivative of softplus), computed without overflow.
    @inlinable @inline(__always) public static func sigmoid(_ x: Float) -> Float {
        let e = exp(-Swift.abs(x))
        let r = 1 / (1 + e)
        return x >= 0 ? r : e * r
    }

    /// mish(x) = x·tanh(ln(1 + eˣ)).
    @inlinable @inline(__always) public static func mish(_ x: Float) -> Float {
        let e = exp(Swift.min(x, 20))
        let n = e * (e + 2)
        return x * n / (n + 2)
    }

    /// (mish(x), mish′(x)).
    @inlinable @inline(__always) public static func mishAndDerivative(_ x: Float) -> (Float, Float) {
        let e = exp(Swift.min(x, 20))
        let n = e * (e + 2)
        let r = 1 / (n + 2)
        let t = n * r
        let dt = 4 * e * (e + 1) * r * r
        return (x * t, t + x * dt)
    }

    /// mish′(x) only.
    @inlinable @inline(__always) public static func mishDerivative(_ x: Float) -> Float {
        let e = exp(Swift.min(x, 20))
        let n = e * (e + 2)
        let r = 1 / (n + 2)
        return n * r + x * 4 * e * (e + 1) * r * r
    }
}
