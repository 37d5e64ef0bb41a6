//! The four seed studies, as the ingest stage hands them over (records built
//! by hand from the seed documents' sentences), through extraction,
//! reconciliation and the reviewer's codebook.

use evtab_model::{Passage, Section, SourceFormat, SourceRecord, ThemeKind};
use evtab_themes::{
    Codebook, CodebookMatcher, DocThemes, EvidenceSource, StudyThemes, ThemeBasis, extract_themes,
    reconcile_themes,
};

fn abstract_part(section: Section, text: &str, line: u32) -> Passage {
    Passage { section, in_abstract: true, heading: None, text: text.to_string(), line }
}

fn body(heading: &str, text: &str, line: u32) -> Passage {
    Passage {
        section: Section::Results,
        in_abstract: false,
        heading: Some(heading.to_string()),
        text: text.to_string(),
        line,
    }
}

const LENNOX_RESULTS: &str = "Fourteen participants were interviewed: 6 people who use drugs who had been \
hospitalized, 5 healthcare team members, 2 peer support workers, and 1 employer of peer support workers. At the \
core of the data was the notion of peer workers acting as a bridge. We found four themes that related to \
functions of this bridge: overcoming system barriers, advocacy, navigating transitions within the healthcare \
system, and restoring trust between HCPs and PWUD. We found two themes for building a strong bridge and making \
the role of a peer support worker function effectively (training and mentorship, and establishing boundaries). \
We found three themes involving characteristics of an effective peer worker (intrinsic qualities, \
contributions of shared experiences, and personal stability).";

fn lennox_dspace() -> SourceRecord {
    let mut r = SourceRecord::new("000_568092af73cfa570.txt", SourceFormat::Dspace);
    r.passages = vec![
        abstract_part(
            Section::Background,
            "To describe the key qualities and unique roles of peer support workers in the care of people who inject drugs during and after hospitalization.",
            10,
        ),
        abstract_part(
            Section::Methods,
            "We conducted a qualitative study. Data were collected from 2019 to 2020 using semi-structured interviews that were audio-recorded, transcribed, and analyzed thematically.",
            10,
        ),
        abstract_part(Section::Results, LENNOX_RESULTS, 10),
        abstract_part(
            Section::Conclusion,
            "Peer support workers act as a bridge between patients and healthcare providers and are critical in establishing trust, easing transitions in care, and providing unique supports to people who use drugs during and after hospitalization.",
            10,
        ),
    ];
    r
}

