use std::cmp::Reverse;

use evtab_model::{ParticipantGroup, Section, SourceRecord};
use evtab_text::sentences;

use crate::expand::AbbreviationMap;
use crate::reading::{SentenceReading, read_sentence};
use crate::reconcile::merge_sources;
use crate::vocab::{Category, ParticipantVocab};
use crate::{DocParticipants, ExtractedGroup, SourceParticipants, StatedTotal};

/// Sections that report who took part. Background, aims, discussion,
/// conclusions, funding and back matter mention people who did not take part.
const READ_SECTIONS: [Section; 3] = [Section::Abstract, Section::Methods, Section::Results];

/// Longer "sentences" are unsplit blobs (tables, run-on page text), not
/// statements of who took part; skipping them keeps reading linear.
const MAX_SENTENCE_BYTES: usize = 4000;

struct LocatedReading {
    reading: SentenceReading,
    line: u32,
    evidence: String,
}

/// Reads a document's total and participant groups, from its abstract and
/// its body separately, then reconciles the two.
pub fn extract_participants(record: &SourceRecord, vocab: &ParticipantVocab) -> DocParticipants {
    let abbreviations = AbbreviationMap::from_record(record);
    let mut sources = Vec::new();
    for in_abstract in [true, false] {
        let mut readings = Vec::new();
        let passages = record
            .passages
            .iter()
            .filter(|p| p.in_abstract == in_abstract && READ_SECTIONS.contains(&p.section));
        for passage in passages {
            let mut follows_total = false;
            for sentence in
                sentences(&passage.text).into_iter().filter(|s| s.text.len() <= MAX_SENTENCE_BYTES)
            {
                let expanded = abbreviations.expand(sentence.text);
                let reading = read_sentence(&expanded, vocab, follows_total);
                follows_total = reading.as_ref().is_some_and(|r| r.total.is_some());
                if let Some(reading) = reading {
                    readings.push(LocatedReading {
                        reading,
                        line: passage.line.saturating_add(sentence.line_offset),
                        evidence: sentence.text.split_whitespace().collect::<Vec<_>>().join(" "),
                    });
                }
            }
        }
        if let Some(source) = combine_readings(&record.doc_id, in_abstract, &readings) {
            sources.push(source);
        }
    }
    let merged = merge_sources(&sources.iter().collect::<Vec<_>>());
    DocParticipants {
        doc_id: record.doc_id.clone(),
        total: merged.total,
        groups: merged.groups.into_iter().map(|g| g.group).collect(),
        flags: merged.flags,
        sources,
    }
}

/// One document part's groups come from its sentence with the most stated
/// group sizes (then the most groups, then the first). Other sentences add
/// a group only when they state its size, say it took part (a cue word or a
/// method tied to it) and name a category the main sentence lacks, so a
/// passing `a patient` or a restated subgroup adds nothing.
fn combine_readings(
    doc_id: &str,
    in_abstract: bool,
    readings: &[LocatedReading],
) -> Option<SourceParticipants> {
    let stated = |r: &SentenceReading| r.groups.iter().filter(|g| g.has_stated_size()).count();
    let best = readings
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.reading.groups.is_empty())
        .max_by_key(|(i, r)| (stated(&r.reading), r.reading.groups.len(), Reverse(*i)))
        .map(|(i, _)| i);
    let mut groups: Vec<ExtractedGroup> = Vec::new();
    if let Some(best) = best {
        let located = &readings[best];
        groups.extend(located.reading.groups.iter().map(|g| to_group(doc_id, located, g)));
        for (i, located) in readings.iter().enumerate() {
            if i == best {
                continue;
            }
            for g in &located.reading.groups {
                let category = g.category.unwrap_or(Category::Other).name();
                let takes_part = located.reading.has_cue_word || g.method_linked;
                if g.has_stated_size() && takes_part && !groups.iter().any(|x| x.group.category == category) {
                    groups.push(to_group(doc_id, located, g));
                }
            }
        }
    }
    let total_from = |r: &LocatedReading| {
        r.reading.total.map(|t| {
            (
                t.anaphoric,
                StatedTotal {
                    n: t.n,
                    doc_id: doc_id.to_string(),
                    line: r.line,
                    evidence: r.evidence.clone(),
                    rule: t.rule.to_string(),
                },
            )
        })
    };
    let best_total = best.and_then(|i| total_from(&readings[i])).filter(|(anaphoric, _)| !anaphoric);
    let total = best_total
        .or_else(|| readings.iter().filter_map(total_from).find(|(anaphoric, _)| !anaphoric))
        .or_else(|| readings.iter().find_map(total_from))
        .map(|(_, t)| t);
    if total.is_none() && groups.is_empty() {
        return None;
    }
    Some(SourceParticipants { doc_id: doc_id.to_string(), in_abstract, total, groups })
}

fn to_group(doc_id: &str, located: &LocatedReading, g: &crate::reading::GroupReading) -> ExtractedGroup {
    ExtractedGroup {
        group: ParticipantGroup {
            group: g.label.clone(),
            category: g.category.unwrap_or(Category::Other).name().to_string(),
            n: g.n,
            method: g.method.clone(),
            doc_id: doc_id.to_string(),
            line: located.line,
            evidence: located.evidence.clone(),
        },
        rule: g.rule().to_string(),
    }
}
