//! Content extraction around the stage crates: each document's
//! participants, context and themes as it is read, and one study's
//! documents reconciled into its rows.

use std::collections::BTreeMap;

use evtab_context::{DocContext, extract_context, reconcile_context};
use evtab_model::{
    Flag, ParticipantGroup, Provenance, SourceRecord, Study, StudyField, StudyTheme, ThemeEvidence,
};
use evtab_participants::{DocParticipants, extract_participants, reconcile_participants};
use evtab_themes::{CodebookMatcher, DocThemes, extract_themes, reconcile_themes};

use crate::vocab::Vocabularies;

/// What the content extractors found in one document.
#[derive(Default)]
pub(crate) struct DocExtraction {
    participants: Option<DocParticipants>,
    context: Option<DocContext>,
    themes: Option<DocThemes>,
}

/// Runs the content extractors on one parsed document, then drops its
/// running text: later stages need only its fields and these results, so
/// memory grows with the number of documents, not with their bytes.
pub(crate) fn extract_document(record: &mut SourceRecord, vocab: &Vocabularies) -> DocExtraction {
    let extraction = DocExtraction {
        participants: Some(extract_participants(record, &vocab.participants)),
        context: Some(extract_context(record, &vocab.context)),
        themes: Some(extract_themes(record)),
    };
    record.passages = Vec::new();
    record.result_headings = Vec::new();
    extraction
}

/// One study's rows for every table but `studies.csv`.
#[derive(Default)]
pub(crate) struct StudyRows {
    pub participants: Vec<ParticipantGroup>,
    pub themes: Vec<StudyTheme>,
    pub theme_evidence: Vec<ThemeEvidence>,
    pub provenance: Vec<Provenance>,
    pub flags: Vec<Flag>,
}

/// Reconciles what the documents of one study say: fills the study's
/// context columns and total, and returns its other rows.
pub(crate) fn reconcile_study(
    study: &mut Study,
    members: &[&DocExtraction],
    matcher: &CodebookMatcher,
) -> StudyRows {
    let mut rows = StudyRows::default();
    let per_doc: Vec<DocParticipants> = members.iter().filter_map(|d| d.participants.clone()).collect();
    let participants = reconcile_participants(&per_doc);
    study.n_participants = participants.total;
    rows.participants = participants.groups;
    rows.provenance.extend(participants.provenance);
    rows.flags.extend(participants.flags);

    let per_doc: Vec<DocContext> = members.iter().filter_map(|d| d.context.clone()).collect();
    let context = reconcile_context(&per_doc);
    set_context(study, context.values);
    rows.provenance.extend(context.provenance);
    rows.flags.extend(context.flags);

    let per_doc: Vec<DocThemes> = members.iter().filter_map(|d| d.themes.clone()).collect();
    let themes = reconcile_themes(&per_doc);
    rows.theme_evidence = matcher.match_study(&study.study_id, &themes);
    rows.flags.extend(matcher.unmatched_themes(&themes, &rows.theme_evidence));
    rows.flags.extend(themes.flags.iter().cloned());
    rows.themes = themes.themes;
    rows
}

/// Copies the reconciled context values into the study's columns; a column
/// with no value is emptied.
fn set_context(study: &mut Study, mut values: BTreeMap<StudyField, String>) {
    for &field in StudyField::CONTEXT {
        // Every context column is a settable text column.
        let _ = study.set(field, values.remove(&field));
    }
}
