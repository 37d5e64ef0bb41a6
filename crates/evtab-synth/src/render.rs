//! Renders a planned study as each source format prints it: the same
//! structure, labels, glue, JSON keys and Solr fields as the seed documents,
//! with the page chrome around them.

use crate::plan::{Doc, Format, Study};
use crate::rng::Rng;
use crate::score::fold;
use crate::vocab::{PageStyle, SynthVocab};
use crate::words::{ascii_quotes, cap, join_list, month_name, number_word};

/// The bytes of one document.
pub(crate) fn render(study: &Study, doc: &Doc, all: &[Study], vocab: &SynthVocab) -> String {
    match doc.format {
        Format::Dspace => dspace(study, doc, vocab),
        Format::Fulltext => fulltext(study, doc, all, vocab),
        Format::Pure => pure(study, doc, vocab),
        Format::AggregatorJson => aggregator(study, doc, vocab),
        Format::Vufind => vufind(study, doc, vocab),
    }
}

fn iso_date(s: &Study) -> String {
    format!("{}-{:02}-{:02}", s.year, s.month, s.day)
}

fn funding_sentence(funder: &str, rng: &mut Rng) -> String {
    if rng.chance(0.5) {
        format!("The study was supported by {funder}.")
    } else {
        format!("This work was funded by {funder}.")
    }
}

const CC_DESCRIPTION: &str = "Open Access This article is licensed under a Creative Commons Attribution 4.0 International License, which permits use, sharing, adaptation, distribution and reproduction in any medium or format, as long as you give appropriate credit to the original author(s) and the source, provide a link to the Creative Commons licence, and indicate if changes were made.";

/// DSpace full item record: `dc.*` names glued to their values.
fn dspace(s: &Study, d: &Doc, v: &SynthVocab) -> String {
    let mut rng = Rng::new(d.seed);
    let j = &v.journals[s.journal];
    let mut lines: Vec<String> = vec![s.title.clone(), String::new()];
    for a in &s.authors {
        lines.push(format!("dc.contributor.author{}", a.family_first()));
    }
    let accessioned = format!(
        "{}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        s.year + i32::try_from(rng.range(1, 3)).unwrap_or(1),
        rng.range(1, 12),
        rng.range(1, 28),
        rng.range(0, 23),
        rng.range(0, 59),
        rng.range(0, 59)
    );
    lines.push(format!("dc.date.accessioned{accessioned}"));
    lines.push(format!("dc.date.available{accessioned}"));
    lines.push(format!("dc.date.issued{}", iso_date(s)));
    if rng.chance(0.7) {
        lines.push(format!("dc.description© The Author(s) {}. {CC_DESCRIPTION}", s.year));
    }
    let [b, m, r, c] = s.abstract_parts();
    let conclusion_label = if rng.chance(0.5) { "CONCLUSION" } else { "CONCLUSIONS" };
    lines.push(format!(
        "dc.description.abstractBACKGROUND: {b} METHODS: {m} RESULTS: {r} {conclusion_label}: {c}"
    ));
    if let Some(funder) = &s.funder {
        lines.push(format!("dc.description.sponsorship{}", funding_sentence(funder, &mut rng)));
    }
    if d.citation {
        let names: Vec<String> =
            s.authors.iter().map(|a| format!("{}, {}", a.family, a.dotted_initials())).collect();
        let names = match names.as_slice() {
            [one] => one.clone(),
            [rest @ .., last] => format!("{} & {last}", rest.join(", ")),
            [] => String::new(),
        };
        let stop = if s.title.ends_with('?') { "" } else { "." };
        let mut citation =
            format!("{names} {}{stop} {} {}, {} ({}).", s.title, j.abbrev, s.volume, s.pages_dash(), s.year);
        if d.doi {
            citation.push_str(&format!(" https://doi.org/{}", s.doi));
        }
        lines.push(format!("dc.identifier.citation{citation}"));
    }
    lines.push(format!("dc.identifier.issn{}", j.issn));
    if j.pages == PageStyle::Article {
        lines.push(format!("dc.identifier.other{}", s.first_page));
    }
    if d.doi {
        if rng.chance(0.3) {
            lines.push(format!("dc.identifier.doi{}", s.doi));
        } else {
            lines.push(format!("dc.identifier.urihttps://doi.org/{}", s.doi));
        }
    }
    lines.push(format!("dc.identifier.urihttps://hdl.handle.net/{}/{}", rng.digits(5), rng.digits(5)));
    lines.push("dc.language.isoen".to_string());
    lines.push(format!("dc.publisher{}", j.publisher));
    lines.push("dc.rightsAttribution 4.0 Internationalen".to_string());
    lines.push("dc.rights.urihttp://creativecommons.org/licenses/by/4.0/".to_string());
    for kw in &s.keywords {
        lines.push(format!("dc.subject{kw}"));
    }
    let mesh: Vec<&String> =
        rng.distinct(v.text.mesh.len(), 3).into_iter().map(|i| &v.text.mesh[i]).collect();
    for _ in 0..2 {
        for m in &mesh {
            lines.push(format!("dc.subject.mesh{m}"));
        }
    }
    if d.symplectic {
        lines.push(format!("dc.symplectic.issue{}", s.issue));
        lines.push(format!("dc.symplectic.journal{}", j.title));
        lines.push(format!(
            "dc.symplectic.pagination{}-{}",
            s.first_page,
            s.last_page.clone().unwrap_or_default()
        ));
        lines.push("dc.symplectic.subtypeJournal article".to_string());
        lines.push(format!("dc.symplectic.volume{}", s.volume));
    }
    lines.push(format!("dc.title{}", s.title));
    lines.push("dc.typeArticle".to_string());
    lines.push(String::new());
    let families: Vec<&str> = s.authors.iter().take(3).map(|a| a.family.as_str()).collect();
    let short: Vec<&str> = s.title.split(' ').take(2).collect();
    let file = format!("{} ({}) {}.pdf", families.join(", "), s.year, short.join(" "));
    for chrome in &v.chrome.dspace_tail {
        lines.push(chrome.replace("{file}", &file));
    }
    lines.join("\n") + "\n"
}

