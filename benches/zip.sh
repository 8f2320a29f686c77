#!/usr/bin/env bash
# Zip input benchmark: extracts zips of 500, 1,000, 2,000 and 3,000 generated documents and prints
# the wall time of each, so that the cost per entry can be seen to stay flat (reading an entry
# must not re-read the whole archive).
#
#   bash benches/zip.sh
#   SIZES="1000 10000" bash benches/zip.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-500 1000 2000 3000}
cargo build --release --quiet
bin=./target/release/ogi
work=target/bench-zip
mkdir -p "$work"
max=$(printf '%s\n' $SIZES | sort -n | tail -1)
pages=$work/pages-$max
if [ ! -f "$pages/truth_reports.csv" ]; then
  rm -rf "$pages"
  $bin synth --count "$max" --seed 11 --out "$pages" >/dev/null 2>&1
fi
for n in $SIZES; do
  zip=$work/pages-$n.zip
  if [ ! -f "$zip" ]; then
    # The first n documents, stored with deflate, as a harvester would pack them.
    python3 - "$pages" "$zip" "$n" <<'PY'
import os, sys, zipfile
pages, dest, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = sorted(f for f in os.listdir(pages) if not f.startswith("truth_"))[:n]
with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
    for f in names:
        z.write(os.path.join(pages, f), "site/" + f)
PY
  fi
  sync
  start=$(date +%s.%N)
  "$bin" extract "$zip" --out "$work/out-$n" --force --quiet
  end=$(date +%s.%N)
  awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN {
    w = e - s; printf "%6d entries %8.2f s wall %8.2f ms per entry\n", n, w, 1000 * w / n }'
done
