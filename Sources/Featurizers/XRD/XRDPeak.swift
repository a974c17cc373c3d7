/// One powder-diffraction peak: its scattering angle 2θ (degrees) and intensity
/// (scaled so that the strongest peak of the pattern is 100).
public struct XRDPeak: Equatable, Sendable, Codable {
    /// Scattering angle 2θ in degrees.
    public var twoTheta: Double
    /// Intensity relative to the strongest peak (= 100).
    public var intensity: Double

    /// A peak from its angle (degrees) and scaled intensity.
    public init(twoTheta: Double, intensity: Double) {
        self.twoTheta = twoTheta
        self.intensity = intensity
    }
}