/// Elsevier Pure portal page: labels glued to values, blocks under headings.
fn pure(s: &Study, d: &Doc, v: &SynthVocab) -> String {
    let mut rng = Rng::new(d.seed);
    let j = &v.journals[s.journal];
    let corresponding = rng.below(s.authors.len());
    let names: Vec<String> = s
        .authors
        .iter()
        .enumerate()
        .map(|(i, a)| if i == corresponding { format!("{}*", a.given_first()) } else { a.given_first() })
        .collect();
    let [b, m, r, c] = s.abstract_parts();
    let mut lines: Vec<String> = vec![
        s.title.clone(),
        String::new(),
        names.join(", "),
        String::new(),
        "*Corresponding author for this work".to_string(),
        String::new(),
        "Research output: Contribution to journalArticlepeer-review".to_string(),
        String::new(),
        "Abstract".to_string(),
        String::new(),
        format!("Background: {b} Method: {m} Results: {r} Conclusion: {c}"),
        String::new(),
        "Original languageEnglish".to_string(),
    ];
    match &s.last_page {
        None => lines.push(format!("Article number{}", s.first_page)),
        Some(last) => lines.push(format!("Pages (from-to){}-{last}", s.first_page)),
    }
    lines.push(format!("Journal{}", j.title));
    lines.push(format!("Volume{}", s.volume));
    if rng.chance(0.6) {
        lines.push(format!("Issue number{}", s.issue));
    }
    lines.push("DOIs".to_string());
    if d.doi {
        lines.push(format!("https://doi.org/{}", s.doi));
    }
    let status = if rng.chance(0.5) {
        format!("Published - {} {}", month_name(s.month), s.year)
    } else {
        format!("Published - {} {} {}", s.day, &month_name(s.month)[..3], s.year)
    };
    lines.push(format!("Publication status{status}"));
    lines.push(format!("Externally published{}", if rng.chance(0.5) { "Yes" } else { "No" }));
    lines.push(String::new());
    lines.push("Bibliographical note".to_string());
    lines.push(String::new());
    if let Some(funder) = &s.funder {
        lines.push("Funding Information:".to_string());
        lines.push(funding_sentence(funder, &mut rng));
        lines.push(String::new());
    }
    lines.push("Publisher Copyright:".to_string());
    lines.push(format!("© {}", s.year));
    lines.push(String::new());
    lines.push("Keywords".to_string());
    lines.push(String::new());
    for kw in &s.keywords {
        lines.push(format!("  • {kw}"));
    }
    lines.push(String::new());
    for chrome in &v.chrome.pure_tail {
        lines.push(chrome.replace("{title}", &s.title));
    }
    lines.join("\n")
}

