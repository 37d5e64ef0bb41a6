//! Whole-document tests: records built by hand from sentences of the seed
//! documents (study facts live only here), plus the traps the issue names.

use evtab_model::{Field, FlagKind, Passage, Section, SourceFormat, SourceRecord, StudyField};

use crate::vocab::test_vocab::vocab;
use crate::{ContextVocab, DocContext, StudyContext, extract_context, reconcile_context};

/// A record under construction.
struct Doc(SourceRecord);

impl Doc {
    fn new(doc_id: &str, format: SourceFormat) -> Self {
        Doc(SourceRecord::new(doc_id, format))
    }
    fn field(mut self, field: Field, value: &str, line: u32) -> Self {
        self.0.push(field, value, line);
        self
    }
    fn abs(mut self, section: Section, text: &str, line: u32) -> Self {
        self.0.passages.push(Passage { section, in_abstract: true, heading: None, text: text.into(), line });
        self
    }
    fn body(mut self, section: Section, heading: &str, text: &str, line: u32) -> Self {
        let heading = Some(heading.to_string()).filter(|h| !h.is_empty());
        self.0.passages.push(Passage { section, in_abstract: false, heading, text: text.into(), line });
        self
    }
}

fn column(field: &str) -> StudyField {
    StudyField::from_column(field).unwrap_or_else(|| panic!("no column {field}"))
}

fn values_of<'d>(doc: &'d DocContext, field: &str) -> Vec<&'d str> {
    doc.values.iter().filter(|v| v.field == column(field)).map(|v| v.value.as_str()).collect()
}

fn cell<'s>(study: &'s StudyContext, field: &str) -> Option<&'s str> {
    study.values.get(&column(field)).map(String::as_str)
}

const LENNOX_TITLE: &str = "Peer support workers as a bridge: a qualitative study exploring the role of peer support \
    workers in the care of people who use drugs during and after hospitalization";
const LENNOX_BACKGROUND: &str = "To describe the key qualities and unique roles of peer support workers in the care \
    of people who inject drugs during and after hospitalization.";
const LENNOX_METHODS: &str = "We conducted a qualitative study. Key stakeholders were recruited including: people \
    who use drugs who had been hospitalized, healthcare team members, peer support workers, and employers of peer \
    support workers. Data were collected from 2019 to 2020 using semi-structured interviews that were audio-recorded, \
    transcribed, and analyzed thematically.";
const LENNOX_RESULTS: &str = "Fourteen participants were interviewed: 6 people who use drugs who had been \
    hospitalized, 5 healthcare team members, 2 peer support workers, and 1 employer of peer support workers.";
const LENNOX_CONCLUSION: &str = "Peer support workers are highly valued by both people who use drugs and members of \
    the healthcare team.";
const LENNOX_FUNDING: &str = "The study was supported by the Department of Family Medicine Pilot Research Fund at \
    McMaster University.";
const CC_BY_SENTENCE: &str = "Open Access This article is licensed under a Creative Commons Attribution 4.0 \
    International License, which permits use, sharing, adaptation, distribution and reproduction in any medium.";

/// The DSpace record of the Lennox study (abstract only).
fn lennox_dspace() -> SourceRecord {
    Doc::new("000_dspace.txt", SourceFormat::Dspace)
        .field(Field::Title, LENNOX_TITLE, 1)
        .abs(Section::Background, LENNOX_BACKGROUND, 10)
        .abs(Section::Methods, LENNOX_METHODS, 10)
        .abs(Section::Results, LENNOX_RESULTS, 10)
        .abs(Section::Conclusion, LENNOX_CONCLUSION, 10)
        .field(Field::Funding, LENNOX_FUNDING, 11)
        .field(Field::License, "Attribution 4.0 Internationalen", 18)
        .field(Field::License, "http://creativecommons.org/licenses/by/4.0/", 19)
        .0
}

