/// A crystallographic symmetry operation in fractional coordinates: x' = R x + t.
public struct SymmetryOperation: Equatable, Sendable {
    /// Rotation part (rows act on (x, y, z)).
    public var rotation: Matrix3
    /// Translation part (fractional).
    public var translation: SIMD3<Double>

    /// An operation from its rotation and translation parts.
    public init(rotation: Matrix3, translation: SIMD3<Double>) {
        self.rotation = rotation; self.translation = translation
    }

    /// Applies the operation to fractional coordinates.
    public func apply(_ f: SIMD3<Double>) -> SIMD3<Double> { rotation * f + translation }

    /// Parses a CIF operation such as `"x, y+1/2, -z"`, `"-x+y,-x,z+0.25"` or `"1/2+X,Y,Z"`
    /// (case-insensitive; each component a sum of ±[coefficient·]x|y|z terms and ±constants,
    /// constants as decimals or fractions). Returns nil if the text is not of that form.
    public init?(parsing text: String) {
        var s = text.lowercased().filter { !$0.isWhitespace }
        if s.hasPrefix("'") || s.hasPrefix("\"") { s = String(s.dropFirst().dropLast()) }
        let parts = s.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        var rows: [SIMD3<Double>] = [], t = SIMD3<Double>(repeating: 0)
        for (k, part) in parts.enumerated() {
            guard let (row, c) = SymmetryOperation.parseComponent(String(part)) else { return nil }
            rows.append(row); t[k] = c
        }
        rotation = Matrix3(rows: rows); translation = t
    }

    /// One component: returns the coefficients of x, y, z and the constant.
    static func parseComponent(_ s: String) -> (SIMD3<Double>, Double)? {
        guard !s.isEmpty else { return nil }
        var row = SIMD3<Double>(repeating: 0), constant = 0.0
        var i = s.startIndex
        while i < s.endIndex {
            var sign = 1.0
            if s[i] == "+" || s[i] == "-" { sign = s[i] == "-" ? -1 : 1; i = s.index(after: i) }
            guard i < s.endIndex else { return nil }
            // Number (decimal or fraction) possibly followed by '*' and a variable.
            var numText = ""
            while i < s.endIndex, s[i].isNumber || s[i] == "." || s[i] == "/" { numText.append(s[i]); i = s.index(after: i) }
            var value: Double? = nil
            if !numText.isEmpty {
                let pieces = numText.split(separator: "/")
                if pieces.count == 2, let a = Double(pieces[0]), let b = Double(pieces[1]), b != 0 { value = a / b }
                else if pieces.count == 1, let a = Double(pieces[0]) { value = a }
                else { return nil }
            }
            if i < s.endIndex, s[i] == "*" { i = s.index(after: i) }
            if i < s.endIndex, let axis = "xyz".firstIndex(of: s[i]) {
                let k = "xyz".distance(from: "xyz".startIndex, to: axis)
                row[k] += sign * (value ?? 1)
                i = s.index(after: i)
                // A trailing "/n" after a variable, e.g. "x/2", is not a symmetry operation.
            } else {
                guard let value else { return nil }
                constant += sign * value
            }
        }
        return (row, constant)
    }
}
