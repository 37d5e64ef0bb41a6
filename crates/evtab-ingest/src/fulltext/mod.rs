//! Publisher articles converted from PDF to text.
//!
//! The study's own bibliographic facts are read from the front matter (the
//! lines before the abstract), from a running header when the converter kept
//! one, and from the `Published` line; never from the reference list, which
//! is full of other studies' DOIs and journals. The body is cut into
//! paragraphs under their headings; everything from `References` on is
//! dropped.

use std::sync::LazyLock;

use evtab_model::{Field, Passage, Section, SourceFormat, SourceRecord};
use regex::Regex;

use crate::abstract_sections::split_abstract;
use crate::citation::RUNNING_HEADER;
use crate::collect::Collector;
use crate::layout::Layouts;
use crate::lines::numbered;
use crate::page::read_page;

#[cfg(test)]
mod tests;

/// What a top-level heading opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TopLevel {
    /// A section of the article.
    Section(Section),
    /// The reference list: nothing after it is read.
    References,
}

/// Recognises the top-level headings of a research article.
pub(crate) fn top_level_section(line: &str) -> Option<TopLevel> {
    let line = line.trim();
    // The longest heading below is 42 characters: a longer line is never
    // one, and is not copied to find out (a document may be one long line).
    if line.len() > 64 {
        return None;
    }
    let key: String = line
        .trim_end_matches(':')
        .chars()
        .map(|c| if c == '’' { '\'' } else { c.to_ascii_lowercase() })
        .collect();
    let section = match key.as_str() {
        "background" | "introduction" | "background and introduction" => Section::Background,
        "methods" | "method" | "materials and methods" | "methodology" | "methods and materials" => {
            Section::Methods
        }
        "results" | "findings" | "results and discussion" => Section::Results,
        "discussion" | "limitations" | "strengths and limitations" => Section::Discussion,
        "conclusion" | "conclusions" => Section::Conclusion,
        "funding" | "funding information" => Section::Funding,
        "abbreviations"
        | "acknowledgements"
        | "acknowledgments"
        | "authors' contributions"
        | "author contributions"
        | "availability of data and materials"
        | "data availability"
        | "ethics approval and consent to participate"
        | "consent for publication"
        | "competing interests"
        | "declarations"
        | "author details"
        | "publisher's note"
        | "supplementary information"
        | "additional file"
        | "additional files"
        | "declaration of competing interest" => Section::BackMatter,
        "references" | "bibliography" | "works cited" | "literature cited" => {
            return Some(TopLevel::References);
        }
        _ => return None,
    };
    Some(TopLevel::Section(section))
}

/// Lines that are page chrome in converted articles, never content.
fn is_chrome(line: &str) -> bool {
    let lower = line.to_lowercase();
    line.starts_with(['¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹', '*', '©'])
        || lower.starts_with("full list of author information")
        || lower.starts_with("correspondence:")
        || PAGE_NUMBER.is_match(line)
        || FIGURE_CAPTION.is_match(line)
}

static PAGE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(Page \d+ of \d+|\d+)$").expect("constant regex"));
static FIGURE_CAPTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(Fig\.?|Figure|Table)\s*\d+").expect("constant regex"));
static PUBLISHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^published(?: online)?:\s*(\d{1,2} [A-Za-z]+ \d{4}|[A-Za-z]+ \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2})")
        .expect("constant regex")
});

/// A paragraph: consecutive non-blank lines.
struct Paragraph {
    line: u32,
    text: String,
    single_line: bool,
    /// Number of `\n` in `text` (kept up to date, so joining stays linear).
    newlines: u32,
}

/// A line this long is a whole paragraph as a web page prints it, not a
/// line a PDF converter wrapped.
const PARAGRAPH_LINE: usize = 250;

