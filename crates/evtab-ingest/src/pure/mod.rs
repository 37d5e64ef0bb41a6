//! Elsevier Pure research-portal pages.
//!
//! The page prints label and value glued (`Original languageEnglish`,
//! `Volume91`, `Publication statusPublished - May 2021`). Labels are split off
//! with a list of Pure's labels, longest first. The title is the page
//! heading, the authors the line under it (a trailing `*` marks the
//! corresponding author); the abstract and the funding note are read from
//! their headed blocks; `Fingerprint` and everything after it is chrome.

use evtab_model::{Field, SourceFormat, SourceRecord};

use crate::abstract_sections::split_abstract;
use crate::lines::{numbered, split_author_list};

#[cfg(test)]
mod tests;

/// Pure's metadata labels, glued to their values on the page.
const LABELS: &[(&str, Option<Field>)] = &[
    ("Original language", Some(Field::Language)),
    ("Article number", Some(Field::Pages)),
    ("Journal", Some(Field::Journal)),
    ("Volume", Some(Field::Volume)),
    ("Issue number", Some(Field::Issue)),
    ("Pages (from-to)", Some(Field::Pages)),
    ("Number of pages", None),
    ("DOIs", Some(Field::Doi)),
    ("Publication status", Some(Field::Date)),
    ("State", None),
    ("Externally published", None),
    ("Early online date", None),
    ("ISSN", Some(Field::Issn)),
    ("Publisher", Some(Field::Publisher)),
    ("Place of publication", None),
    ("Research output", Some(Field::PublicationType)),
];

/// Headings of the blocks a Pure page is made of.
const BLOCK_HEADINGS: &[&str] = &[
    "Abstract",
    "Bibliographical note",
    "Keywords",
    "Fingerprint",
    "Cite this",
    "Access to Document",
    "Other files and links",
];

/// Lines that only Pure pages print.
pub(crate) fn is_pure_cue(line: &str) -> bool {
    line.starts_with("Research output: Contribution to")
        || line.starts_with("Original language")
        || line.starts_with("Publication status")
        || line.starts_with("Externally published")
        || line == "*Corresponding author for this work"
        || line.starts_with("Dive into the research topics of")
}

fn split_label(line: &str) -> Option<(&'static str, Option<Field>, &str)> {
    LABELS
        .iter()
        .filter(|(label, _)| line.starts_with(label))
        .max_by_key(|(label, _)| label.len())
        .map(|(label, field)| (*label, *field, line[label.len()..].trim_start_matches(':').trim()))
}

/// Parses a Pure portal page.
pub fn parse(doc_id: &str, text: &str) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::Pure);
    let lines: Vec<(u32, &str)> = numbered(text).map(|(n, l)| (n, l.trim())).collect();
    let mut block: Option<&str> = None;
    let mut header_lines = 0;
    let mut pending_doi_label = false;
    for (i, &(line_no, line)) in lines.iter().enumerate() {
        if line.is_empty() {
            continue;
        }
        if let Some(heading) = BLOCK_HEADINGS.iter().find(|h| **h == line) {
            block = Some(heading);
            if *heading == "Fingerprint" || *heading == "Cite this" {
                break;
            }
            continue;
        }
        if pending_doi_label {
            pending_doi_label = false;
            if line.contains("10.") {
                record.push(Field::Doi, line, line_no);
                continue;
            }
        }
        match block {
            None => {
                if line == "*Corresponding author for this work" {
                    continue;
                }
                if let Some((label, field, value)) = split_label(line) {
                    read_label(&mut record, label, field, value, line_no);
                    continue;
                }
                header_lines += 1;
                match header_lines {
                    1 => record.push(Field::Title, line, line_no),
                    2 => {
                        for name in split_author_list(line) {
                            record.push(Field::Author, name.trim_end_matches(['*', '†']), line_no);
                        }
                    }
                    _ => {}
                }
            }
            Some("Abstract") => {
                if let Some((label, field, value)) = split_label(line) {
                    // The metadata table follows the abstract without a heading.
                    block = Some("metadata");
                    pending_doi_label = label == "DOIs" && value.is_empty();
                    read_label(&mut record, label, field, value, line_no);
                } else {
                    record.passages.extend(split_abstract(line, line_no));
                }
            }
            Some("metadata") => {
                if let Some((label, field, value)) = split_label(line) {
                    pending_doi_label = label == "DOIs" && value.is_empty();
                    read_label(&mut record, label, field, value, line_no);
                } else if line.contains("doi.org/10.") || line.starts_with("10.") {
                    record.push(Field::Doi, line, line_no);
                }
            }
            Some("Bibliographical note") => {
                let is_sub_label = line.ends_with(':') && line.split_whitespace().count() <= 4;
                let previous =
                    i.checked_sub(1).and_then(|k| lines[..=k].iter().rev().find(|(_, l)| !l.is_empty()));
                let under_funding = previous.is_some_and(|(_, l)| l.to_lowercase().starts_with("funding"));
                if !is_sub_label && under_funding {
                    record.push(Field::Funding, line, line_no);
                }
            }
            Some("Keywords") => {
                record.push(Field::Keyword, line.trim_start_matches(['•', '-', '·']).trim(), line_no);
            }
            _ => {}
        }
    }
    record
}

fn read_label(record: &mut SourceRecord, label: &str, field: Option<Field>, value: &str, line: u32) {
    let Some(field) = field else { return };
    let value = match label {
        "Publication status" => value.trim_start_matches("Published").trim_start_matches([' ', '-', '–']),
        // `Contribution to journalArticlepeer-review`: the type is glued between.
        "Research output" => value
            .trim_start_matches("Contribution to journal")
            .trim_start_matches("Contribution to conference")
            .trim_end_matches("peer-review"),
        _ => value,
    };
    record.push(field, value, line);
}
