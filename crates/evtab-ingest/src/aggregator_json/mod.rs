//! Aggregator pages with an embedded JSON metadata blob.
//!
//! The blob is the reliable metadata; the page around it carries a machine
//! translation, a journal blurb and page chrome that must not leak into any
//! field. The blob is trusted only when its title agrees with the page
//! heading; otherwise a `mismatch` flag is raised and only the page heading
//! and author line are used.

use evtab_model::{Field, Flag, FlagKind, Severity, SourceFormat, SourceRecord};
use evtab_text::match_key;
use serde_json::Value;

use crate::abstract_sections::split_abstract;
use crate::lines::{first_content_line, numbered, split_author_list};

#[cfg(test)]
mod tests;

/// Parses an aggregator page.
pub fn parse(doc_id: &str, text: &str) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::AggregatorJson);
    let heading = first_content_line(text);
    let blob = numbered(text).find(|(_, l)| l.trim_start().starts_with("{\""));
    let parsed = blob.map(|(line, raw)| (line, serde_json::from_str::<Value>(raw.trim())));
    match parsed {
        Some((line, Ok(json))) => {
            let blob_title = json.get("title").and_then(Value::as_str).unwrap_or("");
            let agrees =
                heading.is_some_and(|(_, h)| !blob_title.is_empty() && match_key(h) == match_key(blob_title));
            if agrees {
                read_blob(&mut record, &json, line);
            } else {
                let page_title = heading.map_or("", |(_, h)| h);
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
                read_page(&mut record, text, heading);
            }
        }
        Some((line, Err(error))) => {
            record.warnings.push(format!(
                "embedded JSON on line {line} is malformed or truncated ({error}); only the page heading and author line were used"
            ));
            read_page(&mut record, text, heading);
        }
        None => {
            record.warnings.push(
                "no embedded JSON blob found; only the page heading and author line were used".to_string(),
            );
            read_page(&mut record, text, heading);
        }
    }
    record
}

/// Title and authors from the page itself: the heading, and the line of
/// names just above the blob (the only page lines that are not chrome).
fn read_page(record: &mut SourceRecord, text: &str, heading: Option<(u32, &str)>) {
    let Some((title_line, title)) = heading else { return };
    record.push(Field::Title, title, title_line);
    let blob_line = numbered(text).find(|(_, l)| l.trim_start().starts_with("{\"")).map(|(n, _)| n);
    if let Some(blob_line) = blob_line
        && let Some((line, authors)) = numbered(text).find(|(n, _)| *n + 1 == blob_line)
        && line != title_line
    {
        for name in split_author_list(authors) {
            record.push(Field::Author, &name, line);
        }
    }
}

fn read_blob(record: &mut SourceRecord, json: &Value, line: u32) {
    let text = |key: &str| json.get(key).and_then(scalar);
    if let Some(title) = text("title") {
        record.push(Field::Title, &title, line);
    }
    match json.get("authors") {
        Some(Value::String(list)) => {
            for name in split_author_list(list) {
                record.push(Field::Author, &name, line);
            }
        }
        Some(Value::Array(items)) => {
            for name in
                items.iter().filter_map(|item| scalar(item).or_else(|| item.get("name").and_then(scalar)))
            {
                record.push(Field::Author, &name, line);
            }
        }
        _ => {}
    }
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
            record.push(field, &value, line);
        }
    }
    let journal = json.get("journal");
    if let Some(name) =
        journal.and_then(|j| j.get("name")).and_then(scalar).or_else(|| text("PeriodicalName"))
    {
        record.push(Field::Journal, &name, line);
    }
    for (key, field) in [("volume", Field::Volume), ("issue", Field::Issue), ("pages", Field::Pages)] {
        if let Some(value) = journal.and_then(|j| j.get(key)).and_then(scalar) {
            record.push(field, &value, line);
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
