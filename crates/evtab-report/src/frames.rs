//! From pipeline results to one DataFrame per table.

use evtab_model::{Flag, ParticipantGroup, Provenance, Study, StudyTheme, ThemeEvidence};
use std::borrow::Cow;
use std::cmp::Ordering;

use polars::prelude::{DataFrame, IntoColumn, NamedFrom, PolarsResult, Series};

use rayon::prelude::*;

use crate::schema::{self, ColumnType, TableSchema};

/// One row of `sources.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    /// Input file name.
    pub doc_id: String,
    /// Detected format, when recognised.
    pub format: Option<String>,
    /// The study it joined, when it joined one.
    pub study_id: Option<String>,
    /// `ok`, `partial` or `rejected`.
    pub status: String,
    /// What a person should know about it.
    pub message: Option<String>,
}

/// One field of one parsed document, for `records.parquet`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRow {
    /// Input file name.
    pub doc_id: String,
    /// Detected format.
    pub format: &'static str,
    /// The study the document joined.
    pub study_id: Option<String>,
    /// 1-based position of the field in the document's record.
    pub position: u32,
    /// Field name (`title`, `author`, `doi`, ...).
    pub field: &'static str,
    /// The value as printed (written on one line; an empty value is missing).
    pub value: String,
    /// Its canonical form, when its field's rule can read it.
    pub normalised: Option<String>,
    /// 1-based line in the document.
    pub line: u32,
}

/// Everything the tables are made of.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    /// Linked studies, ids assigned.
    pub studies: Vec<Study>,
    /// Participant groups by study id, in extraction order.
    pub participants: Vec<(String, ParticipantGroup)>,
    /// Study themes by study id, in reported order.
    pub themes: Vec<(String, StudyTheme)>,
    /// Codebook theme ids, in codebook order.
    pub synthesis_themes: Vec<String>,
    /// Codebook `(id, label)` pairs, for the report's readers; not in any CSV.
    pub synthesis_labels: Vec<(String, String)>,
    /// Codebook matches.
    pub theme_evidence: Vec<ThemeEvidence>,
    /// One row per input file.
    pub sources: Vec<SourceRow>,
    /// Candidate values and where they came from.
    pub provenance: Vec<Provenance>,
    /// What a reviewer should look at.
    pub flags: Vec<Flag>,
    /// Every field of every parsed document, when records are emitted.
    pub records: Option<Vec<RecordRow>>,
}

/// A cell before it is typed into a column; text is borrowed from the
/// tables where it can be, so building a frame copies each value once.
enum Cell<'a> {
    Text(Option<Cow<'a, str>>),
    Int(Option<i64>),
}

impl Cell<'_> {
    /// Orders cells as the sorted CSV does: missing first, text by bytes.
    fn cmp_key(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Cell::Text(a), Cell::Text(b)) => a.as_deref().cmp(&b.as_deref()),
            (Cell::Int(a), Cell::Int(b)) => a.cmp(b),
            (Cell::Text(_), Cell::Int(_)) => Ordering::Less,
            (Cell::Int(_), Cell::Text(_)) => Ordering::Greater,
        }
    }
}

fn text<'a>(value: impl Into<Cow<'a, str>>) -> Cell<'a> {
    let value = value.into();
    Cell::Text(if value.is_empty() { None } else { Some(one_line(value)) })
}

fn opt(value: Option<&String>) -> Cell<'_> {
    text(value.map_or("", String::as_str))
}

fn int<'a>(value: Option<i64>) -> Cell<'a> {
    Cell::Int(value)
}

/// Builds a frame whose columns are exactly the schema's, typed as it
/// says, with rows sorted by the schema's key. The sort is stable (ties
/// keep the order the rows were built in) and runs on all threads.
fn frame(schema: &TableSchema, rows: Vec<Vec<Cell<'_>>>) -> PolarsResult<DataFrame> {
    let keys: Vec<usize> =
        schema.sort_by.iter().filter_map(|key| schema.columns.iter().position(|c| c.name == *key)).collect();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    if !keys.is_empty() {
        order.par_sort_by(|&a, &b| {
            keys.iter()
                .map(|&k| match (rows[a].get(k), rows[b].get(k)) {
                    (Some(x), Some(y)) => x.cmp_key(y),
                    (x, y) => x.is_some().cmp(&y.is_some()),
                })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        });
    }
    let columns = schema
        .columns
        .par_iter()
        .enumerate()
        .map(|(c, column)| match column.kind {
            ColumnType::String => {
                let values: Vec<Option<&str>> = order
                    .iter()
                    .map(|&r| match rows[r].get(c) {
                        Some(Cell::Text(v)) => v.as_deref(),
                        _ => None,
                    })
                    .collect();
                Series::new(column.name.into(), values).into_column()
            }
            ColumnType::Integer => {
                let values: Vec<Option<i64>> = order
                    .iter()
                    .map(|&r| match rows[r].get(c) {
                        Some(Cell::Int(v)) => *v,
                        _ => None,
                    })
                    .collect();
                Series::new(column.name.into(), values).into_column()
            }
        })
        .collect();
    DataFrame::new(rows.len(), columns)
}

