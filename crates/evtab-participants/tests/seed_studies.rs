//! The seed corpus, as the ingest stage hands it over (passages built by
//! hand from the seed documents), read and reconciled per study.

use evtab_model::{FlagKind, Passage, Section, SourceFormat, SourceRecord};
use evtab_participants::{
    DocParticipants, ParticipantVocab, StudyParticipants, extract_participants, reconcile_participants,
};

fn vocab() -> ParticipantVocab {
    ParticipantVocab::from_toml_str(include_str!("../../../pipelines/vocab/participant_categories.toml"))
        .expect("shipped vocabulary loads")
}

fn record(doc_id: &str, format: SourceFormat, passages: &[(Section, bool, &str, u32)]) -> SourceRecord {
    let mut r = SourceRecord::new(doc_id, format);
    for &(section, in_abstract, text, line) in passages {
        r.passages.push(Passage { section, in_abstract, heading: None, text: text.to_string(), line });
    }
    r
}

const LENNOX_METHODS: &str = "We conducted a qualitative study. Key stakeholders were recruited including: people who use drugs who had been hospitalized, healthcare team members, peer support workers, and employers of peer support workers. Data were collected from 2019 to 2020 using semi-structured interviews that were audio-recorded, transcribed, and analyzed thematically.";
const LENNOX_RESULTS: &str = "Fourteen participants were interviewed: 6 people who use drugs who had been hospitalized, 5 healthcare team members, 2 peer support workers, and 1 employer of peer support workers. At the core of the data was the notion of peer workers acting as a bridge. We found four themes that related to functions of this bridge: overcoming system barriers, advocacy, navigating transitions within the healthcare system, and restoring trust between HCPs and PWUD. We found two themes for building a strong bridge and making the role of a peer support worker function effectively (training and mentorship, and establishing boundaries).";
const LENNOX_BACKGROUND: &str = "To describe the key qualities and unique roles of peer support workers in the care of people who inject drugs during and after hospitalization.";
const LENNOX_CONCLUSION: &str = "Peer support workers are highly valued by both people who use drugs and members of the healthcare team. Peer support workers act as a bridge between patients and healthcare providers and are critical in establishing trust.";

fn lennox_dspace() -> SourceRecord {
    record(
        "000_568092af73cfa570.txt",
        SourceFormat::Dspace,
        &[
            (Section::Background, true, LENNOX_BACKGROUND, 10),
            (Section::Methods, true, LENNOX_METHODS, 10),
            (Section::Results, true, LENNOX_RESULTS, 10),
            (Section::Conclusion, true, LENNOX_CONCLUSION, 10),
        ],
    )
}