/// Whether every line is a paragraph: a copy of a web page has no blank
/// lines between paragraphs, and its paragraphs are single long lines.
fn one_paragraph_per_line(text: &str) -> bool {
    let body = text.trim_matches(|c: char| c == '\n' || c == '\r');
    !body.lines().any(|l| l.trim().is_empty()) && body.lines().any(|l| l.len() > PARAGRAPH_LINE)
}

fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Option<Paragraph> = None;
    let per_line = one_paragraph_per_line(text);
    for (line_no, line) in numbered(text) {
        let trimmed = line.trim();
        if trimmed.is_empty() || per_line {
            out.extend(current.take());
            if trimmed.is_empty() {
                continue;
            }
        }
        // A heading on a line of its own is a paragraph of its own, even
        // where the converter left no blank line around it (`Abstract`,
        // `Background`, `Methods`).
        if trimmed.eq_ignore_ascii_case("abstract") || top_level_section(trimmed).is_some() {
            out.extend(current.take());
            out.push(Paragraph { line: line_no, text: trimmed.to_string(), single_line: true, newlines: 0 });
            continue;
        }
        match current.as_mut() {
            Some(p) => {
                p.text.push('\n');
                p.text.push_str(trimmed);
                p.single_line = false;
                p.newlines = p.newlines.saturating_add(1);
            }
            None => {
                current = Some(Paragraph {
                    line: line_no,
                    text: trimmed.to_string(),
                    single_line: true,
                    newlines: 0,
                });
            }
        }
    }
    out.extend(current);
    out
}

/// Joins paragraphs that a page or column break cut in two: the next text
/// paragraph starts in lowercase, or the cut one ends mid-clause (`,`, `(`).
/// Chrome between the halves (captions, page numbers) is dropped. The gap is
/// kept as newlines so sentence line numbers stay exact.
fn join_page_breaks(paras: &[Paragraph]) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    // Whether the last paragraph of `out` is body text (not a heading, not a
    // licence), kept up to date rather than recomputed on a growing text.
    let mut last_is_body = false;
    for p in paras {
        let has_licence = p.text.contains("Creative Commons");
        if (is_chrome(&p.text) || RUNNING_HEADER.is_match(&p.text)) && !has_licence {
            continue;
        }
        let is_heading = top_level_section(&p.text).is_some();
        if let Some(last) = out.last_mut() {
            let continues = p.text.chars().next().is_some_and(char::is_lowercase)
                || last.text.ends_with([',', '(', '-', '–']);
            if continues && last_is_body && !is_heading {
                let last_line = last.line.saturating_add(last.newlines);
                let gap = p.line.saturating_sub(last_line).max(1);
                last.text.extend(std::iter::repeat_n('\n', gap as usize));
                last.text.push_str(&p.text);
                last.single_line = false;
                last.newlines = last.newlines.saturating_add(gap).saturating_add(p.newlines);
                last_is_body = !has_licence;
                continue;
            }
        }
        last_is_body = !is_heading && !has_licence;
        out.push(Paragraph {
            line: p.line,
            text: p.text.clone(),
            single_line: p.single_line,
            newlines: p.newlines,
        });
    }
    out
}

/// A short line standing alone that reads as a heading, not a sentence.
fn is_subheading(p: &Paragraph) -> bool {
    let t = p.text.as_str();
    let words = t.split_whitespace().count();
    p.single_line
        && (1..=15).contains(&words)
        && t.len() <= 120
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with(['.', ',', ';', ':', '"', '”', '’', ')'])
        && !t.contains(" et al")
        && !is_chrome(t)
}

