#!/usr/bin/env bash
# The long fuzzing run (tests/fuzz.rs): a million mutated real inputs per parser, release
# build, both cores' worth of patience. Prints a table of executions, speed, the slowest
# input and crashes; crashing inputs are saved under target/fuzz-crashes/.
#
#   bench/fuzz.sh               # 1,000,000 per target
#   FUZZ_EXECUTIONS=100000 bench/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZ_EXECUTIONS=${FUZZ_EXECUTIONS:-1000000} cargo test --release --test fuzz -- --ignored --nocapture