/// The full text of the Lennox study, with the affiliation line where the
/// PDF conversion put it (inside the Background) and the back matter.
fn lennox_fulltext() -> SourceRecord {
    Doc::new("001_fulltext.txt", SourceFormat::Fulltext)
        .field(Field::Title, LENNOX_TITLE, 9)
        .abs(Section::Background, LENNOX_BACKGROUND, 15)
        .abs(Section::Methods, LENNOX_METHODS, 17)
        .abs(Section::Results, LENNOX_RESULTS, 19)
        .abs(Section::Conclusion, LENNOX_CONCLUSION, 21)
        .body(
            Section::Background,
            "Background",
            "People who use drugs (PWUD) present to the emergency department and are hospitalized more often than \
             the general population [1–3].",
            27,
        )
        .body(Section::Background, "Background", "¹ Department of Family Medicine, McMaster University, Hamilton, Canada", 35)
        .body(
            Section::Background,
            "Background",
            "This study aimed to address this gap by exploring: (1) the qualities that make a good peer support \
             worker for PWUD during and after hospitalization for acute illness.",
            50,
        )
        .body(
            Section::Methods,
            "Study setting and design",
            "The study took place between March and September 2019 in an urban center in Southwestern Ontario, \
             Canada. Patient participants were recruited from two academic hospitals in Hamilton, Ontario. This was \
             a qualitative study.",
            56,
        )
        .body(
            Section::Methods,
            "Procedure",
            "Patients were introduced to the study during their hospital admission through the inpatient addiction \
             medicine team. One-on-one interviews for patients were conducted face to face.",
            74,
        )
        .body(
            Section::Methods,
            "Data analysis",
            "We used (reflexive) thematic analysis [21] to identify, analyze, and report patterns or themes in the \
             interview data. We inductively coded the data and followed the six phases of thematic analysis \
             outlined by Braun and Clarke [21].",
            78,
        )
        .body(
            Section::Methods,
            "Data analysis",
            "We followed Lincoln and Guba's [23] and Tracy's [24] recommendations for ensuring the trustworthiness.",
            82,
        )
        .body(
            Section::Discussion,
            "Limitations",
            "Finally, our study was within the context of the publicly funded Canadian healthcare system.",
            249,
        )
        .body(Section::Funding, "Funding", LENNOX_FUNDING, 269)
        .body(
            Section::BackMatter,
            "Ethics approval and consent to participate",
            "This study was undertaken with ethics approval from the Hamilton Integrated Research Ethics Board.",
            277,
        )
        .body(Section::BackMatter, "Author details", "² Division of Infectious Diseases, Department of Medicine, McMaster University, Hamilton, Canada.", 291)
        .body(Section::BackMatter, "", CC_BY_SENTENCE, 40)
        .0
}

fn surey_pure() -> SourceRecord {
    Doc::new("002_pure.txt", SourceFormat::Pure)
        .field(
            Field::Title,
            "Practising critical resilience as an advanced peer support worker in London: A qualitative evaluation \
             of a peer-led hepatitis C intervention amongst people experiencing homelessness who inject drugs",
            1,
        )
        .abs(
            Section::Background,
            "Peer support has been used as a mechanism to facilitate active engagement with healthcare amongst \
             underserved populations. The HepCare project upskilled experienced peer support workers (PSWs) to become \
             equal members of a service provider team.",
            11,
        )
        .abs(
            Section::Methods,
            "A participatory case study approach was taken to the study following the methodological guidance of \
             Merriam (1998). The object of the case is an exploration of their transition to service provider in the \
             HCV screening and treatment support service. Five peer led in-depth interviews with APSWs were \
             supplemented by a survey of health professionals, interviews with service users, documentary evidence in \
             the form of job descriptions, observational notes and a blog from the field. Thematic analysis of the \
             data was conducted, refined and finalised in a workshop with the research team and APSW participants.",
            11,
        )
        .abs(
            Section::Results,
            "Three themes were generated from the data that explore the peer support worker's transition to APSW in \
             the programme.",
            11,
        )
        .field(
            Field::Funding,
            "We would like to thank our partner organisations? Groundswell and the Hepatitis C Trust for their help \
             in developing and undertaking this project; Jim Conneely for his advocacy on behalf of people living \
             with hepatitis C; the Find&Treat team at UCLH NHS Trust; Vanessa Hack for project management support; \
             The HepCare consortium and our funders the European Commission through its EU Third Health Programme \
             (grant agreement number 709844), and University College London and University College London \
             Hospitals NHS Trust.",
            24,
        )
        .field(Field::Keyword, "Hepatitis C", 32)
        .0
}

