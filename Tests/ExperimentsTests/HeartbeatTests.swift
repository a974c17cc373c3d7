import Experiments
import Foundation
import XCTest

/// Notes posted from a worker thread belong to the item that thread runs, and an epoch note
/// carries the loss and an estimate of the time left.
final class HeartbeatTests: XCTestCase {
    func testEpochNotesBelongToTheRunningItem() throws {
        let done = expectation(description: "worker")
        let thread = Thread {
            ItemHeartbeat.begin(item: "dim/test")
            Thread.sleep(forTimeInterval: 0.05)
            ItemHeartbeat.postEpoch(2, of: 10, loss: 0.12345)
            let running = ItemHeartbeat.runningItems()
            XCTAssertEqual(running.map(\.item), ["dim/test"])
            let note = running.first?.note ?? ""
            XCTAssertTrue(note.hasPrefix("epoch 2/10, loss 0.1235, at most ~"), note)
            ItemHeartbeat.end()
            XCTAssertTrue(ItemHeartbeat.runningItems().isEmpty)
            done.fulfill()
        }
        thread.start()
        wait(for: [done], timeout: 10)
        // Outside an item, posting does nothing.
        ItemHeartbeat.post("ignored")
        XCTAssertTrue(ItemHeartbeat.runningItems().isEmpty)
    }
}
