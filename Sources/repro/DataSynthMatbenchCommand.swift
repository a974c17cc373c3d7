import ArgumentParser
import Crystals
import Experiments
import FileOutput
import Foundation

/// `repro data synth-matbench --out DIR [--e-form-records N] [--gap-records N] [--seed S]`.
struct DataSynthMatbench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth-matbench",
        abstract: "Write full-size stand-ins for the Matbench files from the embedded structures.",
        discussion: """
        Writes DIR/matbench_mp_e_form.json.gz and DIR/matbench_mp_gap.json.gz in Matbench's format \
        (pandas split orientation, pymatgen Structure.as_dict() structures, ids mb-mp-e-form-000001… \
        and mb-mp-gap-000001…), at Matbench's record counts by default, so that the bundled fold-0 \
        test ids select the real test counts (26,551 and 21,223). Each record is an embedded \
        structure with a seeded small lattice strain and a seeded noisy label: for testing the \
        paper profile's data path at full size, not for science. Same seed and counts, same bytes.
        """)

    @Option(help: "Output directory (created if needed).")
    var out: String

    @Option(help: "Records of matbench_mp_e_form.json.gz.")
    var eFormRecords = MatbenchSynthesizer.realRecordCounts[.eForm]!

    @Option(help: "Records of matbench_mp_gap.json.gz.")
    var gapRecords = MatbenchSynthesizer.realRecordCounts[.gap]!

    @Option(help: "Seed of the strains, labels and structure draws.")
    var seed: UInt64 = 1

    func validate() throws {
        for (flag, n) in [("--e-form-records", eFormRecords), ("--gap-records", gapRecords)] where !(1...999_999).contains(n) {
            throw ValidationError("\(flag) must be 1…999999 (ids have 6 digits), got \(n)")
        }
    }

    func run() throws {
        do {
            let summaries = try MatbenchSynthesizer.writeBoth(to: URL(fileURLWithPath: out), eFormRecords: eFormRecords,
                                                              gapRecords: gapRecords, seed: seed)
            for s in summaries {
                print("\(s.url.path): \(s.records) records (\(s.task.rawValue)), \(s.fold0Test) of them fold-0 test ids")
            }
        } catch let e as StructureReadError { throw CLIFailure(e.description) }
        catch let e as ExperimentError { throw CLIFailure(e.description) }
        catch let f as AtomicFile.Failure { throw CLIFailure(f.description) }
        catch { throw CLIFailure("\(out): \(plainIOErrorText(error))") }
    }
}