fn lennox_fulltext() -> SourceRecord {
    record(
        "001_7d594808f116deb1.txt",
        SourceFormat::Fulltext,
        &[
            (Section::Background, true, LENNOX_BACKGROUND, 15),
            (Section::Methods, true, LENNOX_METHODS, 17),
            (Section::Results, true, LENNOX_RESULTS, 19),
            (Section::Conclusion, true, LENNOX_CONCLUSION, 21),
            (
                Section::Background,
                false,
                "People who use drugs (PWUD) present to the emergency department and are hospitalized more often than the general population [1–3]. Hospitals have been identified as a “risk environment” for PWUD [4, 5].",
                27,
            ),
            (
                Section::Background,
                false,
                "Healthcare providers (HCPs) have also expressed feeling ill-prepared and reluctant to provide care for PWUD [8, 9]. In one randomized-controlled trial, the use of peer mentors for patients with severe mental illness was demonstrated to reduce hospital readmissions over a period of nine months [13].",
                31,
            ),
            (
                Section::Methods,
                false,
                "The study took place between March and September 2019 in an urban center in Southwestern Ontario, Canada. Patient participants were recruited from two academic hospitals in Hamilton, Ontario. This was a qualitative study.",
                56,
            ),
            (
                Section::Methods,
                false,
                "Fourteen participants were interviewed: 6 hospitalized PWUD, 5 members of the healthcare team (two family physicians, general internist, infectious diseases specialist, cardiologist), two peer support workers (with previous training and experience working in community-based health outreach and harm reduction agencies), and one employer of peer support workers.",
                60,
            ),
            (
                Section::Methods,
                false,
                "The research team was composed of three individuals. The first author is a family physician with expertise in addiction medicine. She coded 100% of the transcripts. The second author was a research associate with over 10 years of research experience and 5 years of healthcare research. They also have experience with qualitative research designs and interviewing participants.",
                64,
            ),
            (
                Section::Methods,
                false,
                "The first interview (that was with a patient) was treated as a pilot interview.",
                70,
            ),
            (
                Section::Methods,
                false,
                "Upon institutional research ethics board approval, participants were recruited using purposive sampling procedures to gather in-depth information specific to our research questions [19]. We recruited patients, HCPs, peer support worker employers, and peer support workers. One-on-one interviews for patients were conducted face to face. One-on-one interviews for HCPs, peer support worker employers, and peer support workers were conducted by phone or face to face. Duration of the interviews ranged from 15 to 30 min and was audio-recorded. Participants were provided with a \\$20 gift card. After the 14th interview, it was decided that the richness of the meaning was sufficient to answer our research questions and recruitment was ended [20].",
                74,
            ),
            (
                Section::Methods,
                false,
                "The first and second authors met to discuss interpretations and initial theme development after the first five interviews, and again after all the interviews.",
                82,
            ),
            (
                Section::Results,
                false,
                "All participants had interacted with peer support workers to different extents and/or were aware of the peer support worker role, but most had some past experience with peer workers that informed their responses. All six PWUD interviewed said that they would welcome involvement of peer workers in their care.",
                86,
            ),
            (
                Section::Results,
                false,
                "In highly structured settings such as acute care, one participant felt that unstable substance use could potentially impact the peer worker; \"in terms of their ability to fulfill their role on a regular basis\" (P10, HCP).",
                231,
            ),
            (
                Section::Discussion,
                false,
                "Second, we used purposive sampling to gather in-depth information; however, other stakeholders, such as nurses, administrative staff, policy makers, may offer different perspectives.",
                249,
            ),
            (
                Section::BackMatter,
                false,
                "PWID: People who inject drugs; PWUD: People who use drugs; HCPs: Healthcare providers.",
                257,
            ),
            (
                Section::BackMatter,
                false,
                "This study was undertaken with ethics approval from the Hamilton Integrated Research Ethics Board (Study ID # 5877). All participants provided written consent and received a \\$20 honorarium.",
                277,
            ),
        ],
    )
}

fn surey_pure() -> SourceRecord {
    record(
        "002_68b8a14c7fab67b2.txt",
        SourceFormat::Pure,
        &[
            (
                Section::Background,
                true,
                "Peer support has been used as a mechanism to facilitate active engagement with healthcare amongst underserved populations. The HepCare project upskilled experienced peer support workers (PSWs) to become equal members of a service provider team, taking on advanced clinical roles normally carried out by medical or nursing specialists.",
                9,
            ),
            (
                Section::Methods,
                true,
                "A participatory case study approach was taken to the study following the methodological guidance of Merriam (1998). The subject of the case in our study is the advanced peer support workers (APSWs) functioning in the HepCare project as service providers. The object of the case is an exploration of their transition to service provider in the HCV screening and treatment support service. Five peer led in-depth interviews with APSWs were supplemented by a survey of health professionals, interviews with service users, documentary evidence in the form of job descriptions, observational notes and a blog from the field. Thematic analysis of the data was conducted, refined and finalised in a workshop with the research team and APSW participants.",
                9,
            ),
            (
                Section::Results,
                true,
                "Three themes were generated from the data that explore the peer support worker's transition to APSW in the programme: Transition to Integration, Retaining ‘Peerness’, and Practising Critical Resilience. The advocacy and support enacted by the APSWs through the HepCare project, offer purpose and meaning alongside integration into a new social group.",
                9,
            ),
            (
                Section::Conclusion,
                true,
                "The programme offers policy guidance for the structured career development of APSWs and a platform for enactment of critical resilience as they transition to their advanced role, in the healthcare provider team.",
                9,
            ),
        ],
    )
}

fn lessard_aggregator() -> SourceRecord {
    record(
        "003_77363f6761efd2cd.txt",
        SourceFormat::AggregatorJson,
        &[(
            Section::Abstract,
            true,
            "Peer support has been extensively studied in specific areas of community-based primary care such as mental health, substance use, HIV, homelessness, and Indigenous health. These programs are often built on the assumption that peers must share similar social identities or lived experiences of disease to be effective. A participatory qualitative study was conducted between 2020 and 2022 to explore the feasibility, acceptability, and perceived effects of the integration of a peer support worker in a primary care setting in Montreal, Canada. A thematic analysis was performed based on semi-structured interviews (n = 18) with patients, relatives, clinicians, and a peer support worker. Findings show that peers connect with patients through sharing their own hardships and how they overcame them, rather than sharing similar health or social conditions. Primary care clinicians benefit from peer support work, as it helps overcome therapeutic impasses and facilitates communication of patient needs. However, integrating a peer into a primary care team can be challenging due to clinicians’ understanding of the nature and limits of peer support work, financial compensation, and the absence of a formal status within healthcare system. Finally, integrating peers in primary care contributes in overcoming obstacles to prevention and care, reduce distrust of institutions, prioritize needs, and help patients navigate the complexities of healthcare services.",
            4,
        )],
    )
}

