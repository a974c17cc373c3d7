import Randomness

/// The authors' dynamic batching by a budget of unique sites (`SiteNet_batch_sampler`, Docs/Protocol.md §2.4):
/// crystals are taken in a random order and appended to the current batch until the next one would
/// push Σ primSize over `budget`; the last partial batch is kept.
///
/// Difference from the authors (the roll-by-half fix, see ``SiteNetBatch``): with
/// `minimumCrystals = 2`, a final batch holding a single crystal is merged into the batch before it,
/// so every DIM batch has a crystal to draw "other crystal" samples from.
public enum SiteBudgetSampler {
    /// Batches of indices into `primSizes`, in the random order drawn from `rng`.
    public static func batches(primSizes: [Int], budget: Int, rng: inout RandomStream, minimumCrystals: Int = 1) -> [[Int]] {
        let order = rng.permutation(primSizes.count)
        return batches(order: order, primSizes: primSizes, budget: budget, minimumCrystals: minimumCrystals)
    }

    /// Batches of `order` (already shuffled) under the site budget.
    public static func batches(order: [Int], primSizes: [Int], budget: Int, minimumCrystals: Int = 1) -> [[Int]] {
        var out: [[Int]] = [], cur: [Int] = [], total = 0
        for i in order {
            let p = primSizes[i]
            if !cur.isEmpty && total + p > budget { out.append(cur); cur = []; total = 0 }
            cur.append(i); total += p
        }
        if !cur.isEmpty {
            if cur.count < minimumCrystals, !out.isEmpty { out[out.count - 1] += cur } else { out.append(cur) }
        }
        return out
    }

    /// The authors' budget for a supervised run: 400 unique sites up to 250 labels, 1200 above.
    public static func supervisedBudget(labels: Int) -> Int { labels <= 250 ? 400 : 1200 }
}
