//! The vocabulary every evtab stage speaks: what a parsed document looks like
//! ([`SourceRecord`]), what a linked study looks like ([`Study`]), and the
//! side tables that make every value traceable ([`Provenance`], [`Flag`]).
//!
//! This crate is the leaf of the workspace: it depends on serde only, reads no
//! files and knows nothing about CSV, polars or the command line. Types here
//! are not the CSV schema; the report crate converts them explicitly.
#![deny(missing_docs)]

mod record;
mod schema;
mod study;

pub use record::{Field, Passage, RecordField, Section, SourceFormat, SourceRecord, SourceStatus};
pub use schema::{StudyField, StudyValue, ValueType};
pub use study::{
    Author, Flag, FlagKind, ParticipantGroup, Provenance, Severity, Study, StudyTheme, ThemeEvidence,
    ThemeKind,
};
