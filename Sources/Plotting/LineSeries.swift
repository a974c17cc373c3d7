/// One polyline of a line chart.
public struct LineSeries: Equatable, Sendable {
    /// Legend text.
    public var name: String
    /// Vertex x values; a non-finite x or y breaks the line.
    public var x: [Double]
    /// Vertex y values (non-positive values are skipped on a log axis).
    public var y: [Double]
    /// Stroke colour.
    public var color: Color
    /// Dashed (4 on, 3 off).
    public var dashed: Bool
    /// Stroke width in points.
    public var width: Double
    /// Draw a small dot at each vertex.
    public var markers: Bool

    public init(name: String, x: [Double], y: [Double], color: Color, dashed: Bool = false,
                width: Double = 1.4, markers: Bool = false) {
        precondition(x.count == y.count, "series \(name): \(x.count) x values for \(y.count) y values")
        self.name = name; self.x = x; self.y = y; self.color = color; self.dashed = dashed
        self.width = width; self.markers = markers
    }
}
