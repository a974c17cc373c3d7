/// Trustworthiness of an embedding (Venna & Kaski 2001; sklearn `manifold.trustworthiness`):
///
/// T(k) = 1 − 2 / (n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ N_k^emb(i)} max(0, r(i, j) − k),
///
/// where N_k^emb(i) are the k nearest neighbours of i in the embedding and r(i, j) is the rank
/// (1 = nearest) of j among the other points by Euclidean distance in the input space. Ties are
/// broken by the smaller index. Needs k < n/2. O(n² log n) time, O(n) memory per point.
public func trustworthiness(_ x: [[Double]], _ embedding: [[Double]], neighbours k: Int) throws -> Double {
    let n = x.count
    guard embedding.count == n else {
        throw TSNEError.invalidSetting("trustworthiness: \(n) input rows but \(embedding.count) embedded rows")
    }
    guard k >= 1, Double(k) < Double(n) / 2 else {
        throw TSNEError.invalidSetting("trustworthiness: neighbours (\(k)) must be ≥ 1 and < n/2 (\(Double(n) / 2))")
    }
    func squared(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for t in 0..<a.count { let v = a[t] - b[t]; s += v * v }
        return s
    }
    var penalty = 0.0
    var rank = [Int](repeating: 0, count: n)
    for i in 0..<n {
        let dx = (0..<n).map { squared(x[i], x[$0]) }
        let orderX = (0..<n).filter { $0 != i }.sorted { dx[$0] < dx[$1] || (dx[$0] == dx[$1] && $0 < $1) }
        for (r, j) in orderX.enumerated() { rank[j] = r + 1 }
        let dy = (0..<n).map { squared(embedding[i], embedding[$0]) }
        let nearY = (0..<n).filter { $0 != i }.sorted { dy[$0] < dy[$1] || (dy[$0] == dy[$1] && $0 < $1) }.prefix(k)
        for j in nearY where rank[j] > k { penalty += Double(rank[j] - k) }
    }
    let nn = Double(n), kk = Double(k)
    return 1 - penalty * (2 / (nn * kk * (2 * nn - 3 * kk - 1)))
}
