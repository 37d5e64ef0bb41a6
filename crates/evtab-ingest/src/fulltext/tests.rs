use super::*;

fn values(record: &SourceRecord, field: Field) -> Vec<&str> {
    record.all(field).map(|f| f.value.as_str()).collect()
}

const ARTICLE: &str = "RESEARCH\n\nOpen Access\n\nA study of peers in care\n\nAnn Smith^{1*} , Bo van Dijk¹ and Cé O'Neil²\n\nAbstract\n\nBackground: Why.\n\nMethods: We interviewed 5 peers.\n\nKeywords: Peers, Care\n\nBackground\n\nPeers help (PWUD). The\n\n¹ Dept of X, Hamilton, Canada\n\nstudy continues here.\n\nResults\n\nFirst theme\n\nText under the first theme.\n\nReferences\n\n- Other A. Other study. J Other. 2019;1:1. https://doi.org/10.9999/other\n";

#[test]
fn front_matter_gives_title_and_authors_without_markers() {
    let record = parse("f", ARTICLE, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::Title), ["A study of peers in care"]);
    assert_eq!(values(&record, Field::Author), ["Ann Smith", "Bo van Dijk", "Cé O'Neil"]);
}

#[test]
fn reference_dois_are_never_the_study_doi() {
    let record = parse("f", ARTICLE, &crate::layout::test_layouts());
    assert!(values(&record, Field::Doi).is_empty());
    assert!(record.passages.iter().all(|p| !p.text.contains("Other study")));
}

#[test]
fn front_matter_doi_and_running_header_are_read() {
    let text = "Smith et al. Harm Reduction Journal (2021) 18:19\nhttps://doi.org/10.1186/ABC-1\n\nA study of peers\n\nAnn Smith\n\nAbstract\n\nText.\n\nBackground\n\nBody.\n";
    let record = parse("f", text, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::Doi), ["10.1186/ABC-1"]);
    assert_eq!(values(&record, Field::Journal), ["Harm Reduction Journal"]);
    assert_eq!(values(&record, Field::Volume), ["18"]);
}

#[test]
fn abstract_parts_keywords_and_page_breaks() {
    let record = parse("f", ARTICLE, &crate::layout::test_layouts());
    let abstract_parts: Vec<_> =
        record.passages.iter().filter(|p| p.in_abstract).map(|p| p.section).collect();
    assert_eq!(abstract_parts, [Section::Background, Section::Methods]);
    assert_eq!(values(&record, Field::Keyword), ["Peers", "Care"]);
    let joined = record.passages.iter().find(|p| p.text.starts_with("Peers help")).expect("body passage");
    // The affiliation between the halves is dropped and the gap keeps line numbers.
    assert_eq!(joined.text, "Peers help (PWUD). The\n\n\n\nstudy continues here.");
    assert_eq!(joined.line, 19);
}

#[test]
fn results_subheadings_are_recorded_with_lines() {
    let record = parse("f", ARTICLE, &crate::layout::test_layouts());
    assert_eq!(record.result_headings, [("First theme".to_string(), 27)]);
    let under = record.passages.iter().find(|p| p.text.starts_with("Text under")).expect("passage");
    assert_eq!(under.heading.as_deref(), Some("First theme"));
    assert_eq!(under.section, Section::Results);
}

#[test]
fn letter_and_star_markers_are_removed_from_names() {
    let layouts = crate::layout::test_layouts();
    let names = |list: &str| crate::names::split_names(list, &layouts.names).names;
    assert_eq!(
        names("Ann Okafor a,b,∗, Marie Lindqvist c and Bo van Dijk a"),
        ["Ann Okafor", "Marie Lindqvist", "Bo van Dijk"]
    );
    assert_eq!(names("Ann Smith^{1,2}, Bo Lee^{3*}"), ["Ann Smith", "Bo Lee"]);
}

