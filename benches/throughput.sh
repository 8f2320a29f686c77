#!/usr/bin/env bash
# Throughput benchmark: builds release, makes a corpus once (cached under target/), then runs
# `ogi extract` with one thread and with all cores, and a no-change rerun, printing documents/s,
# MB/s, wall time and peak RSS (PDF corpora: pages/s too).
#
#   bash benches/throughput.sh                          # 10,000 generated portal pages (profile bench)
#   PROFILE=word bash benches/throughput.sh             # 10,000 generated Word-export pages
#   PROFILE=pdf COUNT=500 bash benches/throughput.sh    # 500 generated twelve-page PDF reports
#   PAGES=../shared/corpus/raw bash benches/throughput.sh # 1,800 copies of a folder's real pages
#   PAGES='../shared/corpus/raw/pingtan_*page*.html' bash benches/throughput.sh  # or of a glob's
#   CALLGRIND=1 ... bash benches/throughput.sh          # also instructions per document (valgrind)
#   BIN=path/to/ogi ... bash benches/throughput.sh      # bench that binary (no build), e.g. a copy of main's
#
# PAGES=DIR (or a glob) copies the folder's `*.html`/`*.htm` pages (round robin) into target/, each copy
# ending in its own `<!-- copy N -->` line: the batch extracts a content it has seen once only. The
# corpus is marked complete by a file beside its folder, not in it (ogi reads extension-less files).
# CALLGRIND=1 runs `valgrind --tool=callgrind` with `--jobs 1` over the first CG_DOCS documents
# (default 20) and over twice as many, and prints the difference per document: instructions per
# document without the process's start-up, repeatable where wall time drifts. Valgrind runs
# SHA-256 in software (it has no SHA-NI), so the hashing of each document is shown apart.
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${SEED:-7}
RUNS=${RUNS:-3}
PROFILE=${PROFILE:-bench}
PAGES=${PAGES:-}
CALLGRIND=${CALLGRIND:-0}
CG_DOCS=${CG_DOCS:-20}
if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  cargo build --release --quiet
  bin=./target/release/ogi
fi

