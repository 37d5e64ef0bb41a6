//! The reading every web page gets, whatever its platform: labelled fields
//! in the family's labels, the heading as the title and the name line under
//! it as the authors where no label says so, the article's own citation
//! ("Cite this", a source line), and DOIs in the part of the page about the
//! article. Platform parsers add what only their structure holds.
//!
//! What is never read: page chrome (the family's list), and everything
//! after a heading that opens "similar items", references or "cited by".

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use evtab_model::{Field, SourceRecord};
use regex::Regex;

use crate::abstract_sections::split_abstract;
use crate::citation::{Citation, parse_citation};
use crate::collect::{Collector, Origin};
use crate::doi::find_dois;
use crate::labelled::{Labelled, read_labels};
use crate::layout::{FamilyLayout, LabelField, Layouts, NameWords};
use crate::names::{looks_like_name_list, split_names};

/// What the page reading found, for the platform parser to build on.
#[derive(Debug, Default)]
pub(crate) struct PageFacts {
    /// Line of the title chosen from the page (labelled or heading).
    pub title_line: Option<u32>,
    /// Whether an abstract was read.
    pub has_abstract: bool,
    /// The labelled fields, for parsers that read more of them.
    pub labelled: Vec<Labelled>,
}

/// The page's lines up to the first line that opens its chrome tail.
pub(crate) fn content_lines<'a>(text: &'a str, layout: &FamilyLayout) -> Vec<(u32, &'a str)> {
    let mut out = Vec::new();
    for (n, line) in crate::lines::numbered(text) {
        if layout.is_stop(line.trim()) {
            break;
        }
        out.push((n, line));
    }
    out
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Whether most of a line's words are numbers (`9,352 Views 7 CrossRef citations`).
fn mostly_numbers(text: &str) -> bool {
    let all = words(text);
    let numbers =
        text.split_whitespace().filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit())).count();
    all > 0 && numbers * 10 >= all * 3
}

/// A line that may be the page heading: some words, not a label, not chrome,
/// not a cut snippet, not a citation, running header, journal banner,
/// affiliation or breadcrumb.
fn is_heading_like(line: &str, layout: &FamilyLayout) -> bool {
    let t = layout.strip_title_prefix(line.trim());
    let ends_with_date =
        t.ends_with(')') && t.rsplit_once('(').is_some_and(|(_, d)| first_year(d).is_some() && words(d) <= 3);
    let journal_banner = words(t) <= 8 && t.split_whitespace().any(|w| w == "Journal" || w == "JOURNAL");
    words(t) >= 2
        && t.len() <= 400
        && !t.ends_with("...")
        && !t.ends_with('…')
        && !t.starts_with(['{', '<', '@', '|', '(', '»', '›', '©', '*', '[', '#'])
        && !t.contains("http")
        && !t.contains(" et al")
        && !t.contains('@')
        && !ends_with_date
        && !journal_banner
        && !mostly_numbers(t)
        && !layout.is_chrome(t)
        && !layout.is_affiliation(t)
        && layout.label(t).is_none()
        && t.split_once(':').is_none_or(|(h, _)| layout.label(h).is_none())
        && !(layout.glued_labels && layout.glued_label(t).is_some())
        && !t.chars().all(|c| !c.is_lowercase())
        && parse_citation(t).is_none_or(|c| c.title.is_some())
}

/// Whether a title line goes on on the next line: it stops mid-phrase (on a
/// function word or a comma), or the next line starts in lowercase.
fn title_continues(title: &str, next: &str) -> bool {
    let last = title.split_whitespace().last().unwrap_or("").to_lowercase();
    let mid_phrase = matches!(
        last.as_str(),
        "a" | "an"
            | "the"
            | "of"
            | "in"
            | "on"
            | "for"
            | "and"
            | "or"
            | "to"
            | "with"
            | "by"
            | "from"
            | "among"
            | "at"
            | "into"
            | "between"
            | "during"
            | "after"
            | "as"
            | "its"
            | "their"
    ) || title.ends_with([',', '-', '–', ':']);
    mid_phrase || next.trim().chars().next().is_some_and(char::is_lowercase)
}

