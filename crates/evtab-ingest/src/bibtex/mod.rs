//! BibTeX and BibLaTeX files (Google Scholar, JabRef, Zotero, Scopus, Web
//! of Science, Mendeley): `@article{key, field = {value}, …}` entries, one
//! document per entry. The `biblatex` crate reads each entry (braces,
//! quotes, `#` concatenation, `@string` abbreviations, month macros); this
//! module splits the file first, so one broken entry or a repeated key
//! (common in exports merged by hand) costs that entry alone, and each
//! entry keeps the line it starts on.

use biblatex::{Bibliography, ChunksExt, Date, DateValue, PermissiveType, Person};
use evtab_model::{Field, SourceFormat, SourceRecord};

use crate::abstract_sections::split_abstract;
use crate::doi::find_dois;

#[cfg(test)]
mod tests;

/// Entry types that are not references: their blocks are never documents.
const NOT_ENTRIES: [&str; 3] = ["string", "preamble", "comment"];

/// The `@type` opening a line, lowercased, if the line opens a block.
fn block_type(line: &str) -> Option<String> {
    let rest = line.trim_start().strip_prefix('@')?;
    let end = rest.find(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '-')?;
    let (kind, after) = rest.split_at(end);
    (!kind.is_empty() && after.trim_start().starts_with(['{', '('])).then(|| kind.to_ascii_lowercase())
}

/// Whether a text is a BibTeX file: its first non-blank, non-`%` line opens
/// a block (`@article{`, `@string{`, `@comment{`).
pub(crate) fn is_bibtex(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines().map(str::trim).find(|l| !l.is_empty() && !l.starts_with('%')).and_then(block_type).is_some()
}

/// One entry's text, with the line (1-based) it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawEntry<'t> {
    /// The entry type as written, lowercased (`article`, `phdthesis`).
    pub(crate) kind: String,
    pub(crate) text: &'t str,
    pub(crate) first_line: u32,
}

/// The file split at lines that open a block: the reference entries, and
/// the `@string` blocks every entry may use.
pub(crate) fn entries_of(text: &str) -> (Vec<RawEntry<'_>>, String) {
    // (kind, start offset, first line) of each block, in file order.
    let mut openings: Vec<(String, usize, u32)> = Vec::new();
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if let Some(kind) = block_type(line) {
            openings.push((kind, offset, n as u32 + 1));
        }
        offset += line.len();
    }
    let mut entries = Vec::new();
    let mut strings = String::new();
    for (i, (kind, start, first_line)) in openings.iter().enumerate() {
        let end = openings.get(i + 1).map_or(text.len(), |next| next.1);
        let body = &text[*start..end];
        if kind == "string" {
            strings.push_str(body);
        } else if !NOT_ENTRIES.contains(&kind.as_str()) {
            entries.push(RawEntry { kind: kind.clone(), text: body, first_line: *first_line });
        }
    }
    (entries, strings)
}

/// One field's text, verbatim (braces that protect case dropped).
fn value(entry: &biblatex::Entry, key: &str) -> Option<String> {
    let v = entry.get(key)?.format_verbatim();
    let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
    (!v.is_empty()).then_some(v)
}