fn lessard_aggregator() -> SourceRecord {
    Doc::new("003_aggregator.txt", SourceFormat::AggregatorJson)
        .field(
            Field::Title,
            "Can you be a peer if you don’t share the same health or social conditions? A qualitative study on peer \
             integration in a primary care setting",
            1,
        )
        .abs(
            Section::Abstract,
            "Peer support has been extensively studied in specific areas of community-based primary care such as \
             mental health, substance use, HIV, homelessness, and Indigenous health. However, it remains unclear how \
             peers can be integrated in general primary care setting that serves people with a diversity of health \
             conditions and social backgrounds. A participatory qualitative study was conducted between 2020 and \
             2022 to explore the feasibility, acceptability, and perceived effects of the integration of a peer \
             support worker in a primary care setting in Montreal, Canada. A thematic analysis was performed based on \
             semi-structured interviews (n = 18) with patients, relatives, clinicians, and a peer support worker. \
             Primary care clinicians benefit from peer support work. Our results show that to establish a \
             relationship of trust, a peer does not need to share similar health or social conditions.",
            10,
        )
        .0
}

fn tookey_vufind() -> SourceRecord {
    Doc::new("004_vufind.txt", SourceFormat::Vufind)
        .field(
            Field::Title,
            "From client to co-worker: a case study of the transition to peer work within a multi-disciplinary \
             hepatitis c treatment team in Toronto, Canada",
            3,
        )
        .abs(
            Section::Background,
            "Despite the integration of peer workers into harm reduction services, there is little documentation \
             regarding the experience of this integration. The purpose of this study was to gain an in-depth \
             understanding of the transition from client to support worker from the perspective of two individuals \
             who received treatment for hepatitis C at a multi-disciplinary, community-based program, grounded in a \
             harm reduction approach to substance use.",
            33,
        )
        .abs(
            Section::Methods,
            "A participatory case study design was selected. Interviews were conducted with two current peer workers \
             who were also involved in the study design, analysis and writing. Data was coded and analyzed using an \
             inductive approach to identify emergent themes.",
            33,
        )
        .abs(Section::Results, "Five primary themes emerged during our analysis.", 33)
        .field(
            Field::License,
            "This article is distributed under the terms of the Creative Commons Attribution 4.0 International \
             License (http://creativecommons.org/licenses/by/4.0/), which permits unrestricted use. The Creative \
             Commons Public Domain Dedication waiver (http://creativecommons.org/publicdomain/zero/1.0/) applies to \
             the data made available in this article, unless otherwise stated.",
            43,
        )
        .0
}

fn study(records: &[SourceRecord], vocab: &ContextVocab) -> StudyContext {
    let docs: Vec<DocContext> = records.iter().map(|r| extract_context(r, vocab)).collect();
    reconcile_context(&docs)
}

#[test]
fn lennox_full_text_gives_every_field() {
    let v = vocab();
    let s = study(&[lennox_fulltext()], &v);
    assert_eq!(cell(&s, "country"), Some("Canada"));
    assert_eq!(cell(&s, "city"), Some("Hamilton, Ontario"));
    assert_eq!(cell(&s, "setting"), Some("hospital inpatient"));
    assert_eq!(cell(&s, "population"), Some("people who use drugs"));
    assert_eq!(cell(&s, "design"), Some("qualitative"));
    assert_eq!(cell(&s, "data_collection"), Some("semi-structured interviews"));
    assert_eq!(cell(&s, "analysis"), Some("reflexive thematic analysis"));
    assert_eq!(cell(&s, "collection_period"), Some("2019-03/2019-09"));
    assert_eq!(
        cell(&s, "aim"),
        Some(LENNOX_BACKGROUND.split_whitespace().collect::<Vec<_>>().join(" ").as_str())
    );
    assert_eq!(
        cell(&s, "funding"),
        Some("Department of Family Medicine Pilot Research Fund at McMaster University")
    );
    assert_eq!(cell(&s, "license"), Some("CC BY 4.0"));
    // Abstract (2019/2020) and Methods (March-September 2019) disagree.
    let conflicts: Vec<_> = s.flags.iter().filter(|f| f.kind == FlagKind::Conflict).collect();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].field, "collection_period");
    // Every filled value has a provenance row with its line.
    for (field, value) in &s.values {
        for item in value.split("; ") {
            let row = s.provenance.iter().find(|p| p.field == field.column() && p.value == item);
            assert!(row.is_some_and(|p| p.line > 0 && !p.rule.is_empty()), "{field} = {item}");
        }
    }
    let city_row = s.provenance.iter().find(|p| p.field == "city");
    assert_eq!(city_row.map(|p| p.line), Some(56));
}

