#!/usr/bin/env python3
"""Regenerate pipelines/vendor/ltwa/ltwa.tsv: the ISO 4 List of Title Word
Abbreviations (LTWA) as shipped in the PyPI package `iso4`.

    target/vendor-py/bin/python scripts/vendor/ltwa.py [--source FILE]

Without --source, the LTWA_*.tsv data file of the installed `iso4` package is
read (found with importlib, without importing the package, so its code
dependencies nltk/regex need not be installed). With --source, FILE may be
that TSV or an LTWA CSV as published by the ISSN International Centre
(semicolon-separated, quoted, header WORD;ABBREVIATIONS;LANGUAGE CODES).

Output columns: word<TAB>abbreviation<TAB>languages, each exactly as the LTWA
gives it except that text is NFC-normalised (the iso4 file is in decomposed
NFD form) and surrounding whitespace is stripped: a leading/trailing `-` in
the word marks a suffix/prefix (stem), the abbreviation `n.a.` means "not
abbreviated", languages are ISO 639-2/B codes separated by ", " (`mul` =
multilingual). Exact duplicate rows are dropped; rows are sorted.
"""

import argparse
import csv
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _vendorio as io  # noqa: E402

COLUMNS = ("word", "abbreviation", "languages")


def default_source():
    pkg = io.find_package_dir("iso4")
    files = sorted(glob.glob(os.path.join(pkg, "LTWA_*.tsv")))
    if len(files) != 1:
        raise SystemExit("expected one LTWA_*.tsv in %s, found %r" % (pkg, files))
    return files[0]


def read_ltwa(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    first = text.split("\n", 1)[0]
    delim = "\t" if "\t" in first else ";"
    quoting = csv.QUOTE_NONE if delim == "\t" else csv.QUOTE_MINIMAL
    rows = []
    stats = {"read": 0, "header": 0, "dup": 0, "empty_word": 0}
    seen = set()
    for i, row in enumerate(csv.reader(text.splitlines(), delimiter=delim, quoting=quoting)):
        if not row or all(not c.strip() for c in row):
            continue
        if i == 0 and row[0].strip().upper() == "WORD":
            stats["header"] += 1
            continue
        stats["read"] += 1
        if len(row) != 3:
            raise SystemExit("%s line %d: expected 3 columns, got %r" % (path, i + 1, row))
        word, abbr, langs = (io.clean(c) for c in row)
        if not word:
            stats["empty_word"] += 1
            continue
        key = (word, abbr, langs)
        if key in seen:
            stats["dup"] += 1
            continue
        seen.add(key)
        rows.append(key)
    return rows, stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", help="LTWA file (default: the installed iso4 package's LTWA_*.tsv)")
    args = ap.parse_args()
    src = args.source or default_source()
    rows, stats = read_ltwa(src)
    path = io.out_path("ltwa", "ltwa.tsv")
    n = io.write_tsv(path, COLUMNS, rows)
    io.report(path, n)
    markers = {}
    for _, abbr, _ in rows:
        if abbr in ("n.a.", "n.a", "–", "-", "—", ""):
            markers[abbr] = markers.get(abbr, 0) + 1
    origin = "--source" if args.source else "iso4 " + io.package_version("iso4")
    print("  from %s (%s): %s; not-abbreviated markers: %s"
          % (os.path.basename(src), origin, stats, markers), file=sys.stderr)


if __name__ == "__main__":
    main()
