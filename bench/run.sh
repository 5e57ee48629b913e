#!/usr/bin/env bash
# The build benchmark: bulletin against Hugo and Zola on the same generated items, side by side
# in one run, on tmpfs (/dev/shm: this VM's disk gets slower run after run). Prints a table of
# medians and ratios and writes it to BENCHMARKS.md.
#
#   bench/run.sh                 # N = 1000, 10000, 100000; 3 runs each
#   SIZES="1000 10000" RUNS=5 bench/run.sh
#   ZOLA=/path/to/zola bench/run.sh
#
# Zola is not packaged by Debian nor published on crates.io: build it once from its public
# source (git clone https://github.com/getzola/zola && cargo build --release --locked), outside
# CI, and give its binary as ZOLA (or put `zola` on PATH). Without it the Zola columns say so.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"1000 10000 100000"}
runs=${RUNS:-3}
work=/dev/shm/bulletin-bench

command -v hugo > /dev/null || { apt-get update -qq && apt-get install -y -qq hugo > /dev/null; }
cargo build --release --quiet --example generate_corpus --example rebuild_latency
cargo build --release --quiet
bulletin=$PWD/target/release/bulletin
zola=${ZOLA:-$(command -v zola || true)}

# Runs a command, prints "seconds peak-kilobytes".
measure() { /usr/bin/time -f "%e %M" "$@" 2>&1 > /dev/null | tail -n 1; }
# The median of numbers on standard input.
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

rows=""
memory_line=""
declare -A cold_per_item warm_per_item
for n in $sizes; do
  site=$work/site-$n
  target/release/examples/generate_corpus "$n" "$site" --hugo ${zola:+--zola} > /dev/null
  items=$(find "$site/content" -name '*.md' | wc -l)
  : > "$work/times"
  for _ in $(seq "$runs"); do
    rm -rf "$site/.bulletin-cache" "$site/public" "$site/.public.spare" "$site/hugo-public" "$site/hugo/resources" "$site/zola-public"
    cold=$(measure "$bulletin" build --root "$site")
    warm=$(measure "$bulletin" build --root "$site")
    # `bulletin build` after one item's text changed (it writes only the files that changed).
    edited_item=$(find "$site/content" -name '*.md' | sort | sed -n 1p)
    printf '\n本段为基准测试追加的一句。\n' >> "$edited_item"
    edited=$(measure "$bulletin" build --root "$site")
    # The first edit makes the spare tree the output is switched with; later ones update it.
    printf '\n本段为基准测试再追加的一句。\n' >> "$edited_item"
    edited_again=$(measure "$bulletin" build --root "$site")
    hugo=$(cd "$site/hugo" && measure hugo --quiet -d "$site/hugo-public")
    zola_run="0 0"
    [ -n "$zola" ] && zola_run=$(cd "$site/zola" && measure "$zola" build -o "$site/zola-public")
    echo "$cold $warm $hugo $edited $edited_again $zola_run" >> "$work/times"
  done
  col() { awk -v c="$1" '{ print $c }' "$work/times" | median; }
  cold_s=$(col 1) cold_kb=$(col 2) warm_s=$(col 3) hugo_s=$(col 5) hugo_kb=$(col 6) edited_s=$(col 7) again_s=$(col 9)
  zola_s=$(col 11) zola_kb=$(col 12)
  pages=$(find "$site/public" -name '*.html' | wc -l)
  # Incremental rebuilds as `serve` does them, and edit-to-reload through a live server. It
  # edits the items, so it runs last; at 10,000 items it also follows memory over 1,000 edits.
  edits=$(( n > 10000 ? 10 : 50 )) memory_edits=$(( n == 10000 ? 1000 : 0 ))
  latency=$(target/release/examples/rebuild_latency "$site" "$edits" "$memory_edits" 2> /dev/null)
  pick() { echo "$latency" | sed -n "s/^$1.*median \([0-9.]*\) ms, p95 \([0-9.]*\) ms.*/\1 \/ \2 ms/p"; }
  edit=$(pick "rebuild after an edit") reload=$(pick "edit to reload message")
  add=$(echo "$latency" | sed -n 's/^rebuild after adding an item: \([0-9.]*\) ms.*/\1 ms/p')
  if [ "$memory_edits" -gt 0 ]; then
    memory_line="Resident memory of \`serve\` at $items items, every 100 of 1,000 edits (MB): $(echo "$latency" | sed -n 's/^resident MB every [0-9]* of [0-9]* edits: //p')."
  fi
  # Where the time of a first build goes, stage by stage (one more cold build, --timings).
  rm -rf "$site/.bulletin-cache" "$site/public" "$site/.public.spare"
  "$bulletin" build --root "$site" --timings 2>&1 > /dev/null \
    | awk '/ ms$/ { name = $0; sub(/ +[0-9.]+ ms$/, "", name); sub(/^ +/, "", name); print name "\t" $(NF - 1) }' \
    > "$work/stages-$n"
  hugo_pages=$(find "$site/hugo-public" -name '*.html' | wc -l)
  ratio=$(awk -v a="$warm_s" -v b="$hugo_s" 'BEGIN { printf "%.2f", a / b }')
  cold_ratio=$(awk -v a="$cold_s" -v b="$hugo_s" 'BEGIN { printf "%.2f", a / b }')
  zola_cells="not run (no ZOLA) | | |"
  if [ -n "$zola" ]; then
    zola_pages=$(find "$site/zola-public" -name '*.html' | wc -l)
    zola_ratio=$(awk -v a="$cold_s" -v b="$zola_s" 'BEGIN { printf "%.2f", a / b }')
    zola_cells="$zola_pages pages, $zola_s s | $((zola_kb / 1024)) MB | $zola_ratio |"
  fi
  per_item=$(awk -v a="$warm_s" -v n="$items" 'BEGIN { printf "%.3f", 1000 * a / n }')
  cold_per_item[$n]=$(awk -v a="$cold_s" -v n="$items" 'BEGIN { printf "%.4f", 1000 * a / n }')
  warm_per_item[$n]=$per_item
  row="| $items | $pages | $cold_s s | $warm_s s | $per_item ms | $((cold_kb / 1024)) MB | $hugo_pages | $hugo_s s | $((hugo_kb / 1024)) MB | $cold_ratio | $ratio | $zola_cells $edited_s s | $again_s s | $edit | $add | $reload |"
  echo "$row"
  rows+="$row"$'\n'