/// A line of an author block that is only markers (`1`, `1,5`, `*`).
fn is_marker_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.len() <= 12
        && t.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '*' | '†' | '‡' | '§' | ' ' | '#' | '¶'))
}

/// Reads the page's generic facts into the collector (and the abstract
/// into the record's passages, when `read_abstract`).
pub(crate) fn read_page(
    text: &str,
    layout: &FamilyLayout,
    layouts: &Layouts,
    c: &mut Collector,
    record: &mut SourceRecord,
    read_abstract: bool,
) -> PageFacts {
    let lines = split_glued_labels(&content_lines(text, layout), layout);
    let labelled = read_labels(&lines, layout);
    let mut facts = PageFacts::default();
    for l in &labelled {
        read_labelled(l, &layouts.names, c, record, read_abstract, &mut facts);
    }
    // The heading: the first line that reads as one, the first long one
    // preferred; a list of several names is the author line, not the title.
    let several_names =
        |l: &str| looks_like_name_list(l, &layouts.names) && split_names(l, &layouts.names).names.len() > 1;
    // A line the page prints more than once (heading, breadcrumb, meta
    // line) is its title rather than a repository's name above it.
    let printed_twice = |line: &str| {
        let own = layout.strip_title_prefix(line.trim());
        lines.iter().take(60).filter(|(_, l)| layout.strip_title_prefix(l.trim()) == own).count() >= 2
    };
    // A labelled line (`Journal | Peer Work |`) is a field, not a heading.
    let label_lines: BTreeSet<u32> = labelled.iter().map(|l| l.line).collect();
    let candidates = || {
        lines.iter().take(40).filter(|(n, l)| {
            !label_lines.contains(n) && is_heading_like(l, layout) && !several_names(l) && words(l) >= 5
        })
    };
    let heading = candidates()
        .find(|(_, l)| printed_twice(l))
        .or_else(|| candidates().next())
        .or_else(|| {
            lines.iter().take(20).find(|(n, l)| !label_lines.contains(n) && is_heading_like(l, layout))
        })
        .copied();
    if let Some((line, first)) = heading {
        // A title wrapped over lines (a PDF's), joined while it goes on.
        let mut title = layout.strip_title_prefix(first.trim()).to_string();
        let mut last = line;
        for &(n, l) in lines.iter().skip_while(|(n, _)| *n <= line) {
            let next = l.trim();
            if next.is_empty()
                || n > last + 1
                || layout.is_chrome(next)
                || looks_like_name_list(next, &layouts.names)
                || !title_continues(&title, next)
            {
                break;
            }
            title.push(' ');
            title.push_str(next);
            last = n;
        }
        // A PDF's lines joined into one: the author list, each name with
        // its affiliation marks, runs on after the title.
        if let Some((own, names)) = split_glued_author_list(&title, &layouts.names) {
            c.authors(
                names.into_iter().map(|name| (name, line)).collect(),
                false,
                Origin::Position,
                "author_line",
            );
            title = own;
        }
        c.push(Field::Title, &title, line, Origin::Position, "heading");
        facts.title_line = facts.title_line.or(Some(line));
        if !c.has(Field::Author) {
            read_author_block(&lines, last, layout, layouts, c);
        }
    }
    // The article's own citation, and DOIs in the page. A labelled line's
    // citation is its value (`Journal: Peer Work, 2016, № 6` names the
    // journal `Peer Work`).
    let title = c.best(Field::Title).map(str::to_string);
    let inline_values: BTreeMap<u32, String> = labelled
        .iter()
        .filter(|l| matches!(l.values.as_slice(), [(_, n)] if *n == l.line))
        .map(|l| (l.line, l.text()))
        .collect();
    for &(n, l) in &lines {
        let t = inline_values.get(&n).map_or(l, String::as_str).trim();
        if t.len() < 20 || t.len() > 3_000 {
            continue;
        }
        if let Some(cit) = parse_citation(t)
            && is_own_citation(&cit, title.as_deref())
        {
            push_citation(c, &cit, n, Origin::Citation, &layouts.names);
        }
    }
    if !c.has(Field::Doi) {
        for &(n, l) in &lines {
            for found in find_dois(l) {
                c.push(Field::Doi, &found.doi, n, Origin::Position, "page");
            }
        }
    }
    crate::embedded::read_embedded(text, layouts, c);
    facts.labelled = labelled;
    facts
}

