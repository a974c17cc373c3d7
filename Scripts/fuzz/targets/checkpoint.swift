import Foundation

/// Writes a small valid archive into $FUZZ_SEED_DIR so the corpus starts from a parseable file.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInit(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    if let dir = ProcessInfo.processInfo.environment["FUZZ_SEED_DIR"] {
        let archive = ParameterArchive(fingerprint: "fuzz", metadata: "{\"a\":1}",
                                       tensors: [("w", [2, 3], [1, 2, 3, 4, 5, 6]), ("b", [3], [0, 0.5, -1])])
        try? Data(archive.encoded()).write(to: URL(fileURLWithPath: dir).appendingPathComponent("small.ckpt"))
    }
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        let a = try ParameterArchive.decode(Array(UnsafeBufferPointer(start: bytes, count: size)), path: "x.ckpt")
        for t in a.tensors { precondition(t.shape.reduce(1, *) == t.values.count, "shape/values mismatch in \(t.name)") }
    } catch { checkMessage(error, input: Data(bytes: bytes, count: size)) }
    return 0
}
