/// An sRGB colour with opacity, each component in [0, 1].
public struct Color: Equatable, Hashable, Sendable {
    /// Red component in [0, 1].
    public var red: Double
    /// Green component in [0, 1].
    public var green: Double
    /// Blue component in [0, 1].
    public var blue: Double
    /// Opacity in [0, 1].
    public var alpha: Double

    /// A colour from components in [0, 1].
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
    }

    /// A colour from a 24-bit `0xRRGGBB` value.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xff) / 255, green: Double((hex >> 8) & 0xff) / 255,
                  blue: Double(hex & 0xff) / 255, alpha: alpha)
    }

    /// The same colour with opacity `alpha`.
    public func withAlpha(_ alpha: Double) -> Color { Color(red: red, green: green, blue: blue, alpha: alpha) }

    /// `#rrggbb` (opacity dropped), as gnuplot and SVG expect.
    public var hexString: String {
        func byte(_ v: Double) -> Int { Int((min(max(v, 0), 1) * 255).rounded()) }
        let v = (byte(red) << 16) | (byte(green) << 8) | byte(blue)
        let s = String(v, radix: 16)
        return "#" + String(repeating: "0", count: 6 - s.count) + s
    }

    /// Pure black.
    public static let black = Color(hex: 0x000000)
    /// Pure white (background).
    public static let white = Color(hex: 0xffffff)
    /// Axis, tick and text grey.
    public static let darkGrey = Color(hex: 0x333333)
    /// Grid and separator grey.
    public static let lightGrey = Color(hex: 0xdddddd)
    /// Reference-line red (e.g. the fig 6 baseline).
    public static let red = Color(hex: 0xd62728)
}

/// The Okabe–Ito palette: eight categorical colours distinguishable under the common colour-vision
/// deficiencies (Okabe & Ito 2008). Yellow is last because it is faint on white.
public enum Palette {
    /// Okabe–Ito black.
    public static let black = Color(hex: 0x000000)
    /// Okabe–Ito orange (E69F00).
    public static let orange = Color(hex: 0xE69F00)
    /// Okabe–Ito skyBlue (56B4E9).
    public static let skyBlue = Color(hex: 0x56B4E9)
    /// Okabe–Ito bluishGreen (009E73).
    public static let bluishGreen = Color(hex: 0x009E73)
    /// Okabe–Ito blue (0072B2).
    public static let blue = Color(hex: 0x0072B2)
    /// Okabe–Ito vermillion (D55E00).
    public static let vermillion = Color(hex: 0xD55E00)
    /// Okabe–Ito reddishPurple (CC79A7).
    public static let reddishPurple = Color(hex: 0xCC79A7)
    /// Okabe–Ito yellow (F0E442).
    public static let yellow = Color(hex: 0xF0E442)
    /// Neutral grey (7F7F7F), not part of Okabe–Ito; used for baselines such as untrained arms.
    public static let grey = Color(hex: 0x7F7F7F)

    /// Colours in the order categorical series take them.
    public static let categorical: [Color] = [blue, orange, bluishGreen, vermillion, reddishPurple, skyBlue, grey, yellow]

    /// The `i`-th categorical colour (cycling).
    public static func color(_ i: Int) -> Color { categorical[((i % categorical.count) + categorical.count) % categorical.count] }
}
