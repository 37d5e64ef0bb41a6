//! The stages of a run, each a function from typed input to typed output:
//! documents → records → studies → extractions → tables.
//!
//! Every stage runs on the rayon pool the run installs; results are
//! collected in input order, and only ordered maps reach the tables, so the
//! same inputs give the same tables whatever the number of threads.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};

use evtab_ingest::{IngestLimits, ingest_document};
use evtab_model::{Field, Flag, Provenance, SourceFormat, SourceRecord, SourceStatus, Study};
use evtab_normalise::{
    CorpusJournals, Linkage, MergeContext, assign_study_ids, link_studies, merge_study, normalise_field,
};
use evtab_report::{RecordRow, SourceRow, Tables};
use evtab_themes::CodebookMatcher;
use rayon::prelude::*;

use crate::extraction::{DocExtraction, StudyRows, extract_document, reconcile_study};
use crate::input::{Entry, fingerprint, read_bytes};
use crate::vocab::Vocabularies;

/// Stage 1's output: every input entry's row, and the parsed records with
/// their content already extracted (index-aligned).
pub(crate) struct Documents {
    pub sources: Vec<SourceRow>,
    pub records: Vec<SourceRecord>,
    pub extractions: Vec<DocExtraction>,
    /// A document whose bytes repeat an earlier one's -> that earlier document.
    pub duplicates: BTreeMap<String, String>,
    /// The share of the stage's thread time spent reading, decoding and
    /// parsing (the rest is extraction), for `--timings`.
    pub reading_share: f64,
}

/// A parsed document with its content extracted, or why it was rejected.
type Parsed = Result<(SourceRecord, DocExtraction), String>;

/// A file's detected format and its documents, each with its id.
type FileDocuments = (Option<SourceFormat>, Vec<(String, Parsed)>);

/// What reading one input entry gave: its detected format and its
/// documents (one for a page, one per record of an export file), or why
/// it could not be read at all.
struct Read {
    file_id: String,
    outcome: Result<FileDocuments, String>,
    fingerprint: Option<(usize, u64)>,
    /// The encoding the file was read in, when not UTF-8.
    encoding: Option<&'static str>,
}

/// Stage 1, documents → records: each entry is read, decoded, parsed and
/// its content extracted in one go, in parallel (the records of one export
/// file too); only its fields and extraction results are kept.
pub(crate) fn read_documents(
    entries: &[Entry],
    max_document_bytes: u64,
    vocab: &Vocabularies,
    extract: bool,
    on_document: &(dyn Fn() + Sync),
) -> Documents {
    let limits = IngestLimits { max_document_bytes, ..IngestLimits::default() };
    let (parsing, extracting) = (AtomicU64::new(0), AtomicU64::new(0));
    let reads: Vec<Read> = entries
        .par_iter()
        .map(|(file_id, path)| {
            let read = match read_bytes(path, limits, &vocab.layouts) {
                Err(message) => Read {
                    file_id: file_id.clone(),
                    outcome: Err(message),
                    fingerprint: None,
                    encoding: None,
                },
                Ok(bytes) => {
                    let parse_started = std::time::Instant::now();
                    let outcome = ingest_document(file_id, &bytes, limits, &vocab.layouts);
                    add_nanos(&parsing, parse_started);
                    let format = outcome.format;
                    let encoding = outcome.encoding;
                    let parsed = outcome.result.map_err(|e| e.to_string()).map(|documents| {
                        documents
                            .into_par_iter()
                            .map(|d| {
                                let parsed = d.result.map_err(|e| e.to_string()).map(|mut record| {
                                    let extract_started = std::time::Instant::now();
                                    let extraction = if extract {
                                        extract_document(&mut record, vocab)
                                    } else {
                                        record.passages = Vec::new();
                                        DocExtraction::default()
                                    };
                                    add_nanos(&extracting, extract_started);
                                    (record, extraction)
                                });
                                (d.doc_id, parsed)
                            })
                            .collect::<Vec<_>>()
                    });
                    Read {
                        file_id: file_id.clone(),
                        outcome: parsed.map(|docs| (format, docs)).map_err(|e| e.to_string()),
                        fingerprint: Some(fingerprint(&bytes)),
                        encoding,
                    }
                }
            };
            on_document();
            read
        })
        .collect();

    // The same file saved twice under two names: both are kept (each is an
    // input and gets its rows), and the later one says which it repeats.
    let mut first_with: BTreeMap<(usize, u64), String> = BTreeMap::new();
    let mut duplicate_files: BTreeMap<String, String> = BTreeMap::new();
    for read in &reads {
        if let Some(fingerprint) = read.fingerprint {
            match first_with.get(&fingerprint) {
                Some(first) => {
                    duplicate_files.insert(read.file_id.clone(), first.clone());
                }
                None => {
                    first_with.insert(fingerprint, read.file_id.clone());
                }
            }
        }
    }
    let mut documents = Documents {
        sources: Vec::new(),
        records: Vec::new(),
        extractions: Vec::new(),
        duplicates: BTreeMap::new(),
        reading_share: {
            #[allow(clippy::cast_precision_loss)]
            let (p, e) = (parsing.load(Ordering::Relaxed) as f64, extracting.load(Ordering::Relaxed) as f64);
            if p + e > 0.0 { p / (p + e) } else { 1.0 }
        },
    };
    for read in reads {
        let repeats = duplicate_files.get(read.file_id.as_str()).cloned();
        // A file not in UTF-8 says which encoding it was read in.
        let read_as = read.encoding.map(|e| {
            if e == evtab_ingest::UTF8_DAMAGED {
                format!("read as {e}")
            } else {
                format!("read as {e} (not UTF-8)")
            }
        });
        let row = |doc_id: &str, format, status, message: Option<String>| SourceRow {
            doc_id: doc_id.to_string(),
            format,
            study_id: None,
            record_id: None,
            status,
            message: match (&read_as, message) {
                (Some(note), Some(m)) => Some(format!("{note}; {m}")),
                (Some(note), None) => Some(note.clone()),
                (None, m) => m,
            },
        };
        match read.outcome {
            Err(message) => {
                documents.sources.push(row(&read.file_id, None, SourceStatus::Rejected, Some(message)))
            }
            Ok((format, docs)) => {
                for (doc_id, parsed) in docs {
                    if let Some(first) = &repeats {
                        // The same record of the earlier file (`a.ris#3` repeats `b.ris#3`).
                        let first_doc = doc_id.replacen(&read.file_id, first, 1);
                        documents.duplicates.insert(doc_id.clone(), first_doc);
                    }
                    match parsed {
                        Err(message) => documents.sources.push(row(
                            &doc_id,
                            format,
                            SourceStatus::Rejected,
                            Some(message),
                        )),
                        Ok((record, extraction)) => {
                            let (status, message) = if record.warnings.is_empty() {
                                (SourceStatus::Ok, None)
                            } else {
                                (SourceStatus::Partial, Some(record.warnings.join("; ")))
                            };
                            let ids: Vec<&str> =
                                record.all(Field::RecordId).map(|f| f.value.as_str()).collect();
                            let mut source = row(&doc_id, Some(record.format), status, message);
                            source.record_id = (!ids.is_empty()).then(|| ids.join("; "));
                            documents.sources.push(source);
                            documents.records.push(record);
                            documents.extractions.push(extraction);
                        }
                    }
                }
            }
        }
    }
    documents
}