/// Aggregator page: heading, impact line, authors, one-line JSON blob, chrome.
fn aggregator(s: &Study, d: &Doc, v: &SynthVocab) -> String {
    let mut rng = Rng::new(d.seed);
    let j = &v.journals[s.journal];
    let q = |text: &str| serde_json::to_string(text).unwrap_or_else(|_| "null".to_string());
    let authors = s.authors.iter().map(|a| a.given_first()).collect::<Vec<_>>().join(", ");
    let abstract_text = s.abstract_parts().join(" ");
    let region = rng.range(1, 4);
    let quartile = rng.range(1, 4);
    let doi = if d.doi { q(&s.doi) } else { "null".to_string() };
    let list_url = if d.doi {
        format!("https://doi.org/{}", s.doi)
    } else {
        format!("https://www.booksci.cn/literature/{}.htm", rng.digits(8))
    };
    let volume = if rng.chance(0.4) { q(&s.volume.to_string()) } else { "null".to_string() };
    let blob = format!(
        concat!(
            "{{\"title\":{},\"authors\":{},\"doi\":{},\"DOIUrl\":null,\"url\":null,\"abstract\":{},",
            "\"PeriodicalId\":{},\"journal\":{{\"name\":{},\"volume\":{},\"pages\":null}},\"PeriodicalIF\":{},",
            "\"publicationDate\":{},\"publicationTypes\":\"Journal Article\",\"fieldsOfStudy\":null,",
            "\"isOpenAccess\":false,\"openAccessPdf\":\"\",\"citationCount\":\"{}\",\"resultStr\":null,",
            "\"platform\":\"Semanticscholar\",\"paperid\":null,\"PeriodicalName\":{},\"FirstCategoryId\":\"3\",",
            "\"ListUrlMain\":{},\"RegionNum\":{},\"RegionCategory\":\"医学\",\"ArticlePicture\":[],",
            "\"TitleCN\":null,\"AbstractTextCN\":null,\"PMCID\":null,\"EPubDate\":\"\",\"PubModel\":\"\",",
            "\"JCR\":\"Q{}\",\"JCRName\":{},\"Score\":null,\"Total\":0}}"
        ),
        q(&s.title),
        q(&authors),
        doi,
        q(&abstract_text),
        rng.range(1000, 99999),
        q(&j.title),
        volume,
        j.impact,
        q(&iso_date(s)),
        rng.range(0, 40),
        q(&j.title),
        q(&list_url),
        region,
        quartile,
        q(&j.jcr),
    );
    let mut lines: Vec<String> = vec![
        s.title.clone(),
        String::new(),
        format!("IF {} {region}区 医学 Q{quartile} {}", j.impact, j.jcr),
        authors,
        blob,
        format!("引用次数: {}", rng.range(0, 40)),
        String::new(),
        "Abstract".to_string(),
        String::new(),
        abstract_text,
    ];
    for chrome in &v.chrome.aggregator_tail {
        lines.push(chrome.replace("{journal}", &j.title));
    }
    lines.join("\n")
}