#[test]
fn lennox_dspace_and_full_text_merge() {
    let v = vocab();
    let dspace = extract_context(&lennox_dspace(), &v);
    assert!(values_of(&dspace, "country").is_empty(), "an abstract without a place gives no country");
    assert_eq!(values_of(&dspace, "analysis"), ["thematic analysis"]);
    assert_eq!(values_of(&dspace, "collection_period"), ["2019/2020"]);
    assert_eq!(values_of(&dspace, "license"), ["CC BY 4.0"]);
    assert_eq!(values_of(&dspace, "design"), ["qualitative"]);
    let s = study(&[lennox_dspace(), lennox_fulltext()], &v);
    assert_eq!(cell(&s, "analysis"), Some("reflexive thematic analysis"));
    assert_eq!(cell(&s, "collection_period"), Some("2019-03/2019-09"));
    assert_eq!(cell(&s, "country"), Some("Canada"));
    assert!(s.flags.iter().any(|f| f.field == "collection_period" && f.kind == FlagKind::Conflict));
    assert!(!s.flags.iter().any(|f| f.field == "license"));
}

#[test]
fn affiliations_funders_ethics_and_cited_studies_are_not_the_setting() {
    let v = vocab();
    let record = Doc::new("x.txt", SourceFormat::Fulltext)
        .field(Field::Title, "Peer workers in acute care: a qualitative study", 1)
        .body(
            Section::Background,
            "Background",
            "¹ Department of Family Medicine, McMaster University, Hamilton, Canada",
            3,
        )
        .body(
            Section::Methods,
            "Setting",
            "Participants were recruited from the University of Toronto Faculty of Medicine.",
            5,
        )
        .body(
            Section::Methods,
            "Ethics",
            "The study was approved by the research ethics board in Hamilton, Ontario.",
            6,
        )
        .body(
            Section::Methods,
            "Design",
            "The interview guide was adapted from a study in the United States [12].",
            7,
        )
        .body(
            Section::Methods,
            "Analysis",
            "We followed Lincoln and Guba and used the framework of Hamilton and Victoria.",
            8,
        )
        .body(Section::Background, "Background", "In Vancouver, peer programmes have grown.", 9)
        .body(
            Section::Funding,
            "Funding",
            "This work was funded by the Canadian Institutes of Health Research.",
            20,
        )
        .body(
            Section::BackMatter,
            "Author details",
            "Division of Medicine, University Hospital, London, UK.",
            21,
        )
        .field(Field::Funding, "Funded by Health Canada and the NIHR, London, United Kingdom.", 22)
        .0;
    let doc = extract_context(&record, &v);
    // The cited US study is the only study-text mention, and counts a quarter.
    assert!(!values_of(&doc, "country").contains(&"Canada"), "{:?}", doc.values);
    assert!(!values_of(&doc, "country").contains(&"United Kingdom"), "{:?}", doc.values);
    assert!(values_of(&doc, "city").is_empty(), "{:?}", doc.values);
    let uncited = Doc::new("y.txt", SourceFormat::Fulltext)
        .body(
            Section::Background,
            "Background",
            "¹ Department of Family Medicine, McMaster University, Hamilton, Canada",
            3,
        )
        .field(Field::Funding, "Supported by the Canadian Institutes of Health Research, Ottawa, Canada.", 22)
        .0;
    let doc = extract_context(&uncited, &v);
    assert!(values_of(&doc, "country").is_empty(), "{:?}", doc.values);
    assert_eq!(values_of(&doc, "funding"), ["Canadian Institutes of Health Research"]);
}

