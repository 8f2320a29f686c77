#!/usr/bin/env bash
# Throughput benchmark: builds release, generates a corpus of whole report pages once (cached),
# then runs `ogi extract` with one thread and with all cores, and a no-change rerun, printing
# documents/s, MB/s, wall time and peak RSS.
#
#   bash benches/throughput.sh            # 10,000 documents
#   COUNT=50000 bash benches/throughput.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-10000}
SEED=${SEED:-7}
cargo build --release --quiet
bin=./target/release/ogi
corpus=target/bench-corpus/$SEED-$COUNT
if [ ! -f "$corpus/truth_reports.csv" ]; then
  rm -rf "$corpus"
  $bin synth --count "$COUNT" --seed "$SEED" --profile bench --out "$corpus"
fi
bytes=$(find "$corpus" -type f ! -name 'truth_*' -printf '%s\n' | awk '{ s += $1 } END { print s }')
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
cores=$(nproc)
echo "corpus: $COUNT documents, $mb MB ($corpus), $cores cores"

measure() { # label, then ogi arguments
  local label=$1; shift
  local log; log=$(mktemp)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$bin" "$@" 2> "$log" >/dev/null
  else
    "$bin" "$@" 2> "$log" >/dev/null
  fi
  local wall rss
  wall=$(grep -oE '[0-9.]+ s, [0-9.]+ docs/s' "$log" | head -1 | cut -d' ' -f1)
  rss=$(awk '/Maximum resident set size/ { printf "%.0f", $6 / 1024 }' "$log")
  awk -v l="$label" -v n="$COUNT" -v w="$wall" -v b="$bytes" -v r="${rss:-?}" \
    'BEGIN { printf "%-22s %8.0f docs/s %8.1f MB/s %8.2f s wall %6s MB peak RSS\n", l, n / w, b / 1e6 / w, w, r }'
  rm -f "$log"
}

out=target/bench-out
measure "extract --jobs 1" extract "$corpus" --out "$out" --jobs 1 --force
measure "extract --jobs $cores" extract "$corpus" --out "$out" --jobs "$cores" --force
measure "rerun, no change" extract "$corpus" --out "$out" --jobs "$cores"
