import Foundation
// The package's resource bundle does not exist in a fuzz binary; nothing fuzzed loads a resource.
extension Bundle { static var module: Bundle { Bundle.main } }