#[test]
fn surey_london_is_resolved_by_the_nhs_context() {
    let v = vocab();
    let doc = extract_context(&surey_pure(), &v);
    assert_eq!(values_of(&doc, "country"), ["United Kingdom"]);
    assert_eq!(values_of(&doc, "city"), ["London"]);
    assert!(doc.flags.is_empty(), "{:?}", doc.flags);
    let rule = doc.values.iter().find(|v| v.field == StudyField::Country).map(|v| v.rule.as_str());
    assert_eq!(rule, Some("place:title:context"));
    let s = reconcile_context(&[doc]);
    assert_eq!(cell(&s, "design"), Some("participatory case study"));
    assert_eq!(cell(&s, "data_collection"), Some("in-depth interviews; survey; documents; observation"));
    assert_eq!(cell(&s, "analysis"), Some("thematic analysis"));
    let funding = cell(&s, "funding").unwrap_or("");
    assert!(funding.starts_with("European Commission"), "{funding}");
    assert!(funding.contains("University College London Hospitals NHS Trust"), "{funding}");
    assert!(!funding.contains("Groundswell") && !funding.contains("EU Third"), "{funding}");
    let population = cell(&s, "population").unwrap_or("");
    for group in
        ["people experiencing homelessness", "people who inject drugs", "people living with hepatitis C"]
    {
        assert!(population.contains(group), "{population}");
    }
}

#[test]
fn an_ambiguous_city_without_context_is_flagged_and_context_can_move_it() {
    let v = vocab();
    let bare = Doc::new("a.txt", SourceFormat::Pure)
        .field(Field::Title, "Peer workers in London: a qualitative study", 1)
        .0;
    let doc = extract_context(&bare, &v);
    assert_eq!(values_of(&doc, "country"), ["United Kingdom"]);
    assert!(doc.flags.iter().any(|f| f.kind == FlagKind::Uncertain && f.field == "city"), "{:?}", doc.flags);

    let ontario = Doc::new("b.txt", SourceFormat::Pure)
        .field(Field::Title, "Peer workers in London: a qualitative study", 1)
        .abs(Section::Methods, "Participants were recruited from three clinics in Southwestern Ontario.", 2)
        .0;
    let doc = extract_context(&ontario, &v);
    assert_eq!(values_of(&doc, "country"), ["Canada"]);
    assert_eq!(values_of(&doc, "city"), ["London, Ontario"]);
    assert!(doc.flags.is_empty(), "{:?}", doc.flags);

    let stated = Doc::new("c.txt", SourceFormat::Pure)
        .abs(Section::Methods, "The study took place in London, Ontario, at two hospitals.", 2)
        .0;
    let doc = extract_context(&stated, &v);
    assert_eq!(values_of(&doc, "city"), ["London, Ontario"]);
    assert_eq!(values_of(&doc, "country"), ["Canada"]);
}

#[test]
fn lessard_montreal_primary_care() {
    let v = vocab();
    let s = study(&[lessard_aggregator()], &v);
    assert_eq!(cell(&s, "country"), Some("Canada"));
    assert_eq!(cell(&s, "city"), Some("Montreal"));
    assert_eq!(cell(&s, "setting"), Some("primary care"));
    assert_eq!(cell(&s, "design"), Some("participatory qualitative"));
    assert_eq!(cell(&s, "data_collection"), Some("semi-structured interviews"));
    assert_eq!(cell(&s, "analysis"), Some("thematic analysis"));
    assert_eq!(cell(&s, "collection_period"), Some("2020/2022"));
    assert!(
        cell(&s, "aim").is_some_and(|a| a.starts_with("A participatory qualitative study was conducted"))
    );
    assert_eq!(cell(&s, "population"), None, "background mentions are not the population");
}

#[test]
fn tookey_toronto_case_study_and_licence_not_the_data_waiver() {
    let v = vocab();
    let s = study(&[tookey_vufind()], &v);
    assert_eq!(cell(&s, "country"), Some("Canada"));
    assert_eq!(cell(&s, "city"), Some("Toronto"));
    assert_eq!(cell(&s, "design"), Some("participatory case study"));
    assert_eq!(cell(&s, "data_collection"), Some("interviews"));
    assert_eq!(cell(&s, "analysis"), Some("inductive coding"));
    assert_eq!(cell(&s, "license"), Some("CC BY 4.0"));
    assert!(cell(&s, "aim").is_some_and(|a| a.starts_with("The purpose of this study was to gain")));
}

#[test]
fn the_seed_corpus_meets_the_done_criteria() {
    let v = vocab();
    let studies = [
        study(&[lennox_dspace(), lennox_fulltext()], &v),
        study(&[surey_pure()], &v),
        study(&[lessard_aggregator()], &v),
        study(&[tookey_vufind()], &v),
    ];
    for s in &studies {
        for field in ["country", "city", "design", "data_collection", "analysis"] {
            assert!(s.values.contains_key(&column(field)), "{field} missing in {:?}", s.values);
        }
    }
}