fn tookey_vufind() -> SourceRecord {
    record(
        "004_c88e3b23dc8ba8ff.txt",
        SourceFormat::Vufind,
        &[
            (
                Section::Background,
                true,
                "Despite the integration of peer workers into harm reduction services, there is little documentation regarding the experience of this integration. The purpose of this study was to gain an in-depth understanding of the transition from client to support worker from the perspective of two individuals who received treatment for hepatitis C at a multi-disciplinary, community-based program.",
                38,
            ),
            (
                Section::Methods,
                true,
                "A participatory case study design was selected. Interviews were conducted with two current peer workers who were also involved in the study design, analysis and writing. Data was coded and analyzed using an inductive approach to identify emergent themes.",
                38,
            ),
            (
                Section::Results,
                true,
                "Five primary themes emerged during our analysis of the facilitators and challenges of the transition from client to support worker: (1) the role of prior experience, (2) changes in substance use practices, (3) shifts in relationships with community members and friends, (4) supportive organizational and structural factors, and (5) role transition as a journey.",
                38,
            ),
            (
                Section::Conclusion,
                true,
                "The transition from client to co-worker is a gradual process. The cases examined here suggest that a model of peer employment with broad qualification criteria will support successful integration of current and/or former clients into health care teams.",
                38,
            ),
        ],
    )
}

fn rows(study: &StudyParticipants) -> Vec<(String, String, Option<u32>, Option<String>)> {
    study.groups.iter().map(|g| (g.group.clone(), g.category.clone(), g.n, g.method.clone())).collect()
}

fn row(
    group: &str,
    category: &str,
    n: Option<u32>,
    method: Option<&str>,
) -> (String, String, Option<u32>, Option<String>) {
    (group.to_string(), category.to_string(), n, method.map(str::to_string))
}

#[test]
fn lennox_dspace_and_full_text_reconcile_to_one_set_of_four_groups() {
    let vocab = vocab();
    let docs: Vec<DocParticipants> =
        [lennox_fulltext(), lennox_dspace()].iter().map(|r| extract_participants(r, &vocab)).collect();
    // The full text alone already reconciles its abstract with its Participants paragraph.
    assert_eq!(docs[0].groups.len(), 4, "{:#?}", docs[0]);
    assert_eq!(docs[0].total.as_ref().map(|t| t.n), Some(14));
    assert_eq!(docs[0].sources.len(), 2);
    let body = docs[0].sources.iter().find(|s| !s.in_abstract).expect("a body reading");
    assert_eq!(body.total.as_ref().map(|t| (t.n, t.line)), Some((14, 60)));
    assert_eq!(body.groups[0].group.group, "hospitalized people who use drugs");

    let study = reconcile_participants(&docs);
    assert_eq!(study.total, Some(14));
    assert_eq!(
        rows(&study),
        [
            row(
                "people who use drugs who had been hospitalized",
                "patient_or_service_user",
                Some(6),
                Some("interview")
            ),
            row("healthcare team members", "healthcare_provider", Some(5), Some("interview")),
            row("peer support workers", "peer_worker", Some(2), Some("interview")),
            row("employer of peer support workers", "employer_or_manager", Some(1), Some("interview")),
        ]
    );
    assert!(study.flags.is_empty(), "{:#?}", study.flags);
    // Abstract wording, from the first document by id.
    assert!(study.groups.iter().all(|g| g.doc_id == "000_568092af73cfa570.txt" && g.line == 10));
    assert!(study.groups[0].evidence.starts_with("Fourteen participants were interviewed: 6 people"));
    let totals: Vec<(&str, &str, u32)> = study
        .provenance
        .iter()
        .filter(|p| p.field == "n_participants")
        .map(|p| (p.doc_id.as_str(), p.value.as_str(), p.line))
        .collect();
    assert_eq!(
        totals,
        [
            ("000_568092af73cfa570.txt", "14", 10),
            ("001_7d594808f116deb1.txt", "14", 19),
            ("001_7d594808f116deb1.txt", "14", 60),
        ]
    );
    // Order of documents does not matter.
    let reversed: Vec<DocParticipants> = docs.iter().rev().cloned().collect();
    assert_eq!(reconcile_participants(&reversed), study);
}

