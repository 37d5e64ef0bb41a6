//! Aggregator pages with an embedded JSON metadata blob.
//!
//! The blob is the reliable metadata; the page around it carries a machine
//! translation, a journal blurb and page chrome that must not leak into any
//! field. The blob is used when it describes the page's item: its title
//! agrees with the page heading, or, when its title is a translation into
//! another script, its authors agree with the page's author line (and its
//! translated title is then not used). Otherwise a `mismatch` flag is
//! raised and only the page itself is read.

use evtab_model::{Field, Flag, FlagKind, Severity, SourceFormat, SourceRecord};
use evtab_text::match_key;
use serde_json::Value;

use crate::abstract_sections::split_abstract;
use crate::collect::{Collector, Origin};
use crate::layout::Layouts;
use crate::lines::numbered;
use crate::names::split_names;
use crate::page::read_page;

#[cfg(test)]
mod tests;

/// Whether most letters of a text are Latin (or it has none).
fn is_latin(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let latin = letters
        .iter()
        .filter(|c| c.is_ascii() || matches!(**c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF))
        .count();
    letters.is_empty() || latin * 2 >= letters.len()
}

/// Folded family names (the last word of each name) of an author list.
fn family_keys(names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| {
            let n = n
                .split(',')
                .next()
                .filter(|_| n.contains(','))
                .map_or_else(|| n.split_whitespace().last().unwrap_or(""), str::trim);
            match_key(n)
        })
        .collect()
}

/// Parses an aggregator page.
pub fn parse(doc_id: &str, text: &str, layouts: &Layouts) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::AggregatorJson);
    let Some(layout) = layouts.family(SourceFormat::AggregatorJson) else {
        record.warnings.push("no layout for aggregator_json in pipelines/formats".to_string());
        return record;
    };
    // The page's own heading and author line, read without the blob.
    let blob = numbered(text).find(|(_, l)| l.trim_start().starts_with("{\""));
    let page_text: String = numbered(text)
        .map(|(n, l)| if blob.is_some_and(|(b, _)| b == n) { "" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    let mut page = Collector::default();
    let mut scratch = SourceRecord::new(doc_id, SourceFormat::AggregatorJson);
    read_page(&page_text, layout, layouts, &mut page, &mut scratch, false);
    let page_title = page.best(Field::Title).unwrap_or("").to_string();
    let page_authors = page.best_authors();
    let mut c = page;
    match blob.map(|(line, raw)| (line, serde_json::from_str::<Value>(raw.trim()))) {
        Some((line, Ok(json))) => {
            let blob_title = json.get("title").and_then(scalar).unwrap_or_default();
            let titles_agree = !blob_title.is_empty() && match_key(&page_title) == match_key(&blob_title);
            let blob_authors = authors_of(&json, layouts);
            let authors_agree =
                !page_authors.is_empty() && family_keys(&page_authors) == family_keys(&blob_authors);
            let translated = !is_latin(&blob_title) && is_latin(&page_title);
            if titles_agree || page_title.is_empty() || (translated && authors_agree) {
                read_blob(&mut c, &mut record, &json, line, blob_authors, !translated);
                if translated {
                    record.warnings.push(format!(
                        "the embedded JSON (line {line}) gives the title in another script; the page heading was used"
                    ));
                }
            } else {
                record.flags.push(Flag {
                    field: "title".to_string(),
                    severity: Severity::Warning,
                    kind: FlagKind::Mismatch,
                    message: format!(
                        "{doc_id}: the embedded JSON (line {line}) describes \"{blob_title}\" but the page is \"{page_title}\"; the JSON was not used"
                    ),
                });
                record
                    .warnings
                    .push(format!("embedded JSON on line {line} describes another item; not used"));
            }
        }
        Some((line, Err(error))) => {
            record.warnings.push(format!(
                "embedded JSON on line {line} is malformed or truncated ({error}); only the page heading and author line were used"
            ));
        }
        None => {
            record.warnings.push(
                "no embedded JSON blob found; only the page heading and author line were used".to_string(),
            );
        }
    }
    c.finish(&mut record);
    record
}

fn authors_of(json: &Value, layouts: &Layouts) -> Vec<String> {
    match json.get("authors") {
        Some(Value::String(list)) => split_names(list, &layouts.names).names,
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| scalar(item).or_else(|| item.get("name").and_then(scalar)))
            .collect(),
        _ => Vec::new(),
    }
}

fn read_blob(
    c: &mut Collector,
    record: &mut SourceRecord,
    json: &Value,
    line: u32,
    authors: Vec<String>,
    use_title: bool,
) {
    let e = Origin::Embedded;
    let text = |key: &str| json.get(key).and_then(scalar);
    if use_title && let Some(title) = text("title") {
        c.push(Field::Title, &title, line, e, "json");
    }
    c.authors(authors.into_iter().map(|n| (n, line)).collect(), false, e, "json");
    for (key, field) in [
        ("doi", Field::Doi),
        ("DOIUrl", Field::Doi),
        ("publicationDate", Field::Date),
        ("EPubDate", Field::Date),
        ("PMCID", Field::Pmcid),
        ("PMID", Field::Pmid),
        ("ISSN", Field::Issn),
        ("publisher", Field::Publisher),
        ("language", Field::Language),
        ("publicationTypes", Field::PublicationType),
    ] {
        if let Some(value) = text(key) {
            c.push(field, &value, line, e, "json");
        }
    }
    let journal = json.get("journal");
    if let Some(name) =
        journal.and_then(|j| j.get("name")).and_then(scalar).or_else(|| text("PeriodicalName"))
    {
        c.push(Field::Journal, &name, line, e, "json");
    }
    for (key, field) in [("volume", Field::Volume), ("issue", Field::Issue), ("pages", Field::Pages)] {
        if let Some(value) = journal.and_then(|j| j.get(key)).and_then(scalar) {
            c.push(field, &value, line, e, "json");
        }
    }
    if let Some(abstract_text) = text("abstract") {
        record.passages.extend(split_abstract(&abstract_text, line));
    }
}

/// A JSON string or number as text; null, empty and containers are not values.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
