//! From pipeline results to one DataFrame per table.

use evtab_model::{Flag, ParticipantGroup, Provenance, Study, StudyTheme, ThemeEvidence};
use polars::prelude::{DataFrame, IntoColumn, NamedFrom, PolarsResult, Series, SortMultipleOptions};

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
}

/// A cell before it is typed into a column.
enum Cell {
    Text(Option<String>),
    Int(Option<i64>),
}

fn text(value: impl Into<String>) -> Cell {
    let value = value.into();
    Cell::Text(if value.is_empty() { None } else { Some(value) })
}

fn opt(value: Option<&String>) -> Cell {
    text(value.cloned().unwrap_or_default())
}

fn int(value: Option<i64>) -> Cell {
    Cell::Int(value)
}

/// Builds a frame whose columns are exactly the schema's, typed as it says.
fn frame(schema: &TableSchema, rows: Vec<Vec<Cell>>) -> PolarsResult<DataFrame> {
    let mut columns = Vec::with_capacity(schema.columns.len());
    for (c, column) in schema.columns.iter().enumerate() {
        let series = match column.kind {
            ColumnType::String => {
                let values: Vec<Option<String>> = rows
                    .iter()
                    .map(|row| match row.get(c) {
                        Some(Cell::Text(v)) => v.as_deref().map(one_line),
                        _ => None,
                    })
                    .collect();
                Series::new(column.name.into(), values)
            }
            ColumnType::Integer => {
                let values: Vec<Option<i64>> = rows
                    .iter()
                    .map(|row| match row.get(c) {
                        Some(Cell::Int(v)) => *v,
                        _ => None,
                    })
                    .collect();
                Series::new(column.name.into(), values)
            }
        };
        columns.push(series.into_column());
    }
    let df = DataFrame::new(rows.len(), columns)?;
    sorted(df, schema.sort_by)
}

fn sorted(df: DataFrame, by: &[&str]) -> PolarsResult<DataFrame> {
    if df.height() < 2 || by.is_empty() {
        return Ok(df);
    }
    let by: Vec<String> = by.iter().map(|s| (*s).to_string()).collect();
    df.sort(by, SortMultipleOptions::default().with_maintain_order(true))
}

/// Cells hold one line: wrapped text from a document is joined with spaces.
fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn join(values: &[String]) -> Cell {
    text(values.join("; "))
}

/// Builds every table as a DataFrame, with its file name.
pub fn build_frames(t: &Tables) -> PolarsResult<Vec<(&'static str, DataFrame)>> {
    let studies = t
        .studies
        .iter()
        .map(|s| {
            let authors: Vec<String> = s.authors.iter().map(vancouver).collect();
            vec![
                text(s.study_id.clone()),
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
    let authors = t
        .studies
        .iter()
        .flat_map(|s| {
            s.authors.iter().enumerate().map(|(i, a)| {
                vec![
                    text(s.study_id.clone()),
                    int(i64::try_from(i + 1).ok()),
                    text(a.family.clone()),
                    text(a.given.clone()),
                    text(a.initials.clone()),
                    text(a.raw.clone()),
                ]
            })
        })
        .collect();
    let participants = t
        .participants
        .iter()
        .map(|(id, g)| {
            vec![
                text(id.clone()),
                text(g.group.clone()),
                text(g.category.clone()),
                int(g.n.map(i64::from)),
                opt(g.method.as_ref()),
                text(g.doc_id.clone()),
                text(g.evidence.clone()),
            ]
        })
        .collect();
    let themes = t
        .themes
        .iter()
        .map(|(id, th)| {
            vec![
                text(id.clone()),
                int(Some(i64::from(th.theme_no))),
                text(th.kind.name()),
                text(th.theme.clone()),
                opt(th.parent.as_ref()),
                text(th.doc_id.clone()),
                text(th.evidence.clone()),
            ]
        })
        .collect();
    let evidence = t
        .theme_evidence
        .iter()
        .map(|e| {
            vec![
                text(e.synthesis_theme.clone()),
                text(e.study_id.clone()),
                text(e.study_theme.clone()),
                text(e.doc_id.clone()),
                text(e.evidence.clone()),
                text(e.matched.clone()),
            ]
        })
        .collect();
    let sources = t
        .sources
        .iter()
        .map(|r| {
            vec![
                text(r.doc_id.clone()),
                opt(r.format.as_ref()),
                opt(r.study_id.as_ref()),
                text(r.status.clone()),
                opt(r.message.as_ref()),
            ]
        })
        .collect();
    let provenance = t
        .provenance
        .iter()
        .map(|p| {
            vec![
                text(p.study_id.clone()),
                text(p.field.clone()),
                text(p.value.clone()),
                text(p.doc_id.clone()),
                int(Some(i64::from(p.line))),
                text(p.rule.clone()),
            ]
        })
        .collect();
    let flags = t
        .flags
        .iter()
        .map(|f| {
            vec![
                text(f.study_id.clone()),
                text(f.field.clone()),
                text(f.severity.name()),
                text(f.kind.name()),
                text(f.message.clone()),
            ]
        })
        .collect();
    Ok(vec![
        (schema::STUDIES.file, frame(&schema::STUDIES, studies)?),
        (schema::AUTHORS.file, frame(&schema::AUTHORS, authors)?),
        (schema::PARTICIPANTS.file, frame(&schema::PARTICIPANTS, participants)?),
        (schema::THEMES.file, frame(&schema::THEMES, themes)?),
        (schema::THEME_EVIDENCE.file, frame(&schema::THEME_EVIDENCE, evidence)?),
        (schema::THEME_MATRIX_FILE, theme_matrix(t)?),
        (schema::SOURCES.file, frame(&schema::SOURCES, sources)?),
        (schema::PROVENANCE.file, frame(&schema::PROVENANCE, provenance)?),
        (schema::FLAGS.file, frame(&schema::FLAGS, flags)?),
    ])
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
