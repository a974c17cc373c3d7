import Foundation

/// Exact k-nearest-neighbour lists by brute force (O(N²·d)), for neighbourhood statistics.
public enum NearestNeighbours {
    /// For each of the N = `points.count / dimension` row-major points, the indices of its k nearest
    /// other points by squared Euclidean distance, nearest first; ties go to the lower index.
    /// Rows side by side on the available cores (each row is independent, so the result does not
    /// depend on scheduling).
    public static func lists(points: [Float], dimension d: Int, k: Int) -> [[Int]] {
        precondition(d > 0 && points.count % d == 0, "\(points.count) values are not rows of \(d)")
        let n = points.count / d
        let kk = Swift.min(k, Swift.max(n - 1, 0))
        let out = UnsafeMutableBufferPointer<[Int]>.allocate(capacity: n)
        out.initialize(repeating: [])
        defer { out.deallocate() }
        points.withUnsafeBufferPointer { p in
            let workers = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, n))
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var bestD = [Double](repeating: 0, count: kk), bestI = [Int](repeating: 0, count: kk)
                var i = w
                while i < n {
                    var filled = 0
                    for j in 0..<n where j != i {
                        var s = 0.0
                        for c in 0..<d { let t = Double(p[i * d + c]) - Double(p[j * d + c]); s += t * t }
                        if filled < kk || s < bestD[kk - 1] {
                            var pos = filled < kk ? filled : kk - 1
                            if filled < kk { filled += 1 }
                            while pos > 0 && bestD[pos - 1] > s { bestD[pos] = bestD[pos - 1]; bestI[pos] = bestI[pos - 1]; pos -= 1 }
                            bestD[pos] = s; bestI[pos] = j
                        }
                    }
                    out[i] = Array(bestI[0..<filled])
                    i += workers
                }
            }
        }
        return Array(out)
    }
}
