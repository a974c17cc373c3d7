import Crystals
import Dispatch

/// A baseline featuriser of the paper (Docs/Protocol.md §6.1–6.3): a structure in, a fixed-length vector out.
public protocol BaselineFeaturizer: Sendable {
    /// Short name used in reports and on the command line ("xrd", "ofm").
    var name: String { get }
    /// Number of values of every vector.
    var length: Int { get }
    /// The feature vector of one structure, or a `FeaturizerError` saying why not.
    func vector(_ s: Structure) throws -> [Double]
}

extension XRDPattern: BaselineFeaturizer {
    /// "xrd".
    public var name: String { "xrd" }
    /// 128.
    public var length: Int { XRDPattern.length }
}

extension OrbitalFieldMatrix: BaselineFeaturizer {
    /// "ofm".
    public var name: String { "ofm" }
    /// 1521.
    public var length: Int { OrbitalFieldMatrix.length }
}

extension BaselineFeaturizer {
    /// Featurises many structures on `workers` threads. Result i belongs to structure i whatever
    /// the scheduling (each structure is computed by one thread, independently, into its own slot),
    /// so the output is identical for any number of workers. A structure that cannot be featurised
    /// gives `.failure` with its `FeaturizerError`; the others are unaffected.
    public func vectors(_ structures: [Structure], workers: Int = 2) -> [Result<[Double], FeaturizerError>] {
        let n = structures.count
        var results = [Result<[Double], FeaturizerError>](repeating: .failure(.emptyStructure), count: n)
        let threads = max(1, min(workers, n))
        results.withUnsafeMutableBufferPointer { out in
            let slots = out
            // Dynamic work sharing would need a shared counter; a fixed stride keeps it simple and
            // deterministic. Structures of very different size are interleaved by index, which
            // balances well on a shuffled-enough dataset.
            DispatchQueue.concurrentPerform(iterations: threads) { w in
                var i = w
                while i < n {
                    do { slots[i] = .success(try self.vector(structures[i])) } catch let e as FeaturizerError {
                        slots[i] = .failure(e)
                    } catch {
                        slots[i] = .failure(.symmetryFailed("unexpected error: \(error)"))
                    }
                    i += threads
                }
            }
        }
        return results
    }
}