/// VuFind record: a localised display, then the Solr document.
fn vufind(s: &Study, d: &Doc, v: &SynthVocab) -> String {
    let mut rng = Rng::new(d.seed);
    let j = &v.journals[s.journal];
    let labels = &v.chrome.vufind[d.labels.min(v.chrome.vufind.len().saturating_sub(1))];
    let [b, m, r, c] = s.abstract_parts();
    let description = format!("BACKGROUND: {b} METHODS: {m} RESULTS: {r} CONCLUSIONS: {c}");
    let teaser: String = description.chars().take(300).collect();
    let authors: Vec<String> = s.authors.iter().map(|a| a.family_first()).collect();
    let mut urls = vec![
        format!("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC{}/", s.pmcid),
        format!("https://www.ncbi.nlm.nih.gov/pubmed/{}", s.pmid),
    ];
    if d.doi {
        urls.push(format!("http://dx.doi.org/{}", s.doi));
    }
    let mut lines: Vec<String> = vec![
        labels.loading.clone(),
        String::new(),
        s.title.clone(),
        String::new(),
        format!("{teaser}..."),
        String::new(),
        labels.full_description.clone(),
        String::new(),
        labels.details.clone(),
        format!("{} {}", labels.main_authors, authors.join(", ")),
        labels.format.clone(),
        labels.language.clone(),
        format!("{} {} {}", labels.published, j.publisher, s.year),
        labels.subjects.clone(),
        format!("{}{}", labels.online_access, urls[0]),
    ];
    lines.extend(urls[1..].iter().cloned());
    lines.push(format!("_version_ {}", rng.digits(19)));
    let multi = |lines: &mut Vec<String>, field: &str, values: &[String]| {
        for (i, value) in values.iter().enumerate() {
            lines.push(if i == 0 { format!("{field} {value}") } else { value.clone() });
        }
    };
    multi(&mut lines, "author", &authors);
    multi(&mut lines, "author_facet", &authors);
    lines.push(format!("author_sort {}", authors.first().cloned().unwrap_or_default()));
    lines.push("collection PubMed".to_string());
    lines.push(format!("description {description}"));
    multi(&mut lines, "format", &["Online".to_string(), "Article".to_string(), "Text".to_string()]);
    lines.push(format!("id pubmed-{}", s.pmcid));
    lines.push("institution National Center for Biotechnology Information".to_string());
    lines.push("language English".to_string());
    lines.push(format!("publishDate {}", s.year));
    lines.push(format!("publisher {}", j.publisher));
    lines.push("record_format MEDLINE/PubMed".to_string());
    let indexed = format!("{}-{:02}-{:02}", s.year, s.month, (s.day + 6).min(28));
    let mut spelling = format!(
        "spelling pubmed-{}{indexed} {} {} {} Research {description} {} {} /pmc/articles/PMC{}/ /pubmed/{}",
        s.pmcid,
        s.title,
        authors.join(" "),
        j.abbrev,
        j.publisher,
        iso_date(s),
        s.pmcid,
        s.pmid
    );
    if d.doi {
        spelling.push_str(&format!(" http://dx.doi.org/{}", s.doi));
    }
    spelling.push_str(&format!(
        " Text en © The Author(s). {} Open AccessThis article is distributed under the terms of the Creative Commons Attribution 4.0 International License (http://creativecommons.org/licenses/by/4.0/), which permits unrestricted use, distribution, and reproduction in any medium, provided you give appropriate credit to the original author(s) and the source.",
        s.year
    ));
    lines.push(spelling);
    let mut shingle = vec!["Research".to_string()];
    shingle.extend(authors.iter().cloned());
    shingle.push(s.title.clone());
    multi(&mut lines, "spellingShingle", &shingle);
    for field in ["title", "title_full", "title_fullStr", "title_full_unstemmed", "title_short"] {
        lines.push(format!("{field} {}", s.title));
    }
    let lower = s.title.to_lowercase();
    let sort = ["the ", "a ", "an "].iter().find_map(|a| lower.strip_prefix(a)).unwrap_or(&lower).to_string();
    lines.push(format!("title_sort {sort}"));
    lines.push("topic Research".to_string());
    multi(&mut lines, "url", &urls);
    let title_key: String = fold(&s.title).replace(' ', "");
    let keys: Vec<String> = s
        .authors
        .iter()
        .map(|a| {
            format!("AT {}{} {title_key}", fold(&a.family).replace(' ', ""), fold(&a.given).replace(' ', ""))
        })
        .collect();
    multi(&mut lines, "work_keys_str_mv", &keys);
    lines.join("\n")
}