/// Parses a converted full text.
pub fn parse(doc_id: &str, text: &str, layouts: &Layouts) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::Fulltext);
    let layout = layouts.family(SourceFormat::Fulltext);
    let paras = paragraphs(text);
    let abstract_at = paras.iter().position(|p| p.text.eq_ignore_ascii_case("abstract"));
    let first_heading = paras.iter().position(|p| top_level_section(&p.text).is_some());
    let front_end = abstract_at.or(first_heading).unwrap_or(paras.len());
    // The first page goes on after the abstract to the body's first
    // heading: the journal's citation line and DOI are often printed there
    // (`Invented Care Journal 2008, 5:8 doi:…`).
    let body_start = abstract_at
        .and_then(|a| {
            paras[a + 1..].iter().position(|p| top_level_section(&p.text).is_some()).map(|i| a + 1 + i)
        })
        .or(first_heading)
        .unwrap_or(paras.len());
    let end_line = paras.get(front_end).map_or(u32::MAX, |p| p.line);
    let body_line = paras.get(body_start).map_or(u32::MAX, |p| p.line);
    let _ = layout;
    read_front_matter(&mut record, text, end_line, layouts);
    read_first_page_after_abstract(&mut record, text, end_line, body_line, layouts);

    let mut section = Section::Background;
    let mut heading: Option<String> = None;
    let mut in_abstract = abstract_at.is_some();
    let mut abstract_parts: Vec<Section> = Vec::new();
    // Text of the abstract read before any heading: the abstract is not
    // printed with headings, so the next heading opens the body.
    let mut abstract_text_seen = false;
    let start = abstract_at.map_or(front_end, |i| i + 1);
    // Running headers repeat on every page, often in the middle of a
    // paragraph: read the first, then treat them all as chrome.
    for p in &paras[start..] {
        if matches!(top_level_section(&p.text), Some(TopLevel::References)) {
            break;
        }
        if let Some(caps) = RUNNING_HEADER.captures(&p.text) {
            read_running_header(&mut record, &caps, p.line);
        }
    }
    for p in &join_page_breaks(&paras[start..]) {
        if let Some(caps) = PUBLISHED.captures(&p.text) {
            record.push(Field::Date, &caps[1], p.line);
            continue;
        }
        if let Some(top) = top_level_section(&p.text) {
            match top {
                TopLevel::References => break,
                TopLevel::Section(s) => {
                    // A web page prints a structured abstract's labels as
                    // headings (`Background`, `Methods` ...): they stay in the
                    // abstract until one repeats, or one follows its conclusion.
                    let abstract_part = in_abstract
                        && matches!(
                            s,
                            Section::Background | Section::Methods | Section::Results | Section::Conclusion
                        )
                        && !abstract_parts.contains(&s)
                        && !abstract_parts.contains(&Section::Conclusion)
                        && !(abstract_parts.is_empty() && abstract_text_seen);
                    if abstract_part {
                        abstract_parts.push(s);
                    } else {
                        in_abstract = false;
                    }
                    section = s;
                    heading = Some(p.text.clone());
                }
            }
            continue;
        }
        if let Some(rest) = strip_label(&p.text, "keywords") {
            for keyword in rest.split([',', ';']) {
                record.push(Field::Keyword, keyword, p.line);
            }
            in_abstract = false;
            continue;
        }
        if in_abstract {
            let under = abstract_parts.last().copied();
            abstract_text_seen = true;
            record.passages.extend(split_abstract(&p.text, p.line).into_iter().map(|mut passage| {
                if let Some(part) = under.filter(|_| passage.section == Section::Abstract) {
                    passage.section = part;
                }
                passage
            }));
            continue;
        }
        if p.text.contains("Creative Commons") {
            if let Some(sentence) = licence_sentence(&p.text) {
                record.push(Field::License, sentence, p.line);
            }
            continue;
        }
        if is_chrome(&p.text) {
            continue;
        }
        if is_subheading(p) {
            if section == Section::Results {
                record.result_headings.push((p.text.clone(), p.line));
            }
            heading = Some(p.text.clone());
            continue;
        }
        record.passages.push(Passage {
            section,
            in_abstract: false,
            heading: heading.clone(),
            text: p.text.clone(),
            line: p.line,
        });
    }
    if record.first(Field::Title).is_none() {
        record.warnings.push("no title found in the front matter".to_string());
    }
    record
}

