#!/usr/bin/env python3
"""Times the Python parsers reviewers use loading an export file, for
`make bench`: rispy (RIS) or nbib (MEDLINE text). Prints `records <n> seconds <s>`.

usage: parser_load_time.py ris|nbib FILE
"""
import sys, time

kind, path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if kind == "ris":
    import rispy
    with open(path, encoding="utf-8") as f:
        entries = rispy.load(f)
else:
    import nbib
    entries = nbib.read_file(path)
seconds = time.perf_counter() - start
print(f"records {len(entries)} seconds {seconds:.2f}")