#[test]
fn lessard_total_18_and_four_groups_only_the_peer_worker_sized() {
    let study = reconcile_participants(&[extract_participants(&lessard_aggregator(), &vocab())]);
    assert_eq!(study.total, Some(18));
    assert_eq!(
        rows(&study),
        [
            row("patients", "patient_or_service_user", None, Some("interview")),
            row("relatives", "family_or_carer", None, Some("interview")),
            row("clinicians", "healthcare_provider", None, Some("interview")),
            row("peer support worker", "peer_worker", Some(1), Some("interview")),
        ]
    );
    assert!(study.flags.is_empty(), "{:#?}", study.flags);
    assert_eq!(
        study.provenance.iter().find(|p| p.field == "n_participants").map(|p| p.rule.as_str()),
        Some("participants:interview_count")
    );
}

#[test]
fn tookey_one_group_of_two_peer_workers_is_the_total_by_the_single_group_rule() {
    let study = reconcile_participants(&[extract_participants(&tookey_vufind(), &vocab())]);
    assert_eq!(study.total, Some(2));
    assert_eq!(
        study.provenance.iter().find(|p| p.field == "n_participants").map(|p| p.rule.as_str()),
        Some("participants:single_group")
    );
    assert_eq!(rows(&study), [row("current peer workers", "peer_worker", Some(2), Some("interview"))]);
}

#[test]
fn surey_five_advanced_peer_support_workers_and_two_unsized_groups() {
    let study = reconcile_participants(&[extract_participants(&surey_pure(), &vocab())]);
    assert_eq!(study.total, None);
    assert_eq!(
        rows(&study),
        [
            row("advanced peer support workers", "peer_worker", Some(5), Some("interview")),
            row("health professionals", "healthcare_provider", None, Some("survey")),
            row("service users", "patient_or_service_user", None, Some("interview")),
        ]
    );
    assert!(study.groups[0].evidence.starts_with("Five peer led in-depth interviews with APSWs"));
}

#[test]
fn disagreeing_sources_are_flagged() {
    let vocab = vocab();
    let a = record(
        "a.txt",
        SourceFormat::Dspace,
        &[(Section::Results, true, "Twenty participants took part: 12 peer workers and 8 nurses.", 3)],
    );
    let b = record(
        "b.txt",
        SourceFormat::Fulltext,
        &[(
            Section::Methods,
            false,
            "Twenty-two participants took part: 12 peer workers, 9 nurses and 1 manager.",
            40,
        )],
    );
    let study = reconcile_participants(&[extract_participants(&b, &vocab), extract_participants(&a, &vocab)]);
    // The most detailed reading gives both the groups and the total.
    assert_eq!(study.total, Some(22));
    assert_eq!(
        rows(&study),
        [
            row("peer workers", "peer_worker", Some(12), None),
            row("nurses", "healthcare_provider", Some(9), None),
            row("manager", "employer_or_manager", Some(1), None)
        ]
    );
    let kinds: Vec<(FlagKind, &str)> = study.flags.iter().map(|f| (f.kind, f.field.as_str())).collect();
    assert_eq!(kinds, [(FlagKind::Conflict, "n_participants"), (FlagKind::Conflict, "participants")]);
    assert!(study.flags.iter().all(|f| f.message.contains("a.txt") && f.message.contains("b.txt")));

    let c = record(
        "c.txt",
        SourceFormat::Dspace,
        &[(Section::Results, true, "Twenty participants took part: 12 peer workers and 7 nurses.", 3)],
    );
    let study = reconcile_participants(&[extract_participants(&c, &vocab)]);
    let kinds: Vec<FlagKind> = study.flags.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, [FlagKind::SumMismatch]);
    assert!(study.flags[0].message.contains("19 (12 + 7)"), "{}", study.flags[0].message);
}

