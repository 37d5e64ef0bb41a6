//! Bibliographic CSV: the spreadsheets reference managers, databases and
//! screening tools export (EndNote, Zotero, Scopus, Web of Science,
//! Covidence, Rayyan, Lens, PubMed), comma-, semicolon- or tab-separated.
//! One document per data row (`<file>#<n>`, n counted from the first row
//! under the header).
//!
//! Which header holds which field is data
//! (`pipelines/formats/exports/csv_columns.toml`), matched with case and
//! punctuation folded away, so a new export's `Publication Year` or
//! `publication_year` needs no code. The text arrives decoded (a
//! Windows-1252 export is read as such); `NA` and empty cells are missing.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use evtab_model::{Field, SourceFormat, SourceRecord};
use serde::Deserialize;

use crate::abstract_sections::split_abstract;
use crate::doi::find_dois;
use crate::looks_like_issn;

#[cfg(test)]
mod tests;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Column {
    Title,
    Authors,
    Journal,
    JournalAbbrev,
    Year,
    Date,
    Volume,
    Issue,
    Pages,
    PageStart,
    PageEnd,
    ArticleNumber,
    Doi,
    Pmid,
    Pmcid,
    Issn,
    Abstract,
    Keywords,
    Language,
    PublicationType,
    Publisher,
    Url,
    RecordId,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnFile {
    min_known_columns: usize,
    missing: Vec<String>,
    columns: BTreeMap<Column, Vec<String>>,
}

/// The header map, folded names to columns.
struct ColumnMap {
    by_name: BTreeMap<String, Column>,
    min_known: usize,
    missing: Vec<String>,
}

const COLUMNS_TOML: &str = include_str!("../../../../pipelines/formats/exports/csv_columns.toml");

fn parse_columns(text: &str) -> Result<ColumnMap, String> {
    let file: ColumnFile = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut by_name = BTreeMap::new();
    for (column, names) in file.columns {
        for name in names {
            if let Some(other) = by_name.insert(fold(&name), column).filter(|other| *other != column) {
                return Err(format!(
                    "the header `{name}` is listed under two fields ({other:?}, {column:?})"
                ));
            }
        }
    }
    Ok(ColumnMap { by_name, min_known: file.min_known_columns, missing: file.missing })
}

static COLUMNS: LazyLock<ColumnMap> =
    LazyLock::new(|| parse_columns(COLUMNS_TOML).expect("csv_columns.toml is checked by a unit test"));

/// A header name with case, spaces and punctuation removed.
fn fold(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric() || *c == '#').flat_map(char::to_lowercase).collect()
}

/// The separator of a header line: the one of `,`, `;`, tab that occurs
/// most outside quotes.
fn delimiter(header: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in &mut counts {
                if b == *d {
                    *n += 1;
                }
            }
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).map_or(b',', |(d, _)| *d)
}

fn header_columns(header: &str, delimiter: u8) -> Vec<Option<Column>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(header.as_bytes());
    let Some(Ok(names)) = reader.records().next() else { return Vec::new() };
    names.iter().map(|n| COLUMNS.by_name.get(&fold(n)).copied()).collect()
}

/// Whether a text is a bibliographic CSV: its first line names a title
/// column and enough other known columns.
pub(crate) fn is_bib_csv(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(header) = text.lines().next() else { return false };
    if header.len() > 10_000 {
        return false;
    }
    let columns = header_columns(header, delimiter(header));
    columns.contains(&Some(Column::Title)) && columns.iter().flatten().count() >= COLUMNS.min_known
}

/// One data row.
pub(crate) struct CsvRow {
    cells: Vec<String>,
    /// The 1-based line of the file the row starts on.
    pub(crate) first_line: u32,
    /// The row's size in bytes.
    pub(crate) bytes: usize,
}

/// The file's columns and rows.
pub(crate) struct CsvTable {
    columns: Vec<Option<Column>>,
    /// The data rows, in file order.
    pub(crate) rows: Vec<CsvRow>,
}

/// The rows of a bibliographic CSV, or why there are none.
pub(crate) fn records_of(text: &str) -> Result<CsvTable, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header = text.lines().next().ok_or("the file is empty")?;
    let delimiter = delimiter(header);
    let columns = header_columns(header, delimiter);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for row in reader.records() {
        let row = row.map_err(|e| format!("the CSV cannot be read ({e})"))?;
        let first_line = row.position().map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let bytes = row.as_slice().len();
        rows.push(CsvRow { cells: row.iter().map(str::to_string).collect(), first_line, bytes });
    }
    Ok(CsvTable { columns, rows })
}

