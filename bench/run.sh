#!/usr/bin/env bash
# The build benchmark: bulletin against Hugo and Zola on the same generated items, side by side
# in one run, on tmpfs (/dev/shm: this VM's disk gets slower run after run). Prints a table of
# medians and ratios and writes it into BENCHMARKS.md between its `bench/run.sh` marks; the
# hand-written sections around them stay as they are.
#
#   bench/run.sh                 # N = 1000, 10000, 100000; 3 runs each
#   SIZES="1000 10000" RUNS=5 bench/run.sh
#   SIZES=1000000 bench/run.sh   # a million items: once, on the disk, bulletin alone
#   ZOLA=/path/to/zola bench/run.sh
#
# Zola is not packaged by Debian nor published on crates.io: build it once from its public
# source (git clone https://github.com/getzola/zola && cargo build --release --locked), outside
# CI, and give its binary as ZOLA (or put `zola` on PATH). Without it the Zola columns say so.
# From 100,000 items Zola runs in the first round only (it took 530 s there).
#
# A million items do not fit in tmpfs with their output (about 30 GB), nor Hugo or Zola in
# this machine's memory (Hugo took 8.3 GB at 100,000): that size runs once, on the disk under
# DISK_WORK (default /var/tmp/bulletin-bench; about 60 GB free needed), bulletin alone, and
# without the `serve` columns (`serve` holds every page in memory). Its row has a table of
# its own in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"1000 10000 100000"}
runs=${RUNS:-3}
million=1000000

command -v hugo > /dev/null || { apt-get update -qq && apt-get install -y -qq hugo > /dev/null; }
cargo build --release --quiet --example generate_corpus --example rebuild_latency
cargo build --release --quiet
bulletin=$PWD/target/release/bulletin
zola=${ZOLA:-$(command -v zola || true)}
ram=/dev/shm/bulletin-bench
disk=${DISK_WORK:-/var/tmp/bulletin-bench}
mkdir -p "$ram"

