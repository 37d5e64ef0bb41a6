#!/usr/bin/env bash
# Creates (once) the Python venv the tests use, with tests/requirements.txt
# installed, and prints its path. Reinstalls when the requirements change.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${EVTAB_PY_VENV:-$root/target/py}"
req="$root/tests/requirements.txt"
stamp="$venv/.requirements.txt"
mkdir -p "$(dirname "$venv")"
# One installer at a time: tests and make targets may call this together.
exec 9>"$venv.lock"
flock 9
if [ ! -x "$venv/bin/python" ]; then
    if ! python3 -m venv "$venv" >&2; then
        # Debian splits venv support out of python3.
        rm -rf "$venv"
        apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >&2
        python3 -m venv "$venv" >&2
    fi
fi
if ! cmp -s "$req" "$stamp"; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" >&2
    cp "$req" "$stamp"
fi
echo "$venv"
