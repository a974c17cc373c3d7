import XCTest
@testable import Experiments
import TestSupport

final class StoreTests: XCTestCase {
    func testSHA256KnownVectors() {
        XCTAssertEqual(SHA256.hex(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex(Data(repeating: 0x61, count: 1000)),
                       "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    func testPackedFloatsRoundTripExactly() throws {
        let v: [Float] = [0, -0, 1.5, .pi, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, -3e-7]
        let d = try JSONEncoder().encode(PackedFloats(v))
        let back = try JSONDecoder().decode(PackedFloats.self, from: d)
        XCTAssertEqual(back.values.map(\.bitPattern), v.map(\.bitPattern))
        XCTAssertThrowsError(try JSONDecoder().decode(PackedFloats.self, from: Data("\"abc\"".utf8)))
    }

    func material(_ trial: Int = 0) -> KeyMaterial {
        KeyMaterial(frameworkVersion: "f", codeVersion: "c", dataChecksum: "d", profile: "p",
                    kind: .regressorTrial(experiment: "fig8", task: .gap, nLabels: 50, arm: "mlp-dim", trial: trial),
                    seeds: SeedBase(["x"]), settings: ItemSettings(), inputs: ["dataset": "k"])
    }

    func testWriteReadAndDetectCorruption() throws {
        let dir = try TestSupport.temporaryDirectory()
        let store = ResultStore(root: dir)
        try store.prepare()
        let m = material()
        let key = try m.key()
        XCTAssertEqual(store.read(key), .missing)
        let r = StoredResult(output: .trial(TrialOutcome(mae: 0.25, extra: ["epochs": 3])))
        try store.write(r, material: m, item: "fig8/gap/n0050/mlp-dim/t00")
        XCTAssertEqual(store.read(key), .valid(r))
        XCTAssertEqual(store.lastKey(profile: "p", item: "fig8/gap/n0050/mlp-dim/t00"), key)
        // No temporary files are left behind.
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [])

        let url = store.entryURL(key)
        let good = try Data(contentsOf: url)
        // A flipped payload byte: checksum mismatch.
        var flipped = good
        let i = flipped.count - 5
        flipped[i] = flipped[i] == UInt8(ascii: "1") ? UInt8(ascii: "2") : UInt8(ascii: "1")
        try flipped.write(to: url)
        guard case let .corrupt(why) = store.read(key) else { return XCTFail("flipped byte not detected") }
        XCTAssertTrue(why.contains("checksum"), why)
        // A truncated write.
        try good.prefix(good.count - 10).write(to: url)
        guard case let .corrupt(why2) = store.read(key) else { return XCTFail("truncation not detected") }
        XCTAssertTrue(why2.contains("truncated"), why2)
        // Garbage.
        try Data("garbage".utf8).write(to: url)
        guard case .corrupt = store.read(key) else { return XCTFail("garbage not detected") }
        // The entry of another key under this key's name.
        let other = try material(1).key()
        try store.write(r, material: material(1), item: "other")
        try Data(contentsOf: store.entryURL(other)).write(to: url)
        guard case .corrupt = store.read(key) else { return XCTFail("wrong key not detected") }
    }

    func testConcurrentWritersOfOneKeyLeaveOneValidEntry() throws {
        let store = ResultStore(root: try TestSupport.temporaryDirectory())
        try store.prepare()
        let m = material()
        let r = StoredResult(output: .trial(TrialOutcome(mae: 1)))
        DispatchQueue.concurrentPerform(iterations: 16) { _ in try! store.write(r, material: m, item: "x") }
        XCTAssertEqual(store.read(try m.key()), .valid(r))
    }

    func testKeyChangesWithEveryPartOfTheConfiguration() throws {
        let base = material()
        var keys = Set([try base.key()])
        var m = base; m.codeVersion = "c2"; keys.insert(try m.key())
        m = base; m.dataChecksum = "d2"; keys.insert(try m.key())
        m = base; m.profile = "p2"; keys.insert(try m.key())
        m = base; m.inputs = ["dataset": "k2"]; keys.insert(try m.key())
        m = base; m.settings.standardise = true; keys.insert(try m.key())
        m = base; m.seeds = SeedBase(["y"]); keys.insert(try m.key())
        XCTAssertEqual(keys.count, 7)
        XCTAssertEqual(try base.key(), try material().key())
        var changed = base; changed.codeVersion = "c2"; changed.inputs = ["dataset": "k3"]
        XCTAssertEqual(changed.differences(from: base), ["code version c → c2", "inputs changed: dataset"])
    }
}
