"""Shared helpers for the scripts in scripts/vendor/ (Python 3 stdlib only).

Every vendored table is written the same way: UTF-8, NFC, '\n' line ends,
one '#' header line naming the columns, rows sorted by Python's code-point
order of the whole row (tuple order), no timestamps. Running a script twice
on the same inputs gives byte-identical files.
"""

import os
import re
import sys
import unicodedata

_WS = re.compile(r"[\t\r\n\v\f\x85\u2028\u2029]+")

# Root of the repository: scripts/vendor/ -> ../..
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def clean(value):
    """NFC-normalise, replace tabs/newlines by one space, strip."""
    if value is None:
        return ""
    value = unicodedata.normalize("NFC", str(value))
    value = _WS.sub(" ", value)
    return value.strip()


def out_path(*parts):
    return os.path.join(ROOT, "pipelines", "vendor", *parts)


def write_tsv(path, columns, rows, sort=True):
    """Write rows (iterables of str) with a '# col1<TAB>col2…' header.

    Cells are cleaned with clean(); rows are sorted unless sort=False (then the
    caller's order is kept, which must itself be deterministic). Returns the
    number of data rows written.
    """
    cleaned = [tuple(clean(c) for c in row) for row in rows]
    for row in cleaned:
        if len(row) != len(columns):
            raise ValueError("row %r has %d cells, expected %d" % (row, len(row), len(columns)))
    if sort:
        cleaned.sort()
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write("# " + "\t".join(columns) + "\n")
        for row in cleaned:
            f.write("\t".join(row) + "\n")
    os.replace(tmp, path)
    return len(cleaned)


def report(path, n):
    size = os.path.getsize(path)
    rel = os.path.relpath(path, ROOT)
    print("%s: %d rows, %d bytes" % (rel, n, size), file=sys.stderr)


def find_package_dir(name):
    """Directory of an installed package, found without importing it."""
    import importlib.util

    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(
            "package %r is not installed for %s; see pipelines/vendor/README.md "
            "(or pass --source)" % (name, sys.executable)
        )
    return list(spec.submodule_search_locations)[0]


def package_version(name):
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:
        return "unknown"
