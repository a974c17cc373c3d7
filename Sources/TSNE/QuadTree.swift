/// A quadtree over 2-D points for the Barnes–Hut repulsion, rebuilt every iteration.
///
/// The root is the bounding square of the points (side = the larger extent, widened by 1e-3
/// relative plus 1e-12 so every point is strictly inside); a cell is split into its four
/// quadrants (points on a split line go to the upper quadrant) until it holds one point or
/// only points within 1e-6 of each other in every coordinate (sklearn's duplicate rule), or
/// reaches depth 64. Each cell stores its centre of mass, its point count and its squared
/// width; the children of a cell are stored contiguously. The build is sequential and its sums
/// run in point order, so the tree is a pure function of the positions.
struct QuadTree {
    /// One cell, stored in a single array (one cache line holds most of a cell).
    struct Node {
        /// Centre of mass.
        var cx: Double, cy: Double
        /// Number of points.
        var count: Double
        /// Squared side length.
        var squaredWidth: Double
        /// Index of the first child (children are contiguous), or −1 for a leaf.
        var firstChild: Int32
        /// Number of children.
        var childCount: Int32
    }
    var nodes: [Node] = []
    /// The points in depth-first quadrant order (a space-filling-curve order): visiting points
    /// in this order keeps consecutive tree walks in cache.
    var order: [Int32] = []

    static let duplicateTolerance = 1e-6

    init(_ y: [Double], n: Int) {
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in 0..<n {
            minX = min(minX, y[2 * i]); maxX = max(maxX, y[2 * i])
            minY = min(minY, y[2 * i + 1]); maxY = max(maxY, y[2 * i + 1])
        }
        var side = max(maxX - minX, maxY - minY)
        side = side * (1 + 1e-3) + 1e-12
        let x0 = minX - side * 5e-4, y0 = minY - side * 5e-4
        nodes.reserveCapacity(2 * n + 8)
        var order = [Int32](0..<Int32(n))
        var scratch = [Int32](repeating: 0, count: n)
        // Stack of pending cells: (node, lo, hi, originX, originY, width, depth).
        struct Pending { var node: Int; var lo: Int; var hi: Int; var ox: Double; var oy: Double; var w: Double; var depth: Int }
        appendNode(y, order, 0, n, width: side)
        var stack = [Pending(node: 0, lo: 0, hi: n, ox: x0, oy: y0, w: side, depth: 0)]
        while let c = stack.popLast() {
            let m = c.hi - c.lo
            if m <= 1 || c.depth >= 64 { continue }
            // All within the duplicate tolerance of the first point? Then stay a leaf.
            let fx = y[2 * Int(order[c.lo])], fy = y[2 * Int(order[c.lo]) + 1]
            var allSame = true
            for t in c.lo..<c.hi {
                let j = Int(order[t])
                if abs(y[2 * j] - fx) > Self.duplicateTolerance || abs(y[2 * j + 1] - fy) > Self.duplicateTolerance { allSame = false; break }
            }
            if allSame { continue }
            let h = c.w / 2, mx = c.ox + h, my = c.oy + h
            var counts = (0, 0, 0, 0)
            @inline(__always) func quadrant(_ j: Int) -> Int { (y[2 * j] >= mx ? 1 : 0) + (y[2 * j + 1] >= my ? 2 : 0) }
            for t in c.lo..<c.hi {
                switch quadrant(Int(order[t])) { case 0: counts.0 += 1; case 1: counts.1 += 1; case 2: counts.2 += 1; default: counts.3 += 1 }
            }
            var starts = SIMD4<Int>(c.lo, c.lo + counts.0, c.lo + counts.0 + counts.1, c.lo + counts.0 + counts.1 + counts.2)
            let lower = starts
            let upper = SIMD4<Int>(starts[1], starts[2], starts[3], c.hi)
            for t in c.lo..<c.hi { let j = Int(order[t]); let q = quadrant(j); scratch[starts[q]] = order[t]; starts[q] += 1 }
            for t in c.lo..<c.hi { order[t] = scratch[t] }
            let first = nodes.count
            var made = 0
            for q in 0..<4 where upper[q] > lower[q] {
                appendNode(y, order, lower[q], upper[q], width: h)
                stack.append(Pending(node: first + made, lo: lower[q], hi: upper[q],
                                        ox: c.ox + (q & 1 == 1 ? h : 0), oy: c.oy + (q & 2 == 2 ? h : 0), w: h, depth: c.depth + 1))
                made += 1
            }
            nodes[c.node].firstChild = Int32(first)
            nodes[c.node].childCount = Int32(made)
        }
        self.order = order
    }

    private mutating func appendNode(_ y: [Double], _ order: [Int32], _ lo: Int, _ hi: Int, width: Double) {
        var sx = 0.0, sy = 0.0
        for t in lo..<hi { let j = Int(order[t]); sx += y[2 * j]; sy += y[2 * j + 1] }
        let m = Double(hi - lo)
        nodes.append(Node(cx: sx / m, cy: sy / m, count: m, squaredWidth: width * width, firstChild: -1, childCount: 0))
    }
}
