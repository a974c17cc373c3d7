import ArgumentParser

/// A switch given as `on` or `off` on the command line (e.g. `--synthetic off`).
enum OnOff: String, ExpressibleByArgument, CaseIterable {
    case on, off
    var isOn: Bool { self == .on }
}
