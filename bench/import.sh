#!/usr/bin/env bash
# Batch import of a saved site of 1,000 real pages: the pages of the import corpus
# (tests/fixtures/import/corpus, all parts, 1,140 pages as of session 32), the first 1,000 of
# them, repeated if the corpus holds fewer (a repeat is a duplicate the import must notice),
# imported with --dry-run into an empty site. Prints the import's own summary: pages per second
# and outcomes by reason. Then the hostile pages below.
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

# Pages no editor writes, each imported at two sizes, ten times apart: the import's cost must
# grow with the page, not with its square, so the second time should be near ten times the first
# (a ratio near 100 is a quadratic path). Every shape here once was: a paragraph of dates, a
# page-long title over a page of short lines, related-links headings over short lines, a
# dateline's lead without a sentence's end, a headline of bars, a lead glossed in pinyin, deep
# brackets, a line of single characters between blanks.
echo "== hostile pages, ten times larger: time ratio and peak memory"
python3 - "$work/hostile" <<'PY'
import os, sys
out = sys.argv[1]
os.makedirs(out, exist_ok=True)
shapes = {
    "dates": lambda n: "标题\n时间：2024-01-01\n" + "又到一年征兵时，有志男儿当兵去，7月23日上午，某镇组织青年参加预检。" * n,
    "title": lambda n: "某" * (6 * n) + " 字" * (6 * n),
    "related": lambda n: "标题\n时间：2024-01-01\n正文第一段。\n" + "相关连结\n短行\n" * (2 * n),
    "dateline": lambda n: "标题\n本报讯 " + "某镇组织青年参加预检 " * (6 * n),
    "bars": lambda n: "标题 | 某某网 | " * n + "\n时间：2024-01-01\n正文。",
    "pinyin": lambda n: "标题\n时间：2024-01-01\n" + "会议 huì yì 强调 qiáng diào " * n + "。",
    "brackets": lambda n: "标题\n时间：2024-01-01\n" + "（" * n + "正文。" + "）" * n,
    "blanks": lambda n: "标题\n时间：2024-01-01\n" + "字 " * (3 * n) + "。",
}
for name, make in shapes.items():
    for size, n in (("small", 5000), ("large", 50000)):
        with open(f"{out}/{name}-{size}.txt", "w") as f:
            f.write(make(n))
PY
for shape in dates title related dateline bars pinyin brackets blanks; do
  for size in small large; do
    /usr/bin/time -f "%e %M" -o "$work/$shape-$size.time" target/release/bulletin import \
      --root "$work/site" --department bangongshi --dry-run "$work/hostile/$shape-$size.txt" \
      > /dev/null 2>&1 || true
  done
  # The last line: `time` puts a refused page's exit status above it.
  read -r small _ < <(tail -n 1 "$work/$shape-small.time")
  read -r large memory < <(tail -n 1 "$work/$shape-large.time")
  awk -v s="$shape" -v a="$small" -v b="$large" -v m="$memory" \
    'BEGIN { printf "%-9s %6.2f s -> %6.2f s  ratio %5.1f  peak %d MB\n", s, a, b, b / (a > 0.01 ? a : 0.01), m / 1024 }'
done