/// Publisher article converted from PDF: front matter, abstract, body,
/// back matter, references, publisher chrome.
fn fulltext(s: &Study, d: &Doc, all: &[Study], v: &SynthVocab) -> String {
    let mut rng = Rng::new(d.seed);
    let j = &v.journals[s.journal];
    let t = &v.text;
    let mut paras: Vec<String> = Vec::new();
    let header = running_header(s, &j.title);

    // Front matter.
    paras.push(v.chrome.fulltext_badges[0].clone());
    if v.chrome.fulltext_badges.len() > 1 && rng.chance(0.7) {
        paras.push(rng.pick(&v.chrome.fulltext_badges[1..]).clone());
    }
    if d.running_header {
        paras.push(header.clone());
    }
    if d.doi {
        paras.push(format!("https://doi.org/{}", s.doi));
    }
    paras.push(s.title.clone());
    paras.push(author_line(s));
    paras.push("Abstract".to_string());
    let [b, m, r, c] = s.abstract_parts();
    paras.push(format!("Background: {b}"));
    paras.push(format!("Methods: {m}"));
    paras.push(format!("Results: {r}"));
    paras.push(format!("{}: {c}", if rng.chance(0.5) { "Conclusion" } else { "Conclusions" }));
    paras.push(format!("Keywords: {}", s.keywords.join(", ")));

    // Background, with the page chrome of page one.
    paras.push("Background".to_string());
    let picks = rng.distinct(t.background.len(), 3);
    let mut first: Vec<String> = picks.iter().map(|i| t.background[*i].clone()).collect();
    first.push("The experiences of peer workers themselves have received less attention [1–3].".to_string());
    let first = first.join(" ");
    // A page break falls in the Background, the Participants paragraph or the Discussion.
    let break_at = d.page_break.then(|| rng.weighted(&[2, 1, 1]));
    let pages = rng.range(9, 16);
    let push_body = |paras: &mut Vec<String>, text: String, here: usize, page: u32| {
        if break_at != Some(here) {
            paras.push(text);
            return;
        }
        let (head, tail) = cut_paragraph(&text);
        paras.push(head);
        paras.push(format!("Page {page} of {pages}"));
        if d.running_header {
            paras.push(header.clone());
        }
        paras.push(tail);
    };
    push_body(&mut paras, first, 0, 1);
    let email = format!(
        "{}.{}@mail.example.org",
        fold(&s.authors[0].given).replace(' ', ""),
        fold(&s.authors[0].family).replace(' ', "")
    );
    paras.push(format!("*Correspondence: {email}"));
    let affiliation = rng.pick(&v.places);
    let department = rng.pick(&t.departments);
    paras.push(format!(
        "¹ {department}, University of {}, {}, {}\nFull list of author information is available at the end of the article",
        affiliation.city, affiliation.city, affiliation.country
    ));
    let licence = CC_DESCRIPTION.strip_prefix("Open Access ").unwrap_or(CC_DESCRIPTION);
    paras.push(format!("© The Author(s) {}. **Open Access** {licence}", s.year));
    let mut second = vec![rng.pick(&t.body).clone()];
    if let Some(trap) = d.trap_place.and_then(|i| v.places.get(i)) {
        let template = rng.pick(&t.trap_places);
        second.push(template.replace("{city}", &trap.city).replace("{country}", &trap.country));
    }
    second.push(s.aim.clone());
    paras.push(second.join(" "));

    // Methods.
    paras.push("Methods".to_string());
    paras.push("Study setting and design".to_string());
    let (m1, m2) = (rng.range(1, 6), rng.range(7, 12));
    // The same period as the abstract's, to the month.
    let between = if s.period.0 == s.period.1 {
        format!("between {} and {} {}", month_name(m1), month_name(m2), s.period.1)
    } else {
        format!("between {} {} and {} {}", month_name(m1), s.period.0, month_name(m2), s.period.1)
    };
    let setting = match &s.setting {
        Some(setting) => format!("The study took place {between} {}. This was {}.", setting.phrase, s.design),
        None => format!("This was {}. Data were collected {between}.", s.design),
    };
    paras.push(setting);
    if let Some(p) = &s.participants {
        paras.push("Participants".to_string());
        let text = format!(
            "Participants were recruited through the services where the study took place. {}",
            p.body_sentence
        );
        push_body(&mut paras, text, 1, 3);
    }
    if rng.chance(0.3) {
        paras.push("Research team".to_string());
        paras.push(format!(
            "The research team was composed of {} individuals. The first author has experience in qualitative research.",
            number_word(u32::try_from(s.authors.len().max(2)).unwrap_or(2))
        ));
    }
    paras.push("Data collection and analysis".to_string());
    paras.push(format!(
        "Data were collected using {}. Transcripts were analysed using {} [20, 21].",
        s.data_collection, s.analysis
    ));

    // Results.
    paras.push("Results".to_string());
    if s.themes.is_empty() {
        for _ in 0..2 {
            paras.push(format!("{} “{}” ({})", rng.pick(&t.body), rng.pick(&t.quotes), speaker(&mut rng, v)));
        }
    } else {
        paras.push("The themes are described below with illustrative quotes.".to_string());
        for label in &s.themes {
            paras.push(cap(label));
            paras.push(format!("{} “{}” ({})", rng.pick(&t.body), rng.pick(&t.quotes), speaker(&mut rng, v)));
        }
    }

    // Discussion and back matter.
    paras.push("Discussion".to_string());
    let picks = rng.distinct(t.discussion.len(), 2);
    let discussion = picks.iter().map(|i| t.discussion[*i].clone()).collect::<Vec<_>>().join(" ");
    push_body(&mut paras, discussion, 2, pages.saturating_sub(2));
    paras.push("Limitations".to_string());
    paras.push(rng.pick(&t.limitations).clone());
    paras.push("Conclusion".to_string());
    paras.push(s.conclusion.clone());
    paras.push("Acknowledgements".to_string());
    paras.push("Not applicable".to_string());
    paras.push("Funding".to_string());
    paras.push(match &s.funder {
        Some(funder) => funding_sentence(funder, &mut rng),
        None => "This research received no specific grant from any funding agency.".to_string(),
    });
    paras.push("Author details".to_string());
    paras.push(format!(
        "¹ {department}, University of {}, {}, {}.",
        affiliation.city, affiliation.city, affiliation.country
    ));
    paras.push(format!(
        "Received: {} {} {} Accepted: {} {} {}",
        rng.range(1, 28),
        month_name(rng.range(1, 12)),
        s.year - 1,
        rng.range(1, 28),
        month_name(s.month),
        s.year
    ));
    paras.push(format!("Published online: {} {} {}", s.day, month_name(s.month), s.year));
    paras.push("References".to_string());
    paras.push(references(s, all, v, &mut rng).join("\n"));
    paras.push(v.chrome.fulltext_tail.join("\n"));

    let text = format!("\n\n{}\n", paras.join("\n\n"));
    if d.ascii { ascii_quotes(&text) } else { text }
}

