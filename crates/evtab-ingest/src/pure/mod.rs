//! Elsevier Pure research-portal pages.
//!
//! The page prints each label glued to its value (`Original languageEnglish`,
//! `Volume91`, `Publication statusPublished - May 2021`), or as a table; the
//! labels of each interface language are data (`pipelines/formats/pure.toml`).
//! The title is the page heading, the authors the line under it (a
//! trailing `*` marks the corresponding author); the abstract is its headed
//! block, or the first long paragraph where the page has no heading for it;
//! the "Cite this" strings (APA, Harvard, Vancouver) give the DOI and
//! volume that the label table often lacks; the funding note comes from the
//! bibliographical note.

use evtab_model::{Field, SourceFormat, SourceRecord};

use crate::collect::{Collector, Origin};
use crate::layout::Layouts;
use crate::lines::numbered;
use crate::page::{read_page, read_unlabelled_abstract};

#[cfg(test)]
mod tests;

/// Parses a Pure portal page.
pub fn parse(doc_id: &str, text: &str, layouts: &Layouts) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::Pure);
    let Some(layout) = layouts.family(SourceFormat::Pure) else {
        record.warnings.push("no layout for pure in pipelines/formats".to_string());
        return record;
    };
    let mut c = Collector::default();
    let facts = read_page(text, layout, layouts, &mut c, &mut record, true);
    if !facts.has_abstract {
        read_unlabelled_abstract(text, layout, &mut record);
    }
    read_funding(text, &mut c);
    c.finish(&mut record);
    // `Contribution to journalArticlepeer-review`: the output type is glued
    // between its category and its review status.
    for f in record.fields.iter_mut().filter(|f| f.field == Field::PublicationType) {
        let kind = f
            .value
            .trim_start_matches("Contribution to journal")
            .trim_start_matches("Contribution to conference");
        f.value = kind.trim_end_matches("peer-review").trim().to_string();
    }
    if record.first(Field::Title).is_none() {
        record.warnings.push("no title found (no page heading)".to_string());
    }
    record
}

/// The funding note: the lines under a `Funding…` sub-label of the
/// bibliographical note.
fn read_funding(text: &str, c: &mut Collector) {
    let lines: Vec<(u32, &str)> = numbered(text).map(|(n, l)| (n, l.trim())).collect();
    let Some(start) = lines.iter().position(|(_, l)| *l == "Bibliographical note") else { return };
    let mut under_funding = false;
    for &(n, line) in &lines[start + 1..] {
        if line.is_empty() {
            continue;
        }
        if matches!(line, "Keywords" | "Fingerprint" | "Cite this" | "Access to Document") {
            break;
        }
        let is_sub_label = line.ends_with(':') && line.split_whitespace().count() <= 4;
        if is_sub_label {
            under_funding = line.to_lowercase().starts_with("funding");
        } else if under_funding {
            c.push(Field::Funding, line, n, Origin::Labelled, "note");
        }
    }
}
