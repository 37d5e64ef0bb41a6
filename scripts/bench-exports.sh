#!/usr/bin/env bash
# Part of `make bench`: export files and deduplication, against the Python
# tools reviewers use, on the same records in the same run.
#   1. RIS and MEDLINE files of 10,000 and 100,000 records (written by
#      scripts/bench/make_exports.py from the labelled review exports):
#      evtab's ingest stage and whole run against rispy's and nbib's load.
#   2. The four labelled review exports and a 50,000-record CSV: evtab's
#      whole run against bib-dedupe's prep, block, match and cluster.
# Prints Markdown tables; docs/benchmarks.md keeps one.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --release --quiet -p evtab-cli
bin="$target/release/evtab"
work="$root/target/bench-exports"
venv="$root/target/bench-py"
mkdir -p "$work"
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
if ! cmp -s scripts/bench/requirements.txt "$venv/.requirements.txt"; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r scripts/bench/requirements.txt
    cp scripts/bench/requirements.txt "$venv/.requirements.txt"
fi
py="$venv/bin/python"

# One evtab run: prints `wall ingest link rss_mb` of the input folder $1
# (further arguments go to `evtab run`, e.g. `--dedup`).
evtab_run() {
    rm -rf "$work/tables"
    local input="$1"
    shift
    /usr/bin/time -o "$work/run.time" -f "%e %M" "$bin" run --quiet --timings "$@" --input "$input" --out "$work/tables" \
        2>"$work/run.err" || [ $? -eq 3 ]
    read -r wall rss_kb < <(tail -1 "$work/run.time")
    read -r ingest link reading < <(grep '^timings:' "$work/run.err" |
        sed -E 's/timings: ingest ([0-9.]+) s, link ([0-9.]+) s.*reading and parsing ([0-9.]+) s.*/\1 \2 \3/')
    echo "$wall $ingest $link $(( rss_kb / 1024 )) $reading"
}

echo "| records | format | MB | evtab ingest s | of it reading and parsing s | evtab run s | peak RSS MB | Python parser | its load s |"
echo "|---:|---|---:|---:|---:|---:|---:|---|---:|"
for n in 10000 100000; do
    dir="$work/exports-$n"
    [ -f "$dir/export.csv" ] || "$py" scripts/bench/make_exports.py "$dir" "$n" >/dev/null
    for kind in ris nbib; do
        mkdir -p "$dir/$kind"
        ln -sf "../export.$kind" "$dir/$kind/export.$kind"
        read -r wall ingest _ rss reading < <(evtab_run "$dir/$kind")
        parser=$([ "$kind" = ris ] && echo rispy || echo nbib)
        read -r _ _ _ load < <("$py" scripts/bench/parser_load_time.py "$kind" "$dir/export.$kind")
        mb=$(du -Lb "$dir/export.$kind" | awk '{printf "%.1f", $1 / 1e6}')
        echo "| $n | $kind | $mb | $ingest | $reading | $wall | $rss | $parser | $load |"
    done
done
echo
echo "| export | records | evtab run s | evtab run --dedup s | bib-dedupe s | ratio run | ratio --dedup |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for set_dir in tests/corpus/dedup/*/; do
    name="$(basename "$set_dir")"
    file="$(ls "$set_dir"docs/* | head -1)"
    read -r wall _ _ _ < <(evtab_run "$set_dir/docs")
    read -r dedup _ _ _ < <(evtab_run "$set_dir/docs" --dedup)
    read -r _ records _ seconds _ < <("$py" scripts/bench/bib_dedupe_time.py "$file")
    awk -v n="$name" -v r="$records" -v w="$wall" -v d="$dedup" -v b="$seconds" \
        'BEGIN { printf "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f |\n", n, r, w, d, b, w / b, d / b }'
done
dir="$work/exports-50000"
[ -f "$dir/export.csv" ] || "$py" scripts/bench/make_exports.py "$dir" 50000 >/dev/null
mkdir -p "$dir/csv" && ln -sf ../export.csv "$dir/csv/export.csv"
read -r wall _ _ _ < <(evtab_run "$dir/csv")
read -r dedup _ _ _ < <(evtab_run "$dir/csv" --dedup)
read -r _ records _ seconds _ < <("$py" scripts/bench/bib_dedupe_time.py "$dir/export.csv")
awk -v r="$records" -v w="$wall" -v d="$dedup" -v b="$seconds" \
    'BEGIN { printf "| generated CSV | %d | %.2f | %.2f | %.2f | %.2f | %.2f |\n", r, w, d, b, w / b, d / b }'