/// Lines of a page whose elements were copied without separators, where a
/// label is glued to the text before it (`Ada OkaforBo LindqvistPublished
/// in: Health and Care (2021)`): cut before the label, both parts keeping
/// the line's number.
fn split_glued_labels<'a>(lines: &[(u32, &'a str)], layout: &FamilyLayout) -> Vec<(u32, &'a str)> {
    let mut out = Vec::with_capacity(lines.len());
    for &(n, line) in lines {
        let mut prev: Option<char> = None;
        let cut = line.char_indices().find_map(|(i, ch)| {
            let glued = prev.is_some_and(char::is_lowercase) && ch.is_uppercase();
            prev = Some(ch);
            if !glued {
                return None;
            }
            let (head, _) = line[i..].split_once(':')?;
            (head.len() <= 40 && layout.label(head).is_some()).then_some(i)
        });
        match cut {
            Some(i) => {
                out.push((n, &line[..i]));
                out.push((n, &line[i..]));
            }
            None => out.push((n, line)),
        }
    }
    out
}

/// Names glued where one ends and the next begins (`Ada OkaforBo
/// Lindqvist`), cut into a list (`Ada Okafor, Bo Lindqvist`): a capital
/// right after at least three lowercase letters, so `McCarthy`,
/// `MacDonald` and `DeSouza` stay whole. `None` when nothing is glued.
fn unglue_names(line: &str) -> Option<String> {
    let mut out = String::with_capacity(line.len() + 8);
    let mut lower_run = 0;
    let mut cuts = 0;
    for ch in line.chars() {
        if ch.is_uppercase() && lower_run >= 3 {
            out.push_str(", ");
            cuts += 1;
        }
        lower_run = if ch.is_lowercase() { lower_run + 1 } else { 0 };
        out.push(ch);
    }
    (cuts > 0 && line.contains(' ') && !line.contains(',')).then_some(out)
}

/// The author line (or block) under the heading: the first of the next few
/// lines that reads as names, with the lines that continue it (marker
/// lines, `, Next Name`, one name per line) joined on.
fn read_author_block(
    lines: &[(u32, &str)],
    after: u32,
    layout: &FamilyLayout,
    layouts: &Layouts,
    c: &mut Collector,
) {
    let mut seen = 0;
    let mut block: Option<(u32, String)> = None;
    for &(n, l) in lines.iter().skip_while(|(n, _)| *n <= after) {
        let t = l.trim();
        match block.as_mut() {
            None => {
                if t.is_empty() || layout.is_chrome(t) {
                    continue;
                }
                seen += 1;
                if seen > 3 {
                    break;
                }
                let unglued = unglue_names(t);
                let t = unglued.as_deref().unwrap_or(t);
                if looks_like_name_list(t, &layouts.names) {
                    block = Some((n, t.to_string()));
                }
            }
            Some((_, text)) => {
                if t.is_empty() {
                    break;
                }
                let joins = is_marker_line(t)
                    || t.starts_with([',', ';', '&'])
                    || t.starts_with("and ")
                    || (text.ends_with([',', ';']) || is_marker_line(text.rsplit(' ').next().unwrap_or("")))
                        && looks_like_name_list(t.trim_start_matches([',', ';']), &layouts.names);
                if !joins {
                    break;
                }
                text.push(' ');
                text.push_str(t);
            }
        }
    }
    if let Some((n, text)) = block {
        let list = split_names(&text, &layouts.names);
        c.authors(
            list.names.into_iter().map(|name| (name, n)).collect(),
            list.truncated,
            Origin::Position,
            "author_line",
        );
    }
}

