import Foundation

/// Words for a file-system error, for messages that follow a path: "permission denied",
/// "no such file or directory", "no space left on device" — never Foundation's
/// "NSCocoaErrorDomain Code=512" text.
public func plainIOErrorText(_ error: Error) -> String {
    let ns = error as NSError
    // The POSIX error underneath a Cocoa file error says what happened.
    var e: NSError? = ns
    while let current = e {
        if current.domain == NSPOSIXErrorDomain, let text = strerror(Int32(current.code)) {
            return String(cString: text).lowercased()
        }
        e = current.userInfo[NSUnderlyingErrorKey] as? NSError
    }
    if ns.domain == NSCocoaErrorDomain {
        switch ns.code {
        case 4, 260: return "no such file or directory"
        case 257, 513: return "permission denied"
        case 259, 264: return "not readable in a supported text encoding"
        case 640: return "no space left on device"
        case 642: return "read-only file system"
        case 516: return "a file of that name already exists"
        case 512: return "cannot be written (a folder on the path is missing or not writable, or the disk is full)"
        case 256: return "cannot be read"
        default: return "file-system error \(ns.code)"
        }
    }
    let text = String(describing: error)
    return text.contains("Domain=") ? "input/output error" : text.escapingControlCharacters(limit: 300)
}
