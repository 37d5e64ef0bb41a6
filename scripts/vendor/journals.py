#!/usr/bin/env python3
"""Regenerate pipelines/vendor/jabref/ from the JabRef abbreviation lists (CC0).

    python3 scripts/vendor/journals.py [--source DIR]

DIR (default /work/shared/vendor/jabref-abbrv) holds
journal_abbreviations_entrez.csv, journal_abbreviations_lifescience.csv and
LICENSE.md. Writes:

    pipelines/vendor/jabref/journals_nlm.tsv   title<TAB>medline_abbrev
    pipelines/vendor/jabref/journals_iso4.tsv  title<TAB>iso4_abbrev
    pipelines/vendor/jabref/LICENSE.md         (copied unchanged)

The CSVs have no header, fields are "full title","abbreviation"; rows with
more columns keep the first two. A field that starts with a space before its
opening quote (one row in the lifescience list) is parsed as quoted
(skipinitialspace). Values are NFC-normalised, tabs/newlines become spaces,
values are stripped; rows with an empty title or abbreviation and exact
duplicate rows are dropped. Rows are sorted by (title, abbreviation).
"""

import argparse
import csv
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _vendorio as io  # noqa: E402

DEFAULT_SOURCE = "/work/shared/vendor/jabref-abbrv"

LISTS = [
    ("journal_abbreviations_entrez.csv", "journals_nlm.tsv", ("title", "medline_abbrev")),
    ("journal_abbreviations_lifescience.csv", "journals_iso4.tsv", ("title", "iso4_abbrev")),
]


def read_pairs(path):
    stats = {"read": 0, "short": 0, "empty": 0, "extra_cols": 0, "dup": 0}
    seen = set()
    out = []
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.reader(f, skipinitialspace=True):
            stats["read"] += 1
            if len(row) < 2:
                stats["short"] += 1
                continue
            if len(row) > 2:
                stats["extra_cols"] += 1
            title, abbrev = io.clean(row[0]), io.clean(row[1])
            if not title or not abbrev:
                stats["empty"] += 1
                continue
            key = (title, abbrev)
            if key in seen:
                stats["dup"] += 1
                continue
            seen.add(key)
            out.append(key)
    return out, stats


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", default=DEFAULT_SOURCE, help="folder with the JabRef CSVs")
    args = ap.parse_args()
    for src_name, out_name, cols in LISTS:
        src = os.path.join(args.source, src_name)
        pairs, stats = read_pairs(src)
        path = io.out_path("jabref", out_name)
        n = io.write_tsv(path, cols, pairs)
        io.report(path, n)
        print("  from %s: %s" % (src_name, stats), file=sys.stderr)
    lic = os.path.join(args.source, "LICENSE.md")
    shutil.copyfile(lic, io.out_path("jabref", "LICENSE.md"))


if __name__ == "__main__":
    main()