/// A title with the author list run on after it, as a PDF's joined lines
/// print it (`Peer work in wards Ada B. Okafor1*, Bo Lindqvist2 and Cy
/// Dwyer1,3`): the title, and the names without their affiliation marks,
/// when at least two names follow. A name is recognised by its marks (digits,
/// an asterisk) before a comma or `and`, so a title's own words stay.
fn split_glued_author_list(title: &str, names: &NameWords) -> Option<(String, Vec<String>)> {
    static FIRST_MARKED_NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s((?:\p{Lu}\p{Ll}+\.?|\p{Lu}\.)(?:\s(?:\p{Lu}\p{Ll}+|\p{Lu}\.))*\s\p{Lu}\p{Ll}[\p{L}'’-]*\d+(?:,\d+)*\*?\s?(?:,|\sand\s))")
            .expect("constant regex")
    });
    static MARKS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\p{L})\d+(?:,\d+)*\*?").expect("constant regex"));
    let at = FIRST_MARKED_NAME.captures(title)?.get(1)?.start();
    let own = title[..at].trim();
    if own.split_whitespace().count() < 3 {
        return None;
    }
    let list = MARKS.replace_all(&title[at..], "$1");
    let found = split_names(&list, names).names;
    (found.len() >= 2).then(|| (own.to_string(), found))
}

/// A citation is the article's own when it names the page's title, or when
/// it names no title and carries the bibliographic parts a source line has.
fn is_own_citation(cit: &Citation, page_title: Option<&str>) -> bool {
    match (&cit.title, page_title) {
        (Some(t), Some(p)) => {
            let (a, b) = (evtab_text::match_key(t), evtab_text::match_key(p));
            !a.is_empty() && (a == b || b.starts_with(&a) || a.starts_with(&b))
        }
        (Some(_), None) => true,
        // A source line names its journal; PubMed Central's date line
        // (`. 2024 Feb 1;24:159. doi: …`) names none but has volume and pages.
        (None, _) => {
            cit.style == "short" && cit.journal.is_some()
                || matches!(cit.style, "nlm" | "bmc" | "source" | "header")
                    && cit.year.is_some()
                    && (cit.journal.is_some()
                        || cit.style == "nlm" && cit.volume.is_some() && cit.pages.is_some())
        }
    }
}

/// Adds what a citation states.
pub(crate) fn push_citation(c: &mut Collector, cit: &Citation, line: u32, origin: Origin, names: &NameWords) {
    if let Some(t) = &cit.title {
        c.push(Field::Title, t, line, origin, "citation");
    }
    if !cit.authors.is_empty() {
        let list: Vec<(String, u32)> =
            cit.authors.iter().flat_map(|a| split_names(a, names).names).map(|n| (n, line)).collect();
        c.authors(list, cit.authors_truncated, origin, "citation");
    }
    if let Some(j) = &cit.journal {
        c.push(
            if cit.abbreviated { Field::JournalAbbrev } else { Field::Journal },
            j,
            line,
            origin,
            "citation",
        );
    }
    if let Some(d) = cit.date.as_ref().or(cit.year.as_ref()) {
        c.push(Field::Date, d, line, origin, "citation");
    }
    for (field, value) in [
        (Field::Volume, &cit.volume),
        (Field::Issue, &cit.issue),
        (Field::Pages, &cit.pages),
        (Field::Doi, &cit.doi),
    ] {
        if let Some(v) = value {
            c.push(field, v, line, origin, "citation");
        }
    }
}

