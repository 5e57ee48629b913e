#!/usr/bin/env bash
# Batch import of a saved site of 1,000 real pages: the 99 pages of the import corpus
# (tests/fixtures/import/corpus), each saved ten times over (so 891 are duplicates of the
# first copy, which the import must notice), imported with --dry-run into an empty site.
# Prints the import's own summary: pages per second and outcomes by reason.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
work=$(mktemp -d /dev/shm/bulletin-import.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/site" "$work/pages"
cat > "$work/site/bulletin.yaml" <<'YAML'
title: 导入测试
base_url: https://example.org/
variants:
  - { lang: zh-Hans, path: hans, default: true }
departments:
  bangongshi: 区政府办公室
YAML
n=0
for copy in $(seq 0 9); do
  for page in tests/fixtures/import/corpus/*/[0-9]*.*; do
    n=$((n + 1))
    [ "$n" -gt 1000 ] && break 2
    cp "$page" "$work/pages/$(printf '%04d' "$n")-$(basename "$page")"
  done
done
# One more than the corpus holds in ten copies: top up with first copies of the dev part.
while [ "$(ls "$work/pages" | wc -l)" -lt 1000 ]; do
  n=$((n + 1))
  cp tests/fixtures/import/corpus/dev/001.txt "$work/pages/$(printf '%04d' "$n")-001.txt"
done
echo "== bulletin import --dry-run of $(ls "$work/pages" | wc -l) pages"
target/release/bulletin import --root "$work/site" --department bangongshi --dry-run "$work/pages" \
  | sed -n '/^summary:/,$p' || true
