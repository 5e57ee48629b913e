#!/usr/bin/env bash
# The search benchmark: on the generated corpus, side by side in one run on tmpfs,
#   - bulletin's first build with search and without (two variants; medians of three, taken
#     in turn), and the build after an edit of one item with search and without (medians of
#     three edits);
#   - Hugo's build of the same items followed by `pagefind_extended` over its pages (Pagefind's
#     own binary, from the npm registry: what a Hugo user adds for Chinese search; one variant);
#   - at the largest size, what a browser fetches for a two-word query and how long the first
#     results take, in headless Chromium (tests/search.rs, ignored test), from a static host
#     that honours Range requests (bench/range_server.py), as nginx or S3 do.
# Prints one Markdown row per size: seconds and peak memory of each.
#
#   bench/search.sh                  # N = 1000 10000
#   SIZES="1000 10000 100000" bench/search.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"1000 10000"}
work=/dev/shm/bulletin-search-bench
mkdir -p "$work"
command -v hugo > /dev/null || { apt-get update -qq && apt-get install -y -qq hugo > /dev/null; }
pagefind=$work/npm/node_modules/@pagefind/linux-x64/bin/pagefind_extended
[ -x "$pagefind" ] || npm install --prefix "$work/npm" --silent --no-audit --no-fund pagefind@1.6.0
cargo build --release --quiet --example generate_corpus
cargo build --release --quiet
bulletin=$PWD/target/release/bulletin

# Runs a command; prints "seconds MB" (wall time, peak resident memory).
measure() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" || { cat "$work/err"; exit 1; }
  awk '{ printf "%s %d", $1, $2 / 1024 }' "$work/time"
}
# Runs Pagefind over Hugo's pages; prints "seconds MB", or "stopped MB seconds" when its
# resident memory passed PAGEFIND_MAX_MB (default 14,000 of this machine's 24 GB: at 100,000
# items it would need far more, and the kernel would kill something to find it).
pagefind_capped() {
  local cap=$(( ${PAGEFIND_MAX_MB:-14000} * 1024 )) rss child stopped=""
  /usr/bin/time -f "%e %M" -o "$work/time" "$pagefind" --site "$1" --force-language zh-cn \
    > /dev/null 2> "$work/err" &
  local pid=$!
  while kill -0 "$pid" 2> /dev/null; do
    child=$(pgrep -P "$pid" || true)
    rss=$(awk '/VmRSS/ { print $2 }' "/proc/${child:-0}/status" 2> /dev/null || true)
    if [ -n "$rss" ] && [ "$rss" -gt "$cap" ]; then kill "$child" 2> /dev/null || true; stopped=1; fi
    sleep 0.2
  done
  if wait "$pid"; then
    awk '{ printf "%s %d", $1, $2 / 1024 }' "$work/time"
  elif [ -n "$stopped" ]; then
    tail -1 "$work/time" | awk '{ printf "stopped %d %s", $2 / 1024, $1 }'
  else
    cat "$work/err"; exit 1
  fi
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
set_search() { sed -i "s/^search: .*$/search: $2/" "$1/bulletin.yaml"; }

echo "| items | bulletin without search | with search | ratio | after an edit, without / with | ratio | Hugo + pagefind_extended (Hugo, Pagefind) |"
echo "|---|---|---|---|---|---|---|"
for n in $sizes; do
  site=$work/site-$n
  target/release/examples/generate_corpus "$n" "$site" --hugo > /dev/null
  grep -q '^search:' "$site/bulletin.yaml" || echo "search: false" >> "$site/bulletin.yaml"
  clean() { rm -rf "$site/.bulletin-cache" "$site/public" "$site/.public.spare"; }
  # First builds without and with search, taken in turn (the machine drifts): medians of three.
  : > "$work/off" && : > "$work/on"
  for _ in 1 2 3; do
    set_search "$site" false; clean
    { measure "$bulletin" build --root "$site"; echo; } >> "$work/off"
    set_search "$site" true; clean
    { measure "$bulletin" build --root "$site"; echo; } >> "$work/on"
  done
  read -r off_s off_mb <<< "$(sort -n "$work/off" | sed -n 2p)"
  read -r on_s on_mb <<< "$(sort -n "$work/on" | sed -n 2p)"
  edited_item=$(find "$site/content" -name '*.md' | sort | sed -n 1p)
  # The build after an edit: three edits, each appending a sentence. Not run inside `$(…)`,
  # so that a failed build stops the script.
  after_edits() {
    : > "$work/edits"
    for k in 1 2 3; do
      printf '\n本段为搜索基准追加的第%s句。\n' "$k$RANDOM" >> "$edited_item"
      { measure "$bulletin" build --root "$site"; echo; } >> "$work/edits"
    done
  }
  middle_time() { cut -d' ' -f1 "$work/edits" | sort -n | sed -n 2p; }
  after_edits
  edit_on_s=$(middle_time)
  set_search "$site" false
  "$bulletin" build --root "$site" > /dev/null
  after_edits
  edit_off_s=$(middle_time)
  rm -rf "$site/hugo-public"
  # Assigned first, so that a failure inside stops the script (`read <<< "$(…)"` would not).
  hugo_out=$(cd "$site/hugo" && measure hugo --quiet -d "$site/hugo-public")
  read -r hugo_s hugo_mb <<< "$hugo_out"
  # Assigned first, so that a failure inside stops the script (`read <<< "$(…)"` would not).
  pf_out=$(pagefind_capped "$site/hugo-public")
  read -r pf_s pf_mb pf_after <<< "$pf_out"
  if [ "$pf_s" = stopped ]; then
    pf="Hugo $hugo_s s, $hugo_mb MB; Pagefind stopped at $pf_mb MB after $pf_after s, unfinished"
  else
    both=$(awk -v a="$hugo_s" -v b="$pf_s" 'BEGIN { printf "%.1f", a + b }')
    pf="$both s ($hugo_s + $pf_s), peak $(( hugo_mb > pf_mb ? hugo_mb : pf_mb )) MB"
  fi
  echo "| $n | $off_s s, $off_mb MB | $on_s s, $on_mb MB | $(ratio "$on_s" "$off_s") | $edit_off_s / $edit_on_s s | $(ratio "$edit_on_s" "$edit_off_s") | $pf |"
  largest=$site
done

# What a browser fetches for a two-word query on the largest site, served over loopback.
set_search "$largest" true
"$bulletin" build --root "$largest" > /dev/null
port=18767
python3 bench/range_server.py "$port" "$largest/public" &
server=$!
trap 'kill "$server" 2> /dev/null || true' EXIT
sleep 1
BULLETIN_SEARCH_URL="http://127.0.0.1:$port/" cargo test --release --quiet --test search \
  -- --ignored --nocapture bytes_downloaded_for_one_query 2> /dev/null | grep 'bytes for'
