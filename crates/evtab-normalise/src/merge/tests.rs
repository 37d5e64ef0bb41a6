use super::*;

fn record(doc: &str, format: SourceFormat, fields: &[(Field, &str)]) -> SourceRecord {
    let mut r = SourceRecord::new(doc, format);
    for (i, (field, value)) in fields.iter().enumerate() {
        r.push(*field, value, u32::try_from(i + 1).unwrap_or(0));
    }
    r
}

fn catalogue() -> JournalCatalogue {
    let ltwa = "stopwords = [\"of\"]\n[words]\n\"journal\" = \"j.\"\n\"reduction\" = \"reduct.\"\n";
    JournalCatalogue::from_toml_strs("", ltwa).expect("vocab")
}

fn merge(records: &[&SourceRecord], corpus: &[&str]) -> MergedStudy {
    let catalogue = catalogue();
    let corpus_journals: BTreeSet<String> = corpus.iter().map(|s| (*s).to_string()).collect();
    let corpus_journals = CorpusJournals::new(&corpus_journals, &catalogue);
    merge_study(records, &MergeContext { catalogue: &catalogue, corpus_journals: &corpus_journals })
}

#[test]
fn most_reliable_source_wins_and_every_candidate_is_traced() {
    let full =
        record("f", SourceFormat::Fulltext, &[(Field::Title, "A  title"), (Field::Date, "16 February 2021")]);
    let repo = record(
        "d",
        SourceFormat::Dspace,
        &[(Field::Title, "A title"), (Field::Date, "2021-02"), (Field::Doi, "https://doi.org/10.1234/AB")],
    );
    let m = merge(&[&full, &repo], &[]);
    assert_eq!(m.study.title.as_deref(), Some("A title"));
    assert_eq!(m.study.publication_date.as_deref(), Some("2021-02-16"));
    assert_eq!(m.study.year, Some(2021));
    assert_eq!(m.study.doi.as_deref(), Some("10.1234/ab"));
    assert_eq!(m.study.doc_ids, ["d", "f"]);
    let titles: Vec<_> =
        m.provenance.iter().filter(|p| p.field == "title").map(|p| p.doc_id.as_str()).collect();
    assert_eq!(titles, ["d", "f"]);
    assert!(m.flags.iter().all(|f| f.kind != FlagKind::Conflict), "{:?}", m.flags);
}

#[test]
fn disagreement_is_a_conflict_flag() {
    let a = record("a", SourceFormat::Dspace, &[(Field::Volume, "18"), (Field::Date, "2021-02-16")]);
    let b = record("b", SourceFormat::Pure, &[(Field::Volume, "19"), (Field::Date, "May 2021")]);
    let m = merge(&[&a, &b], &[]);
    assert_eq!(m.study.volume.as_deref(), Some("18"));
    let conflicts: Vec<_> =
        m.flags.iter().filter(|f| f.kind == FlagKind::Conflict).map(|f| f.field.as_str()).collect();
    assert_eq!(conflicts, ["publication_date", "volume"]);
}

#[test]
fn journal_abbreviation_resolves_through_a_corpus_title() {
    let v = record("v", SourceFormat::Vufind, &[(Field::JournalAbbrev, "Harm Reduct J")]);
    let m = merge(&[&v], &["Harm Reduction Journal", "Other Journal"]);
    assert_eq!(m.study.journal.as_deref(), Some("Harm Reduction Journal"));
    assert_eq!(m.study.journal_abbrev.as_deref(), Some("Harm Reduct J"));
    assert!(m.provenance.iter().any(|p| p.rule == "journal:iso4_of_corpus_title"));
}

#[test]
fn unresolvable_abbreviation_is_flagged_not_used_as_title() {
    let v = record("v", SourceFormat::Vufind, &[(Field::JournalAbbrev, "Xyz Q")]);
    let m = merge(&[&v], &[]);
    assert_eq!(m.study.journal, None);
    assert!(m.flags.iter().any(|f| f.field == "journal" && f.kind == FlagKind::Missing));
}