/// Where a labelled value goes.
fn read_labelled(
    l: &Labelled,
    names: &NameWords,
    c: &mut Collector,
    record: &mut SourceRecord,
    read_abstract: bool,
    facts: &mut PageFacts,
) {
    let text = l.text();
    let line = l.value_line();
    let simple = |c: &mut Collector, field: Field| c.push(field, &text, line, Origin::Labelled, "label");
    match l.field {
        LabelField::Title => {
            simple(c, Field::Title);
            facts.title_line = Some(line);
        }
        LabelField::Authors => {
            let mut list: Vec<(String, u32)> = Vec::new();
            let mut truncated = false;
            for (value, n) in &l.values {
                let names = split_names(value, names);
                truncated |= names.truncated;
                list.extend(names.names.into_iter().map(|name| (name, *n)));
            }
            c.authors(list, truncated, Origin::Labelled, "label");
        }
        LabelField::Date => {
            if first_year(&text).is_some() {
                simple(c, Field::Date);
            }
        }
        LabelField::Status => {
            // `Published - Mar 2018`, `Udgivet - 2021`: the date follows the status.
            let date =
                text.rsplit_once(" - ").or_else(|| text.rsplit_once(" – ")).map_or(text.as_str(), |(_, d)| d);
            if first_year(date).is_some() {
                c.push(Field::Date, date, line, Origin::Labelled, "label");
            }
        }
        LabelField::Journal => {
            // `BMJ Open, 2016, № 6, p. e011499`: a source line under a journal label.
            match parse_citation(&text).filter(|cit| cit.journal.is_some() && cit.year.is_some()) {
                Some(cit) => push_citation(c, &cit, line, Origin::Labelled, names),
                None => {
                    c.push(Field::Journal, source_journal(&text), line, Origin::Labelled, "label");
                    // `Published in: Health and Care (2021)`.
                    if let Some(year) = first_year(&text).filter(|_| text.trim_end().ends_with(')')) {
                        c.push(Field::Date, year, line, Origin::Labelled, "label");
                    }
                }
            }
        }
        LabelField::PublishedIn => match parse_citation(&text) {
            Some(cit) => push_citation(c, &cit, line, Origin::Labelled, names),
            None => {
                c.push(Field::Journal, source_journal(&text), line, Origin::Labelled, "label");
                if let Some(year) = first_year(&text) {
                    c.push(Field::Date, year, line, Origin::Labelled, "label");
                }
            }
        },
        LabelField::Volume => simple(c, Field::Volume),
        LabelField::Issue => simple(c, Field::Issue),
        LabelField::Pages => simple(c, Field::Pages),
        LabelField::Doi | LabelField::Links => {
            for (value, n) in &l.values {
                for found in find_dois(value) {
                    c.push(Field::Doi, &found.doi, *n, Origin::Labelled, "label");
                }
                read_ids(c, value, *n);
            }
        }
        LabelField::Issn => {
            for (value, n) in &l.values {
                for issn in value.split([',', ';', ' ']).filter(|v| v.len() >= 8) {
                    c.push(Field::Issn, issn, *n, Origin::Labelled, "label");
                }
            }
        }
        LabelField::Pmid => simple(c, Field::Pmid),
        LabelField::Publisher => simple(c, Field::Publisher),
        LabelField::Language => simple(c, Field::Language),
        LabelField::Type => simple(c, Field::PublicationType),
        LabelField::Funding => simple(c, Field::Funding),
        LabelField::License => simple(c, Field::License),
        LabelField::Keywords => {
            for (value, n) in &l.values {
                for k in value
                    .split([';', ','])
                    .map(|k| k.trim().trim_start_matches(['•', '·', '-', '*']).trim())
                    .filter(|k| !k.is_empty())
                {
                    c.push(Field::Keyword, k, *n, Origin::Labelled, "label");
                }
            }
        }
        LabelField::Citation => {
            if let Some(cit) = parse_citation(&text) {
                push_citation(c, &cit, line, Origin::Labelled, names);
            }
        }
        LabelField::Abstract => {
            if read_abstract && !text.is_empty() && !facts.has_abstract {
                record.passages.extend(split_abstract(&text, line));
                facts.has_abstract = true;
            }
        }
        LabelField::Ignore => {}
    }
}

/// PubMed and PMC ids inside links.
pub(crate) fn read_ids(c: &mut Collector, value: &str, line: u32) {
    for word in value.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        if let Some(at) = lower
            .find("/pmc/articles/pmc")
            .map(|i| i + "/pmc/articles/".len())
            .or_else(|| lower.find("/articles/pmc").map(|i| i + "/articles/".len()))
        {
            let id: String = word[at..].chars().take_while(|ch| ch.is_ascii_alphanumeric()).collect();
            c.push(Field::Pmcid, &id, line, Origin::Labelled, "link");
        } else if let Some(at) = lower
            .find("/pubmed/")
            .map(|i| i + "/pubmed/".len())
            .or_else(|| lower.find("pubmed.ncbi.nlm.nih.gov/").map(|i| i + "pubmed.ncbi.nlm.nih.gov/".len()))
        {
            let id: String = word[at..].chars().take_while(char::is_ascii_digit).collect();
            c.push(Field::Pmid, &id, line, Origin::Labelled, "link");
        }
    }
}