# Runs a command with its standard error kept in the file $1, prints "seconds peak-kilobytes".
measure() { local log=$1; shift; /usr/bin/time -f "%e %M" "$@" 2> "$log" > /dev/null; tail -n 1 "$log"; }
# The median of numbers on standard input ("-", not run, left out).
median() { { grep -v '^-$' || true; } | sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# $1 over $2 to two places, or "–" when either was not run.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-") print "–"; else printf "%.2f", a / b }'; }
# Kilobytes as megabytes.
mb() { awk -v k="$1" 'BEGIN { if (k == "-") print "–"; else printf "%d MB", k / 1024 }'; }

# One round on the site at $1 of $2 items, as line "$3" of the times: bulletin's first build
# (its stage times kept), the same build again, after an edit and after another; then Hugo and
# Zola on the same items where they run.
round() {
  local site=$1 n=$2 round=$3 work=$4
  rm -rf "$site/.bulletin-cache" "$site/public" "$site/.public.spare" "$site/hugo-public" "$site/hugo/resources"
  local cold warm edited again hugo="- -" zola_run="- -"
  cold=$(measure "$work/cold-$n.log" "$bulletin" build --root "$site" --timings)
  [ "$round" = 1 ] && awk '/^  .* ms$/ { name = $0; sub(/ +[0-9.]+ ms$/, "", name); sub(/^ +/, "", name); print name "\t" $(NF - 1) }' \
    "$work/cold-$n.log" > "$work/stages-$n"
  warm=$(measure "$work/log" "$bulletin" build --root "$site")
  # `bulletin build` after one item's text changed (it writes only the files that changed).
  local edited_item
  edited_item=$(find "$site/content" -name '*.md' | sort | sed -n 1p)
  printf '\n本段为基准测试追加的一句。\n' >> "$edited_item"
  edited=$(measure "$work/log" "$bulletin" build --root "$site")
  # The first edit makes the spare tree the output is switched with; later ones update it.
  printf '\n本段为基准测试再追加的一句。\n' >> "$edited_item"
  again=$(measure "$work/log" "$bulletin" build --root "$site")
  if [ "$n" -lt $million ]; then
    hugo=$(cd "$site/hugo" && measure "$work/log" hugo --quiet -d "$site/hugo-public")
    if [ -n "$zola" ] && { [ "$n" -lt 100000 ] || [ "$round" = 1 ]; }; then
      # Removed only here: its pages are counted after the last round, which may not run Zola.
      rm -rf "$site/zola-public"
      zola_run=$(cd "$site/zola" && measure "$work/log" "$zola" build -o "$site/zola-public")
    fi
  fi
  echo "$cold $warm $hugo $edited $again $zola_run" >> "$work/times"
}

rows="" million_row="" million_n="" memory_line=""
declare -A cold_per_item warm_per_item
for n in $sizes; do
  work=$ram rounds=$runs peers="--hugo ${zola:+--zola}"
  [ "$n" -ge $million ] && work=$disk rounds=1 peers=""
  mkdir -p "$work"
  site=$work/site-$n
  # shellcheck disable=SC2086 # the peers' flags are words
  target/release/examples/generate_corpus "$n" "$site" $peers > /dev/null
  items=$(find "$site/content" -name '*.md' | wc -l)
  : > "$work/times"
  for r in $(seq "$rounds"); do round "$site" "$n" "$r" "$work"; done
  col() { awk -v c="$1" '{ print $c }' "$work/times" | median; }
  cold_s=$(col 1) cold_kb=$(col 2) warm_s=$(col 3) hugo_s=$(col 5) hugo_kb=$(col 6) edited_s=$(col 7) again_s=$(col 9)
  zola_s=$(col 11) zola_kb=$(col 12)
  pages=$(find "$site/public" -name '*.html' | wc -l)
  per_item=$(awk -v a="$warm_s" -v n="$items" 'BEGIN { printf "%.3f", 1000 * a / n }')
  cold_per_item[$n]=$(awk -v a="$cold_s" -v n="$items" 'BEGIN { printf "%.4f", 1000 * a / n }')
  warm_per_item[$n]=$per_item
  if [ "$n" -ge $million ]; then
    million_n=$n
    million_row="| $items | $pages | $cold_s s | $((cold_kb / 1024)) MB | $warm_s s | $edited_s s | $again_s s |"
    echo "$million_row"
    cp "$work/stages-$n" "$ram/stages-$n"
    rm -rf "$site"
    continue
  fi
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
  hugo_pages=$(find "$site/hugo-public" -name '*.html' | wc -l)
  zola_cells="not run (no ZOLA) | | |"
  if [ -n "$zola" ]; then
    zola_pages=$(find "$site/zola-public" -name '*.html' | wc -l)
    zola_cells="$zola_pages pages, $zola_s s | $(mb "$zola_kb") | $(ratio "$cold_s" "$zola_s") |"
  fi
  row="| $items | $pages | $cold_s s | $warm_s s | $per_item ms | $((cold_kb / 1024)) MB | $hugo_pages | $hugo_s s | $(mb "$hugo_kb") | $(ratio "$cold_s" "$hugo_s") | $(ratio "$warm_s" "$hugo_s") | $zola_cells $edited_s s | $again_s s | $edit | $add | $reload |"
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

# One column of stage times per size in $1, from the first round's first build.
stage_table() {
  local table="| stage |" rule="|---|" first line name
  for n in $1; do table+=" $n items |" rule+="---|"; done
  table+=$'\n'"$rule"
  first=$(set -- $1; echo "$1")
  while IFS=$'\t' read -r name _; do
    line="| $name |"
    for n in $1; do line+=" $(awk -F'\t' -v s="$name" '$1 == s { printf "%.0f ms", $2 }' "$ram/stages-$n") |"; done
    table+=$'\n'"$line"
  done < "$ram/stages-$first"
  echo "$table"
}

# The main table, for the sizes below a million.
main_block() {
  local small cpu item_sizes
  small=$(for n in $sizes; do if [ "$n" -lt $million ]; then echo "$n"; fi; done | tr '\n' ' ')
  cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')
  # Build time against the size of one item (search on): linear, whatever the item.
  item_sizes=$(SIZES="1 2 5 10" bench/item_size.sh | tail -n +2 \
    | awk '{ printf "| %s MB | %s s | %s MB |\n", $1, $2, $3 }')
  cat <<MD
Made by \`bench/run.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores ($cpu), $(free -g | awk '/Mem:/ { print $2 }') GiB,
$(hugo version | cut -d' ' -f1-2), ${zola:+$("$zola" --version) (built from its public source), }on tmpfs. Medians of $runs runs (Zola from
100,000 items: one). bulletin builds every item in
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
included.

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

Where a first build's time goes (\`bulletin build --timings\`, the first round's cold build):

$(stage_table "$small")
MD
}

# The million, run once on the disk.
million_block() {
  cat <<MD
## A million items (\`bench/run.sh\`)

Made by \`bench/run.sh\` (\`SIZES=$million_n\`) on $(date -u +%Y-%m-%d), once, on the disk ($(df -h --output=fstype "$disk" | tail -n 1 | tr -d ' ')), bulletin alone,
$(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB. The columns are those of the main table.

| items | bulletin pages | bulletin cold | bulletin peak memory | bulletin warm | build after an edit | after another edit |
|---|---|---|---|---|---|---|
$million_row

$(stage_table "$million_n")
MD
}

# Replaces what stands between the marks named $1 in BENCHMARKS.md with standard input; a new
# block goes at the end.
splice() {
  local from="<!-- bench/run.sh $1: from here -->" to="<!-- bench/run.sh $1: to here -->" block
  block=$(cat)
  grep -qF "$from" BENCHMARKS.md || printf '\n%s\n%s\n' "$from" "$to" >> BENCHMARKS.md
  BLOCK=$block awk -v from="$from" -v to="$to" '
    $0 == from { print; print ENVIRON["BLOCK"]; skip = 1; next }
    $0 == to { skip = 0 }
    !skip' BENCHMARKS.md > BENCHMARKS.md.new
  mv BENCHMARKS.md.new BENCHMARKS.md
}

[ -n "$rows" ] && main_block | splice main
[ -n "$million_row" ] && million_block | splice million
echo "wrote BENCHMARKS.md"