#[test]
fn identifiers_are_validated() {
    let r = record(
        "r",
        SourceFormat::Dspace,
        &[
            (Field::Issn, "1477-7517"),
            (Field::Pmcid, "6092784"),
            (Field::Language, "English"),
            (Field::Doi, "not a doi"),
        ],
    );
    let m = merge(&[&r], &[]);
    assert_eq!(m.study.issn.as_deref(), Some("1477-7517"));
    assert_eq!(m.study.pmcid.as_deref(), Some("PMC6092784"));
    assert_eq!(m.study.language.as_deref(), Some("en"));
    assert_eq!(m.study.doi, None);
    assert!(m.flags.iter().any(|f| f.field == "doi" && f.kind == FlagKind::Uncertain));
    assert_eq!(issn("1477-7518"), None);
}

#[test]
fn authors_come_from_the_best_source_and_lists_are_compared() {
    let d = record(
        "d",
        SourceFormat::Dspace,
        &[(Field::Author, "Lennox, Robin"), (Field::Author, "O’Shea, Tim")],
    );
    let f = record(
        "f",
        SourceFormat::Fulltext,
        &[(Field::Author, "Robin Lennox¹"), (Field::Author, "Tim O'Shea²")],
    );
    let m = merge(&[&f, &d], &[]);
    assert_eq!(m.study.authors.iter().map(vancouver).collect::<Vec<_>>(), ["Lennox R", "O’Shea T"]);
    assert_eq!(m.study.authors[1].raw, "O’Shea, Tim");
    assert!(m.flags.iter().all(|f| f.kind != FlagKind::Conflict));
}

#[test]
fn a_list_cut_short_gives_way_to_a_full_one_and_is_never_a_count() {
    let mut cut =
        record("b", SourceFormat::Medline, &[(Field::Author, "Doe, Ann"), (Field::Author, "Roe, Bo")]);
    cut.authors_truncated = true;
    let full = record(
        "r",
        SourceFormat::Ris,
        &[(Field::Author, "Doe, Ann"), (Field::Author, "Roe, Bo"), (Field::Author, "Poe, Cy")],
    );
    let m = merge(&[&cut, &full], &[]);
    assert_eq!(m.study.authors.len(), 3);
    assert!(!m.study.authors_truncated);
    assert!(m.flags.iter().all(|f| f.kind != FlagKind::Conflict));
    let alone = merge(&[&cut], &[]);
    assert!(alone.study.authors_truncated);
    assert_eq!(
        alone.study.value(evtab_model::StudyField::AuthorCount),
        evtab_model::StudyValue::Integer(None)
    );
}

#[test]
fn a_journal_renamed_before_publication_gets_its_new_name_and_a_flag() {
    let journals = "[[renamed]]\nfrom = \"Old Practice\"\nto = \"New Care\"\nyear = 2022\n";
    let catalogue = JournalCatalogue::from_toml_strs(journals, "[words]\n").expect("vocab");
    let corpus = CorpusJournals::default();
    let cx = MergeContext { catalogue: &catalogue, corpus_journals: &corpus };
    let r = record(
        "a",
        SourceFormat::AggregatorJson,
        &[(Field::Journal, "Old Practice"), (Field::Date, "2024-08-12")],
    );
    let m = merge_study(&[&r], &cx);
    assert_eq!(m.study.journal.as_deref(), Some("New Care"));
    assert!(m.provenance.iter().any(|p| p.rule == "journal:renamed" && p.value == "New Care"));
    assert!(m.flags.iter().any(|f| f.field == "journal" && f.message.contains("renamed")));
    let old =
        record("b", SourceFormat::AggregatorJson, &[(Field::Journal, "Old Practice"), (Field::Date, "2019")]);
    assert_eq!(merge_study(&[&old], &cx).study.journal.as_deref(), Some("Old Practice"));
}