/// Reads one row into a source record.
pub(crate) fn read_record(doc_id: &str, table: &CsvTable, row: &CsvRow) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::Csv);
    let line = row.first_line;
    let cells = || {
        table.columns.iter().zip(&row.cells).filter_map(|(column, cell)| {
            let cell = cell.trim();
            let missing = cell.is_empty() || COLUMNS.missing.iter().any(|m| m == cell);
            column.filter(|_| !missing).map(|c| (c, cell))
        })
    };
    let first = |wanted: Column| cells().find(|(c, _)| *c == wanted).map(|(_, v)| v);
    let mut has_doi = false;
    for (column, cell) in cells() {
        match column {
            Column::Title => record.push(Field::Title, cell, line),
            Column::Authors if record.first(Field::Author).is_none() => {
                for name in split_authors(cell) {
                    record.push(Field::Author, &name, line);
                }
            }
            Column::Authors | Column::PageStart | Column::PageEnd | Column::Url => {}
            Column::Journal => record.push(Field::Journal, cell, line),
            Column::JournalAbbrev => record.push(Field::JournalAbbrev, cell, line),
            Column::Year | Column::Date => record.push(Field::Date, cell, line),
            Column::Volume => record.push(Field::Volume, cell, line),
            Column::Issue => record.push(Field::Issue, cell, line),
            Column::Pages | Column::ArticleNumber => {
                if record.first(Field::Pages).is_none() {
                    record.push(Field::Pages, cell, line);
                }
            }
            Column::Doi => {
                if let Some(found) = find_dois(cell).into_iter().next() {
                    record.push(Field::Doi, &found.doi, line);
                    has_doi = true;
                }
            }
            Column::Pmid => record.push(Field::Pmid, cell, line),
            Column::Pmcid => record.push(Field::Pmcid, cell, line),
            Column::Issn => {
                for issn in cell.split([' ', ';', ',', '\n']).filter(|v| looks_like_issn(v)) {
                    record.push(Field::Issn, issn, line);
                }
            }
            Column::Abstract => record.passages.extend(split_abstract(cell, line)),
            Column::Keywords => {
                for keyword in cell.split([';', '\n']) {
                    record.push(Field::Keyword, keyword, line);
                }
            }
            Column::Language => record.push(Field::Language, cell, line),
            Column::PublicationType => record.push(Field::PublicationType, cell, line),
            Column::Publisher => record.push(Field::Publisher, cell, line),
            Column::RecordId => record.push(Field::RecordId, cell, line),
        }
    }
    if record.first(Field::Pages).is_none() {
        match (first(Column::PageStart), first(Column::PageEnd)) {
            (Some(s), Some(e)) if s != e => record.push(Field::Pages, &format!("{s}-{e}"), line),
            (Some(s), _) => record.push(Field::Pages, s, line),
            _ => {}
        }
    }
    if !has_doi && let Some(found) = first(Column::Url).and_then(|u| find_dois(u).into_iter().next()) {
        record.push_by(Field::Doi, &found.doi, line, "link");
    }
    record
}

/// The names of an author cell: `A; B`, `A and B`, `Family I., Family I.`
/// (Scopus), or glued without a separator as some exports write them
/// (`Okafor A.Lindqvist B. C.`: a name ends at an initial's full stop that
/// is followed by a capitalised word).
pub(crate) fn split_authors(cell: &str) -> Vec<String> {
    // Lens prints a name part it lacks as `null` (`null G.Okafor`).
    let without_null: String;
    let cell = if cell.split_whitespace().any(|w| w == "null") {
        without_null = cell.split(' ').filter(|w| *w != "null").collect::<Vec<_>>().join(" ");
        without_null.trim()
    } else {
        cell.trim()
    };
    let pieces: Vec<String> = if cell.contains(';') {
        cell.split(';').map(str::to_string).collect()
    } else if cell.contains(" and ") {
        cell.split(" and ").map(str::to_string).collect()
    } else if cell.contains('\n') {
        cell.split('\n').map(str::to_string).collect()
    } else if let Some(glued) = unglue(cell) {
        glued
    } else if cell.split(", ").count() > 2 || cell.split(", ").all(ends_in_initials) {
        // `Okafor A., Lindqvist B.` (Scopus); a single `Okafor, Ada` stays whole.
        if cell.split(", ").all(|p| ends_in_initials(p) || p.split_whitespace().count() >= 2) {
            cell.split(", ").map(str::to_string).collect()
        } else {
            vec![cell.to_string()]
        }
    } else {
        vec![cell.to_string()]
    };
    // PubMed writes a group author twice, once with its contact:
    // `X Consortium. Electronic address: a@b.org; X Consortium.`
    let read: Vec<(String, bool)> = pieces
        .iter()
        .map(|piece| match piece.split_once("Electronic address:") {
            Some((name, _)) => (name.trim().trim_end_matches('.').trim().to_string(), true),
            None => (piece.trim().to_string(), false),
        })
        .filter(|(name, _)| !name.is_empty())
        .collect();
    let key = |name: &str| name.trim_end_matches('.').to_string();
    let annotated: Vec<String> = read.iter().filter(|(_, a)| *a).map(|(n, _)| key(n)).collect();
    let mut names: Vec<String> = Vec::new();
    for (name, _) in read {
        let twin = annotated.contains(&key(&name));
        if twin && names.iter().any(|n| key(n) == key(&name)) {
            continue;
        }
        names.push(if twin { key(&name) } else { name });
    }
    names
}

/// Whether a name ends in initials (`Okafor A.`, `Okafor AB`).
fn ends_in_initials(name: &str) -> bool {
    name.split_whitespace().count() >= 2
        && name.split_whitespace().last().is_some_and(crate::names::is_initials)
}

/// `Okafor A.Lindqvist B. C.` cut into names, or `None` when nothing is glued.
fn unglue(cell: &str) -> Option<Vec<String>> {
    let chars: Vec<char> = cell.chars().collect();
    let mut names = Vec::new();
    let mut start = 0;
    for i in 0..chars.len().saturating_sub(2) {
        if chars[i] == '.'
            && chars[i + 1].is_uppercase()
            && (chars[i + 2].is_lowercase() || matches!(chars[i + 2], '\'' | '’'))
        {
            names.push(chars[start..=i].iter().collect::<String>());
            start = i + 1;
        }
    }
    if names.is_empty() {
        return None;
    }
    names.push(chars[start..].iter().collect());
    // Each glued name is a family name and initials (`Okafor A.`), the
    // last perhaps a group's one word (`…Lindqvist B.Acme`); an initial
    // glued to one family name (`G.Okafor`) is one author.
    let (last, before) = names.split_last()?;
    (before.iter().all(|n| n.trim().contains(' ')) && !last.trim().is_empty()).then_some(names)
}
