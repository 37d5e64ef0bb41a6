//! The output tables: file names, columns, types and keys.

use evtab_model::{StudyField, ValueType};

/// A column's type, as the contract and Table Schema name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text.
    String,
    /// Whole number.
    Integer,
}

/// One column.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Header name.
    pub name: &'static str,
    /// Type.
    pub kind: ColumnType,
}

/// One output table.
#[derive(Debug, Clone, Copy)]
pub struct TableSchema {
    /// File name.
    pub file: &'static str,
    /// Columns, in output order.
    pub columns: &'static [Column],
    /// Columns rows are sorted by, in order; ties keep the order of the rows
    /// as built (extraction order), so output stays deterministic.
    pub sort_by: &'static [&'static str],
}

const fn s(name: &'static str) -> Column {
    Column { name, kind: ColumnType::String }
}

const fn i(name: &'static str) -> Column {
    Column { name, kind: ColumnType::Integer }
}

/// The columns of `studies.csv`, derived from [`StudyField`] (one list of
/// the study schema for the whole workspace).
const STUDY_COLUMNS: [Column; StudyField::ALL.len()] = {
    let mut columns = [s(""); StudyField::ALL.len()];
    let mut i = 0;
    while i < columns.len() {
        let field = StudyField::ALL[i];
        columns[i] = Column {
            name: field.column(),
            kind: match field.value_type() {
                ValueType::Text => ColumnType::String,
                ValueType::Integer => ColumnType::Integer,
            },
        };
        i += 1;
    }
    columns
};

/// `studies.csv`.
pub const STUDIES: TableSchema =
    TableSchema { file: "studies.csv", columns: &STUDY_COLUMNS, sort_by: &["study_id"] };

/// `authors.csv`.
pub const AUTHORS: TableSchema = TableSchema {
    file: "authors.csv",
    columns: &[s("study_id"), i("position"), s("family"), s("given"), s("initials"), s("raw")],
    sort_by: &["study_id", "position"],
};

/// `participants.csv`.
pub const PARTICIPANTS: TableSchema = TableSchema {
    file: "participants.csv",
    columns: &[s("study_id"), s("group"), s("category"), i("n"), s("method"), s("doc_id"), s("evidence")],
    sort_by: &["study_id"],
};

/// `themes.csv`.
pub const THEMES: TableSchema = TableSchema {
    file: "themes.csv",
    columns: &[s("study_id"), i("theme_no"), s("kind"), s("theme"), s("parent"), s("doc_id"), s("evidence")],
    sort_by: &["study_id", "theme_no"],
};

/// `theme_evidence.csv`.
pub const THEME_EVIDENCE: TableSchema = TableSchema {
    file: "theme_evidence.csv",
    columns: &[
        s("synthesis_theme"),
        s("study_id"),
        s("study_theme"),
        s("doc_id"),
        s("evidence"),
        s("matched"),
    ],
    sort_by: &["synthesis_theme", "study_id", "study_theme", "doc_id", "evidence", "matched"],
};

/// `sources.csv`.
pub const SOURCES: TableSchema = TableSchema {
    file: "sources.csv",
    columns: &[s("doc_id"), s("format"), s("study_id"), s("record_id"), s("status"), s("message")],
    sort_by: &["doc_id"],
};

/// `provenance.csv`.
pub const PROVENANCE: TableSchema = TableSchema {
    file: "provenance.csv",
    columns: &[s("study_id"), s("field"), s("value"), s("doc_id"), i("line"), s("rule")],
    sort_by: &["study_id", "field"],
};

/// `flags.csv`.
pub const FLAGS: TableSchema = TableSchema {
    file: "flags.csv",
    columns: &[s("study_id"), s("field"), s("severity"), s("kind"), s("message")],
    sort_by: &["study_id", "field", "kind", "severity", "message"],
};

/// `records.parquet` (only with `--emit-records`): every field of every
/// parsed document, for engines that link and report outside evtab. Not a
/// CSV, not in the data package: it is input for other tools, not a table
/// for reviewers.
pub const RECORDS: TableSchema = TableSchema {
    file: "records.parquet",
    columns: &[
        s("doc_id"),
        s("format"),
        s("study_id"),
        i("position"),
        s("field"),
        s("value"),
        s("normalised"),
        i("line"),
    ],
    sort_by: &["doc_id", "position"],
};

/// `theme_matrix.csv` has one column per study, so only its fixed columns are listed.
pub const THEME_MATRIX_FILE: &str = "theme_matrix.csv";

/// Every fixed-schema table, in the order they are written.
pub const ALL: [TableSchema; 8] =
    [STUDIES, AUTHORS, PARTICIPANTS, THEMES, THEME_EVIDENCE, SOURCES, PROVENANCE, FLAGS];