fn lennox_fulltext() -> SourceRecord {
    let mut r = SourceRecord::new("001_7d594808f116deb1.txt", SourceFormat::Fulltext);
    let headings = [
        ("Thematic map overview", 88),
        ("The Core: Peer support workers as a bridge", 92),
        ("Functions of the bridge", 103),
        ("Overcoming systemic barriers", 109),
        ("Advocacy", 125),
        ("Navigating transitions within the healthcare system", 137),
        ("Restoring trust", 147),
        ("Building a strong bridge: making the role of peer support worker function effectively", 169),
        ("Ongoing training and peer mentorship", 171),
        ("Establishing boundaries", 181),
        ("Characteristics of an effective peer support worker", 199),
        ("Intrinsic qualities", 201),
        ("Contribution of shared experiences", 207),
        ("Personal stability", 223),
    ];
    r.result_headings = headings.iter().map(|(h, l)| (h.to_string(), *l)).collect();
    r.passages = vec![
        abstract_part(Section::Results, LENNOX_RESULTS, 19),
        body(
            "Thematic map overview",
            "As demonstrated by the thematic map (Fig. 1), at the core of the data was the notion of the peer worker acting as a bridge. We found four themes that related to functions of this bridge: overcoming system barriers, advocacy, navigating transitions within the healthcare system, and restoring trust between HCPs and PWUD. We found two themes for building a strong bridge and making the role of a peer worker function effectively (training and mentorship and establishing boundaries). We also found three themes involving characteristics of an effective peer worker (intrinsic qualities, contributions of shared experience, and personal stability).",
            90,
        ),
        body(
            "The Core: Peer support workers as a bridge",
            "Central to the data was the concept of peer support workers as a “bridge” and served as an anchor in our analysis.",
            94,
        ),
        body(
            "Functions of the bridge",
            "Closely tied to the core concept of peer workers as a bridge were themes relating to the functions of peer workers for PWUD in hospital and after discharge: overcoming system barriers, advocacy, navigating transitions within the healthcare system, and restoring trust between HCPS and PWUD.",
            105,
        ),
        body(
            "Overcoming systemic barriers",
            "As a “bridge”, peer workers were felt to have the potential to help overcome systemic barriers faced by PWUD in hospitals, such as system trauma, stigma, and inflexibility.",
            111,
        ),
        body(
            "Advocacy",
            "Many PWUD felt disempowered within the hospital system and thought that a peer worker would be able to advocate for their needs both in hospital and after discharge.",
            127,
        ),
        body(
            "Restoring trust",
            "Participants expressed that the lack of trust could impede the provision of adequate care and that for PWUD to feel comfortable discussing their substance use with the healthcare team, trust is essential.",
            151,
        ),
        body(
            "Ongoing training and peer mentorship",
            "Participants emphasized the importance of adequate training for peer support workers to allow them to function effectively.",
            173,
        ),
        body(
            "Establishing boundaries",
            "Many participants emphasized the critical role of establishing boundaries in peer support work.",
            183,
        ),
        body(
            "Personal stability",
            "Rather, many participants brought up the concept of \"stability\" as being most important for a successful peer worker.",
            225,
        ),
    ];
    r
}

fn surey_pure() -> SourceRecord {
    let mut r = SourceRecord::new("002_68b8a14c7fab67b2.txt", SourceFormat::Pure);
    r.passages = vec![
        abstract_part(
            Section::Methods,
            "A participatory case study approach was taken to the study following the methodological guidance of Merriam (1998). Thematic analysis of the data was conducted, refined and finalised in a workshop with the research team and APSW participants.",
            11,
        ),
        abstract_part(
            Section::Results,
            "Three themes were generated from the data that explore the peer support worker's transition to APSW in the programme: Transition to Integration, Retaining ‘Peerness’, and Practising Critical Resilience. The advocacy and support enacted by the APSWs through the HepCare project, offer purpose and meaning alongside integration into a new social group. This is buffered by the supportive context of the programme and facilitates a motivating sense of worth.",
            11,
        ),
        abstract_part(
            Section::Conclusion,
            "The programme offers policy guidance for the structured career development of APSWs and a platform for enactment of critical resilience as they transition to their advanced role, in the healthcare provider team.",
            11,
        ),
    ];
    r
}

fn lessard_aggregator() -> SourceRecord {
    let mut r = SourceRecord::new("003_77363f6761efd2cd.txt", SourceFormat::AggregatorJson);
    let text = "Peer support has been extensively studied in specific areas of community-based primary care such as mental health, substance use, HIV, homelessness, and Indigenous health. A thematic analysis was performed based on semi-structured interviews (n = 18) with patients, relatives, clinicians, and a peer support worker. Findings show that peers connect with patients through sharing their own hardships and how they overcame them, rather than sharing similar health or social conditions. Peers provide social support and coaching beyond the care trajectory and link identified needs with available resources in the community, bridging the gap between health and social care. Primary care clinicians benefit from peer support work, as it helps overcome therapeutic impasses and facilitates communication of patient needs. However, integrating a peer into a primary care team can be challenging due to clinicians’ understanding of the nature and limits of peer support work, financial compensation, and the absence of a formal status within healthcare system. Our results show that to establish a relationship of trust, a peer does not need to share similar health or social conditions. Instead, they leverage their experiential knowledge, strengths, and abilities to create meaningful relationships and reliable connections that bridge the gap between health and social care. This, in turn, instills patients with hope for a better life, empowers them to take an active role in their own care, and helps them achieve life goals beyond healthcare.";
    r.passages = vec![abstract_part(Section::Abstract, text, 10)];
    r
}