/// The first four-digit year (1900-2099) in a text.
pub(crate) fn first_year(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(3)).find_map(|i| {
        let candidate = text.get(i..i + 4)?;
        let before = i.checked_sub(1).and_then(|k| bytes.get(k)).is_some_and(u8::is_ascii_digit);
        let after = bytes.get(i + 4).is_some_and(u8::is_ascii_digit);
        (!before
            && !after
            && (candidate.starts_with("19") || candidate.starts_with("20"))
            && candidate.bytes().all(|b| b.is_ascii_digit()))
        .then_some(candidate)
    })
}

/// Paragraphs of the page: runs of non-blank lines that are neither chrome
/// nor labelled fields, joined, with their first line.
fn plain_paragraphs(text: &str, layout: &FamilyLayout) -> Vec<(u32, String)> {
    let mut out: Vec<(u32, String)> = Vec::new();
    let mut current: Option<(u32, String)> = None;
    for (n, raw) in content_lines(text, layout) {
        let line = raw.trim();
        let ends = line.is_empty()
            || layout.is_chrome(line)
            || layout.label(line).is_some()
            || line.split_once(':').is_some_and(|(h, _)| layout.label(h).is_some())
            || layout.glued_labels && layout.glued_label(line).is_some();
        if ends {
            out.extend(current.take());
            continue;
        }
        match current.as_mut() {
            Some((_, p)) => {
                p.push('\n');
                p.push_str(line);
            }
            None => current = Some((n, line.to_string())),
        }
    }
    out.extend(current);
    out
}

/// The abstract of a page that prints it without a heading: the first
/// paragraph of at least 40 words that does not end in a cut snippet.
pub(crate) fn read_unlabelled_abstract(text: &str, layout: &FamilyLayout, record: &mut SourceRecord) -> bool {
    let paragraphs = plain_paragraphs(text, layout);
    let found = paragraphs.iter().position(|(_, p)| {
        words(p) >= 40 && !p.ends_with("...") && !p.ends_with('…') && !p.trim_start().starts_with(['{', '<'])
    });
    let Some(at) = found else { return false };
    // A structured abstract printed a paragraph a part (`Background: …`,
    // then `Methods: …`): the parts that follow belong to it.
    let labelled_part = |p: &str| {
        p.split_once(':').is_some_and(|(label, _)| {
            label.len() <= 40 && crate::abstract_sections::label_section(label).is_some()
        })
    };
    let parts = if labelled_part(&paragraphs[at].1) {
        1 + paragraphs[at + 1..].iter().take_while(|(_, p)| labelled_part(p)).count()
    } else {
        1
    };
    for (line, p) in &paragraphs[at..at + parts] {
        record.passages.extend(split_abstract(p, *line));
    }
    true
}

/// The text with the lines `blank` selects emptied, so the page reading
/// never takes a record dump's lines for the page's own (line numbers stay).
pub(crate) fn blanked(text: &str, blank: impl Fn(u32) -> bool) -> String {
    crate::lines::numbered(text).map(|(n, l)| if blank(n) { "" } else { l }).collect::<Vec<_>>().join("\n")
}

static SOURCE_TAIL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)(?:,|;|\(|\s(?:no\.|vol\.?|v\.|n\.|nr\.|№|pp?\.|issue|\d))")
        .expect("constant regex")
});

