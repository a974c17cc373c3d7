import CSpglib
import Foundation

/// One of the 530 space-group settings (Hall numbers) of spglib's database, and how a CIF that
/// names its space group only by a symbol or number is mapped onto one of them.
///
/// Resolution, in the order a CIF's tags are tried:
/// 1. A Hermann–Mauguin symbol pymatgen's `CifParser` recognises gets the setting pymatgen uses
///    for it (`pymatgenSymbolHall`, generated from pymatgen itself): origin choice 1 when none is
///    given, hexagonal axes for R groups, the monoclinic setting the full symbol spells out.
/// 2. Any other Hermann–Mauguin symbol spglib knows (short `P 21/c`, full, with `:1`/`:2`/`:H`/`:R`
///    or a trailing `H`/`R`), where pymatgen falls back to P1 and reads a wrong structure. When the
///    symbol leaves the setting open, the first spglib setting wins (origin 1, unique axis b, H),
///    except that the cell decides between consistent settings: a monoclinic short symbol takes the
///    unique axis of the cell's non-right angle.
/// 3. A Hall symbol (`-P 2ybc`), compared with spglib's without spaces.
/// 4. The International Tables number, with pymatgen's choice of setting (`pymatgenNumberHall`).
/// In every case, an R group in hexagonal axes applied to a cell that is rhombohedral (a = b = c,
/// α = β = γ ≠ 90°) switches to the rhombohedral-axes setting of the same group (pymatgen would
/// apply hexagonal operations to it).
public struct SpaceGroupSetting: Equatable, Sendable {
    /// spglib's Hall number, 1…530.
    public let hallNumber: Int
    /// International Tables number, 1…230.
    public let number: Int
    /// spglib's symbol with setting, e.g. "P 2_1/c = P 1 2_1/c 1".
    public let international: String
    /// spglib's setting choice ("b1", "1", "2", "H", "R", "" …).
    public let choice: String
    /// The Hall symbol, e.g. "-P 2ybc".
    public let hallSymbol: String

    /// Cell parameters used to choose between settings a symbol leaves open.
    public struct Cell: Sendable {
        public var a, b, c, alpha, beta, gamma: Double
        public init(a: Double, b: Double, c: Double, alpha: Double, beta: Double, gamma: Double) {
            self.a = a; self.b = b; self.c = c; self.alpha = alpha; self.beta = beta; self.gamma = gamma
        }
        /// a = b = c and α = β = γ ≠ 90° (0.1 % and 0.05°).
        var isRhombohedral: Bool {
            let same = abs(a - b) <= 1e-3 * a && abs(a - c) <= 1e-3 * a
            return same && abs(alpha - beta) < 0.05 && abs(alpha - gamma) < 0.05 && abs(alpha - 90) > 0.05
        }
        /// The axis (a, b, c) whose opposite angle is the only one away from 90°, if exactly one is.
        var monoclinicUniqueAxis: Character? {
            let off = [(Character("a"), alpha), ("b", beta), ("c", gamma)].filter { abs($0.1 - 90) > 0.05 }
            return off.count == 1 ? off[0].0 : nil
        }
    }

    /// The setting with spglib Hall number `hallNumber` (nil outside 1…530).
    public init?(hallNumber: Int) {
        guard (1...530).contains(hallNumber) else { return nil }
        self = SpaceGroupSetting.all[hallNumber - 1]
    }

    private init(type t: SpglibSpacegroupType) {
        hallNumber = Int(t.hall_number); number = Int(t.number)
        international = SpaceGroupSetting.string(t.international)
        choice = SpaceGroupSetting.string(t.choice)
        hallSymbol = SpaceGroupSetting.string(t.hall_symbol)
        fullSymbol = SpaceGroupSetting.string(t.international_full)
        shortSymbol = SpaceGroupSetting.string(t.international_short)
    }

    let fullSymbol: String
    let shortSymbol: String

    /// All 530 settings, by Hall number − 1.
    static let all: [SpaceGroupSetting] = SpglibLock.run {
        (1...530).map { SpaceGroupSetting(type: spg_get_spacegroup_type(Int32($0))) }
    }

