#!/usr/bin/env bash
# Validates a report notebook (default Reports/report.ipynb): nbformat's schema, no network access
# in its code, every figure cell carrying the report's PNG, then executes every code cell headless
# with nbconvert (the figures are redrawn from Figures/*.csv with pandas and matplotlib).
# Needs the Debian packages python3-nbformat, jupyter-nbconvert, python3-ipykernel, python3-pandas
# and python3-matplotlib (Scripts/install-deps.sh installs them); uses the system Python in
# /usr/bin so that a pyenv or virtualenv earlier in PATH does not shadow them.
# Usage: Scripts/check-notebook.sh [NOTEBOOK]   Exit status 0 when valid and executed.
set -euo pipefail
nb=${1:-Reports/report.ipynb}
[ -f "$nb" ] || { echo "check-notebook: $nb: no such file" >&2; exit 1; }
export PATH=/usr/bin:/bin:$PATH MPLBACKEND=module://matplotlib_inline.backend_inline
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
/usr/bin/python3 - "$nb" <<'PY'
import re, sys, nbformat
path = sys.argv[1]
nb = nbformat.read(path, as_version=4)
nbformat.validate(nb)
code = [c for c in nb.cells if c.cell_type == "code"]
markdown = [c for c in nb.cells if c.cell_type == "markdown"]
figures = [c for c in code if "redraw(" in c.source and "def redraw" not in c.source]
assert markdown, "no Markdown cell"
assert figures, "no figure cell"
for c in code:
    assert not re.search(r"https?://|urllib|requests|socket", c.source), "code reaches for the network: " + c.source[:80]
for c in figures:
    assert any("image/png" in o.get("data", {}) for o in c.outputs), "figure cell without its PNG: " + c.source[:80]
print(f"check-notebook: {path}: valid nbformat {nb.nbformat}.{nb.nbformat_minor}, "
      f"{len(markdown)} Markdown cells, {len(figures)} figure cells")
PY
# Execute with the notebook's directory as the working directory (FIGURES is relative to it).
/usr/bin/python3 -m nbconvert --to notebook --execute --ExecutePreprocessor.timeout=300 \
  --ExecutePreprocessor.kernel_name=python3 --output-dir "$out" --output executed.ipynb "$nb" >/dev/null 2>"$out/log" \
  || { cat "$out/log" >&2; echo "check-notebook: executing $nb failed" >&2; exit 1; }
/usr/bin/python3 - "$out/executed.ipynb" <<'PY'
import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
drawn = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs if "image/png" in o.get("data", {}))
assert not errors, errors[0].get("evalue")
print(f"check-notebook: executed every code cell headless; {drawn} figures redrawn from their CSVs")
PY