#[test]
fn unknown_groups_are_other_and_flagged_and_nothing_is_invented() {
    let vocab = vocab();
    let r = record(
        "c.txt",
        SourceFormat::Pure,
        &[(
            Section::Methods,
            true,
            "Interviews were conducted with 6 peer workers, 4 landlords and 2 nurses.",
            7,
        )],
    );
    let study = reconcile_participants(&[extract_participants(&r, &vocab)]);
    // No total is stated: the groups' sizes are not summed into one.
    assert_eq!(study.total, None);
    assert_eq!(study.groups[1].category, "other");
    assert!(study.flags.iter().any(|f| f.kind == FlagKind::Uncertain && f.message.contains("landlords")));
    assert!(!study.flags.iter().any(|f| f.kind == FlagKind::SumMismatch));

    let total_only = record(
        "d.txt",
        SourceFormat::Vufind,
        &[(Section::Methods, true, "Twelve participants took part in interviews.", 2)],
    );
    let study = reconcile_participants(&[extract_participants(&total_only, &vocab)]);
    assert_eq!((study.total, study.groups.len()), (Some(12), 0));
    assert!(reconcile_participants(&[]).groups.is_empty());

    // One group sized, another not: no total either.
    let one_unsized = record(
        "e.txt",
        SourceFormat::Pure,
        &[(Section::Methods, true, "Interviews were conducted with 6 peer workers and their managers.", 2)],
    );
    let study = reconcile_participants(&[extract_participants(&one_unsized, &vocab)]);
    assert_eq!(study.groups.iter().map(|g| g.n).collect::<Vec<_>>(), [Some(6), None]);
    assert_eq!(study.total, None);
}

#[test]
fn background_and_back_matter_are_never_read() {
    let vocab = vocab();
    let r = record(
        "e.txt",
        SourceFormat::Fulltext,
        &[
            (
                Section::Background,
                true,
                "A survey of 500 nurses found that 20 peer workers were recruited.",
                1,
            ),
            (Section::Funding, false, "Twelve participants were interviewed: 6 nurses and 6 peers.", 2),
            (Section::BackMatter, false, "Twelve participants were interviewed: 6 nurses and 6 peers.", 3),
            (Section::Discussion, false, "Other studies interviewed 30 peer workers.", 4),
        ],
    );
    let doc = extract_participants(&r, &vocab);
    assert!(doc.groups.is_empty() && doc.total.is_none() && doc.sources.is_empty());
}

#[test]
fn an_abbreviation_defined_in_another_document_does_not_duplicate_a_group() {
    let vocab = vocab();
    let abstract_only = record(
        "a.txt",
        SourceFormat::Vufind,
        &[(Section::Results, true, "Nine participants were interviewed: 6 PWUD and 3 nurses.", 5)],
    );
    let full_text = record(
        "b.txt",
        SourceFormat::Fulltext,
        &[
            (Section::Background, false, "People who use drugs (PWUD) are often hospitalized.", 20),
            (Section::Methods, false, "Nine participants were interviewed: 6 PWUD and 3 nurses.", 40),
        ],
    );
    let study = reconcile_participants(&[
        extract_participants(&abstract_only, &vocab),
        extract_participants(&full_text, &vocab),
    ]);
    assert_eq!(
        rows(&study),
        [
            row("people who use drugs", "patient_or_service_user", Some(6), Some("interview")),
            row("nurses", "healthcare_provider", Some(3), Some("interview")),
        ]
    );
    assert!(study.flags.is_empty(), "{:#?}", study.flags);
}

#[test]
fn a_participants_paragraph_over_several_sentences() {
    let r = record(
        "f.txt",
        SourceFormat::Fulltext,
        &[
            (
                Section::Methods,
                false,
                "A total of 24 participants took part. Of these, 12 were peer workers, 8 were clinicians and 4 were managers. Interviews lasted 45 to 60 minutes and took place in 2019.",
                50,
            ),
            (
                Section::Results,
                false,
                "Two peer workers described feeling isolated. One manager said that peers were \"the heart of the team\".",
                80,
            ),
        ],
    );
    let study = reconcile_participants(&[extract_participants(&r, &vocab())]);
    assert_eq!(study.total, Some(24));
    assert_eq!(
        rows(&study),
        [
            row("peer workers", "peer_worker", Some(12), None),
            row("clinicians", "healthcare_provider", Some(8), None),
            row("managers", "employer_or_manager", Some(4), None),
        ]
    );
    assert!(study.flags.is_empty(), "{:#?}", study.flags);
}

#[test]
fn a_theme_list_in_results_adds_no_group_to_sizes_in_words() {
    let r = record(
        "g.txt",
        SourceFormat::Fulltext,
        &[
            (Section::Methods, false, "We interviewed fifteen service users and nine program managers.", 40),
            (
                Section::Results,
                false,
                "Key themes included stigma within the care team, cultural safety, and hope.",
                70,
            ),
        ],
    );
    let study = reconcile_participants(&[extract_participants(&r, &vocab())]);
    assert_eq!(study.total, None);
    assert_eq!(
        rows(&study),
        [
            row("service users", "patient_or_service_user", Some(15), Some("interview")),
            row("program managers", "employer_or_manager", Some(9), Some("interview")),
        ]
    );
    assert!(study.flags.is_empty(), "{:#?}", study.flags);
}
