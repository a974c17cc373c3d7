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
            ItemHeartbeat.postEpoch(1, of: 10, loss: 0.2)
            ItemHeartbeat.postEpoch(2, of: 10, loss: 0.12345)
            let running = ItemHeartbeat.runningItems()
            XCTAssertEqual(running.map(\.item), ["dim/test"])
            let note = running.first?.note ?? ""
            XCTAssertTrue(note.hasPrefix("epoch 2/10, loss 0.1235, at most ~"), note)
            XCTAssertNil(ItemHeartbeat.end(), "no resumption noted")
            // A training run that continues a saved state starts at a later epoch and says so.
            ItemHeartbeat.begin(item: "dim/resumed")
            ItemHeartbeat.postEpoch(122, of: 300, loss: 1.5)
            let resumed = ItemHeartbeat.runningItems().first?.note ?? ""
            XCTAssertTrue(resumed.hasPrefix("epoch 122/300 (resumed after 121), loss 1.5000, at most ~"), resumed)
            // The backend's note of the resumption reaches the runner when the item ends.
            ItemHeartbeat.noteResumed(.init(afterEpoch: 121, priorSeconds: 3600))
            XCTAssertEqual(ItemHeartbeat.end(), .init(afterEpoch: 121, priorSeconds: 3600))
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
