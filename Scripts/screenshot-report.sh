#!/usr/bin/env bash
# Screenshots of the HTML report in headless Chromium at 1400 and 800 px wide (Debian package
# chromium), to check how it reads on a wide and a narrow screen. The page is loaded from disk with
# networking disabled; it needs none.
# Usage: Scripts/screenshot-report.sh [REPORT_HTML] [OUT_DIR] [HEIGHT]
#   writes OUT_DIR/report-1400.png and OUT_DIR/report-800.png (default: Reports/report.html, /tmp, 2400)
set -euo pipefail
html=${1:-Reports/report.html}
out=${2:-/tmp}
height=${3:-2400}
[ -f "$html" ] || { echo "screenshot-report: $html: no such file" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || true)
[ -n "$browser" ] || { echo "screenshot-report: no chromium (apt-get install chromium)" >&2; exit 1; }
url="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
mkdir -p "$out"
for width in 1400 800; do
  # --no-sandbox: Chromium refuses to run as root otherwise; the page is our own file.
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --blink-settings=imagesEnabled=true \
    --window-size="$width,$height" --screenshot="$out/report-$width.png" "$url" >/dev/null 2>&1
  echo "screenshot-report: $out/report-$width.png"
done
