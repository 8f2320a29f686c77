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

# One timed run: prints "wall_seconds rss_mb". Dirty pages of earlier runs are flushed first, so
# the kernel writing back the previous run's 300 MB of output is not charged to this one.
timed() {
  local log; log=$(mktemp)
  sync
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$bin" "$@" 2> "$log" >/dev/null
  else
    "$bin" "$@" 2> "$log" >/dev/null
  fi
  local wall rss
  wall=$(grep -oE '[0-9.]+ s, [0-9.]+ docs/s' "$log" | head -1 | cut -d' ' -f1)
  rss=$(awk '/Maximum resident set size/ { printf "%.0f", $6 / 1024 }' "$log")
  rm -f "$log"
  echo "$wall ${rss:-?}"
}

# RUNS runs of one measurement (default 3; this machine's speed varies by ±15% from run to
# run): the median run's figures, the range of docs/s, and the largest peak RSS.
RUNS=${RUNS:-3}
measure() { # label, then ogi arguments
  local label=$1; shift
  local results=()
  for _ in $(seq "$RUNS"); do results+=("$(timed "$@")"); done
  printf '%s\n' "${results[@]}" | sort -n | awk -v l="$label" -v n="$COUNT" -v b="$bytes" -v k="$RUNS" '
    { w[NR] = $1; if ($2 + 0 > r) r = $2 + 0 }
    END {
      m = w[int((k + 1) / 2)]
      printf "%-22s %8.0f docs/s %8.1f MB/s %8.2f s wall %6s MB peak RSS   (%d runs: %.0f–%.0f docs/s)\n",
        l, n / m, b / 1e6 / m, m, r, k, n / w[k], n / w[1]
    }'
}

out=target/bench-out
measure "extract --jobs 1" extract "$corpus" --out "$out" --jobs 1 --force
measure "extract --jobs $cores" extract "$corpus" --out "$out" --jobs "$cores" --force
measure "rerun, no change" extract "$corpus" --out "$out" --jobs "$cores"