    /// The symmetry operations of this setting (identity first), from spglib's database.
    public var operations: [SymmetryOperation] {
        var rotations = [Int32](repeating: 0, count: 192 * 9)
        var translations = [Double](repeating: 0, count: 192 * 3)
        typealias Rows = ((Int32, Int32, Int32), (Int32, Int32, Int32), (Int32, Int32, Int32))
        let n = SpglibLock.run { rotations.withUnsafeMutableBytes { r in
            translations.withUnsafeMutableBytes { t in
                spg_get_symmetry_from_database(r.baseAddress!.assumingMemoryBound(to: Rows.self),
                                               t.baseAddress!.assumingMemoryBound(to: (Double, Double, Double).self),
                                               Int32(hallNumber))
            }
        } }
        return (0..<Int(n)).map { k in
            let r = (0..<3).map { i in SIMD3((0..<3).map { j in Double(rotations[9 * k + 3 * i + j]) }) }
            return SymmetryOperation(rotation: Matrix3(rows: r),
                                     translation: SIMD3(translations[3 * k], translations[3 * k + 1], translations[3 * k + 2]))
        }
    }

    // MARK: Resolution

    /// The setting a Hermann–Mauguin symbol names (see the type's documentation), or nil.
    public static func hermannMauguin(_ symbol: String, cell: Cell) -> SpaceGroupSetting? {
        var key = normalised(symbol)
        if let first = key.first, first.isLowercase { key = first.uppercased() + key.dropFirst() }
        if let h = pymatgenSymbolHall[key] { return adjusted(all[h - 1], cell: cell) }
        var base = key, choice: String? = nil
        if let colon = key.firstIndex(of: ":") {
            base = String(key[..<colon]); choice = String(key[key.index(after: colon)...])
        } else if key.first == "R", let last = key.last, last == "H" || last == "R", key.count > 2 {
            base = String(key.dropLast()); choice = String(last)
        }
        guard !base.isEmpty else { return nil }
        let choiceMatches: (SpaceGroupSetting) -> Bool = { s in
            guard let choice else { return true }
            return s.choice.caseInsensitiveCompare(choice) == .orderedSame
        }
        // Full symbols and the setting-specific names spglib lists, then short symbols.
        var candidates = all.filter { s in choiceMatches(s) && s.fullNames.contains(base) }
        if candidates.isEmpty { candidates = all.filter { s in choiceMatches(s) && s.shortNames.contains(base) } }
        guard let first = candidates.first else { return nil }
        if (3...15).contains(first.number), let axis = cell.monoclinicUniqueAxis,
           let onAxis = candidates.first(where: { $0.choice.first == axis }) {
            return onAxis
        }
        return adjusted(first, cell: cell)
    }

    /// The setting of a Hall symbol (spaces ignored), or nil.
    public static func hall(_ symbol: String) -> SpaceGroupSetting? {
        let key = symbol.filter { !$0.isWhitespace }
        guard !key.isEmpty else { return nil }
        return all.first { $0.hallSymbol.filter { !$0.isWhitespace } == key }
    }

    /// The setting pymatgen uses for International Tables number `number` (1…230), or nil.
    public static func number(_ number: Int, cell: Cell) -> SpaceGroupSetting? {
        guard (1...230).contains(number) else { return nil }
        return adjusted(all[pymatgenNumberHall[number - 1] - 1], cell: cell)
    }

    /// Hexagonal-axes R setting on a rhombohedral cell → the rhombohedral-axes setting.
    static func adjusted(_ s: SpaceGroupSetting, cell: Cell) -> SpaceGroupSetting {
        guard s.choice == "H", cell.isRhombohedral,
              let r = all.first(where: { $0.number == s.number && $0.choice == "R" }) else { return s }
        return r
    }

    /// Symbol with whitespace and underscores removed (pymatgen's normalisation).
    static func normalised(_ s: String) -> String { s.filter { !$0.isWhitespace && $0 != "_" } }

    /// Normalised full and setting-specific names ("P121/c1", "P21/c" for the standard b1 …).
    var fullNames: Set<String> {
        var names: Set<String> = [SpaceGroupSetting.normalised(fullSymbol)]
        for part in international.split(separator: "=") { names.insert(SpaceGroupSetting.normalised(String(part))) }
        return names
    }

    /// Normalised short names: spglib's short symbol, and for monoclinic settings the full
    /// symbol without its "1"s ("P 1 1 2_1/a" → "P21/a").
    var shortNames: Set<String> {
        var names: Set<String> = [SpaceGroupSetting.normalised(shortSymbol)]
        if (3...15).contains(number) {
            let parts = fullSymbol.split(separator: " ").filter { $0 != "1" }
            names.insert(SpaceGroupSetting.normalised(parts.joined()))
        }
        return names
    }

    /// A NUL-terminated C char array (imported as a tuple) as a String.
    static func string<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
    }

    public static func == (l: SpaceGroupSetting, r: SpaceGroupSetting) -> Bool { l.hallNumber == r.hallNumber }
}
