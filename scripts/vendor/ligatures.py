#!/usr/bin/env python3
"""Regenerate pipelines/vendor/words/ligatures.tsv: repairs for words whose
ligatures were lost in PDF-to-text conversion.

    python3 scripts/vendor/ligatures.py [--dict FILE ...] [--hunspell FILE | --no-hunspell]

PDF text extraction often turns the glyphs fi, fl, ff, ffi, ffl into a bare
`f` ("significant" -> "signifcant", "efficacy" -> "efcacy"). For every
lowercase ASCII word of the word lists (default: Debian's wamerican-large and
wbritish-large, i.e. SCOWL size 70, plus the stems of the Hunspell en_US
dictionary, hunspell-en-us, without affix expansion), every "broken" form is
computed by replacing one or more occurrences of fi, fl, ff, ffi or ffl by a
single `f` (each occurrence independently; for "ffi" all three readings
ffi->f, ff->f + i and f + fi->f are generated). A pair broken<TAB>word is
kept when the broken form is not itself a word of any input list (compared
case-insensitively, so proper nouns count too) and exactly one word yields
it; broken forms produced by several words are dropped as ambiguous.
Output sorted by broken form.
"""

import argparse
import os
import re
import shutil
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _vendorio as io  # noqa: E402

DEFAULT_DICTS = [
    "/usr/share/dict/american-english-large",
    "/usr/share/dict/british-english-large",
]
DEFAULT_HUNSPELL = "/usr/share/hunspell/en_US.dic"
SCOWL_COPYRIGHT = "/usr/share/doc/wamerican-large/copyright"
LIGATURES = ("ffi", "ffl", "ff", "fi", "fl")
WORD = re.compile(r"[a-z]+")


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


def read_hunspell_stems(path):
    """Stems of a Hunspell .dic (first line is the entry count; `/flags` and
    morphological fields after whitespace are dropped)."""
    with open(path, encoding="utf-8", errors="strict") as f:
        lines = f.read().splitlines()
    out = []
    for line in lines[1:]:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        stem = line.split()[0]
        stem = re.split(r"(?<!\\)/", stem, maxsplit=1)[0].replace("\\/", "/")
        out.append(stem)
    return out


def broken_forms(word):
    """All forms with at least one ligature sequence replaced by 'f'."""
    results = set()

    def walk(i, acc, changed):
        if i == len(word):
            if changed:
                results.add("".join(acc))
            return
        for lig in LIGATURES:
            if word.startswith(lig, i):
                acc.append("f")
                walk(i + len(lig), acc, True)
                acc.pop()
        acc.append(word[i])
        walk(i + 1, acc, changed)
        acc.pop()

    walk(0, [], False)
    return results


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dict", action="append", help="word list, one word a line (repeatable)")
    ap.add_argument("--hunspell", default=DEFAULT_HUNSPELL, help="Hunspell .dic whose stems are added")
    ap.add_argument("--no-hunspell", action="store_true")
    args = ap.parse_args()

    entries = []
    for path in args.dict or DEFAULT_DICTS:
        entries.extend(read_list(path))
    if not args.no_hunspell:
        entries.extend(read_hunspell_stems(args.hunspell))

    known = {e.lower() for e in entries}
    words = sorted({e for e in entries if WORD.fullmatch(e)})

    sources = defaultdict(set)
    for w in words:
        if "f" not in w:
            continue
        for b in broken_forms(w):
            sources[b].add(w)

    pairs, ambiguous, real_word = [], 0, 0
    for b, ws in sources.items():
        if b in known:
            real_word += 1
            continue
        if len(ws) != 1:
            ambiguous += 1
            continue
        pairs.append((b, next(iter(ws))))

    path = io.out_path("words", "ligatures.tsv")
    n = io.write_tsv(path, ("broken", "word"), pairs)
    io.report(path, n)
    print("  %d input words (lowercase ASCII), %d broken forms; dropped: %d that are words "
          "themselves, %d ambiguous (from 2+ words)"
          % (len(words), len(sources), real_word, ambiguous), file=sys.stderr)
    shutil.copyfile(SCOWL_COPYRIGHT, io.out_path("words", "SCOWL-COPYRIGHT.txt"))


if __name__ == "__main__":
    main()
