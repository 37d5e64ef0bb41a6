#!/usr/bin/env python3
"""Writes the large export files `make bench` times: the records of the
labelled review exports (tests/corpus/dedup/), repeated until there are N,
each repetition's titles prefixed with its own word and number (so copies
are distinct records), as RIS, MEDLINE text and a bibliographic CSV (the ASySD columns).

usage: make_exports.py OUT_DIR N
"""
import csv, io, os, re, sys

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "corpus", "dedup")


def csv_rows(path):
    """The rows of an ASySD-style CSV, in UTF-8 (a few damaged bytes
    replaced) or Windows-1252."""
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("utf-8", "replace") if raw.count(b"\xc3") > 100 else raw.decode("cp1252")
    return csv.DictReader(io.StringIO(text, newline=""))


def records():
    for name in sorted(os.listdir(ROOT)):
        docs = os.path.join(ROOT, name, "docs")
        if not os.path.isdir(docs):
            continue
        for f in sorted(os.listdir(docs)):
            path = os.path.join(docs, f)
            if f.endswith(".csv"):
                for row in csv_rows(path):
                    get = lambda k: "" if row.get(k, "NA") == "NA" else " ".join(row.get(k, "").split())
                    authors = re.split(r"(?<=\.)(?=[A-Z][a-z])", get("Author"))
                    yield {"title": get("Title"), "authors": [a for a in authors if a], "year": get("Year"),
                           "journal": get("Journal"), "volume": get("Volume"), "issue": get("Number"),
                           "pages": get("Pages"), "doi": get("DOI"), "abstract": get("Abstract")}
            elif f.endswith(".xml"):
                text = open(path, encoding="utf-8").read()
                def value(record, tag):
                    m = re.search(rf"<{tag}>(.*?)</{tag}>", record, re.S)
                    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", m.group(1))).strip() if m else ""
                for record in re.findall(r"<record>.*?</record>", text, re.S):
                    authors = [re.sub(r"<[^>]+>", "", a) for a in re.findall(r"<author>(.*?)</author>", record, re.S)]
                    yield {"title": value(record, "title"), "authors": authors, "year": value(record, "year"),
                           "journal": value(record, "full-title"), "volume": value(record, "volume"),
                           "issue": value(record, "number"), "pages": value(record, "pages"), "doi": "",
                           "abstract": value(record, "abstract")}


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    base = [r for r in records() if r["title"]]
    for r in base:
        found = re.search(r"10\.\d{4,9}/\S+", r["doi"])
        r["doi"] = found.group(0) if found else ""
    # About 800 bytes a record, as a database export without full abstracts.
    for r in base:
        r["abstract"] = r["abstract"][:500]
    os.makedirs(out, exist_ok=True)
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]
    ris = open(os.path.join(out, "export.ris"), "w", encoding="utf-8")
    nbib = open(os.path.join(out, "export.nbib"), "w", encoding="utf-8")
    table = csv.writer(open(os.path.join(out, "export.csv"), "w", encoding="utf-8", newline=""))
    table.writerow(["Author", "Year", "Journal", "DOI", "Title", "Pages", "Volume", "Number", "Abstract", "RecordID"])
    for i in range(n):
        r = base[i % len(base)]
        copy = i // len(base)
        title = r["title"] if copy == 0 else f"{words[copy % len(words)]} {copy} {r['title']}"
        # Each copy is another article: another volume, another DOI.
        r = dict(r)
        if copy:
            r["volume"] = f"{copy}{r['volume']}"
            r["doi"] = f"{r['doi']}.{copy}" if r["doi"] else ""
        ris.write("TY  - JOUR\n")
        ris.write(f"TI  - {title}\n")
        for a in r["authors"]:
            ris.write(f"AU  - {a}\n")
        for tag, key in [("PY", "year"), ("JO", "journal"), ("VL", "volume"), ("IS", "issue"), ("SP", "pages"), ("DO", "doi"), ("AB", "abstract")]:
            if r[key]:
                ris.write(f"{tag}  - {r[key]}\n")
        ris.write("ER  - \n\n")
        nbib.write(f"PMID- {10000000 + i}\n")
        nbib.write(f"TI  - {title}\n")
        for tag, key in [("DP", "year"), ("JT", "journal"), ("VI", "volume"), ("IP", "issue"), ("PG", "pages")]:
            if r[key]:
                nbib.write(f"{tag}  - {r[key]}\n")
        if r["abstract"]:
            nbib.write(f"AB  - {r['abstract']}\n")
        for a in r["authors"]:
            nbib.write(f"FAU - {a}\n")
        if r["doi"]:
            nbib.write(f"LID - {r['doi']} [doi]\n")
        nbib.write("\n")
        table.writerow([" and ".join(r["authors"]), r["year"], r["journal"], r["doi"], title, r["pages"],
                        r["volume"], r["issue"], r["abstract"], i + 1])
    print(f"{n} records in {out}/export.ris, export.nbib and export.csv")


if __name__ == "__main__":
    main()
