import Foundation
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        let (values, dims) = try NumericCSV.parse(Data(bytes: bytes, count: size), path: "x.csv")
        precondition(dims > 0 && values.count % dims == 0 && values.allSatisfy(\.isFinite), "inconsistent CSV result")
    } catch { checkMessage(error, input: Data(bytes: bytes, count: size)) }
    return 0
}
