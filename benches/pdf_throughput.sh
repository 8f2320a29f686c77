#!/usr/bin/env bash
# PDF benchmark: builds release, generates ten-page PDF reports once (cached; three in four with
# ruled tables, one in four without rules), then runs `ogi extract` with one thread and with all
# cores, printing pages/s, documents/s, wall time and peak RSS.
#
#   bash benches/pdf_throughput.sh          # 500 documents
#   COUNT=2000 bash benches/pdf_throughput.sh
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT=${COUNT:-500}
SEED=${SEED:-7}
RUNS=${RUNS:-3}
cargo build --release --quiet
bin=./target/release/ogi
corpus=target/bench-pdf/$SEED-$COUNT
if [ ! -f "$corpus/truth_reports.csv" ]; then
  rm -rf "$corpus"
  $bin synth --count "$COUNT" --seed "$SEED" --profile pdf --out "$corpus"
fi
# Every page object of the generated files is written as `/Type /Page /Parent`.
pages=$(find "$corpus" -name '*.pdf' -exec grep -ac '/Type /Page /Parent' {} + | awk -F: '{ s += $NF } END { print s }')
mb=$(find "$corpus" -name '*.pdf' -printf '%s\n' | awk '{ s += $1 } END { printf "%.1f", s / 1e6 }')
cores=$(nproc)
echo "corpus: $COUNT PDF documents, $pages pages, $mb MB ($corpus), $cores cores"

timed() { # prints "wall_seconds rss_mb" of one run
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

measure() { # label, then ogi arguments: the median of RUNS runs, the largest peak RSS
  local label=$1; shift
  local results=()
  for _ in $(seq "$RUNS"); do results+=("$(timed "$@")"); done
  printf '%s\n' "${results[@]}" | sort -n | awk -v l="$label" -v n="$COUNT" -v p="$pages" -v k="$RUNS" '
    { w[NR] = $1; if ($2 + 0 > r) r = $2 + 0 }
    END {
      m = w[int((k + 1) / 2)]
      printf "%-22s %8.0f pages/s %7.1f docs/s %8.2f s wall %6s MB peak RSS   (%d runs: %.1f–%.1f docs/s)\n",
        l, p / m, n / m, m, r, k, n / w[k], n / w[1]
    }'
}

out=target/bench-pdf-out
measure "extract --jobs 1" extract "$corpus" --out "$out" --jobs 1 --force
measure "extract --jobs $cores" extract "$corpus" --out "$out" --jobs "$cores" --force
