#!/usr/bin/env bash
# Build time against the size of one item: the small fixture plus one long item of N MB made
# of the example site's own paragraphs (numbered, so that no two are alike), search on, on
# tmpfs. Prints "MB seconds peak-MB" per size; the curve goes in BENCHMARKS.md.
#
#   bench/item_size.sh            # 1 2 5 10 MB
#   SIZES="1 10" bench/item_size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"1 2 5 10"}
work=/dev/shm/bulletin-item-size
cargo build --release --quiet
bulletin=$PWD/target/release/bulletin
# Every paragraph of the example site's items, front matter left out.
paragraphs=$(for f in content/*/*.md; do awk '/^---$/ { fences++; next } fences >= 2 && NF' "$f"; done)
echo "MB seconds peak-MB"
for mb in $sizes; do
  rm -rf "$work" && mkdir -p "$work"
  cp -r tests/fixtures/small/. "$work/"
  item=$work/content/long.md
  printf -- '---\ntitle: 长篇报告\ndate: 2024-03-06\ndepartment: jianshe\n---\n\n' > "$item"
  n=0
  while [ "$(stat -c %s "$item")" -lt $((mb * 1024 * 1024)) ]; do
    n=$((n + 1))
    printf '%s\n' "$paragraphs" | sed "s/^/（第${n}部分）/" >> "$item"
  done
  /usr/bin/time -f "%e %M" "$bulletin" build --root "$work" 2> "$work/time" > /dev/null
  read -r seconds kb < <(tail -n 1 "$work/time")
  echo "$mb $seconds $((kb / 1024))"
done