fn tookey_vufind() -> SourceRecord {
    let mut r = SourceRecord::new("004_c88e3b23dc8ba8ff.txt", SourceFormat::Vufind);
    r.passages = vec![
        abstract_part(
            Section::Methods,
            "A participatory case study design was selected. Data was coded and analyzed using an inductive approach to identify emergent themes.",
            33,
        ),
        abstract_part(
            Section::Results,
            "Five primary themes emerged during our analysis of the facilitators and challenges of the transition from client to support worker: (1) the role of prior experience, (2) changes in substance use practices, (3) shifts in relationships with community members and friends, (4) supportive organizational and structural factors, and (5) role transition as a journey. In some cases, themes overlapped and contained elements that were both facilitating and challenging.",
            33,
        ),
    ];
    r
}

fn codebook() -> Codebook {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../pipelines/peer-support.codebook.toml");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Codebook::parse(&text, "pipelines/peer-support.codebook.toml").unwrap_or_else(|e| panic!("{e}"))
}

fn study(records: &[SourceRecord]) -> StudyThemes {
    let docs: Vec<DocThemes> = records.iter().map(extract_themes).collect();
    reconcile_themes(&docs)
}

fn rows(themes: &StudyThemes) -> Vec<(u32, ThemeKind, String, Option<String>)> {
    themes.themes.iter().map(|t| (t.theme_no, t.kind, t.theme.clone(), t.parent.clone())).collect()
}

#[test]
fn lennox_core_domains_and_themes_in_order() {
    let s = study(&[lennox_fulltext(), lennox_dspace()]);
    let bridge = Some("functions of this bridge".to_string());
    let strong = Some(
        "building a strong bridge and making the role of a peer support worker function effectively"
            .to_string(),
    );
    let effective = Some("characteristics of an effective peer worker".to_string());
    let expected = vec![
        (1, ThemeKind::Theme, "peer workers acting as a bridge".to_string(), None),
        (2, ThemeKind::Theme, "overcoming system barriers".to_string(), bridge.clone()),
        (3, ThemeKind::Theme, "advocacy".to_string(), bridge.clone()),
        (
            4,
            ThemeKind::Theme,
            "navigating transitions within the healthcare system".to_string(),
            bridge.clone(),
        ),
        (5, ThemeKind::Theme, "restoring trust between HCPs and PWUD".to_string(), bridge),
        (6, ThemeKind::Theme, "training and mentorship".to_string(), strong.clone()),
        (7, ThemeKind::Theme, "establishing boundaries".to_string(), strong),
        (8, ThemeKind::Theme, "intrinsic qualities".to_string(), effective.clone()),
        (9, ThemeKind::Theme, "contributions of shared experiences".to_string(), effective.clone()),
        (10, ThemeKind::Theme, "personal stability".to_string(), effective),
    ];
    assert_eq!(rows(&s), expected);
    // The DSpace abstract wins the tie by doc_id; its line and sentence are the evidence.
    assert!(s.themes.iter().all(|t| t.doc_id == "000_568092af73cfa570.txt" && t.line == 10));
    assert!(
        s.themes[1].evidence.starts_with("We found four themes that related to functions of this bridge")
    );

    // Headings that word a theme differently are flagged with both wordings.
    let messages: Vec<&str> = s.flags.iter().map(|f| f.message.as_str()).collect();
    for (label, heading) in [
        ("overcoming system barriers", "Overcoming systemic barriers"),
        ("training and mentorship", "Ongoing training and peer mentorship"),
        ("contributions of shared experiences", "Contribution of shared experiences"),
        ("restoring trust between HCPs and PWUD", "Restoring trust"),
    ] {
        assert!(
            messages
                .iter()
                .any(|m| m.contains(&format!("\"{label}\"")) && m.contains(&format!("\"{heading}\""))),
            "no flag for {label} / {heading}: {messages:#?}"
        );
    }
    assert!(!messages.iter().any(|m| m.contains("\"advocacy\"")), "{messages:#?}");
    // Same lists in both documents and in the body: no conflict flags, no count flags.
    assert!(s.flags.iter().all(|f| f.kind == evtab_model::FlagKind::Uncertain), "{messages:#?}");
    assert!(!messages.iter().any(|m| m.contains("announces")), "{messages:#?}");

    // Headings locate body evidence, attributed to the abstract's labels.
    let body: Vec<(&str, &str)> = s
        .evidence
        .iter()
        .filter(|e| e.source == EvidenceSource::Body)
        .map(|e| (e.study_theme.as_str(), e.text.as_str()))
        .collect();
    assert!(body.contains(&(
        "restoring trust between HCPs and PWUD",
        "Participants expressed that the lack of trust could impede the provision of adequate care and that for \
         PWUD to feel comfortable discussing their substance use with the healthcare team, trust is essential."
    )));
    assert!(body.iter().any(|(t, e)| *t == "personal stability" && e.contains("\"stability\"")));
    assert!(
        body.iter()
            .any(|(t, e)| *t == "peer workers acting as a bridge" && e.starts_with("Central to the data"))
    );
}