/// `Okafor et al. Harm Reduction Journal (2021) 18:7`; two authors are
/// named both, one author alone.
fn running_header(s: &Study, journal: &str) -> String {
    let who = match s.authors.as_slice() {
        [one] => one.family.clone(),
        [a, b] => format!("{} and {}", a.family, b.family),
        [a, ..] => format!("{} et al.", a.family),
        [] => String::new(),
    };
    format!("{who} {journal} ({}) {}:{}", s.year, s.volume, s.first_page)
}

/// `Ada Okafor^{1*} , Bo Lindqvist¹ and Niamh O’Dwyer²`.
fn author_line(s: &Study) -> String {
    const MARKS: [&str; 3] = ["¹", "²", "³"];
    let names: Vec<String> = s
        .authors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            if i == 0 {
                format!("{}^{{1*}}", a.given_first())
            } else {
                format!("{}{}", a.given_first(), MARKS[i % 3])
            }
        })
        .collect();
    match names.as_slice() {
        [one] => one.clone(),
        [first, rest @ ..] => {
            let tail = join_list(rest, false);
            if rest.len() == 1 { format!("{first} and {tail}") } else { format!("{first} , {tail}") }
        }
        [] => String::new(),
    }
}

/// Cuts a paragraph where the next word starts in lower case, as a page
/// break does.
fn cut_paragraph(text: &str) -> (String, String) {
    let middle = text.len() / 2;
    let cut = text[middle..]
        .char_indices()
        .find(|(i, ch)| *ch == ' ' && text[middle + i + 1..].starts_with(|c: char| c.is_lowercase()))
        .map(|(i, _)| middle + i);
    match cut {
        Some(at) => (text[..at].to_string(), text[at + 1..].to_string()),
        None => (text.to_string(), String::new()),
    }
}