/// Adds the time since `started` to a counter of nanoseconds.
fn add_nanos(counter: &AtomicU64, started: std::time::Instant) {
    let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
    counter.fetch_add(nanos, Ordering::Relaxed);
}

/// Stage 2, records → groups of records: linking, or (with linking off)
/// every record a group of its own.
pub(crate) fn link(records: &[SourceRecord], link: bool) -> Linkage {
    if link {
        link_studies(records)
    } else {
        Linkage { groups: (0..records.len()).map(|i| vec![i]).collect(), near_misses: Vec::new() }
    }
}

/// Stage 3's output: one study per group, its id assigned, with the
/// provenance and flags of merging its records.
pub(crate) struct MergedStudy {
    pub study: Study,
    pub provenance: Vec<Provenance>,
    pub flags: Vec<Flag>,
}

/// Stage 3, groups → studies: each group's records merged by field
/// precedence, then study ids assigned across all studies.
pub(crate) fn merge(records: &[SourceRecord], linkage: &Linkage, vocab: &Vocabularies) -> Vec<MergedStudy> {
    let corpus_journals: BTreeSet<String> = records
        .iter()
        .flat_map(|r| r.all(Field::Journal).map(|f| f.value.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect();
    let corpus_journals = CorpusJournals::new(&corpus_journals, &vocab.journals);
    let cx = MergeContext { catalogue: &vocab.journals, corpus_journals: &corpus_journals };
    let mut merged: Vec<MergedStudy> = linkage
        .groups
        .par_iter()
        .map(|group| {
            let members: Vec<&SourceRecord> = group.iter().map(|&i| &records[i]).collect();
            let m = merge_study(&members, &cx);
            let mut flags = m.flags;
            // A document's own flags (embedded metadata about another item, ...)
            // are the study's once the document has joined it.
            flags.extend(members.iter().flat_map(|r| r.flags.iter().cloned()));
            MergedStudy { study: m.study, provenance: m.provenance, flags }
        })
        .collect();
    let mut studies: Vec<Study> = merged.iter_mut().map(|m| std::mem::take(&mut m.study)).collect();
    assign_study_ids(&mut studies);
    for (m, study) in merged.iter_mut().zip(studies) {
        m.study = study;
    }
    merged
}

/// Stage 4's output: a study with its context and total filled in, and
/// every row it contributes to the other tables.
pub(crate) struct ExtractedStudy {
    pub study: Study,
    pub rows: StudyRows,
}

/// Stage 4, studies → extractions: each study's documents reconciled on the
/// worker threads; the studies come back in id order (every table is
/// sorted by study id, and rows that arrive nearly in order sort fast).
pub(crate) fn extract(
    merged: Vec<MergedStudy>,
    linkage: &Linkage,
    extractions: &[DocExtraction],
    vocab: &Vocabularies,
) -> Vec<ExtractedStudy> {
    let matcher = CodebookMatcher::new(&vocab.codebook);
    let mut studies: Vec<ExtractedStudy> = merged
        .into_par_iter()
        .zip(linkage.groups.par_iter())
        .map(|(m, group)| {
            let mut study = m.study;
            let members: Vec<&DocExtraction> = group.iter().map(|&i| &extractions[i]).collect();
            let mut rows = reconcile_study(&mut study, &members, &matcher);
            rows.provenance.extend(m.provenance);
            rows.flags.extend(m.flags);
            ExtractedStudy { study, rows }
        })
        .collect();
    studies.par_sort_unstable_by(|a, b| a.study.study_id.cmp(&b.study.study_id));
    studies
}

/// Stage 5, extractions → tables: every row filed under its study's id,
/// each input's row told which study it joined, near misses filed under
/// their first document's study, and the records when asked for.
pub(crate) fn assemble(
    documents: Documents,
    linkage: Linkage,
    studies: Vec<ExtractedStudy>,
    vocab: &Vocabularies,
    emit_records: bool,
) -> Tables {
    let Documents { mut sources, records, extractions, duplicates, .. } = documents;
    let mut tables = Tables {
        synthesis_themes: vocab.codebook.themes.iter().map(|t| t.id.clone()).collect(),
        synthesis_labels: vocab.codebook.themes.iter().map(|t| (t.id.clone(), t.label.clone())).collect(),
        ..Tables::default()
    };
    let total = |len: fn(&StudyRows) -> usize| studies.iter().map(|s| len(&s.rows)).sum::<usize>();
    tables.participants.reserve(total(|x| x.participants.len()));
    tables.themes.reserve(total(|x| x.themes.len()));
    tables.theme_evidence.reserve(total(|x| x.theme_evidence.len()));
    tables.provenance.reserve(total(|x| x.provenance.len()));
    tables.flags.reserve(total(|x| x.flags.len()) + linkage.near_misses.len());

    // Which study each document joined.
    let study_of_doc: BTreeMap<&str, &str> = studies
        .iter()
        .flat_map(|s| s.study.doc_ids.iter().map(|d| (d.as_str(), s.study.study_id.as_str())))
        .collect();
    let study_of = |doc: &str| study_of_doc.get(doc).map(|s| (*s).to_string());
    for row in &mut sources {
        row.study_id = study_of(&row.doc_id);
        if let Some(first) = duplicates.get(&row.doc_id) {
            let same_study = row.study_id.is_some() && row.study_id == study_of(first);
            let note = if same_study {
                format!("same bytes as {first}; both are sources of the same study")
            } else {
                format!("same bytes as {first}")
            };
            row.message = Some(match row.message.take() {
                Some(message) => format!("{note}; {message}"),
                None => note,
            });
        }
    }
    // A near miss names both documents; it is filed under the first one's study.
    for miss in &linkage.near_misses {
        let study_id = study_of(&records[miss.a].doc_id).unwrap_or_default();
        tables.flags.push((study_id, miss.flag(&records)));
    }
    if emit_records {
        tables.records = Some(record_rows(&records, &study_of_doc));
    }
    drop(study_of_doc);
    for ExtractedStudy { study, rows } in studies {
        let id = &study.study_id;
        tables.participants.extend(rows.participants.into_iter().map(|g| (id.clone(), g)));
        tables.themes.extend(rows.themes.into_iter().map(|t| (id.clone(), t)));
        tables.theme_evidence.extend(rows.theme_evidence);
        tables.provenance.extend(rows.provenance.into_iter().map(|p| (id.clone(), p)));
        tables.flags.extend(rows.flags.into_iter().map(|f| (id.clone(), f)));
        tables.studies.push(study);
    }
    tables.sources = sources;
    // Millions of small values: freed on both threads rather than one.
    rayon::join(|| drop(records), || drop(extractions));
    tables
}

/// Every field of every parsed document in canonical form, for
/// `records.parquet`.
fn record_rows(records: &[SourceRecord], study_of_doc: &BTreeMap<&str, &str>) -> Vec<RecordRow> {
    records
        .par_iter()
        .flat_map_iter(|record| {
            let study_id = study_of_doc.get(record.doc_id.as_str()).map(|s| (*s).to_string());
            record.fields.iter().zip(1..).map(move |(f, position)| RecordRow {
                doc_id: record.doc_id.clone(),
                format: record.format,
                study_id: study_id.clone(),
                position,
                field: f.field.name(),
                value: f.value.clone(),
                normalised: normalise_field(f.field, &f.value),
                line: f.line,
            })
        })
        .collect()
}