done

# The linearity target: time per item at 100,000 items over that at 10,000.
linearity=""
if [ -n "${cold_per_item[10000]:-}" ] && [ -n "${cold_per_item[100000]:-}" ]; then
  linearity=$(awk -v c1="${cold_per_item[10000]}" -v c2="${cold_per_item[100000]}" \
    -v w1="${warm_per_item[10000]}" -v w2="${warm_per_item[100000]}" \
    'BEGIN { printf "Time per item at 100,000 items over 10,000: %.2f× cold, %.2f× warm.", c2 / c1, w2 / w1 }')
  echo "$linearity"
fi

# Search is measured apart, beside Hugo with Pagefind: bench/search.sh.

# Build time against the size of one item (search on): linear, whatever the item.
item_sizes=$(SIZES="1 2 5 10" bench/item_size.sh | tail -n +2 \
  | awk '{ printf "| %s MB | %s s | %s MB |\n", $1, $2, $3 }')

# One column of stage times per N.
stages="| stage |" rule="|---|"
for n in $sizes; do stages+=" $n items |" rule+="---|"; done
stages+=$'\n'"$rule"
first=$(set -- $sizes; echo "$1")
while IFS=$'\t' read -r name _; do
  line="| $name |"
  for n in $sizes; do line+=" $(awk -F'\t' -v s="$name" '$1 == s { printf "%.0f ms", $2 }' "$work/stages-$n") |"; done
  stages+=$'\n'"$line"
done < "$work/stages-$first"

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
cat > BENCHMARKS.md <<MD
# Benchmarks

Made by \`bench/run.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ { print $2 }') GiB,
$(hugo version | cut -d' ' -f1-2), ${zola:+$("$zola" --version) (built from its public source), }on tmpfs. Medians of $runs runs. bulletin builds every item in
two variants (zh-Hans and zh-Hant) with all indexes, feeds and the sitemap; Hugo builds the same
items in one variant with item pages, a paginated home, department and year taxonomy pages and
RSS, and Zola (\`bench/zola/\`) the same pages and feeds, also in one variant. "cold" is a first build: no conversion cache, no output, every file written, as Hugo does
into an empty directory; "warm" is the same build again, with the cache and nothing changed, so
it writes no file; "build after an edit" is \`bulletin build\` after one item's text changed (the
first such build also makes the spare tree that the output is switched with, by hard links;
"after another edit" is the one after it, which only updates the spare). The
ratios are bulletin's time over Hugo's or Zola's (below 1 is faster); cold / Hugo and cold /
Zola compare like with like.

The last three columns come from \`examples/rebuild_latency.rs\`: the rebuild \`serve\` runs after
one item is edited (median / 95th percentile over 50 edits, 10 at 100,000 items) or one is
added, until every file of the site is in memory, which is what \`serve\` serves; and the time
from writing an edit to the reload message reaching a client of a live \`serve\`, debounce
included. \`bulletin build\` renders every page again (reading the conversion cache) and
writes only the files that changed.

| items | bulletin pages | bulletin cold | bulletin warm | warm per item | bulletin peak memory | Hugo pages | Hugo | Hugo peak memory | cold / Hugo | warm / Hugo | Zola | Zola peak memory | cold / Zola | build after an edit | after another edit | serve: rebuild after an edit | serve: after an addition | serve: edit to reload |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
$rows
$linearity

$memory_line

Search is measured apart, beside Hugo with Pagefind, by \`bench/search.sh\` (section "Search").

One item of growing size (\`bench/item_size.sh\`: the small fixture plus one item made of the
example site's paragraphs, search on, one cold build each): time grows no faster than the item.

| item | build | peak memory |
|---|---|---|
$item_sizes

Where a first build's time goes (\`bulletin build --timings\`, one cold build per size):

$stages
MD
echo "wrote BENCHMARKS.md"