/// The journal of a source line that is not a full citation
/// (`Community Mental Health Journal no. 3; p. 589-597`): what stands
/// before its volume, issue, pages or date.
fn source_journal(text: &str) -> &str {
    // A database's source line that ends the journal with a semicolon
    // (`Peer Work, Care & Practice; 2022, Vol. 17 Issue 5, p408-418`): the
    // comma before it is the journal's own.
    if let Some(semicolon) = text.find(';')
        && text[..semicolon].chars().any(char::is_alphabetic)
        && !text[..semicolon].chars().any(|c| c.is_ascii_digit())
        && text[semicolon..].trim_start_matches([';', ' ']).starts_with(|c: char| c.is_ascii_digit())
    {
        return text[..semicolon].trim();
    }
    let cut = SOURCE_TAIL.find(text).map_or(text.len(), |m| m.start());
    text[..cut].trim().trim_end_matches(['.', ',', ';', ':']).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_structured_abstract_printed_a_paragraph_a_part_is_read_whole() {
        let layouts = crate::layout::test_layouts();
        let layout = layouts.family(evtab_model::SourceFormat::Generic).expect("generic layout");
        let long =
            "peer workers in invented wards were asked about their days and what helped them; ".repeat(4);
        let page = format!(
            "A title\n\nBackground: {long}\n\nMethods: ten workers were interviewed.\n\n\
             Results: three themes emerged.\n\nConclusions: wards gain.\n\nShare this article\n"
        );
        let mut record = SourceRecord::new("d", evtab_model::SourceFormat::Generic);
        assert!(read_unlabelled_abstract(&page, layout, &mut record));
        let sections: Vec<_> = record.passages.iter().map(|p| p.section).collect();
        use evtab_model::Section;
        assert_eq!(sections, [Section::Background, Section::Methods, Section::Results, Section::Conclusion]);
    }

    #[test]
    fn a_source_line_s_journal_ends_at_its_semicolon_or_before_its_volume() {
        assert_eq!(
            source_journal("Peer Work, Care & Practice; 2022, Vol. 17 Issue 5, p408-418, 11p"),
            "Peer Work, Care & Practice"
        );
        assert_eq!(source_journal("Community Care Journal no. 3; p. 589-597"), "Community Care Journal");
        assert_eq!(source_journal("Peer Work, 2016, № 6, p. e011499"), "Peer Work");
    }

    #[test]
    fn an_author_list_run_on_after_a_title_is_cut_off_and_read() {
        let layouts = crate::layout::test_layouts();
        let names = &layouts.names;
        let (title, found) = split_glued_author_list(
            "Peer work in two rural districts: an assessment Ada B. Okafor1* , Bo C. Lindqvist Jr2, Cy Dwyer3,4 and Di E. Moss1",
            names,
        )
        .expect("glued list");
        assert_eq!(title, "Peer work in two rural districts: an assessment");
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found[0].contains("Okafor") && !found[0].contains('1'), "{found:?}");
        // A title's own capitalised words with a number are no author list.
        for plain in [
            "Severe Covid19, stress and Peer Work: a study",
            "Peer Work 2020, a Review of Care",
            "Peer work and care",
        ] {
            assert_eq!(split_glued_author_list(plain, names), None, "{plain}");
        }
    }

    #[test]
    fn names_glued_end_to_start_are_cut_and_compound_names_stay() {
        assert_eq!(
            unglue_names("Ada OkaforBo LindqvistCé O'Neil").as_deref(),
            Some("Ada Okafor, Bo Lindqvist, Cé O'Neil")
        );
        for line in ["Ada McCarthy and Bo MacDonald", "Ada DeSouza", "Okafor, AdaBo", "OneWord", ""] {
            assert_eq!(unglue_names(line), None, "{line}");
        }
    }

    #[test]
    fn a_label_glued_to_the_text_before_it_starts_its_own_line() {
        let layouts = crate::layout::test_layouts();
        let layout = layouts.family(evtab_model::SourceFormat::Generic).expect("the generic family");
        let lines = [
            (2, "Ada OkaforBo LindqvistPublished in: Health and Care (2021)"),
            (3, "A sentence about Journal: nothing glued"),
            (4, "eHealthPublished"),
        ];
        assert_eq!(
            split_glued_labels(&lines, layout),
            [
                (2, "Ada OkaforBo Lindqvist"),
                (2, "Published in: Health and Care (2021)"),
                (3, "A sentence about Journal: nothing glued"),
                (4, "eHealthPublished"),
            ]
        );
    }
}