#[test]
fn an_abbreviated_running_header_gives_the_abbreviation_once() {
    let text = "Smith et al. Harm Reduct J (2021) 18:19 https://doi.org/10.1186/s12954-021-00467-7\n\nA study of peers\n\nAnn Smith\n\nAbstract\n\nText.\n\nBackground\n\nBody.\n\nSmith et al. Harm Reduct J (2021) 18:19 Page 2 of 9\n\nMore body.\n";
    let record = parse("f", text, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::JournalAbbrev), ["Harm Reduct J"]);
    assert!(values(&record, Field::Journal).is_empty());
    assert_eq!(values(&record, Field::Volume), ["18"]);
    assert_eq!(values(&record, Field::Doi), ["10.1186/s12954-021-00467-7"]);
}

#[test]
fn publisher_chrome_above_the_title_is_skipped() {
    let text = "Contents lists available at ScienceDirect\n\njournal homepage: www.example.com/locate/x\n\nResearch Paper\n\nA study of peers\n\nAnn Smith a,∗, Bo Lee b\n\nAbstract\n\nText.\n\nIntroduction\n\nBody.\n";
    let record = parse("f", text, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::Title), ["A study of peers"]);
    assert_eq!(values(&record, Field::Author), ["Ann Smith", "Bo Lee"]);
}

#[test]
fn many_paragraphs_cut_by_page_breaks_are_joined_into_one() {
    // Each paragraph continues the one before it (it starts in lowercase);
    // joining them used to recount the lines of the growing paragraph.
    let body = "continued,\n\n".repeat(100_000);
    let text = format!(
        "A title\n\nAbstract\n\nBackground\n\nStart,\n\n{body}end.\n\nMethods\n\nx\n\nResults\n\ny\n"
    );
    let record = parse("f", &text, &crate::layout::test_layouts());
    let joined = record.passages.iter().find(|p| p.text.starts_with("Start,")).expect("joined paragraph");
    assert_eq!(joined.line, 7);
    assert!(joined.text.ends_with("end."));
    // Blank lines stay as newlines, so the lines still count exactly.
    assert_eq!(joined.text.matches('\n').count(), 2 * 100_000 + 2);
    let methods = record.passages.iter().find(|p| p.text == "x").expect("methods passage");
    assert_eq!(methods.line, 7 + 2 * 100_000 + 2 + 4);
}

#[test]
fn a_header_with_one_or_two_authors_is_not_the_title() {
    let text = "RESEARCH\n\nWilson and Rossi Harm Reduction Journal (2018) 1:163\n\nPeer workers in primary care: a qualitative study\n\nAnna Wilson^{1*} and Marco Rossi²\n\nAbstract\n\nText.\n\nBackground\n\nBody.\n";
    let record = parse("f", text, &crate::layout::test_layouts());
    assert_eq!(values(&record, Field::Title), ["Peer workers in primary care: a qualitative study"]);
    assert_eq!(values(&record, Field::Author), ["Anna Wilson", "Marco Rossi"]);
    assert_eq!(values(&record, Field::Journal), ["Harm Reduction Journal"]);
}

#[test]
fn headers_with_particles_and_non_ascii_capitals_are_not_the_title() {
    for (header, journal) in [
        ("Åberg Social Science & Medicine (2018) 52:103960", "Social Science & Medicine"),
        ("de la Cruz and Leonard Drug and Alcohol Dependence (2022) 8:104326", "Drug and Alcohol Dependence"),
        ("Müller and van Dijk PLoS One (2024) 5:3", "PLoS One"),
    ] {
        let text = format!(
            "RESEARCH\n\n{header}\n\nPeer workers in primary care: a qualitative study\n\nAnna Wilson^{{1*}}\n\nAbstract\n\nText.\n\nBackground\n\nBody.\n"
        );
        let record = parse("f", &text, &crate::layout::test_layouts());
        assert_eq!(
            values(&record, Field::Title),
            ["Peer workers in primary care: a qualitative study"],
            "{header}"
        );
        assert_eq!(values(&record, Field::Author), ["Anna Wilson"], "{header}");
        assert_eq!(values(&record, Field::Journal), [journal], "{header}");
    }
}

