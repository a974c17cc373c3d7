import XCTest

/// Placeholder so the target builds until its real tests land.
final class ExperimentsPlaceholderTests: XCTestCase {
    func testTargetBuilds() { XCTAssertTrue(true) }
}