#[test]
fn place_traps() {
    let v = vocab();
    let countries = |text: &str| {
        let r = Doc::new("t.txt", SourceFormat::Pure).abs(Section::Methods, text, 1).0;
        let doc = extract_context(&r, &v);
        (
            values_of(&doc, "country").into_iter().map(String::from).collect::<Vec<_>>(),
            values_of(&doc, "city").into_iter().map(String::from).collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        countries("Interviews were held in New South Wales."),
        (vec!["Australia".into()], vec!["New South Wales".into()])
    );
    assert_eq!(
        countries("We interviewed staff at two sites in Perth, Western Australia.").1,
        vec!["Perth, Western Australia".to_string()]
    );
    assert_eq!(countries("Interviews were held in Perth, Scotland.").1, vec!["Perth, Scotland".to_string()]);
    assert_eq!(
        countries("The programme ran in Vancouver's Downtown Eastside.").0,
        vec!["Canada".to_string()]
    );
    assert_eq!(countries("Data were collected across the US and in the UK.").0.len(), 2);
    assert_eq!(countries("They told us about reading and nice places.").0, Vec::<String>::new());
    assert_eq!(countries("Peer workers in North America were interviewed.").0, Vec::<String>::new());
    assert_eq!(
        countries("We used the approach of Hamilton (2019) and Regina Smith.").1,
        Vec::<String>::new()
    );
    assert_eq!(countries("We recruited Toronto-based peer workers.").1, vec!["Toronto".to_string()]);
    assert_eq!(countries("Sessions took place in Montréal and Québec City.").1.len(), 2);
}

#[test]
fn licence_wordings() {
    let v = vocab();
    let licence = |text: &str| {
        let r = Doc::new("l.txt", SourceFormat::Dspace).field(Field::License, text, 1).0;
        values_of(&extract_context(&r, &v), "license").into_iter().map(String::from).collect::<Vec<_>>()
    };
    assert_eq!(licence("Attribution-NonCommercial-NoDerivatives 4.0 International"), ["CC BY-NC-ND 4.0"]);
    assert_eq!(licence("http://creativecommons.org/licenses/by-nc/4.0/"), ["CC BY-NC 4.0"]);
    assert_eq!(licence("This is an open access article under the CC BY-NC-ND license."), ["CC BY-NC-ND"]);
    assert_eq!(licence("© 2021 Elsevier Ltd. All rights reserved."), Vec::<String>::new());
}

#[test]
fn funding_wordings() {
    let v = vocab();
    let funders = |text: &str| {
        let r = Doc::new("f.txt", SourceFormat::Fulltext).body(Section::Funding, "Funding", text, 1).0;
        values_of(&extract_context(&r, &v), "funding").into_iter().map(String::from).collect::<Vec<_>>()
    };
    assert_eq!(
        funders(
            "This work was supported by the Social Sciences and Humanities Research Council (grant 435-2019-1234)."
        ),
        ["Social Sciences and Humanities Research Council"]
    );
    assert_eq!(
        funders("This research received no specific grant from any funding agency."),
        Vec::<String>::new()
    );
    assert_eq!(funders("Not applicable."), Vec::<String>::new());
    assert_eq!(
        funders("Funded by the National Institute on Drug Abuse (NIDA) and the Wellcome Trust."),
        ["National Institute on Drug Abuse", "Wellcome Trust"]
    );
}

#[test]
fn aim_wordings() {
    let v = vocab();
    let aim = |section: Section, text: &str| {
        let r = Doc::new("a.txt", SourceFormat::Pure).abs(section, text, 1).0;
        values_of(&extract_context(&r, &v), "aim").into_iter().map(String::from).collect::<Vec<_>>()
    };
    assert_eq!(
        aim(
            Section::Abstract,
            "Peers help. This study aimed to explore peer roles in hospitals. Results follow."
        ),
        ["This study aimed to explore peer roles in hospitals."]
    );
    assert_eq!(aim(Section::Aim, "To examine peer work.\nSecond sentence."), ["To examine peer work."]);
    assert_eq!(aim(Section::Results, "Our findings show how to explore peer roles."), Vec::<String>::new());
    assert_eq!(
        aim(Section::Background, "The purpose of this study was to gain an in-depth understandi..."),
        Vec::<String>::new()
    );
}

#[test]
fn method_vocabulary_traps() {
    let v = vocab();
    let read = |field: &str, text: &str| {
        let r = Doc::new("m.txt", SourceFormat::Pure).abs(Section::Methods, text, 1).0;
        values_of(&extract_context(&r, &v), field).into_iter().map(String::from).collect::<Vec<_>>()
    };
    assert_eq!(
        read("data_collection", "Participants completed a demographic questionnaire and focus groups."),
        ["focus groups"]
    );
    assert_eq!(
        read("analysis", "Framework analysis guided by a conceptual framework was used."),
        ["framework analysis"]
    );
    assert_eq!(
        read("analysis", "We used interpretative phenomenological analysis (IPA)."),
        ["interpretative phenomenological analysis"]
    );
    assert_eq!(
        read("design", "This exploratory qualitative descriptive study used interviews."),
        ["exploratory qualitative descriptive"]
    );
    assert_eq!(read("design", "We analysed qualitative data."), ["qualitative"]);
    assert_eq!(read("design", "Saturation was reached."), Vec::<String>::new());
    assert_eq!(
        read("design", "Qualitative interviews were held. This was a phenomenological study."),
        ["phenomenological"]
    );
    // Background sentences about other studies do not give this study's methods.
    let r = Doc::new("m.txt", SourceFormat::Pure)
        .abs(Section::Background, "Previous surveys and focus groups found stigma.", 1)
        .0;
    assert!(values_of(&extract_context(&r, &v), "data_collection").is_empty());
}

#[test]
fn extraction_is_deterministic_and_survives_odd_input() {
    let v = vocab();
    let a = extract_context(&lennox_fulltext(), &v);
    let b = extract_context(&lennox_fulltext(), &v);
    assert_eq!(a, b);
    let odd = Doc::new("odd.txt", SourceFormat::Fulltext)
        .field(Field::Title, "", 0)
        .abs(Section::Methods, "", 0)
        .abs(Section::Methods, "((((( [ in , , London ( ) 2019– – between and", 1)
        .abs(Section::Abstract, "我们在 2020 年至 2022 年期间开展了一项参与式定性研究 in Montréal 🙂 ẞ ǅ", 2)
        .body(Section::Methods, "Setting", &"in Toronto, ".repeat(2000), 3)
        .field(Field::License, "creativecommons.org/licenses/", 4)
        .0;
    let doc = extract_context(&odd, &v);
    assert_eq!(values_of(&doc, "country"), ["Canada"]);
    let empty = extract_context(&SourceRecord::new("e.txt", SourceFormat::Pure), &v);
    assert!(empty.values.is_empty() && empty.flags.is_empty());
}

/// Abstracts shaped like the held-out ones: the country must come from the
/// study's own setting, not from the literature its background cites.
#[test]
fn unseen_shaped_abstracts() {
    let v = vocab();
    let place = |parts: &[(Section, &str)], title: &str| {
        let mut d = Doc::new("u.txt", SourceFormat::Vufind).field(Field::Title, title, 1);
        for (section, text) in parts {
            d = d.abs(*section, text, 2);
        }
        let s = reconcile_context(&[extract_context(&d.0, &v)]);
        (cell(&s, "country").map(String::from), cell(&s, "city").map(String::from))
    };
    type Case<'a> = (Vec<(Section, &'a str)>, &'a str, Option<&'a str>, Option<&'a str>);
    let cases: Vec<Case<'_>> = vec![
        (
            vec![
                (Section::Background, "Peer support is common in the United States and Australia."),
                (Section::Methods, "We conducted focus groups with 12 peer workers in Scotland."),
            ],
            "Peer workers in mental health services",
            Some("United Kingdom"),
            Some("Scotland"),
        ),
        (
            vec![
                (Section::Background, "In the United States, opioid overdose deaths have risen sharply."),
                (Section::Methods, "We interviewed 15 peer recovery coaches working in Baltimore, Maryland."),
            ],
            "Peer recovery coaches in the emergency department",
            Some("United States"),
            Some("Baltimore, Maryland"),
        ),
        (
            vec![(
                Section::Abstract,
                "This qualitative study explored the experiences of peer workers employed by NHS mental health trusts in England.",
            )],
            "Peer workers in NHS trusts",
            Some("United Kingdom"),
            Some("England"),
        ),
        (
            vec![(Section::Methods, "Setting: a community mental health service in Melbourne, Australia.")],
            "Lived experience workforce",
            Some("Australia"),
            Some("Melbourne"),
        ),
        (
            vec![(Section::Methods, "Semi-structured interviews were conducted with peer workers.")],
            "Experiences of peer support workers in Canadian harm reduction programs",
            Some("Canada"),
            None,
        ),
        (
            vec![(
                Section::Methods,
                "The study was conducted in Canada and the United States with 40 peer workers.",
            )],
            "Peer work across borders",
            Some("Canada; United States"),
            None,
        ),
        (
            vec![(Section::Abstract, "Peer workers were integrated in four hospitals in Sydney.")],
            "Hospital peer workers",
            Some("Australia"),
            Some("Sydney"),
        ),
        (
            vec![(Section::Methods, "Interviews took place in a mid-sized Canadian city.")],
            "Peer navigators",
            Some("Canada"),
            None,
        ),
        (
            vec![(Section::Abstract, "Peer workers were integrated in four hospitals in Sydney.")],
            "Hospital peer workers",
            Some("Australia"),
            Some("Sydney"),
        ),
        (
            vec![(Section::Methods, "We used a qualitative design with interviews.")],
            "Peer support for people living with HIV in rural Kenya",
            Some("Kenya"),
            None,
        ),
    ];
    for (parts, title, country, city) in cases {
        let (got_country, got_city) = place(&parts, title);
        assert_eq!(got_country.as_deref(), country, "{title}");
        assert_eq!(got_city.as_deref(), city, "{title}");
    }
}