fn strip_label<'a>(text: &'a str, label: &str) -> Option<&'a str> {
    let (head, rest) = text.split_once(':')?;
    head.trim().eq_ignore_ascii_case(label).then_some(rest)
}

fn licence_sentence(text: &str) -> Option<&str> {
    text.split(". ").find(|s| s.contains("Creative Commons")).map(str::trim)
}

/// Reads a running header once; later pages repeat it.
fn read_running_header(record: &mut SourceRecord, caps: &regex::Captures<'_>, line: u32) {
    if record.first(Field::Volume).is_some() {
        return;
    }
    // BMC headers print the NLM abbreviation (`Harm Reduct J`), others the full title.
    let journal = caps["journal"].trim();
    let abbreviated = journal.contains('.')
        || journal.split(' ').any(|w| w.len() == 1 && w.chars().all(char::is_uppercase));
    record.push(if abbreviated { Field::JournalAbbrev } else { Field::Journal }, journal, line);
    record.push(Field::Date, &caps["year"], line);
    record.push(Field::Volume, &caps["volume"], line);
    record.push(Field::Pages, &caps["pages"], line);
}

/// Title, authors, DOI and the article's citation from the lines above
/// the abstract: the page reading every document gets (chrome skipped, the
/// first heading-like line as the title, the name lines under it as the
/// authors, labelled lines and citations), plus the running header.
fn read_front_matter(record: &mut SourceRecord, text: &str, end_line: u32, layouts: &Layouts) {
    let mut headers = std::collections::BTreeSet::new();
    for (n, line) in crate::lines::numbered(text).take_while(|(n, _)| *n < end_line) {
        if let Some(caps) = RUNNING_HEADER.captures(line.trim()) {
            read_running_header(record, &caps, n);
            for found in crate::doi::find_dois(line) {
                record.push_by(Field::Doi, &found.doi, n, "running_header");
            }
            headers.insert(n);
        }
    }
    let Some(layout) = layouts.family(SourceFormat::Fulltext) else { return };
    let front = crate::page::blanked(text, |n| n >= end_line || headers.contains(&n));
    let mut c = Collector::default();
    let mut scratch = SourceRecord::new(&record.doc_id, SourceFormat::Fulltext);
    read_page(&front, layout, layouts, &mut c, &mut scratch, false);
    let mut front_record = SourceRecord::new(&record.doc_id, SourceFormat::Fulltext);
    c.finish(&mut front_record);
    // The front matter comes before what the running header says.
    let header = std::mem::take(&mut record.fields);
    record.fields = front_record.fields;
    record.fields.extend(header);
}

/// The lines after the abstract and before the body's first heading, read
/// only for what the front matter did not give: the DOI, journal and date
/// of a citation line printed there (`Invented Care Journal 2008, 5:8
/// doi:…`). The abstract and keywords are read elsewhere.
fn read_first_page_after_abstract(
    record: &mut SourceRecord,
    text: &str,
    abstract_line: u32,
    body_line: u32,
    layouts: &Layouts,
) {
    if body_line <= abstract_line || body_line == u32::MAX {
        return;
    }
    let Some(layout) = layouts.family(SourceFormat::Fulltext) else { return };
    let rest = crate::page::blanked(text, |n| n <= abstract_line || n >= body_line);
    let mut c = Collector::default();
    let mut scratch = SourceRecord::new(&record.doc_id, SourceFormat::Fulltext);
    read_page(&rest, layout, layouts, &mut c, &mut scratch, false);
    let mut found = SourceRecord::new(&record.doc_id, SourceFormat::Fulltext);
    c.finish(&mut found);
    for field in [Field::Doi, Field::Journal, Field::Date] {
        if record.first(field).is_none() {
            record.fields.extend(found.fields.iter().filter(|f| f.field == field).cloned());
        }
    }
}
