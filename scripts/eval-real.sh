#!/usr/bin/env bash
# `make eval-real`: the release binary on the real labelled corpus
# (tests/corpus/real/), scored against its truth with `evtab eval`.
#
#   scripts/eval-real.sh [dev|held]     (default dev)
#
# dev  = the shared corpus (shared/) and our additions (pages/dev, exports/dev)
# held = the held-back additions (pages/held, exports/held): score it only
#        when an issue is done, so its figures stay honest.
#
# Three runs per split: all documents, page captures only (no export files),
# and all documents with linking off (what each document says alone).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
split="${1:-dev}"
corpus="$root/tests/corpus/real"
case "$split" in
    dev) parts=(shared pages/dev exports/dev) ;;
    held) parts=(pages/held exports/held) ;;
    *) echo "usage: $0 [dev|held]" >&2; exit 2 ;;
esac
target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --release --quiet -p evtab-cli
bin="$target/release/evtab"
work="$root/target/eval-real/$split"
rm -rf "$work"
mkdir -p "$work/all" "$work/pages"
truths=()
page_truths=()
for part in "${parts[@]}"; do
    [ -d "$corpus/$part/docs" ] || continue
    exports="$corpus/$part/exchange-formats.txt"
    for f in "$corpus/$part/docs"/*; do
        name="$(basename "$f")"
        cp "$f" "$work/all/$name"
        # Export files: listed in exchange-formats.txt, or anything under exports/.
        if [[ "$part" != exports/* ]] && ! { [ -f "$exports" ] && grep -qxF "$name" "$exports"; }; then
            cp "$f" "$work/pages/$name"
        fi
    done
    truths+=(--truth "$corpus/$part/truth.json")
    [[ "$part" == exports/* ]] || page_truths+=(--truth "$work/truth-pages-$(echo "$part" | tr / -).json")
    if [[ "$part" != exports/* ]]; then
        # The page-capture truth: each study's documents minus the export files.
        python3 - "$corpus/$part/truth.json" "$work/pages" "$work/truth-pages-$(echo "$part" | tr / -).json" <<'PY'
import json, os, sys
truth, pages, out = sys.argv[1:4]
have = set(os.listdir(pages))
kept = []
for study in json.load(open(truth, encoding="utf-8")):
    docs = [d for d in study["docs"] if d.split("#")[0] in have]
    if docs:
        kept.append(dict(study, docs=docs))
json.dump(kept, open(out, "w", encoding="utf-8"), ensure_ascii=False)
PY
    fi
done
run() { "$bin" run --quiet --input "$1" --out "$2" "${@:3}" || [ $? -eq 3 ]; }
run "$work/all" "$work/tables-all"
run "$work/pages" "$work/tables-pages"
run "$work/all" "$work/tables-each" --no-link
echo "== real corpus, $split split: every document (page captures and export files)"
"$bin" eval "${truths[@]}" --tables "$work/tables-all" --each-document "$work/tables-each" ${EVAL_EXAMPLES:+--examples}
echo
echo "== real corpus, $split split: page captures only"
"$bin" eval "${page_truths[@]}" --tables "$work/tables-pages" ${EVAL_EXAMPLES:+--examples}