#[test]
fn full_text_alone_gives_the_same_list() {
    let docs = [extract_themes(&lennox_fulltext())];
    assert_eq!(docs[0].basis, ThemeBasis::AbstractList);
    let alone = reconcile_themes(&docs);
    let both = study(&[lennox_dspace(), lennox_fulltext()]);
    let labels =
        |s: &StudyThemes| s.themes.iter().map(|t| (t.theme.clone(), t.parent.clone())).collect::<Vec<_>>();
    assert_eq!(labels(&alone), labels(&both));
}

#[test]
fn full_text_without_abstract_list_uses_the_body_list() {
    let mut r = lennox_fulltext();
    r.passages.retain(|p| !p.in_abstract);
    let d = extract_themes(&r);
    assert_eq!(d.basis, ThemeBasis::BodyList);
    let labels: Vec<&str> = d.themes.iter().map(|t| t.theme.as_str()).collect();
    assert_eq!(labels[0], "the peer worker acting as a bridge");
    assert_eq!(labels[5], "training and mentorship");
    assert_eq!(labels[6], "establishing boundaries");
    assert_eq!(labels.len(), 10, "{labels:?}");
}

#[test]
fn full_text_without_any_list_uses_subheadings() {
    let mut r = lennox_fulltext();
    r.passages.retain(|p| !p.in_abstract && p.heading.as_deref() != Some("Thematic map overview"));
    r.passages.retain(|p| p.heading.as_deref() != Some("Functions of the bridge"));
    r.passages.retain(|p| p.heading.as_deref() != Some("The Core: Peer support workers as a bridge"));
    let d = extract_themes(&r);
    assert_eq!(d.basis, ThemeBasis::ResultHeadings);
    let labels: Vec<&str> = d.themes.iter().map(|t| t.theme.as_str()).collect();
    assert!(!labels.contains(&"Thematic map overview"), "{labels:?}");
    assert!(labels.contains(&"Overcoming systemic barriers") && labels.contains(&"Personal stability"));
    assert!(d.flags.iter().any(|f| f.message.contains("subheadings are taken as themes")));
}