if [ -n "$PAGES" ]; then
  COUNT=${COUNT:-1800}
  if [ -d "$PAGES" ]; then
    mapfile -t pages < <(find "$PAGES" -maxdepth 1 -type f \( -name '*.html' -o -name '*.htm' \) | sort)
  else
    # shellcheck disable=SC2206 # a glob of pages, expanded here on purpose
    pages=($PAGES)
  fi
  [ "${#pages[@]}" -gt 0 ] || { echo "no .html/.htm pages in $PAGES" >&2; exit 1; }
  key=$(printf '%s\n' "${pages[@]}" | xargs cat | sha256sum | cut -c1-12)
  corpus=target/bench-pages/$key-$COUNT
  if [ ! -f "$corpus.complete" ]; then
    rm -rf "$corpus"
    mkdir -p "$corpus"
    for i in $(seq 0 $((COUNT - 1))); do
      page=${pages[$((i % ${#pages[@]}))]}
      { cat "$page"; printf '\n<!-- copy %d -->\n' "$i"; } > "$corpus/$(printf '%06d' "$i")_$(basename "$page")"
    done
    touch "$corpus.complete"
  fi
  what="copies of ${#pages[@]} real page(s) of $PAGES"
else
  case $PROFILE in
    pdf) COUNT=${COUNT:-500} ;;
    *) COUNT=${COUNT:-10000} ;;
  esac
  corpus=target/bench-corpus/$PROFILE-$SEED-$COUNT
  if [ ! -f "$corpus/truth_reports.csv" ]; then
    rm -rf "$corpus"
    $bin synth --count "$COUNT" --seed "$SEED" --profile "$PROFILE" --out "$corpus"
  fi
  what="generated, profile $PROFILE"
fi
docs() { find "$corpus" -type f ! -name 'truth_*' | sort; }
bytes=$(docs | xargs stat -c %s | awk '{ s += $1 } END { print s }')
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
# PDF pages: every page object of a PDF is written as `/Type /Page` (not `/Pages`).
pages_total=$({ docs | grep '\.pdf$' || true; } | xargs -r grep -aoE '/Type ?/Page([^s]|$)' | wc -l)
pdf_pages=""
[ "$pages_total" -eq 0 ] || pdf_pages=", $pages_total PDF pages"
cores=$(nproc)
echo "corpus: $COUNT documents ($what), $mb MB$pdf_pages ($corpus), $cores cores"

# One timed run: prints "wall_seconds rss_mb", the wall time of the whole process (to the
# millisecond: the summary line rounds to a tenth). Dirty pages of earlier runs are flushed first,
# so the kernel writing back the previous run's output is not charged to this one.
timed() {
  local log; log=$(mktemp)
  sync
  local t0=$EPOCHREALTIME
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$bin" "$@" 2> "$log" >/dev/null
  else
    "$bin" "$@" 2> "$log" >/dev/null
  fi
  local t1=$EPOCHREALTIME rss
  rss=$(awk '/Maximum resident set size/ { printf "%.0f", $6 / 1024 }' "$log")
  rm -f "$log"
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }') ${rss:-?}"
}

# RUNS runs of one measurement (this machine's speed varies by ±15% from run to run): the median
# run's figures, the range of docs/s, and the largest peak RSS.
measure() { # label, then ogi arguments
  local label=$1; shift
  local results=()
  for _ in $(seq "$RUNS"); do results+=("$(timed "$@")"); done
  printf '%s\n' "${results[@]}" | sort -n | awk -v l="$label" -v n="$COUNT" -v b="$bytes" -v p="$pages_total" -v k="$RUNS" '
    { w[NR] = $1; if ($2 + 0 > r) r = $2 + 0 }
    END {
      m = w[int((k + 1) / 2)]
      pg = p > 0 ? sprintf(" %8.0f pages/s", p / m) : ""
      printf "%-22s %8.0f docs/s%s %8.1f MB/s %8.3f s wall %6s MB peak RSS   (%d runs: %.0f–%.0f docs/s)\n",
        l, n / m, pg, b / 1e6 / m, m, r, k, n / w[k], n / w[1]
    }'
}

out=target/bench-out
measure "extract --jobs 1" extract "$corpus" --out "$out" --jobs 1 --force
measure "extract --jobs $cores" extract "$corpus" --out "$out" --jobs "$cores" --force
measure "rerun, no change" extract "$corpus" --out "$out" --jobs "$cores"

if [ "$CALLGRIND" = 1 ]; then
  command -v valgrind >/dev/null || { echo "CALLGRIND=1 needs valgrind" >&2; exit 1; }
  cg=target/bench-callgrind
  rm -rf "$cg"
  # Instructions of one run over the first N documents, and those of its SHA-256 hashing.
  ir_of() {
    local n=$1 dir=$cg/in-$1
    mkdir -p "$dir"
    docs | sed -n "1,${n}p" | while read -r f; do cp "$f" "$dir/$(printf '%s' "$f" | tr '/' '_')"; done
    valgrind --tool=callgrind --callgrind-out-file="$cg/$n.out" \
      "$bin" extract "$dir" --out "$cg/out-$n" --jobs 1 --force > /dev/null 2>&1
    local total sha
    total=$(awk '/^summary:/ { print $2 }' "$cg/$n.out")
    sha=$(callgrind_annotate --inclusive=yes "$cg/$n.out" 2>/dev/null |
      awk '/ogi::model::ContentHash::of$/ && !s { gsub(",", "", $1); s = $1 } END { print s + 0 }')
    echo "$total ${sha:-0}"
  }
  read -r t1 s1 < <(ir_of "$CG_DOCS")
  read -r t2 s2 < <(ir_of $((CG_DOCS * 2)))
  awk -v t1="$t1" -v t2="$t2" -v s1="$s1" -v s2="$s2" -v n="$CG_DOCS" 'BEGIN {
    d = (t2 - t1) / n; s = (s2 - s1) / n
    printf "callgrind, --jobs 1:    %.2f M instructions per document, of which %.2f M SHA-256 in software (valgrind; SHA-NI natively): %.2f M without\n", d / 1e6, s / 1e6, (d - s) / 1e6
  }'
  echo "profile: callgrind_annotate --inclusive=yes $cg/$((CG_DOCS * 2)).out | head -60"
fi
