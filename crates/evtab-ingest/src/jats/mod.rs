//! JATS articles (PMC Open Access, Europe PMC, SciELO), alone or inside an
//! OAI-PMH response: the front matter, the (structured) abstract, and the
//! body's sections with their titles, so participants, themes and context
//! are read from them as from a converted full text. The reference list
//! and affiliations are never passages.
//!
//! Parsed with `roxmltree`: a DTD is allowed (JATS files declare one) but
//! external entities are never resolved, and entity expansion is bounded
//! by the parser's node limit; a document it cannot parse is rejected with
//! the parser's reason.

use evtab_model::{Field, Passage, Section, SourceFormat, SourceRecord};
use roxmltree::{Document, Node, ParsingOptions};

use crate::abstract_sections::{label_section, split_abstract};
use crate::fulltext::{TopLevel, top_level_section};
use crate::xml_records::html_entities_as_characters;

#[cfg(test)]
mod tests;

/// Whether a text is a JATS article (or an OAI-PMH response holding one).
pub(crate) fn is_jats(text: &str) -> bool {
    let head: String = text.chars().take(4_000).collect();
    head.trim_start().starts_with('<')
        && head.contains("<article")
        && (head.contains("<front") || head.contains("<article-meta"))
}

/// All the text under a node, whitespace collapsed, without the text of
/// cross-references and footnote markers (`<xref>`, `<sup>` in titles).
fn text_of(node: Node<'_, '_>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        if d.is_text() {
            let inside_xref = d.ancestors().any(|a| a.has_tag_name("xref") || a.has_tag_name("fn"));
            if !inside_xref {
                out.push_str(d.text().unwrap_or(""));
                out.push(' ');
            }
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name(name))
}

