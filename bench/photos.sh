#!/usr/bin/env bash
# Photos at scale: a site of 1,000 items, each with a 2400×1600 JPEG beside it
# (examples/photo_corpus.rs), built cold (no cache: every photo decoded, resized to 480, 960
# and 1600 pixels and encoded as WebP and JPEG, on both cores) and warm (the cache holds them:
# none processed); then Hugo on the same bundles, its template making the same six renditions
# (cold: no resources/_gen; warm: with it). On tmpfs. Prints ms per photo and peak memory.
# About 20 minutes on 2 cores, most of them Hugo's cold build.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000}
cargo build --release --quiet --example photo_corpus
cargo build --release --quiet
work=$(mktemp -d /dev/shm/bulletin-photos.XXXXXX 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v hugo > /dev/null || { apt-get update -qq && apt-get install -y -qq hugo > /dev/null; }
target/release/examples/photo_corpus "$count" "$work" --hugo
echo "== $count photos, $(du -sh "$work/content" | cut -f1) of JPEG, $(nproc) cores"
run() { # run LABEL
  /usr/bin/time -f "%e %M" -o "$work/time" target/release/bulletin build --root "$work" > "$work/summary"
  read -r seconds kilobytes < "$work/time"
  echo "$1: $(cat "$work/summary")"
  awk -v s="$seconds" -v k="$kilobytes" -v n="$count" -v l="$1" \
    'BEGIN { printf "%s: %.1f s, %.1f ms per photo, peak %d MB\n", l, s, s * 1000 / n, k / 1024 }'
}
run cold
run warm
rm -rf "$work/public"
run "warm, output removed"
hugo_run() { # hugo_run LABEL
  (cd "$work/hugo" && /usr/bin/time -f "%e %M" -o "$work/time" hugo --quiet -d "$work/hugo-public" > /dev/null)
  read -r seconds kilobytes < "$work/time"
  echo "$1: $(find "$work/hugo-public" -name '*.webp' | wc -l) WebP, $(find "$work/hugo-public" -name '*.jpg' | wc -l) JPEG"
  awk -v s="$seconds" -v k="$kilobytes" -v n="$count" -v l="$1" \
    'BEGIN { printf "%s: %.1f s, %.1f ms per photo, peak %d MB\n", l, s, s * 1000 / n, k / 1024 }'
}
echo "== $(hugo version | cut -d' ' -f1-2)"
hugo_run "hugo cold"
hugo_run "hugo warm"
