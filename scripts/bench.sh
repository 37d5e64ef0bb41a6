#!/usr/bin/env bash
# `make bench`: the release binary on generated corpora of BENCH_DOCS
# documents, with 1 thread and with every core, against the floor (a release
# pass that only reads every file and splits it into lines), on the same
# files in the same run. Each configuration runs BENCH_REPEAT times (default
# 3) and the median run is printed. Prints a Markdown table;
# docs/benchmarks.md keeps one.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
sizes="${BENCH_DOCS:-1000 10000 100000}"
repeat="${BENCH_REPEAT:-3}"
target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --release --quiet -p evtab-cli
bin="$target/release/evtab"
work="$root/target/bench"
cores="$(nproc)"
mkdir -p "$work"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
# The machine's own ceiling for the thread speed-up: one CPU-bound loop,
# then one copy per core at once. On a shared virtual machine the cores do
# not always deliver their number; the pipeline cannot beat this ratio.
spin() { awk 'BEGIN { for (i = 0; i < 1e8; i++) s += i }'; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { print b - a }'; }
ceiling() {
    local start one all
    start=$(date +%s.%N); spin; one=$(since "$start")
    start=$(date +%s.%N); for _ in $(seq "$cores"); do spin & done; wait; all=$(since "$start")
    awk -v one="$one" -v all="$all" -v n="$cores" -v when="$1" 'BEGIN {
        printf "ceiling (%s): %d copies of a CPU-bound loop give %.2fx the throughput of one (%.2f s, %.2f s)\n",
            when, n, n * one / all, one, all }'
}
ceiling "before the runs"
echo
echo "| documents | MB | threads | wall s | docs/s | MB/s | peak RSS MB | floor s | pipeline/floor | ingest s | link s | report s |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for docs in $sizes; do
    dir="$work/$docs"
    # The generator writes about 1.9 documents per study.
    studies=$(( docs * 5250 / 10016 ))
    if [ ! -f "$dir/truth.json" ]; then
        rm -rf "$dir"
        "$bin" synth --studies "$studies" --seed 7 --out "$dir" >/dev/null
    fi
    n=$(find "$dir/docs" -type f | wc -l)
    bytes=$(du -sb "$dir/docs" | cut -f1)
    for threads in 1 "$cores"; do
        # The first pass warms the page cache; the floor is the second.
        "$bin" floor --input "$dir/docs" --threads "$threads" >/dev/null
        /usr/bin/time -o "$work/floor.time" -f "%e %M" "$bin" floor --input "$dir/docs" --threads "$threads" >/dev/null
        read -r floor_s _ < "$work/floor.time"
        # BENCH_REPEAT runs; the row is the run with the median wall time.
        # POLARS_MAX_THREADS keeps polars' own pool to the same thread count.
        : > "$work/runs"
        for _ in $(seq "$repeat"); do
            # Writing a run's tables can push the corpus out of a small page
            # cache; every run starts with it read once, as the floor does.
            "$bin" floor --input "$dir/docs" --threads "$threads" >/dev/null
            POLARS_MAX_THREADS="$threads" /usr/bin/time -o "$work/run.time" -f "%e %M" "$bin" run --quiet --timings \
                --threads "$threads" --input "$dir/docs" --out "$dir/tables-$threads" \
                --codebook pipelines/peer-support.codebook.toml 2>"$work/run.err" || [ $? -eq 3 ]
            read -r wall rss_kb < "$work/run.time"
            stages=$(grep '^timings:' "$work/run.err" | sed -E 's/timings: ingest ([0-9.]+) s, link ([0-9.]+) s, report ([0-9.]+) s.*/\1 \2 \3/')
            echo "$wall $rss_kb $stages" >> "$work/runs"
        done
        read -r wall rss_kb ingest link report < <(sort -n "$work/runs" | sed -n "$(( (repeat + 1) / 2 ))p")
        awk -v n="$n" -v b="$bytes" -v t="$threads" -v w="$wall" -v r="$rss_kb" -v f="$floor_s" \
            -v i="$ingest" -v l="$link" -v p="$report" 'BEGIN {
            mb = b / 1e6; fl = (f > 0.005 ? f : 0.005);
            printf "| %d | %.1f | %d | %.2f | %.0f | %.2f | %.0f | %.2f | %.0f | %.2f | %.2f | %.2f |\n",
                n, mb, t, w, n / w, mb / w, r / 1024, f, w / fl, i, l, p }'
    done
done
echo
ceiling "after the runs"
