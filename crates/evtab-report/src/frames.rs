//! From pipeline results to one DataFrame per table.

use evtab_model::{
    Author, Flag, ParticipantGroup, Provenance, SourceFormat, SourceStatus, Study, StudyField, StudyTheme,
    StudyValue, ThemeEvidence,
};
use std::borrow::Cow;
use std::cmp::Ordering;

use polars::prelude::{DataFrame, IntoColumn, NamedFrom, PolarsError, PolarsResult, Series};

use rayon::prelude::*;

use crate::schema::{self, ColumnType, TableSchema};

/// One row of `sources.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceRow {
    /// Input file name.
    pub doc_id: String,
    /// Detected format, when recognised.
    pub format: Option<SourceFormat>,
    /// The study it joined, when it joined one.
    pub study_id: Option<String>,
    /// The export's own ids for the record (EndNote record number,
    /// accession, `RecordID` column), `; `-separated: which exported
    /// records became which study.
    pub record_id: Option<String>,
    /// What became of it.
    pub status: SourceStatus,
    /// What a person should know about it.
    pub message: Option<String>,
}

/// One field of one parsed document, for `records.parquet`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRow {
    /// Input file name.
    pub doc_id: String,
    /// Detected format.
    pub format: SourceFormat,
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
    /// Candidate values and where they came from, by study id.
    pub provenance: Vec<(String, Provenance)>,
    /// What a reviewer should look at, by study id (empty for a document that joined no study).
    pub flags: Vec<(String, Flag)>,
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

/// A row of one table: its cells looked up by column name, so a frame
/// built from a schema cannot put a value under the wrong column. A column
/// the row type does not know is an error, never a silently empty cell.
trait TableRow: Sync {
    /// The cell of `column`, or `None` when this row type has no such column.
    fn cell(&self, column: &str) -> Option<Cell<'_>>;
}

/// Builds a frame whose columns are exactly the schema's, typed as it
/// says, with rows sorted by the schema's key. The sort is stable (ties
/// keep the order the rows were built in) and runs on all threads.
fn frame<R: TableRow>(schema: &TableSchema, rows: &[R]) -> PolarsResult<DataFrame> {
    let unknown = |column: &str| {
        PolarsError::ComputeError(format!("{}: a row has no `{column}` column", schema.file).into())
    };
    let keys: Vec<Vec<Cell<'_>>> = rows
        .par_iter()
        .map(|r| schema.sort_by.iter().map(|k| r.cell(k).ok_or_else(|| unknown(k))).collect())
        .collect::<PolarsResult<_>>()?;
    let mut order: Vec<usize> = (0..rows.len()).collect();
    if !schema.sort_by.is_empty() {
        order.par_sort_by(|&a, &b| {
            keys[a]
                .iter()
                .zip(&keys[b])
                .map(|(x, y)| x.cmp_key(y))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        });
    }
    let columns = schema
        .columns
        .par_iter()
        .map(|column| {
            let cells: Vec<Cell<'_>> = order
                .iter()
                .map(|&r| rows[r].cell(column.name).ok_or_else(|| unknown(column.name)))
                .collect::<PolarsResult<_>>()?;
            Ok(match column.kind {
                ColumnType::String => {
                    let values: Vec<Option<&str>> = cells
                        .iter()
                        .map(|c| match c {
                            Cell::Text(v) => v.as_deref(),
                            Cell::Int(_) => None,
                        })
                        .collect();
                    Series::new(column.name.into(), values).into_column()
                }
                ColumnType::Integer => {
                    let values: Vec<Option<i64>> = cells
                        .iter()
                        .map(|c| match c {
                            Cell::Int(v) => *v,
                            Cell::Text(_) => None,
                        })
                        .collect();
                    Series::new(column.name.into(), values).into_column()
                }
            })
        })
        .collect::<PolarsResult<Vec<_>>>()?;
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
    build_frames_of(t, &FRAME_FILES)
}

/// The tables of a deduplication run: the studies with their documents,
/// the sources (which record became which study) and the flags (the
/// possible duplicates left to the reviewer).
pub(crate) const DEDUP_FRAME_FILES: [&str; 3] =
    [schema::STUDIES.file, schema::SOURCES.file, schema::FLAGS.file];

/// Builds the tables named in `files` (a subset of [`FRAME_FILES`]), in
/// the fixed order of [`FRAME_FILES`].
pub(crate) fn build_frames_of(t: &Tables, files: &[&str]) -> PolarsResult<Vec<(&'static str, DataFrame)>> {
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
    builders
        .par_iter()
        .filter(|(file, _)| files.contains(file))
        .map(|(file, build)| Ok((*file, build(t)?)))
        .collect()
}

/// The records frame, when the run emits records.
pub fn records_frame(t: &Tables) -> PolarsResult<Option<DataFrame>> {
    let Some(records) = &t.records else { return Ok(None) };
    frame(&schema::RECORDS, records).map(Some)
}

impl TableRow for RecordRow {
    fn cell(&self, column: &str) -> Option<Cell<'_>> {
        Some(match column {
            "doc_id" => text(self.doc_id.as_str()),
            "format" => text(self.format.name()),
            "study_id" => opt(self.study_id.as_ref()),
            "position" => int(Some(i64::from(self.position))),
            "field" => text(self.field),
            "value" => text(self.value.as_str()),
            "normalised" => opt(self.normalised.as_ref()),
            "line" => int(Some(i64::from(self.line))),
            _ => return None,
        })
    }
}

