//! The facts of one generated study, and the sentences that state them.
//!
//! A study is planned once (title, authors, journal, setting, participants,
//! themes, which documents describe it and what each of them prints), then
//! every document is rendered from the plan, so the documents of one study
//! agree with each other and with the ground truth.

use std::collections::BTreeSet;

use crate::rng::Rng;
use crate::vocab::{GroupTerm, PageStyle, Place, SynthVocab};
use crate::words::{article, cap, country_phrase, join_list, number_word};

/// The five source formats the pipeline reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Format {
    Dspace,
    Fulltext,
    Pure,
    AggregatorJson,
    Vufind,
}

pub(crate) const FORMATS: [Format; 5] =
    [Format::Dspace, Format::Fulltext, Format::Pure, Format::AggregatorJson, Format::Vufind];

#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub(crate) given: String,
    pub(crate) family: String,
}

impl Person {
    /// `Okafor, Ada`.
    pub(crate) fn family_first(&self) -> String {
        format!("{}, {}", self.family, self.given)
    }

    /// `Ada Okafor`.
    pub(crate) fn given_first(&self) -> String {
        format!("{} {}", self.given, self.family)
    }

    /// Citation initials: `R.`, `A.-C.`.
    pub(crate) fn dotted_initials(&self) -> String {
        self.given
            .split(' ')
            .map(|part| {
                part.split('-')
                    .filter_map(|p| p.chars().next())
                    .map(|c| format!("{c}."))
                    .collect::<Vec<_>>()
                    .join("-")
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Reference-list initials: `R`, `AC`.
    pub(crate) fn initials(&self) -> String {
        self.given.split([' ', '-']).filter_map(|p| p.chars().next()).collect()
    }
}

/// One participant group as the documents print it.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub(crate) label: String,
    pub(crate) category: String,
    pub(crate) n: Option<u32>,
}

#[derive(Debug, Clone)]
pub(crate) struct Participants {
    pub(crate) groups: Vec<Group>,
    pub(crate) total: Option<u32>,
    pub(crate) abstract_sentence: String,
    pub(crate) body_sentence: String,
    /// In the abstract's Results part (else its Methods part).
    pub(crate) in_results: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Setting {
    pub(crate) country: String,
    /// `in Riverton, Canada`, `in an urban centre in Manitoba, Canada`.
    pub(crate) phrase: String,
    pub(crate) in_abstract: bool,
}

/// One document of a study and what it prints.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub(crate) format: Format,
    pub(crate) name: String,
    pub(crate) doi: bool,
    /// Full text: a running header with journal, year, volume and article.
    pub(crate) running_header: bool,
    /// Full text: ASCII quotes and apostrophes.
    pub(crate) ascii: bool,
    /// Full text: a page break cuts a Background paragraph in two.
    pub(crate) page_break: bool,
    /// Full text: a Background sentence about another place.
    pub(crate) trap_place: Option<usize>,
    /// DSpace: `dc.symplectic.*` fields (journal, volume, issue, pages).
    pub(crate) symplectic: bool,
    /// DSpace: the citation field (gives the journal abbreviation).
    pub(crate) citation: bool,
    /// VuFind: which language the display labels are in.
    pub(crate) labels: usize,
    /// A per-document seed for the details that do not matter to the truth.
    pub(crate) seed: u64,
}

impl Doc {
    /// Whether the document names the study's journal in a form the truth counts.
    pub(crate) fn states_journal(&self) -> bool {
        match self.format {
            Format::Dspace => self.symplectic || self.citation,
            Format::Fulltext => self.running_header,
            Format::Pure | Format::AggregatorJson | Format::Vufind => true,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Study {
    pub(crate) title: String,
    /// The title names the study's place.
    pub(crate) title_place: bool,
    pub(crate) authors: Vec<Person>,
    pub(crate) year: i32,
    pub(crate) month: u32,
    pub(crate) day: u32,
    pub(crate) journal: usize,
    pub(crate) volume: u32,
    pub(crate) issue: u32,
    /// Article number, or first page for page ranges.
    pub(crate) first_page: String,
    /// Last page for page ranges.
    pub(crate) last_page: Option<String>,
    pub(crate) doi: String,
    pub(crate) pmid: String,
    pub(crate) pmcid: String,
    pub(crate) setting: Option<Setting>,
    pub(crate) design: String,
    pub(crate) data_collection: String,
    pub(crate) analysis: String,
    pub(crate) period: (i32, i32),
    pub(crate) participants: Option<Participants>,
    /// Theme labels; empty when the study names no themes.
    pub(crate) themes: Vec<String>,
    pub(crate) theme_sentence: String,
    pub(crate) background: String,
    pub(crate) aim: String,
    pub(crate) conclusion: String,
    pub(crate) funder: Option<String>,
    pub(crate) keywords: Vec<String>,
    pub(crate) docs: Vec<Doc>,
    /// Other studies of the corpus this one's reference list cites.
    pub(crate) cites: Vec<usize>,
}

impl Study {
    /// Pages as printed in a citation: `19` or `215–223`.
    pub(crate) fn pages_dash(&self) -> String {
        match &self.last_page {
            Some(last) => format!("{}–{last}", self.first_page),
            None => self.first_page.clone(),
        }
    }

    /// The abstract's four labelled parts: background, methods, results, conclusion.
    pub(crate) fn abstract_parts(&self) -> [String; 4] {
        let mut methods = format!("We conducted {}", self.design);
        if let Some(setting) = self.setting.as_ref().filter(|s| s.in_abstract) {
            methods.push(' ');
            methods.push_str(&setting.phrase);
        }
        methods.push('.');
        let collected = if self.period.0 == self.period.1 {
            format!("Data were collected in {} using {}", self.period.0, self.data_collection)
        } else {
            format!(
                "Data were collected from {} to {} using {}",
                self.period.0, self.period.1, self.data_collection
            )
        };
        let mut results = String::new();
        if let Some(p) = &self.participants {
            if p.in_results {
                results.push_str(&p.abstract_sentence);
                results.push(' ');
            } else {
                methods.push(' ');
                methods.push_str(&p.abstract_sentence);
            }
        }
        methods.push_str(&format!(" {collected} and analysed using {}.", self.analysis));
        results.push_str(&self.theme_sentence);
        [format!("{} {}", self.background, self.aim), methods, results, self.conclusion.clone()]
    }
}

/// Draws everything about study `index` except the document names.
pub(crate) fn plan_study(
    index: usize,
    seed: u64,
    vocab: &SynthVocab,
    titles: &mut BTreeSet<String>,
    dois: &mut BTreeSet<String>,
) -> Study {
    let mut rng = Rng::for_item(seed, index as u64);
    let mix = &vocab.corpus;
    let n_authors = [1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 7, 8][rng.below(13)];
    let authors = draw_authors(&mut rng, vocab, n_authors);
    let year = i32::try_from(rng.range(0, u32::try_from(mix.years[1] - mix.years[0]).unwrap_or(0)))
        .map_or(mix.years[0], |offset| mix.years[0] + offset);
    let (month, day) = (rng.range(1, 12), rng.range(1, 28));
    let journal_index = rng.below(vocab.journals.len());
    let journal = &vocab.journals[journal_index];
    let volume = rng.range(1, 60);
    let issue = rng.range(1, 12);

    // The place first: a title may name it.
    let place_index = rng.below(vocab.places.len());
    let place = &vocab.places[place_index];
    let title_place = rng.chance(mix.title_place_share);
    let title = draw_title(&mut rng, vocab, title_place.then_some(place), titles);
    let setting = if title_place || rng.chance(mix.setting_share) {
        let in_abstract = title_place || rng.chance(mix.setting_in_abstract_share);
        Some(setting_phrase(&mut rng, place, in_abstract))
    } else {
        None
    };
    // Pages and DOI are drawn together: some DOIs are made of the article number.
    let mut attempts = 0u32;
    let (first_page, last_page, doi) = loop {
        attempts += 1;
        let (first_page, last_page) = match journal.pages {
            PageStyle::Article if journal.doi.contains("{article}") => (format!("10{}", rng.digits(4)), None),
            PageStyle::Article => (rng.range(1, 320).to_string(), None),
            PageStyle::Range => {
                let first = rng.range(100, 1500);
                (first.to_string(), Some((first + rng.range(5, 14)).to_string()))
            }
        };
        let mut candidate = fill_doi(&mut rng, &journal.doi, year, &first_page);
        if attempts > 1000 {
            // A journal-year whose DOI space is used up: a suffix keeps DOIs unique.
            candidate.push_str(&format!(".{attempts}"));
        }
        if dois.insert(candidate.to_lowercase()) {
            break (first_page, last_page, candidate);
        }
    };

    let t = &vocab.text;
    let participants =
        if rng.chance(mix.no_participants_share) { None } else { Some(draw_participants(&mut rng, vocab)) };
    let (themes, theme_sentence) = draw_themes(&mut rng, vocab);
    let aim = if rng.chance(0.5) {
        format!("This study aimed to {}.", rng.pick(&t.aims))
    } else {
        format!("The purpose of this study was to {}.", rng.pick(&t.aims))
    };
    let period_end = year - i32::try_from(rng.range(1, 2)).unwrap_or(1);
    let period_start = period_end - i32::try_from(rng.range(0, 1)).unwrap_or(0);
    let keywords = rng.distinct(t.keywords.len(), 3).into_iter().map(|i| t.keywords[i].clone()).collect();
    Study {
        title,
        title_place,
        authors,
        year,
        month,
        day,
        journal: journal_index,
        volume,
        issue,
        first_page,
        last_page,
        doi,
        pmid: rng.digits(8),
        pmcid: rng.digits(7),
        setting,
        design: rng.pick(&t.designs).clone(),
        data_collection: rng.pick(&t.data_collection).clone(),
        analysis: rng.pick(&t.analysis).clone(),
        period: (period_start, period_end),
        participants,
        themes,
        theme_sentence,
        background: rng.pick(&t.background).clone(),
        aim,
        conclusion: rng.pick(&t.conclusions).clone(),
        funder: rng.chance(0.7).then(|| rng.pick(&t.funders).clone()),
        keywords,
        docs: Vec::new(),
        cites: Vec::new(),
    }
}

fn draw_authors(rng: &mut Rng, vocab: &SynthVocab, n: usize) -> Vec<Person> {
    let mut families = BTreeSet::new();
    let mut authors = Vec::new();
    while authors.len() < n {
        let family = rng.pick(&vocab.names.family).clone();
        if families.insert(family.clone()) {
            authors.push(Person { given: rng.pick(&vocab.names.given).clone(), family });
        }
    }
    authors
}

/// A title not yet used (compared folded, as the linker compares titles).
fn draw_title(
    rng: &mut Rng,
    vocab: &SynthVocab,
    place: Option<&Place>,
    used: &mut BTreeSet<String>,
) -> String {
    let t = &vocab.titles;
    let mut attempts = 0u32;
    loop {
        attempts += 1;
        let template = match place {
            Some(_) => rng.pick(&t.place_templates),
            None => rng.pick(&t.templates),
        };
        let mut title = fill_title(rng, vocab, template, place);
        if attempts > 1000 {
            // The templates are used up: number the title so it stays unique.
            title.push_str(&format!(" ({attempts})"));
        }
        if used.insert(crate::score::fold(&title)) {
            return title;
        }
    }
}

fn fill_title(rng: &mut Rng, vocab: &SynthVocab, template: &str, place: Option<&Place>) -> String {
    let t = &vocab.titles;
    let mut out = String::new();
    let mut rest = template;
    let mut concept: Option<String> = None;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        let name = &rest[open + 1..close];
        let capitalise = name.starts_with(|c: char| c.is_uppercase());
        let value = match name.to_lowercase().as_str() {
            "role" => rng.pick(&t.role).clone(),
            "metaphor" => rng.pick(&t.metaphor).clone(),
            "design" => rng.pick(&t.design).clone(),
            "setting" => rng.pick(&t.setting).clone(),
            "population" => rng.pick(&t.population).clone(),
            "concept" => {
                let c = rng.pick(&t.concept).clone();
                concept = Some(c.clone());
                c
            }
            "concept2" => loop {
                let c = rng.pick(&t.concept).clone();
                if concept.as_ref() != Some(&c) || t.concept.len() < 2 {
                    break c;
                }
            },
            "quote" => rng.pick(&t.quote).clone(),
            "verb" => rng.pick(&t.verb).clone(),
            "from" => rng.pick(&t.from).clone(),
            "to" => rng.pick(&t.to).clone(),
            "place" => place.map(|p| format!("{}, {}", p.city, p.country)).unwrap_or_default(),
            _ => String::new(),
        };
        out.push_str(&if capitalise { cap(&value) } else { value });
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn setting_phrase(rng: &mut Rng, place: &Place, in_abstract: bool) -> Setting {
    let country = country_phrase(&place.country);
    let has_sub = !place.subdivision.is_empty();
    let phrase = match rng.below(4) {
        1 if has_sub => format!("in an urban centre in {}, {country}", place.subdivision),
        2 if has_sub => format!("in {}, {}, {country}", place.city, place.subdivision),
        3 => format!("in {country}"),
        _ => format!("in {}, {country}", place.city),
    };
    Setting { country: place.country.clone(), phrase, in_abstract }
}

fn fill_doi(rng: &mut Rng, pattern: &str, year: i32, article_no: &str) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        let name = &rest[open + 1..close];
        match name {
            "yyyy" => out.push_str(&year.to_string()),
            "yy" => out.push_str(&format!("{:02}", year.rem_euclid(100))),
            "d" => out.push_str(&rng.below(10).to_string()),
            "article" => out.push_str(article_no),
            _ => {
                let width = name.strip_prefix('n').and_then(|w| w.parse::<usize>().ok()).unwrap_or(4);
                out.push_str(&rng.digits(width));
            }
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// How a participant sentence is worded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wording {
    /// `Twelve participants were interviewed: 6 A, 5 B, and 1 C.`
    TotalColon,
    /// `... semi-structured interviews (n = 18) with A, B, and a C.`
    NEqualsWith,
    /// `Interviews were conducted with two current A.`
    OneGroup,
    /// `A total of 24 participants took part, including 12 A, 8 B and 4 C.`
    TotalIncluding,
    /// `We interviewed six A and two B.`
    WeInterviewed,
    /// `Twelve participants took part in focus groups.`
    TotalOnly,
    /// `Focus groups were held with A (n = 6) and B (n = 4).`
    FocusGroupsN,
    /// `Fifteen A and nine B were interviewed.`
    CountsFirst,
}

fn draw_participants(rng: &mut Rng, vocab: &SynthVocab) -> Participants {
    let wording = [
        Wording::TotalColon,
        Wording::NEqualsWith,
        Wording::OneGroup,
        Wording::TotalIncluding,
        Wording::WeInterviewed,
        Wording::TotalOnly,
        Wording::FocusGroupsN,
        Wording::CountsFirst,
    ][rng.weighted(&[25, 15, 10, 15, 10, 10, 15, 5])];
    let k = match wording {
        Wording::OneGroup => 1,
        Wording::TotalOnly => 0,
        Wording::WeInterviewed | Wording::FocusGroupsN | Wording::CountsFirst => 2,
        _ => 2 + rng.below(3),
    };
    let terms: Vec<&GroupTerm> =
        rng.distinct(vocab.groups.len(), k).into_iter().map(|i| &vocab.groups[i]).collect();
    let sizes: Vec<u32> = (0..k).map(|i| if i == 0 { rng.range(2, 16) } else { rng.range(1, 10) }).collect();
    let sized = |term: &GroupTerm, n: u32| Group {
        label: if n == 1 { term.singular.clone() } else { term.plural.clone() },
        category: term.category.clone(),
        n: Some(n),
    };
    let count_phrase = |g: &Group| format!("{} {}", g.n.unwrap_or(0), g.label);
    let oxford = rng.chance(0.5);
    let in_results = rng.chance(0.4);
    match wording {
        Wording::TotalColon | Wording::TotalIncluding => {
            let groups: Vec<Group> = terms.iter().zip(&sizes).map(|(t, n)| sized(t, *n)).collect();
            let total: u32 = sizes.iter().sum();
            let list = join_list(&groups.iter().map(count_phrase).collect::<Vec<_>>(), oxford);
            let colon = format!("{} participants were interviewed: {list}.", cap(&number_word(total)));
            let including = format!("A total of {total} participants took part, including {list}.");
            let (abstract_sentence, body_sentence) = match (wording, rng.chance(0.5)) {
                (Wording::TotalColon, true) => (colon.clone(), including),
                (Wording::TotalColon, false) => (colon.clone(), colon),
                (_, true) => (including.clone(), colon),
                (_, false) => (including.clone(), including),
            };
            Participants { groups, total: Some(total), abstract_sentence, body_sentence, in_results }
        }
        Wording::NEqualsWith => {
            let last_singular = rng.chance(0.5);
            let groups: Vec<Group> = terms
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    if last_singular && i + 1 == terms.len() {
                        Group { label: t.singular.clone(), category: t.category.clone(), n: Some(1) }
                    } else {
                        Group { label: t.plural.clone(), category: t.category.clone(), n: None }
                    }
                })
                .collect();
            let phrases: Vec<String> = groups
                .iter()
                .map(|g| {
                    if g.n == Some(1) {
                        format!("{} {}", article(&g.label), g.label)
                    } else {
                        g.label.clone()
                    }
                })
                .collect();
            let total = rng.range(u32::try_from(k).unwrap_or(2) + 4, 40);
            let sentence = format!(
                "A thematic analysis was performed based on semi-structured interviews (n = {total}) with {}.",
                join_list(&phrases, true)
            );
            Participants {
                groups,
                total: Some(total),
                abstract_sentence: sentence.clone(),
                body_sentence: sentence,
                in_results: false,
            }
        }
        Wording::OneGroup => {
            let term = terms[0];
            let n = sizes[0].max(2);
            let label = if term.qualifiers.is_empty() {
                term.plural.clone()
            } else {
                format!("{} {}", rng.pick(&term.qualifiers), term.plural)
            };
            let sentence = format!("Interviews were conducted with {} {label}.", number_word(n));
            let groups = vec![Group { label, category: term.category.clone(), n: Some(n) }];
            // One group of stated size is the whole sample: the total is stated.
            Participants {
                groups,
                total: Some(n),
                abstract_sentence: sentence.clone(),
                body_sentence: sentence,
                in_results: false,
            }
        }
        Wording::WeInterviewed => {
            let groups: Vec<Group> = terms.iter().zip(&sizes).map(|(t, n)| sized(t, *n)).collect();
            let phrases: Vec<String> =
                groups.iter().map(|g| format!("{} {}", number_word(g.n.unwrap_or(0)), g.label)).collect();
            let sentence = format!("We interviewed {}.", join_list(&phrases, false));
            Participants {
                groups,
                total: None,
                abstract_sentence: sentence.clone(),
                body_sentence: sentence,
                in_results: false,
            }
        }
        Wording::CountsFirst => {
            let groups: Vec<Group> = terms.iter().zip(&sizes).map(|(t, n)| sized(t, *n)).collect();
            let phrases: Vec<String> =
                groups.iter().map(|g| format!("{} {}", number_word(g.n.unwrap_or(0)), g.label)).collect();
            let sentence = format!("{} were interviewed.", cap(&join_list(&phrases, false)));
            Participants {
                groups,
                total: None,
                abstract_sentence: sentence.clone(),
                body_sentence: sentence,
                in_results: false,
            }
        }
        Wording::TotalOnly => {
            let total = rng.range(6, 40);
            let sentence = format!(
                "{} participants took part in {}.",
                cap(&number_word(total)),
                rng.pick(&vocab.text.data_collection)
            );
            Participants {
                groups: Vec::new(),
                total: Some(total),
                abstract_sentence: sentence.clone(),
                body_sentence: sentence,
                in_results,
            }
        }
        Wording::FocusGroupsN => {
            let groups: Vec<Group> = terms
                .iter()
                .zip(&sizes)
                .map(|(t, n)| Group {
                    label: t.plural.clone(),
                    category: t.category.clone(),
                    n: Some((*n).max(2)),
                })
                .collect();
            let phrases: Vec<String> =
                groups.iter().map(|g| format!("{} (n = {})", g.label, g.n.unwrap_or(0))).collect();
            let sentence = format!("Focus groups were held with {}.", join_list(&phrases, false));
            Participants {
                groups,
                total: None,
                abstract_sentence: sentence.clone(),
                body_sentence: sentence,
                in_results: false,
            }
        }
    }
}

/// Theme labels and the sentence that lists them (or a findings sentence).
fn draw_themes(rng: &mut Rng, vocab: &SynthVocab) -> (Vec<String>, String) {
    let th = &vocab.themes;
    if rng.chance(vocab.corpus.no_themes_share) {
        let picks = rng.distinct(th.findings.len(), 2);
        let sentences: Vec<String> = picks.iter().map(|i| th.findings[*i].clone()).collect();
        let text = match sentences.as_slice() {
            [a, b] => format!("Findings show that {a}. {}.", cap(b)),
            [a] => format!("Findings show that {a}."),
            _ => String::new(),
        };
        return (Vec::new(), text);
    }
    let style = rng.weighted(&[20, 15, 15, 15, 10, 10, 15]);
    // Lists without a stated count cannot keep an `and` inside a label.
    let no_and = matches!(style, 4 | 5);
    let count = 2 + rng.below(5);
    let mut labels: Vec<String> = Vec::new();
    let mut guard = 0;
    while labels.len() < count && guard < 1000 {
        guard += 1;
        let label = rng.pick(&th.labels).clone();
        if (no_and && label.contains(" and ")) || labels.contains(&label) {
            continue;
        }
        labels.push(label);
    }
    let count_word = number_word(u32::try_from(labels.len()).unwrap_or(0));
    let oxford = labels.iter().any(|l| l.contains(" and ")) || rng.chance(0.5);
    // Two labels, one with `and` inside: only a comma tells them apart.
    let list = match labels.as_slice() {
        [a, b] if a.contains(" and ") || b.contains(" and ") => format!("{a}, and {b}"),
        _ => join_list(&labels, oxford),
    };
    let domain = rng.pick(&th.domains);
    let sentence = match style {
        0 => format!("We identified {count_word} themes: {list}."),
        1 => {
            let numbered: Vec<String> =
                labels.iter().enumerate().map(|(i, l)| format!("({}) {l}", i + 1)).collect();
            format!(
                "{} primary themes emerged during our analysis of {domain}: {}.",
                cap(&count_word),
                join_list(&numbered, true)
            )
        }
        2 => {
            let quoted: Vec<String> = labels.iter().map(|l| format!("‘{l}’")).collect();
            format!(
                "{} themes were generated from the data that explore {domain}: {}.",
                cap(&count_word),
                join_list(&quoted, true)
            )
        }
        3 => format!("{} themes were generated from the data: {list}.", cap(&count_word)),
        4 => format!("{} emerged as key themes.", cap(&list)),
        5 => format!("Key themes included {list}."),
        _ => format!("We found {count_word} themes that related to {domain}: {list}."),
    };
    (labels, sentence)
}