#[test]
fn surey_quoted_labels_kept_as_printed() {
    let s = study(&[surey_pure()]);
    let labels: Vec<&str> = s.themes.iter().map(|t| t.theme.as_str()).collect();
    assert_eq!(
        labels,
        ["Transition to Integration", "Retaining ‘Peerness’", "Practising Critical Resilience"]
    );
    assert!(s.themes.iter().all(|t| t.parent.is_none() && t.kind == ThemeKind::Theme));
    // The results statements after the list are summary evidence.
    assert_eq!(s.evidence.iter().filter(|e| e.source == EvidenceSource::Summary).count(), 2);
}

#[test]
fn tookey_numbered_themes_in_order() {
    let s = study(&[tookey_vufind()]);
    let labels: Vec<&str> = s.themes.iter().map(|t| t.theme.as_str()).collect();
    assert_eq!(
        labels,
        [
            "the role of prior experience",
            "changes in substance use practices",
            "shifts in relationships with community members and friends",
            "supportive organizational and structural factors",
            "role transition as a journey"
        ]
    );
    assert_eq!(s.themes.iter().map(|t| t.theme_no).collect::<Vec<_>>(), [1, 2, 3, 4, 5]);
}

#[test]
fn lessard_findings_only() {
    let s = study(&[lessard_aggregator()]);
    assert_eq!(
        rows(&s),
        vec![
            (
                1,
                ThemeKind::Finding,
                "peers connect with patients through sharing their own hardships and how they overcame them, \
                 rather than sharing similar health or social conditions"
                    .to_string(),
                None
            ),
            (
                2,
                ThemeKind::Finding,
                "to establish a relationship of trust, a peer does not need to share similar health or social \
                 conditions"
                    .to_string(),
                None
            ),
        ]
    );
    // Sentences after each finding back that finding.
    assert!(
        s.evidence
            .iter()
            .any(|e| e.study_theme.starts_with("peers connect") && e.text.starts_with("However"))
    );
    assert!(
        s.evidence
            .iter()
            .any(|e| e.study_theme.starts_with("to establish") && e.text.starts_with("This, in turn"))
    );
}

#[test]
fn matrix_every_study_in_three_themes_and_every_row_traceable() {
    let matcher = CodebookMatcher::new(&codebook());
    let studies = [
        ("lennox2021", study(&[lennox_dspace(), lennox_fulltext()])),
        ("surey2021", study(&[surey_pure()])),
        ("lessard2024", study(&[lessard_aggregator()])),
        ("tookey2018", study(&[tookey_vufind()])),
    ];
    for (id, s) in &studies {
        let evidence = matcher.match_study(id, s);
        let mut supported: Vec<&str> = evidence.iter().map(|e| e.synthesis_theme.as_str()).collect();
        supported.dedup();
        assert!(supported.len() >= 3, "{id}: {supported:?}");
        for e in &evidence {
            assert_eq!(&e.study_id, id);
            let term = e.matched.trim_end_matches('*');
            let key = evtab_text::match_key(term);
            assert!(evtab_text::match_key(&e.evidence).contains(&key), "{id}: {e:?}");
        }
        // Deterministic.
        assert_eq!(evidence, matcher.match_study(id, s));
    }
    let lennox = matcher.match_study("lennox2021", &studies[0].1);
    for (synthesis, study_theme) in [
        ("bridging_navigation", "peer workers acting as a bridge"),
        ("advocacy_voice", "advocacy"),
        ("trust_connection", "restoring trust between HCPs and PWUD"),
        ("training_supervision_support", "training and mentorship"),
        ("boundaries", "establishing boundaries"),
        ("shared_lived_experience", "contributions of shared experiences"),
        ("stability_wellbeing_growth", "personal stability"),
    ] {
        assert!(
            lennox.iter().any(|e| e.synthesis_theme == synthesis && e.study_theme == study_theme),
            "{synthesis} <- {study_theme}"
        );
    }
    let lessard = matcher.match_study("lessard2024", &studies[2].1);
    assert!(
        lessard
            .iter()
            .any(|e| e.synthesis_theme == "recognition_pay" && e.matched == "financial compensation")
    );
}