/// Reads one entry. Every value gets the line its entry starts on (the
/// parser's spans are offsets into the entry, mapped back to lines).
pub(crate) fn read_entry(doc_id: &str, raw: &RawEntry<'_>, strings: &str) -> Result<SourceRecord, String> {
    let source = format!("{strings}\n{}", raw.text);
    let prefix_lines = strings.matches('\n').count() as u32 + 1;
    let bibliography = Bibliography::parse(&source).map_err(|e| format!("it cannot be read ({})", e.kind))?;
    let Some(entry) = bibliography.iter().next() else {
        return Err("the entry holds no fields".to_string());
    };
    // Bytes, not `str` slicing: a span is never trusted to fall on a char
    // boundary.
    let line_of = |key: &str| -> u32 {
        entry.get(key).map_or(raw.first_line, |chunks| {
            let end = chunks.span().start.min(source.len());
            let at = source.as_bytes()[..end].iter().filter(|&&b| b == b'\n').count() as u32;
            raw.first_line + at.saturating_sub(prefix_lines)
        })
    };
    let mut record = SourceRecord::new(doc_id, SourceFormat::Bibtex);
    if let Some(t) = value(entry, "title") {
        record.push(Field::Title, &t, line_of("title"));
    }
    match entry.get_as::<Vec<Person>>("author") {
        Ok(people) => {
            // `and others` is BibTeX's "et al.", not a person.
            let others = |p: &Person| p.name == "others" && p.given_name.is_empty();
            record.authors_truncated = people.iter().any(others);
            for p in people.into_iter().filter(|p| !others(p)) {
                let family = [p.prefix.as_str(), p.name.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                let name =
                    if p.given_name.is_empty() { family } else { format!("{family}, {}", p.given_name) };
                if !name.trim().is_empty() {
                    record.push(Field::Author, &name, line_of("author"));
                }
            }
        }
        Err(biblatex::RetrievalError::Missing(_)) => {}
        Err(e) => record.warnings.push(format!("the authors cannot be read ({e})")),
    }
    for key in ["journal", "journaltitle", "booktitle"] {
        if let Some(j) = value(entry, key) {
            record.push(Field::Journal, &j, line_of(key));
            break;
        }
    }
    if let Some(j) = value(entry, "shortjournal") {
        record.push(Field::JournalAbbrev, &j, line_of("shortjournal"));
    }
    // The crate reads `date`, or `year` with `month` (`month = jun` is a
    // macro), into one date; what it cannot type is kept as written.
    let date_line = if entry.get("date").is_some() { line_of("date") } else { line_of("year") };
    match entry.date() {
        Ok(PermissiveType::Typed(Date { value: DateValue::At(at) | DateValue::After(at), .. }))
        | Ok(PermissiveType::Typed(Date { value: DateValue::Between(at, _), .. })) => {
            let mut iso = format!("{:04}", at.year);
            if let Some(m) = at.month {
                iso.push_str(&format!("-{:02}", m + 1));
                if let Some(d) = at.day {
                    iso.push_str(&format!("-{:02}", d + 1));
                }
            }
            record.push(Field::Date, &iso, date_line);
        }
        _ => {
            if let Some(d) = value(entry, "date").or_else(|| value(entry, "year")) {
                record.push(Field::Date, &d, date_line);
            }
        }
    }
    for (key, field) in [
        ("volume", Field::Volume),
        ("number", Field::Issue),
        ("issue", Field::Issue),
        ("pages", Field::Pages),
        ("publisher", Field::Publisher),
        ("language", Field::Language),
        ("langid", Field::Language),
        ("pmid", Field::Pmid),
        ("pmcid", Field::Pmcid),
    ] {
        if let Some(v) = value(entry, key) {
            let v = if field == Field::Pages { v.replace(['–', '—'], "-") } else { v };
            record.push(field, &v, line_of(key));
        }
    }
    // BibLaTeX files the PubMed id as an eprint.
    if value(entry, "eprinttype").is_some_and(|t| t.eq_ignore_ascii_case("pubmed"))
        && let Some(v) = value(entry, "eprint")
    {
        record.push(Field::Pmid, &v, line_of("eprint"));
    }
    record.push(Field::PublicationType, &raw.kind, raw.first_line);
    for key in ["doi", "url", "note"] {
        if let Some(doi) = value(entry, key).and_then(|v| find_dois(&v).into_iter().next()) {
            record.push(Field::Doi, &doi.doi, line_of(key));
            break;
        }
    }
    if let Some(issn) = value(entry, "issn") {
        for i in issn.split([',', ';', ' ']).filter(|s| !s.is_empty()) {
            record.push(Field::Issn, i, line_of("issn"));
        }
    }
    if let Some(keywords) = value(entry, "keywords") {
        for k in keywords.split([',', ';']).map(str::trim).filter(|k| !k.is_empty()) {
            record.push(Field::Keyword, k, line_of("keywords"));
        }
    }
    if let Some(abs) = value(entry, "abstract") {
        record.passages.extend(split_abstract(&abs, line_of("abstract")));
    }
    Ok(record)
}
