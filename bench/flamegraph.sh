#!/usr/bin/env bash
# A flamegraph of one cold `bulletin build` of the generated corpus, on tmpfs:
#   bench/flamegraph.sh [ITEMS]      # default 10000; writes docs/flamegraph-build-<N>-cold.svg
# Needs perf (Debian: linux-perf) and inferno (`cargo install inferno`).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
site=/dev/shm/bulletin-flamegraph-$n
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --release --quiet --example generate_corpus
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only cargo build --release --quiet
[ -d "$site" ] || target/release/examples/generate_corpus "$n" "$site" > /dev/null
rm -rf "$site/public" "$site/.bulletin-cache"
perf record -F 499 -g --call-graph dwarf,16384 -o "$site.perf" target/release/bulletin build --root "$site"
perf script -i "$site.perf" 2> /dev/null | inferno-collapse-perf > "$site.folded"
inferno-flamegraph --minwidth 0.6 --title "bulletin build, $n items, cold (perf, 499 Hz, $(nproc) cores)" \
  < "$site.folded" > "docs/flamegraph-build-${n%000}k-cold.svg"
echo "wrote docs/flamegraph-build-${n%000}k-cold.svg"
