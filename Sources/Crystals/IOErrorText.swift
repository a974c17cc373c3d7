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
        let path = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path
        if [4, 512, 513, 640].contains(ns.code), let path, let why = pathProblem(path) { return why }
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

/// Why a path cannot be created or written, found by walking up to its first existing ancestor:
/// "/a/b is a file, not a folder", "permission denied in /a"; nil when nothing is wrong there.
func pathProblem(_ path: String) -> String? {
    var url = URL(fileURLWithPath: path).deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    while !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
        let parent = url.deletingLastPathComponent()
        if parent.path == url.path { return nil }
        url = parent
    }
    if !isDirectory.boolValue { return "\(url.path) is a file, not a folder" }
    if !FileManager.default.isWritableFile(atPath: url.path) { return "permission denied in \(url.path)" }
    return nil
}