impl TableRow for Study {
    fn cell(&self, column: &str) -> Option<Cell<'_>> {
        Some(match self.value(StudyField::from_column(column)?) {
            StudyValue::Text(v) => text(v.unwrap_or_default()),
            StudyValue::Integer(v) => int(v),
        })
    }
}

fn studies_frame(t: &Tables) -> PolarsResult<DataFrame> {
    frame(&schema::STUDIES, &t.studies)
}

/// One author of one study.
struct AuthorRow<'a> {
    study_id: &'a str,
    position: usize,
    author: &'a Author,
}

impl TableRow for AuthorRow<'_> {
    fn cell(&self, column: &str) -> Option<Cell<'_>> {
        Some(match column {
            "study_id" => text(self.study_id),
            "position" => int(i64::try_from(self.position).ok()),
            "family" => text(self.author.family.as_str()),
            "given" => text(self.author.given.as_str()),
            "initials" => text(self.author.initials.as_str()),
            "raw" => text(self.author.raw.as_str()),
            _ => return None,
        })
    }
}

fn authors_frame(t: &Tables) -> PolarsResult<DataFrame> {
    let rows: Vec<AuthorRow<'_>> = t
        .studies
        .iter()
        .flat_map(|s| {
            s.authors.iter().enumerate().map(|(i, author)| AuthorRow {
                study_id: &s.study_id,
                position: i + 1,
                author,
            })
        })
        .collect();
    frame(&schema::AUTHORS, &rows)
}

impl TableRow for (String, ParticipantGroup) {
    fn cell(&self, column: &str) -> Option<Cell<'_>> {
        let (id, g) = self;
        Some(match column {
            "study_id" => text(id.as_str()),
            "group" => text(g.group.as_str()),
            "category" => text(g.category.as_str()),
            "n" => int(g.n.map(i64::from)),
            "method" => opt(g.method.as_ref()),
            "doc_id" => text(g.doc_id.as_str()),
            "evidence" => text(g.evidence.as_str()),
            _ => return None,
        })
    }
}

fn participants_frame(t: &Tables) -> PolarsResult<DataFrame> {
    frame(&schema::PARTICIPANTS, &t.participants)
}

impl TableRow for (String, StudyTheme) {
    fn cell(&self, column: &str) -> Option<Cell<'_>> {
        let (id, th) = self;
        Some(match column {
            "study_id" => text(id.as_str()),
            "theme_no" => int(Some(i64::from(th.theme_no))),
            "kind" => text(th.kind.name()),
            "theme" => text(th.theme.as_str()),
            "parent" => opt(th.parent.as_ref()),
            "doc_id" => text(th.doc_id.as_str()),
            "evidence" => text(th.evidence.as_str()),
            _ => return None,
        })
    }
}

fn themes_frame(t: &Tables) -> PolarsResult<DataFrame> {
    frame(&schema::THEMES, &t.themes)
}

impl TableRow for ThemeEvidence {
    fn cell(&self, column: &str) -> Option<Cell<'_>> {
        Some(match column {
            "synthesis_theme" => text(self.synthesis_theme.as_str()),
            "study_id" => text(self.study_id.as_str()),
            "study_theme" => text(self.study_theme.as_str()),
            "doc_id" => text(self.doc_id.as_str()),
            "evidence" => text(self.evidence.as_str()),
            "matched" => text(self.matched.as_str()),
            _ => return None,
        })
    }
}

fn evidence_frame(t: &Tables) -> PolarsResult<DataFrame> {
    frame(&schema::THEME_EVIDENCE, &t.theme_evidence)
}

impl TableRow for SourceRow {
    fn cell(&self, column: &str) -> Option<Cell<'_>> {
        Some(match column {
            "doc_id" => text(self.doc_id.as_str()),
            "format" => text(self.format.map_or("", SourceFormat::name)),
            "study_id" => opt(self.study_id.as_ref()),
            "record_id" => opt(self.record_id.as_ref()),
            "status" => text(self.status.name()),
            "message" => opt(self.message.as_ref()),
            _ => return None,
        })
    }
}

fn sources_frame(t: &Tables) -> PolarsResult<DataFrame> {
    frame(&schema::SOURCES, &t.sources)
}

impl TableRow for (String, Provenance) {
    fn cell(&self, column: &str) -> Option<Cell<'_>> {
        let (id, p) = self;
        Some(match column {
            "study_id" => text(id.as_str()),
            "field" => text(p.field.as_str()),
            "value" => text(p.value.as_str()),
            "doc_id" => text(p.doc_id.as_str()),
            "line" => int(Some(i64::from(p.line))),
            "rule" => text(p.rule.as_str()),
            _ => return None,
        })
    }
}

fn provenance_frame(t: &Tables) -> PolarsResult<DataFrame> {
    frame(&schema::PROVENANCE, &t.provenance)
}

impl TableRow for (String, Flag) {
    fn cell(&self, column: &str) -> Option<Cell<'_>> {
        let (id, f) = self;
        Some(match column {
            "study_id" => text(id.as_str()),
            "field" => text(f.field.as_str()),
            "severity" => text(f.severity.name()),
            "kind" => text(f.kind.name()),
            "message" => text(f.message.as_str()),
            _ => return None,
        })
    }
}

fn flags_frame(t: &Tables) -> PolarsResult<DataFrame> {
    frame(&schema::FLAGS, &t.flags)
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