#[test]
fn a_continued_sentence_citing_a_journal_is_not_a_running_header() {
    let text = "RESEARCH\n\nPeer workers in primary care: a qualitative study\n\nAnna Wilson^{1*}\n\nAbstract\n\nText.\n\nBackground\n\nAs shown by Smith\n\nand colleagues in Harm Reduction Journal (2019) 16:3 peers help.\n\nMore body.\n";
    let record = parse("f", text, &crate::layout::test_layouts());
    assert!(values(&record, Field::Journal).is_empty(), "{:?}", values(&record, Field::Journal));
    assert!(values(&record, Field::Date).is_empty(), "{:?}", values(&record, Field::Date));
    let body: String = record.passages.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ");
    assert!(body.contains("colleagues in Harm Reduction Journal (2019) 16:3 peers help."), "{body}");
}

#[test]
fn a_running_header_between_the_halves_of_a_paragraph_loses_no_text() {
    let text = "A title here\n\nAnn Smith\n\nAbstract\n\nText.\n\nMethods\n\nParticipants were recruited from two clinics and\n\nPage 3 of 12\n\nSmith et al. Harm Reduction Journal (2021) 18:19\n\ntwelve participants were interviewed.\n";
    let record = parse("f", text, &crate::layout::test_layouts());
    let joined = record.passages.iter().find(|p| p.text.starts_with("Participants were")).expect("passage");
    assert!(joined.text.ends_with("twelve participants were interviewed."), "{}", joined.text);
    assert_eq!(values(&record, Field::Volume), ["18"]);
}

#[test]
fn a_web_copy_has_a_paragraph_per_line_and_abstract_headings() {
    let long = "Peer workers were interviewed about their work in the wards of two hospitals and about what helped them, what hindered them and what they would change, over a year of meetings and visits that the team kept notes of for later analysis.";
    assert!(long.len() > 200);
    let text = format!(
        "A study of peers\nJournal of Care volume 3, Article number: 7 (2024)\nAbstract\nBackground\nPeers help.\nMethods\n{long} {long}\nResults\nThree themes.\nConclusions\nPeers matter.\nBackground\nThe body opens here.\n"
    );
    let record = parse("f", &text, &crate::layout::test_layouts());
    let parts: Vec<_> = record.passages.iter().map(|p| (p.section, p.in_abstract, p.line)).collect();
    assert_eq!(
        parts,
        [
            (Section::Background, true, 5),
            (Section::Methods, true, 7),
            (Section::Results, true, 9),
            (Section::Conclusion, true, 11),
            (Section::Background, false, 13),
        ]
    );
}

#[test]
fn an_unlabelled_abstract_ends_at_the_first_heading() {
    let text = "A study of peers\n\nAbstract\n\nPeers help people.\n\nBackground\n\nThe body opens here.\n";
    let record = parse("f", text, &crate::layout::test_layouts());
    let parts: Vec<_> = record.passages.iter().map(|p| (p.section, p.in_abstract)).collect();
    assert_eq!(parts, [(Section::Abstract, true), (Section::Background, false)]);
}

#[test]
fn a_heading_with_no_blank_line_around_it_still_opens_its_section() {
    let text = "An invented title of a study\nAda Okafor1 and Bo Lindqvist2\n\nAbstract\nBackground  Why we asked.\nMethods  We interviewed 12 peer workers.\n\nBackground\nPeer work is new.\nMethods\nWe interviewed twelve peer workers in one city.\nResults\nTwo themes emerged.\n";
    let record = parse("f", text, &crate::layout::test_layouts());
    let sections: Vec<(Section, bool)> = record.passages.iter().map(|p| (p.section, p.in_abstract)).collect();
    assert!(sections.iter().any(|&(_, abs)| abs), "{sections:?}");
    for section in [Section::Background, Section::Methods, Section::Results] {
        assert!(sections.contains(&(section, false)), "{section:?} in {sections:?}");
    }
    let methods = record.passages.iter().find(|p| p.section == Section::Methods && !p.in_abstract);
    assert_eq!(
        methods.map(|p| (p.text.as_str(), p.line)),
        Some(("We interviewed twelve peer workers in one city.", 11))
    );
}
