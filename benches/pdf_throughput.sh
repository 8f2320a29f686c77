#!/usr/bin/env bash
# PDF benchmark: `benches/throughput.sh` on generated twelve-page PDF reports (three in four with
# ruled tables, one in four without rules): pages/s, documents/s, wall time and peak RSS.
#
#   bash benches/pdf_throughput.sh          # 500 documents
#   COUNT=2000 CALLGRIND=1 bash benches/pdf_throughput.sh
set -euo pipefail
PROFILE=pdf COUNT=${COUNT:-500} exec bash "$(dirname "$0")/throughput.sh"
