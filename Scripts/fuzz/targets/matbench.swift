import Foundation
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        let (_, ds) = try Matbench.parse(data: Data(bytes: bytes, count: size), name: "matbench.json")
        for r in ds.records { precondition(r.structure.count > 0 && r.structure.lattice.volume.isFinite, "bad record \(r.id)") }
    } catch { checkMessage(error, input: Data(bytes: bytes, count: size)) }
    return 0
}
