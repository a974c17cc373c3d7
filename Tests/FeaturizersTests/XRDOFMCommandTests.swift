import Crystals
import Featurizers
import Foundation
import TestSupport
import XCTest

/// `repro featurize xrd|ofm` on the release binary (skipped when it is not built).
final class XRDOFMCommandTests: XCTestCase {
    private func binary() throws -> URL {
        let url = TestSupport.reproBinary
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw XCTSkip("release binary not built (swift build -c release --product repro)")
        }
        return url
    }

    /// JSON output has the documented keys and lengths, equals the library on the authors' cell
    /// (primitive → ≤50-atom supercell) and, for the OFM, matminer's vector of the file's cell.
    func testJSONOutputMatchesLibrary() throws {
        let repro = try binary()
        let ref = try loadFeaturizerReference("ofm_reference")[1]
        let s = ref.structure
        let dir = try TestSupport.temporaryDirectory()
        let file = dir.appendingPathComponent("POSCAR")
        let symbols = ["H", "He", "Li", "Be", "B", "C", "N", "O", "F", "Ne", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "Ar", "K", "Ca",
                       "Sc", "Ti", "V", "Cr", "Mn", "Fe", "Co", "Ni", "Cu", "Zn", "Ga", "Ge", "As", "Se", "Br", "Kr", "Rb", "Sr", "Y", "Zr",
                       "Nb", "Mo", "Tc", "Ru", "Rh", "Pd", "Ag", "Cd", "In", "Sn", "Sb", "Te", "I", "Xe", "Cs", "Ba", "La", "Ce", "Pr", "Nd",
                       "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Hf", "Ta", "W", "Re", "Os", "Ir", "Pt", "Au", "Hg",
                       "Tl", "Pb", "Bi", "Po", "At", "Rn", "Fr", "Ra", "Ac", "Th", "Pa", "U", "Np", "Pu"]
        // POSCAR with one species block per site (order kept).
        var text = "\(ref.id)\n1.0\n"
        for r in s.lattice.matrix { text += "\(r.x) \(r.y) \(r.z)\n" }
        text += s.atomicNumbers.map { symbols[$0 - 1] }.joined(separator: " ") + "\n"
        text += s.atomicNumbers.map { _ in "1" }.joined(separator: " ") + "\nDirect\n"
        for f in s.fractional { text += "\(f.x) \(f.y) \(f.z)\n" }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let cell = BaselineInput.authorsCell(try StructureReader.read(url: file))

        let xrd = try TestSupport.run(repro, ["featurize", "xrd", file.path, "--json"])
        XCTAssertEqual(xrd.status, 0, xrd.stderr)
        let x = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(xrd.stdout.utf8)) as? [String: Any])
        let peaks = try XCTUnwrap(x["peaks"] as? [[Double]])
        let xv = try XCTUnwrap(x["vector"] as? [Double])
        XCTAssertEqual(xv.count, 128)
        // The release binary is built with other optimisations (FMA): equal to rounding, not bits.
        let libraryPeaks = try XRDCalculator().pattern(cell)
        XCTAssertEqual(peaks.count, libraryPeaks.count)
        for (a, b) in zip(peaks, libraryPeaks) {
            XCTAssertEqual(a[0], b.twoTheta, accuracy: 1e-9)
            XCTAssertEqual(a[1], b.intensity, accuracy: 1e-9)
        }
        for (a, b) in zip(xv, try XRDPattern().vector(cell)) { XCTAssertEqual(a, b, accuracy: 1e-12) }

        let ofm = try TestSupport.run(repro, ["featurize", "ofm", file.path, "--json"])
        XCTAssertEqual(ofm.status, 0, ofm.stderr)
        let o = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(ofm.stdout.utf8)) as? [String: Any])
        let ov = try XCTUnwrap(o["vector"] as? [Double])
        for (a, b) in zip(ov, try OrbitalFieldMatrix().vector(cell)) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        for (a, b) in zip(ov, ref.vector) { XCTAssertEqual(a, b, accuracy: 1e-6) }
    }

    /// A malformed file and an unsupported element give one-line errors and a non-zero exit.
    func testBadInputIsOneLineError() throws {
        let repro = try binary()
        let dir = try TestSupport.temporaryDirectory()
        let bad = dir.appendingPathComponent("bad.vasp")
        try "not a POSCAR\n".write(to: bad, atomically: true, encoding: .utf8)
        let r = try TestSupport.run(repro, ["featurize", "ofm", bad.path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("bad.vasp"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)

        let es = dir.appendingPathComponent("Es.vasp")  // Z = 99: outside both tables
        try "Es\n1.0\n4 0 0\n0 4 0\n0 0 4\nEs\n1\nDirect\n0 0 0\n".write(to: es, atomically: true, encoding: .utf8)
        for cmd in ["xrd", "ofm"] {
            let r = try TestSupport.run(repro, ["featurize", cmd, es.path, "--as-given"])
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.stderr.contains("Es.vasp") && r.stderr.contains("Z = 99"), r.stderr)
        }
    }
}