/// Cells hold one line: wrapped text from a document is joined with
/// spaces. Most values already are one line and are not copied.
fn one_line(value: Cow<'_, str>) -> Cow<'_, str> {
    let clean = !value.starts_with(' ')
        && !value.ends_with(' ')
        && !value.contains("  ")
        && !value.chars().any(|c| c.is_whitespace() && c != ' ');
    if clean { value } else { Cow::Owned(value.split_whitespace().collect::<Vec<_>>().join(" ")) }
}

fn join<'a>(values: &[String]) -> Cell<'a> {
    text(values.join("; "))
}

/// The file of every frame [`build_frames`] returns, in its order.
pub(crate) const FRAME_FILES: [&str; 9] = [
    schema::STUDIES.file,
    schema::AUTHORS.file,
    schema::PARTICIPANTS.file,
    schema::THEMES.file,
    schema::THEME_EVIDENCE.file,
    schema::THEME_MATRIX_FILE,
    schema::SOURCES.file,
    schema::PROVENANCE.file,
    schema::FLAGS.file,
];

/// Builds every table as a DataFrame, with its file name. The tables are
/// built in parallel and returned in a fixed order.
pub fn build_frames(t: &Tables) -> PolarsResult<Vec<(&'static str, DataFrame)>> {
    type Build = fn(&Tables) -> PolarsResult<DataFrame>;
    let builders: [(&'static str, Build); 9] = [
        (schema::STUDIES.file, studies_frame),
        (schema::AUTHORS.file, authors_frame),
        (schema::PARTICIPANTS.file, participants_frame),
        (schema::THEMES.file, themes_frame),
        (schema::THEME_EVIDENCE.file, evidence_frame),
        (schema::THEME_MATRIX_FILE, theme_matrix),
        (schema::SOURCES.file, sources_frame),
        (schema::PROVENANCE.file, provenance_frame),
        (schema::FLAGS.file, flags_frame),
    ];
    builders.par_iter().map(|(file, build)| Ok((*file, build(t)?))).collect()
}

/// The records frame, when the run emits records.
pub fn records_frame(t: &Tables) -> PolarsResult<Option<DataFrame>> {
    let Some(records) = &t.records else { return Ok(None) };
    let rows = records
        .par_iter()
        .map(|r| {
            vec![
                text(r.doc_id.as_str()),
                text(r.format),
                opt(r.study_id.as_ref()),
                int(Some(i64::from(r.position))),
                text(r.field),
                text(r.value.as_str()),
                opt(r.normalised.as_ref()),
                int(Some(i64::from(r.line))),
            ]
        })
        .collect();
    frame(&schema::RECORDS, rows).map(Some)
}

fn studies_frame(t: &Tables) -> PolarsResult<DataFrame> {
    let rows = t
        .studies
        .par_iter()
        .map(|s| {
            let authors: Vec<String> = s.authors.iter().map(vancouver).collect();
            vec![
                text(s.study_id.as_str()),
                opt(s.title.as_ref()),
                join(&authors),
                text(s.authors.first().map(|a| a.family.clone()).unwrap_or_default()),
                int(if s.authors.is_empty() { None } else { i64::try_from(s.authors.len()).ok() }),
                int(s.year.map(i64::from)),
                opt(s.publication_date.as_ref()),
                opt(s.journal.as_ref()),
                opt(s.journal_abbrev.as_ref()),
                opt(s.volume.as_ref()),
                opt(s.issue.as_ref()),
                opt(s.pages.as_ref()),
                opt(s.doi.as_ref()),
                opt(s.pmid.as_ref()),
                opt(s.pmcid.as_ref()),
                opt(s.issn.as_ref()),
                opt(s.publisher.as_ref()),
                opt(s.language.as_ref()),
                opt(s.country.as_ref()),
                opt(s.city.as_ref()),
                opt(s.setting.as_ref()),
                opt(s.population.as_ref()),
                opt(s.aim.as_ref()),
                opt(s.design.as_ref()),
                opt(s.data_collection.as_ref()),
                opt(s.analysis.as_ref()),
                opt(s.collection_period.as_ref()),
                int(s.n_participants.map(i64::from)),
                opt(s.funding.as_ref()),
                opt(s.license.as_ref()),
                join(&s.doc_ids),
            ]
        })
        .collect();
    frame(&schema::STUDIES, rows)
}

fn authors_frame(t: &Tables) -> PolarsResult<DataFrame> {
    let rows = t
        .studies
        .par_iter()
        .flat_map_iter(|s| {
            s.authors.iter().enumerate().map(|(i, a)| {
                vec![
                    text(s.study_id.as_str()),
                    int(i64::try_from(i + 1).ok()),
                    text(a.family.as_str()),
                    text(a.given.as_str()),
                    text(a.initials.as_str()),
                    text(a.raw.as_str()),
                ]
            })
        })
        .collect();
    frame(&schema::AUTHORS, rows)
}

fn participants_frame(t: &Tables) -> PolarsResult<DataFrame> {
    let rows = t
        .participants
        .par_iter()
        .map(|(id, g)| {
            vec![
                text(id.as_str()),
                text(g.group.as_str()),
                text(g.category.as_str()),
                int(g.n.map(i64::from)),
                opt(g.method.as_ref()),
                text(g.doc_id.as_str()),
                text(g.evidence.as_str()),
            ]
        })
        .collect();
    frame(&schema::PARTICIPANTS, rows)
}

fn themes_frame(t: &Tables) -> PolarsResult<DataFrame> {
    let rows = t
        .themes
        .par_iter()
        .map(|(id, th)| {
            vec![
                text(id.as_str()),
                int(Some(i64::from(th.theme_no))),
                text(th.kind.name()),
                text(th.theme.as_str()),
                opt(th.parent.as_ref()),
                text(th.doc_id.as_str()),
                text(th.evidence.as_str()),
            ]
        })
        .collect();
    frame(&schema::THEMES, rows)
}

fn evidence_frame(t: &Tables) -> PolarsResult<DataFrame> {
    let rows = t
        .theme_evidence
        .par_iter()
        .map(|e| {
            vec![
                text(e.synthesis_theme.as_str()),
                text(e.study_id.as_str()),
                text(e.study_theme.as_str()),
                text(e.doc_id.as_str()),
                text(e.evidence.as_str()),
                text(e.matched.as_str()),
            ]
        })
        .collect();
    frame(&schema::THEME_EVIDENCE, rows)
}

fn sources_frame(t: &Tables) -> PolarsResult<DataFrame> {
    let rows = t
        .sources
        .par_iter()
        .map(|r| {
            vec![
                text(r.doc_id.as_str()),
                opt(r.format.as_ref()),
                opt(r.study_id.as_ref()),
                text(r.status.as_str()),
                opt(r.message.as_ref()),
            ]
        })
        .collect();
    frame(&schema::SOURCES, rows)
}

fn provenance_frame(t: &Tables) -> PolarsResult<DataFrame> {
    let rows = t
        .provenance
        .par_iter()
        .map(|p| {
            vec![
                text(p.study_id.as_str()),
                text(p.field.as_str()),
                text(p.value.as_str()),
                text(p.doc_id.as_str()),
                int(Some(i64::from(p.line))),
                text(p.rule.as_str()),
            ]
        })
        .collect();
    frame(&schema::PROVENANCE, rows)
}

fn flags_frame(t: &Tables) -> PolarsResult<DataFrame> {
    let rows = t
        .flags
        .par_iter()
        .map(|f| {
            vec![
                text(f.study_id.as_str()),
                text(f.field.as_str()),
                text(f.severity.name()),
                text(f.kind.name()),
                text(f.message.as_str()),
            ]
        })
        .collect();
    frame(&schema::FLAGS, rows)
}

fn vancouver(a: &evtab_model::Author) -> String {
    if a.initials.is_empty() { a.family.clone() } else { format!("{} {}", a.family, a.initials) }
}

/// The wide synthesis-theme × study matrix. A cell is 1 exactly when the
/// study has at least one evidence row for the theme, so a 1 always has
/// evidence and a 0 never has.
fn theme_matrix(t: &Tables) -> PolarsResult<DataFrame> {
    let mut study_ids: Vec<&str> = t.studies.iter().map(|s| s.study_id.as_str()).collect();
    study_ids.sort_unstable();
    let mut themes: Vec<&str> = t.synthesis_themes.iter().map(String::as_str).collect();
    themes.sort_unstable();
    themes.dedup();
    let supported: std::collections::BTreeSet<(&str, &str)> =
        t.theme_evidence.iter().map(|e| (e.synthesis_theme.as_str(), e.study_id.as_str())).collect();
    let mut columns = vec![Series::new("synthesis_theme".into(), themes.clone()).into_column()];
    let mut totals = vec![0i64; themes.len()];
    for study in &study_ids {
        let cells: Vec<i64> = themes.iter().map(|th| i64::from(supported.contains(&(*th, *study)))).collect();
        for (total, cell) in totals.iter_mut().zip(&cells) {
            *total += cell;
        }
        columns.push(Series::new((*study).into(), cells).into_column());
    }
    columns.push(Series::new("n_studies".into(), totals).into_column());
    DataFrame::new(themes.len(), columns)
}
