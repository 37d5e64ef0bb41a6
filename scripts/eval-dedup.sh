#!/usr/bin/env bash
# `make eval-dedup`: the release binary on the real labelled deduplication
# sets (tests/corpus/dedup/<set>/: review exports with human-labelled
# duplicates), deduplicated with `evtab run --dedup` (linking only; the
# whole run links the same way, as tests/it/dedup_corpus.rs checks) and
# scored with `evtab eval --dedup`: per set, sensitivity,
# specificity and pairwise precision/recall (see tests/corpus/dedup/README.md
# for the published figures on the same sets).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --release --quiet -p evtab-cli
bin="$target/release/evtab"
work="$root/target/eval-dedup"
for set_dir in "$root"/tests/corpus/dedup/*/; do
    name="$(basename "$set_dir")"
    rm -rf "$work/$name"
    mkdir -p "$work"
    "$bin" run --quiet --dedup --input "$set_dir/docs" --out "$work/$name" >/dev/null || [ $? -eq 3 ]
    printf '%-13s ' "$name"
    "$bin" eval --dedup --truth "$set_dir/truth.json" --tables "$work/$name"
done
