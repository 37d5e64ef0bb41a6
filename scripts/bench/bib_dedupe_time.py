#!/usr/bin/env python3
"""Times bib-dedupe (PyPI, the CoLRev deduplicator) on the records of a
labelled export, for `make bench`: the records are loaded into the frame
bib-dedupe expects (untimed), then prep, block, match and cluster are timed.

usage: bib_dedupe_time.py EXPORT [COPIES]
EXPORT is an ASySD CSV or an EndNote XML file; COPIES (default 1) repeats
every record that many times, each copy's titles prefixed with its own
word, for a larger export of the same shape. Prints one line:
`records <n> seconds <s> groups <g>`.
"""
import re, sys, time

import pandas as pd
from bib_dedupe.bib_dedupe import block, cluster, match, prep

from make_exports import csv_rows


def read_csv(path):
    for row in csv_rows(path):
        get = lambda k: "" if row.get(k, "NA") == "NA" else row.get(k, "")
        yield {"title": get("Title"), "author": get("Author"), "year": get("Year"),
               "journal": get("Journal"), "volume": get("Volume"), "number": get("Number"),
               "pages": get("Pages"), "doi": get("DOI"), "abstract": get("Abstract")}


def read_endnote(path):
    text = open(path, encoding="utf-8").read()
    def value(record, tag):
        m = re.search(rf"<{tag}>(.*?)</{tag}>", record, re.S)
        return re.sub(r"<[^>]+>", "", m.group(1)).strip() if m else ""
    for record in re.findall(r"<record>.*?</record>", text, re.S):
        authors = [re.sub(r"<[^>]+>", "", a) for a in re.findall(r"<author>(.*?)</author>", record, re.S)]
        yield {"title": value(record, "title"), "author": " and ".join(authors), "year": value(record, "year"),
               "journal": value(record, "full-title"), "volume": value(record, "volume"),
               "number": value(record, "number"), "pages": value(record, "pages"),
               "doi": value(record, "electronic-resource-num"), "abstract": value(record, "abstract")}


def main():
    path = sys.argv[1]
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    records = list(read_endnote(path) if path.endswith(".xml") else read_csv(path))
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"]
    rows = []
    for c in range(copies):
        for r in records:
            r = dict(r)
            if c:
                r["title"] = f"{words[c % len(words)]} {c} {r['title']}"
            r["ID"] = str(len(rows) + 1)
            r["ENTRYTYPE"] = "article"
            rows.append(r)
    df = pd.DataFrame(rows)
    start = time.perf_counter()
    prepared = prep(df, verbosity_level=0)
    pairs = block(prepared, verbosity_level=0)
    matched = match(pairs, verbosity_level=0)
    groups = cluster(matched, verbosity_level=0)
    seconds = time.perf_counter() - start
    print(f"records {len(rows)} seconds {seconds:.2f} groups {len(groups)}")


if __name__ == "__main__":
    main()
