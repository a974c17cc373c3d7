import Foundation
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt { fuzzStructure(Data(bytes: bytes, count: size), name: "x.cif"); return 0 }
