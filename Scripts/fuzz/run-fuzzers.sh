#!/usr/bin/env bash
# libFuzzer campaigns for the input readers: CIF, POSCAR, pymatgen JSON (all through
# StructureReader, with limits and validation), Matbench files, the numeric CSV of `repro tsne`,
# and the checkpoint decoder.
#
# Usage (from the package root):  Scripts/fuzz/run-fuzzers.sh [SECONDS_PER_TARGET] [TARGET ...]
#   targets: cif poscar json matbench csv checkpoint (default: all); SECONDS default 60.
#   FUZZ_RUNS=N stops each target after N executions instead (e.g. FUZZ_RUNS=1000000).
# Each target is built with `swiftc -sanitize=fuzzer,address` from the module sources (import
# lines between the package's own modules stripped, so they compile as one module) plus
# Scripts/fuzz/targets/<target>.swift. Corpora live in .build/fuzz/corpus/<target> (seeded from
# the test fixtures, kept between runs); crashes are written to .build/fuzz/crashes/<target>/.
# The last lines of each log (stat::number_of_executed_units, …) are printed per target.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_PER_TARGET=${1:-60}
shift || true
TARGETS=${*:-cif poscar json matbench csv checkpoint}
OUT=$ROOT/.build/fuzz
mkdir -p "$OUT"
FX=$ROOT/Tests/CrystalsTests/Fixtures

sources() {  # module sources for a target, copied with intra-package imports removed
  local target=$1 dir=$OUT/src/$1
  rm -rf "$dir"; mkdir -p "$dir"
  local files=("$ROOT"/Scripts/fuzz/targets/Checks.swift "$ROOT"/Scripts/fuzz/targets/$target.swift)
  case $target in
    checkpoint) files+=("$ROOT"/Sources/Learning/*.swift "$ROOT"/Sources/Randomness/*.swift "$ROOT"/Sources/FileOutput/*.swift) ;;
    csv) files+=("$ROOT"/Sources/Crystals/*.swift "$ROOT"/Sources/repro/NumericCSV.swift "$ROOT"/Sources/repro/CLIFailure.swift
                 "$ROOT"/Sources/FileOutput/*.swift
                 "$ROOT"/Scripts/fuzz/targets/BundleStub.swift) ;;
    *) files+=("$ROOT"/Sources/Crystals/*.swift "$ROOT"/Scripts/fuzz/targets/StructureChecks.swift "$ROOT"/Scripts/fuzz/targets/BundleStub.swift) ;;
  esac
  for f in "${files[@]}"; do
    sed -E '/^import (Crystals|Randomness|Learning|FileOutput)$/d' "$f" > "$dir/$(basename "$(dirname "$f")")_$(basename "$f")"
  done
  echo "$dir"
}

seed() {  # initial corpus from the fixtures
  local target=$1 dir=$OUT/corpus/$1
  mkdir -p "$dir"
  case $target in
    cif) cp "$FX"/*.cif "$FX"/symbol-only/*.cif "$dir"/ ;;
    poscar) cp "$FX"/*.vasp "$dir"/ ;;
    json) cp "$FX"/mp-*.json "$FX"/symbol-only/rutile_hm.json "$dir"/ ;;
    matbench) python3 - "$FX" "$dir" <<'PY'
import json, sys
fx, out = sys.argv[1], sys.argv[2]
for i, (name, col) in enumerate([("mp-10", "e_form"), ("mp-1030", "gap pbe")]):
    s = json.load(open(f"{fx}/{name}.json"))
    json.dump({"index": [name, "x"], "columns": ["structure", col], "data": [[s, 0.25], [s, None]]}, open(f"{out}/seed{i}.json", "w"))
PY
    ;;
    csv) printf 'file,g0,g1\n"a,b.cif",0.5,1e-3\nx.cif,2,3\r\n' > "$dir"/embed.csv
         printf '1,2,3\n4,5,6\n\n7,8,9\n' > "$dir"/plain.csv ;;
    checkpoint) cp "$ROOT"/Reports/models/dim-synthetic.ckpt "$dir"/ 2>/dev/null || true ;;
  esac
}

for t in $TARGETS; do
  src=$(sources "$t")
  bin=$OUT/fuzz-$t
  flags=(-I "$ROOT/Sources/Shims/CZlib" -I "$ROOT/Sources/Shims/CSpglib")
  libs=(-lz -lsymspg)
  if [ "$t" = checkpoint ]; then flags=(-I "$ROOT/Sources/Shims/CBLAS"); libs=(-lopenblas); fi
  echo "== $t: building"
  swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 5 "${flags[@]}" "$src"/*.swift "${libs[@]}" -o "$bin" 2>&1 \
    | grep -v "Cannot export local symbol" || true
  seed "$t"
  mkdir -p "$OUT/crashes/$t"
  limit=(-max_total_time="$SECONDS_PER_TARGET")
  [ -n "${FUZZ_RUNS:-}" ] && limit=(-runs="$FUZZ_RUNS")
  maxlen=65536; [ "$t" = checkpoint ] && maxlen=4096
  echo "== $t: fuzzing (${limit[*]})"
  FUZZ_SEED_DIR=$OUT/corpus/$t ASAN_OPTIONS=detect_leaks=1 "$bin" "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=$maxlen \
    -print_final_stats=1 -artifact_prefix="$OUT/crashes/$t/" "$OUT/corpus/$t" > "$OUT/$t.log" 2>&1 && status=0 || status=$?
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs|ERROR|SUMMARY|crash-|timeout-|leak-" "$OUT/$t.log" | tail -8
  echo "== $t: exit $status, corpus $(ls "$OUT/corpus/$t" | wc -l) files, crashes $(ls "$OUT/crashes/$t" | wc -l)"
done