/// Random text built from pieces that exercise every rule (places, months,
/// brackets, multi-byte characters): extraction must never panic.
#[test]
fn random_text_never_panics() {
    let v = vocab();
    let pieces = [
        "in ",
        "London",
        ", ",
        "Ontario",
        "(",
        ")",
        "[1]",
        " between ",
        "March",
        " and ",
        "2019",
        "–",
        "2020",
        "from ",
        " to ",
        "May",
        "é",
        "’s",
        "Québec",
        "¹",
        "加拿大",
        "🙂",
        "\n",
        ". ",
        "This study aimed to explore ",
        "supported by the ",
        "Canadian Institutes of Health Research",
        "Creative Commons Attribution 4.0",
        "US",
        "semi-structured interviews",
        "thematic analysis",
        "qualitative",
        "case study",
        "NHS",
        "Hamilton",
        "-based",
        "University of ",
        "et al.",
        "  ",
        "ǅ",
        "ẞ",
        "İ",
        "Victoria",
        "Georgia",
        "was collected in ",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % u64::try_from(n).unwrap_or(1)).unwrap_or(0)
    };
    let sections =
        [Section::Abstract, Section::Methods, Section::Background, Section::Funding, Section::BackMatter];
    for round in 0..150 {
        let mut text = String::new();
        for _ in 0..next(40) {
            text.push_str(pieces[next(pieces.len())]);
        }
        let record = Doc::new("r.txt", SourceFormat::Fulltext)
            .field(Field::Title, &text, 1)
            .abs(sections[next(sections.len())], &text, 2)
            .body(sections[next(sections.len())], "Setting", &text, 3)
            .field(Field::Funding, &text, 4)
            .field(Field::License, &text, 5)
            .0;
        let doc = extract_context(&record, &v);
        let again = extract_context(&record, &v);
        assert_eq!(doc, again, "round {round}");
        let _ = reconcile_context(&[doc, again]);
    }
}

#[test]
fn discussion_comparisons_do_not_outweigh_the_methods() {
    let v = vocab();
    let record = Doc::new("d.txt", SourceFormat::Fulltext)
        .body(Section::Methods, "Setting", "Interviews took place in a mid-sized Canadian city.", 5)
        .body(
            Section::Discussion,
            "Discussion",
            "Unlike programmes in the United States, our peer workers were salaried.",
            9,
        )
        .body(
            Section::Discussion,
            "Discussion",
            "Our findings differ from those in Australia and the United Kingdom.",
            10,
        )
        .0;
    let doc = extract_context(&record, &v);
    assert_eq!(values_of(&doc, "country"), ["Canada"], "{:?}", doc.values);
}
