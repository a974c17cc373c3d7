import Foundation

/// Files bundled with the Experiments module.
public enum ExperimentResources {
    /// `matbench_fold0_test_ids.json.gz`: the official Matbench v0.1 fold-0 test ids of
    /// `matbench_mp_gap` and `matbench_mp_e_form` (from `matbench_v0.1_validation.json`, matbench
    /// 0.6 wheel). Gzipped JSON: `{"source", "metadata", "folds": {"matbench_mp_gap": {"fold_0":
    /// {"n_train", "n_test", "test": [ids]}}, "matbench_mp_e_form": {…}}}`. The `paper` profile's
    /// dataset stage uses it; train ids are all the others.
    public static var matbenchFold0TestIDs: URL? {
        Bundle.module.url(forResource: "matbench_fold0_test_ids.json", withExtension: "gz")
    }
}