/// Parses a JATS document (or an OAI-PMH envelope holding one).
pub fn parse(doc_id: &str, text: &str) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::Jats);
    let cleaned = html_entities_as_characters(text);
    let options = ParsingOptions { allow_dtd: true, nodes_limit: 5_000_000 };
    let doc = match Document::parse_with_options(&cleaned, options) {
        Ok(doc) => doc,
        Err(e) => {
            record.warnings.push(format!("the XML cannot be read: {e}"));
            return record;
        }
    };
    let line = |node: Node<'_, '_>| doc.text_pos_at(node.range().start).row;
    let Some(article) = doc.descendants().find(|n| n.has_tag_name("article")) else {
        record.warnings.push("no <article> element".to_string());
        return record;
    };
    let front = child(article, "front");
    let meta = front.and_then(|f| child(f, "article-meta"));
    let journal_meta = front.and_then(|f| child(f, "journal-meta"));
    if let Some(meta) = meta {
        if let Some(title) = meta.descendants().find(|n| n.has_tag_name("article-title")) {
            record.push(Field::Title, &text_of(title), line(title));
        }
        let authors = meta
            .descendants()
            .filter(|n| {
                n.has_tag_name("contrib") && n.attribute("contrib-type").is_none_or(|t| t == "author")
            })
            .filter(|n| n.ancestors().any(|a| a.has_tag_name("contrib-group")));
        for contrib in authors {
            let name =
                contrib.descendants().find(|n| n.has_tag_name("name") || n.has_tag_name("string-name"));
            let printed = match name {
                Some(name) => {
                    let surname = name
                        .descendants()
                        .find(|n| n.has_tag_name("surname"))
                        .map(text_of)
                        .unwrap_or_default();
                    let given = name
                        .descendants()
                        .find(|n| n.has_tag_name("given-names"))
                        .map(text_of)
                        .unwrap_or_default();
                    match (surname.is_empty(), given.is_empty()) {
                        // A `<string-name>` printed whole (`Ada B. Okafor`).
                        (true, _) => text_of(name),
                        (false, true) => surname,
                        (false, false) => format!("{surname}, {given}"),
                    }
                }
                None => {
                    contrib.descendants().find(|n| n.has_tag_name("collab")).map(text_of).unwrap_or_default()
                }
            };
            if !printed.is_empty() {
                record.push(Field::Author, &printed, line(contrib));
            }
        }
        for id in meta.children().filter(|n| n.has_tag_name("article-id")) {
            let field = match id.attribute("pub-id-type") {
                Some("doi") => Field::Doi,
                Some("pmid") => Field::Pmid,
                Some("pmc" | "pmcid") => Field::Pmcid,
                _ => continue,
            };
            record.push(field, &text_of(id), line(id));
        }
        // The issue's date, as a citation gives it (print, or the collection
        // of an online-only journal), else the first date with a year: PMC
        // lists the epub first, often a year before the issue.
        let dated: Vec<Node<'_, '_>> =
            meta.children().filter(|n| n.has_tag_name("pub-date") && child(*n, "year").is_some()).collect();
        let of_issue = |d: &Node<'_, '_>| {
            matches!(d.attribute("pub-type"), Some("ppub" | "collection" | "epub-ppub"))
                || d.attribute("date-type") == Some("collection")
                || (d.attribute("date-type") == Some("pub")
                    && d.attribute("publication-format") == Some("print"))
        };
        if let Some(&date) = dated.iter().find(|d| of_issue(d)).or_else(|| dated.first()) {
            let part = |name: &str| child(date, name).map(text_of).filter(|v| !v.is_empty());
            let iso = [
                part("year"),
                part("month").map(|m| format!("{:0>2}", m)),
                part("day").map(|d| format!("{:0>2}", d)),
            ]
            .into_iter()
            .map_while(|p| p)
            .collect::<Vec<_>>()
            .join("-");
            record.push(Field::Date, &iso, line(date));
        }
        for (name, field) in [("volume", Field::Volume), ("issue", Field::Issue)] {
            if let Some(n) = child(meta, name) {
                record.push(field, &text_of(n), line(n));
            }
        }
        match (child(meta, "fpage"), child(meta, "lpage"), child(meta, "elocation-id")) {
            (Some(f), Some(l), _) => {
                record.push(Field::Pages, &format!("{}-{}", text_of(f), text_of(l)), line(f))
            }
            (Some(f), None, _) => record.push(Field::Pages, &text_of(f), line(f)),
            (None, _, Some(e)) => record.push(Field::Pages, &text_of(e), line(e)),
            _ => {}
        }
        for kwd in meta.descendants().filter(|n| n.has_tag_name("kwd")) {
            record.push(Field::Keyword, &text_of(kwd), line(kwd));
        }
        if let Some(license) = meta.descendants().find(|n| n.has_tag_name("license")) {
            let href = license.attributes().find(|a| a.name() == "href").map(|a| a.value().to_string());
            record.push(Field::License, &href.unwrap_or_else(|| text_of(license)), line(license));
        }
        // The abstract: its sections labelled by their titles.
        if let Some(abs) = meta.children().find(|n| {
            n.has_tag_name("abstract") && n.attribute("abstract-type").is_none_or(|t| t != "graphical")
        }) {
            let secs: Vec<Node<'_, '_>> = abs.children().filter(|n| n.has_tag_name("sec")).collect();
            if secs.is_empty() {
                record.passages.extend(split_abstract(&text_of(abs), line(abs)));
            } else {
                for sec in secs {
                    let title = child(sec, "title").map(text_of).unwrap_or_default();
                    let body: String = sec
                        .children()
                        .filter(|n| n.has_tag_name("p"))
                        .map(text_of)
                        .collect::<Vec<_>>()
                        .join(" ");
                    let section = label_section(&title).unwrap_or(Section::Abstract);
                    if !body.is_empty() {
                        record.passages.push(Passage {
                            section,
                            in_abstract: true,
                            heading: None,
                            text: body,
                            line: line(sec),
                        });
                    }
                }
            }
        }
    }
    if let Some(journal_meta) = journal_meta {
        if let Some(t) = journal_meta.descendants().find(|n| n.has_tag_name("journal-title")) {
            record.push(Field::Journal, &text_of(t), line(t));
        }
        if let Some(t) = journal_meta.descendants().find(|n| n.has_tag_name("abbrev-journal-title")) {
            record.push(Field::JournalAbbrev, &text_of(t), line(t));
        }
        for issn in journal_meta.children().filter(|n| n.has_tag_name("issn")) {
            record.push(Field::Issn, &text_of(issn), line(issn));
        }
        if let Some(p) = journal_meta.descendants().find(|n| n.has_tag_name("publisher-name")) {
            record.push(Field::Publisher, &text_of(p), line(p));
        }
    }
    if let Some(body) = child(article, "body") {
        read_sections(&mut record, body, Section::Background, None, true, &line);
    }
    if record.first(Field::Title).is_none() {
        record.warnings.push("no article title in the front matter".to_string());
    }
    record
}

/// The body's sections, recursively: top-level titles set the section;
/// the titles of the Results' subsections are its headings (themes).
fn read_sections(
    record: &mut SourceRecord,
    node: Node<'_, '_>,
    section: Section,
    heading: Option<&str>,
    top: bool,
    line: &dyn Fn(Node<'_, '_>) -> u32,
) {
    for n in node.children().filter(Node::is_element) {
        match n.tag_name().name() {
            "sec" => {
                let title = child(n, "title").map(text_of).unwrap_or_default();
                let (mut own, mut is_references) = (section, false);
                if top {
                    match top_level_section(&title).or_else(|| label_section(&title).map(TopLevel::Section)) {
                        Some(TopLevel::Section(s)) => own = s,
                        Some(TopLevel::References) => is_references = true,
                        None => {}
                    }
                } else if section == Section::Results && !title.is_empty() {
                    record.result_headings.push((title.clone(), child(n, "title").map_or(line(n), line)));
                }
                if !is_references {
                    let h = if title.is_empty() { heading.map(str::to_string) } else { Some(title.clone()) };
                    read_sections(record, n, own, h.as_deref(), false, line);
                }
            }
            "p" => {
                let text = text_of(n);
                if !text.is_empty() {
                    record.passages.push(Passage {
                        section,
                        in_abstract: false,
                        heading: heading.map(str::to_string),
                        text,
                        line: line(n),
                    });
                }
            }
            "list" | "disp-quote" | "boxed-text" => read_sections(record, n, section, heading, false, line),
            _ => {}
        }
    }
}
