import XCTest
import TSNE
import Randomness

final class DeterminismAndInputTests: XCTestCase {
    private func subset(_ n: Int) throws -> [[Double]] { Array(try TSNEReference.load().data.prefix(n)) }

    /// Same seed ⇒ same bits, with 1 or 2 threads; random init: another seed ⇒ another result.
    func testSameSeedSameBitsWhateverTheThreadCount() throws {
        let x = try subset(300)
        var cfg = TSNEConfiguration(perplexity: 20)
        cfg.method = .barnesHut
        cfg.maxIterations = 300
        cfg.initialisation = .random
        let seed = SeedPath("test", "tsne", "determinism")
        cfg.threads = 1
        let a = try TSNE(cfg).embed(x, seed: seed)
        cfg.threads = 2
        let b = try TSNE(cfg).embed(x, seed: seed)
        let c = try TSNE(cfg).embed(x, seed: seed)
        XCTAssertEqual(a.embedding.flatMap { $0 }.map(\.bitPattern), b.embedding.flatMap { $0 }.map(\.bitPattern))
        XCTAssertEqual(b.embedding.flatMap { $0 }.map(\.bitPattern), c.embedding.flatMap { $0 }.map(\.bitPattern))
        XCTAssertEqual(a.klDivergence.bitPattern, b.klDivergence.bitPattern)
        let other = try TSNE(cfg).embed(x, seed: SeedPath("test", "tsne", "determinism", "other"))
        XCTAssertNotEqual(other.embedding.flatMap { $0 }, b.embedding.flatMap { $0 })
    }

    func testExactIsDeterministicAcrossThreadCounts() throws {
        let x = try subset(60)
        var cfg = TSNEConfiguration(perplexity: 8)
        cfg.maxIterations = 300
        cfg.threads = 1
        let a = try TSNE(cfg).embed(x, seed: SeedPath("t"))
        cfg.threads = 2
        let b = try TSNE(cfg).embed(x, seed: SeedPath("t"))
        XCTAssertEqual(a.embedding.flatMap { $0 }.map(\.bitPattern), b.embedding.flatMap { $0 }.map(\.bitPattern))
    }

    func testLargePerplexityIsClampedWithANote() throws {
        let x = try subset(40)
        let r = try TSNE(TSNEConfiguration(perplexity: 1000)).embed(x, seed: SeedPath("clamp"))
        XCTAssertEqual(r.perplexity, 13, accuracy: 1e-12)
        XCTAssertEqual(r.notes.count, 1)
        XCTAssertTrue(r.notes[0].contains("clamped"), r.notes[0])
        XCTAssertTrue(r.klDivergence.isFinite)
        XCTAssertEqual(r.embedding.count, 40)
    }

    /// n < 4: the perplexity is clamped to 1 (not below), and the run stays finite.
    func testTinyInputsStayFinite() throws {
        for x in [[[1.0], [2.0], [4.0]], [[0.0, 1.0], [1.0, 0.0]]] {
            let r = try TSNE().embed(x, seed: SeedPath("tiny"))
            XCTAssertEqual(r.perplexity, 1)
            XCTAssertTrue(r.embedding.joined().allSatisfy(\.isFinite))
            XCTAssertTrue(r.klDivergence.isFinite)
        }
    }

    func testBadInputGivesClearErrors() {
        let t = TSNE()
        XCTAssertThrowsError(try t.embed([[1, 2]], seed: SeedPath("x"))) { XCTAssertEqual($0 as? TSNEError, .tooFewPoints(1)) }
        XCTAssertThrowsError(try t.embed([[1, 2], [3]], seed: SeedPath("x"))) {
            XCTAssertEqual($0 as? TSNEError, .raggedRow(row: 1, expected: 2, found: 1))
        }
        XCTAssertThrowsError(try t.embed([[1, 2], [3, .nan], [1, 1]], seed: SeedPath("x"))) {
            XCTAssertEqual($0 as? TSNEError, .nonFinite(row: 1, column: 1))
        }
        XCTAssertThrowsError(try TSNE(TSNEConfiguration(perplexity: -1)).embed([[1], [2], [3]], seed: SeedPath("x"))) {
            XCTAssertEqual($0 as? TSNEError, .invalidPerplexity(-1))
        }
        XCTAssertThrowsError(try t.embed([[1, 2], [1, 2], [1, 2]], seed: SeedPath("x"))) {
            XCTAssertEqual($0 as? TSNEError, .degenerateInput)
        }
    }
}