#[test]
fn no_themes_no_findings_is_flagged() {
    let mut r = SourceRecord::new("x.txt", SourceFormat::Pure);
    r.passages = vec![abstract_part(Section::Abstract, "Peer work is growing. This paper describes it.", 3)];
    let d = extract_themes(&r);
    assert_eq!(d.basis, ThemeBasis::Nothing);
    let s = reconcile_themes(&[d]);
    assert!(s.themes.is_empty());
    assert!(s.flags.iter().any(|f| f.kind == evtab_model::FlagKind::Missing && f.message.contains("x.txt")));
    assert!(reconcile_themes(&[]).themes.is_empty());
}

#[test]
fn structured_results_without_lead_in_become_uncertain_findings() {
    let mut r = SourceRecord::new("y.txt", SourceFormat::Vufind);
    r.passages = vec![abstract_part(
        Section::Results,
        "Twelve peers were interviewed. Peers described feeling isolated within clinical teams. Training was \
         rarely offered to new peer staff.",
        7,
    )];
    let d = extract_themes(&r);
    assert_eq!(d.basis, ThemeBasis::Findings);
    let labels: Vec<&str> = d.themes.iter().map(|t| t.theme.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Peers described feeling isolated within clinical teams",
            "Training was rarely offered to new peer staff"
        ]
    );
    assert!(d.flags.iter().any(|f| f.kind == evtab_model::FlagKind::Uncertain));
}

#[test]
fn conflicting_lists_between_documents_are_flagged() {
    let mut other = SourceRecord::new("zz.txt", SourceFormat::Vufind);
    other.passages = vec![abstract_part(
        Section::Results,
        "Three themes were identified: the role of prior experience, peer pay, and role transition as a journey.",
        4,
    )];
    let s = study(&[tookey_vufind(), other]);
    assert_eq!(s.themes.len(), 5);
    let conflict = s.flags.iter().find(|f| f.kind == evtab_model::FlagKind::Conflict);
    let message = conflict.map(|f| f.message.as_str()).unwrap_or_default();
    assert!(message.contains("zz.txt also names: peer pay"), "{message}");
    assert!(message.contains("changes in substance use practices"), "{message}");
}

#[test]
fn ordinal_theme_sentences_form_a_list() {
    let mut r = SourceRecord::new("o.txt", SourceFormat::Pure);
    r.passages = vec![abstract_part(
        Section::Results,
        "Two themes were identified. The first theme, ‘Being there’, describes constant presence. The second \
         theme was role ambiguity within teams.",
        5,
    )];
    let d = extract_themes(&r);
    assert_eq!(d.basis, ThemeBasis::AbstractList);
    let labels: Vec<&str> = d.themes.iter().map(|t| t.theme.as_str()).collect();
    assert_eq!(labels, ["‘Being there’", "role ambiguity within teams"]);
}

#[test]
fn overarching_theme_is_the_parent_of_its_subthemes() {
    let mut r = SourceRecord::new("p.txt", SourceFormat::Dspace);
    r.passages = vec![abstract_part(
        Section::Results,
        "Analysis resulted in one overarching theme, ‘Bridging two worlds’, and three subthemes: earning \
         credibility, negotiating roles, and protecting oneself.",
        2,
    )];
    let s = reconcile_themes(&[extract_themes(&r)]);
    let bridging = Some("‘Bridging two worlds’".to_string());
    assert_eq!(
        rows(&s),
        vec![
            (1, ThemeKind::Theme, "‘Bridging two worlds’".to_string(), None),
            (2, ThemeKind::Theme, "earning credibility".to_string(), bridging.clone()),
            (3, ThemeKind::Theme, "negotiating roles".to_string(), bridging.clone()),
            (4, ThemeKind::Theme, "protecting oneself".to_string(), bridging),
        ]
    );
}