fn speaker(rng: &mut Rng, v: &SynthVocab) -> String {
    format!("P{}, {}", rng.range(1, 20), rng.pick(&v.text.speakers))
}

/// The reference list: other studies' authors, titles, journals and DOIs,
/// sometimes a study of this corpus.
fn references(s: &Study, all: &[Study], v: &SynthVocab, rng: &mut Rng) -> Vec<String> {
    let r = &v.references;
    let n = rng.range(8, 18);
    let mut out = Vec::new();
    let mut cited = s.cites.iter();
    for k in 0..n {
        if k % 4 == 2
            && let Some(other) = cited.next().and_then(|i| all.get(*i))
        {
            let names: Vec<String> =
                other.authors.iter().take(6).map(|a| format!("{} {}", a.family, a.initials())).collect();
            let abbrev = &v.journals[other.journal].abbrev;
            out.push(format!(
                "- {}. {}. *{abbrev}*. {};{}:{}. <https://doi.org/{}>.",
                names.join(", "),
                other.title,
                other.year,
                other.volume,
                other.pages_dash(),
                other.doi
            ));
            continue;
        }
        if k % 7 == 6 {
            out.push(format!("- {}", rng.pick(&r.books)));
            continue;
        }
        let count = rng.range(1, 6) as usize;
        let mut names: Vec<String> = (0..count)
            .map(|_| {
                let given = rng.pick(&v.names.given);
                let initials: String = given.split([' ', '-']).filter_map(|p| p.chars().next()).collect();
                format!("{} {initials}", rng.pick(&v.names.family))
            })
            .collect();
        if count == 6 {
            names.push("et al".to_string());
        }
        let year = s.year - i32::try_from(rng.range(1, 15)).unwrap_or(1);
        let first_page = rng.range(1, 900);
        let mut entry = format!(
            "- {}. {}. *{}*. {year};{}({}):{first_page}–{}.",
            names.join(", "),
            cap(rng.pick::<String>(&r.topics)),
            rng.pick(&r.journals),
            rng.range(1, 120),
            rng.range(1, 12),
            first_page + rng.range(4, 20)
        );
        if rng.chance(0.6) {
            entry.push_str(&format!(
                " <https://doi.org/10.{}/{}.{}>.",
                rng.range(1000, 9999),
                rng.hex(6),
                rng.digits(4)
            ));
        }
        out.push(entry);
    }
    out
}
