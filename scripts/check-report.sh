#!/usr/bin/env bash
# Renders report.html with headless Chromium to target/report.png, so a
# person can see the page as a browser shows it. With no argument it runs
# the peer-support pipeline into target/report-check/ (committed tables are
# left alone) and renders that run's report; or give a report.html to render.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
    echo "installing chromium (Debian package)" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
    browser="$(command -v chromium)"
fi

if [ $# -ge 1 ]; then
    report="$(realpath "$1")"
else
    out="$root/target/report-check/peer-support"
    status=0
    cargo run --quiet -p evtab-cli -- run --quiet \
        --input data/raw/peer-support --out "$out" \
        --codebook pipelines/peer-support.codebook.toml || status=$?
    # Exit code 3 means the tables were written with documents to review.
    if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
        exit "$status"
    fi
    report="$out/report.html"
fi
[ -f "$report" ] || { echo "no report at $report" >&2; exit 1; }

png="${REPORT_PNG:-$root/target/report.png}"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
rm -f "$png"
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars \
    --screenshot="$png" --window-size=1400,2000 "file://$report" >/dev/null 2>&1
[ -s "$png" ] || { echo "chromium wrote no screenshot for $report" >&2; exit 1; }
echo "$report rendered to $png"
