use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

/// The participant categories of `participants.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Patients, clients, service users, people who use drugs.
    PatientOrServiceUser,
    /// Clinicians, nurses, health professionals, healthcare team members.
    HealthcareProvider,
    /// Peer (support) workers, peer mentors, navigators.
    PeerWorker,
    /// Employers, managers, supervisors, coordinators.
    EmployerOrManager,
    /// Relatives, family members, carers.
    FamilyOrCarer,
    /// Researchers taking part as participants.
    Researcher,
    /// A group no vocabulary term matched (always flagged).
    Other,
}

impl Category {
    /// Every category, in the order the table documents them.
    pub const ALL: [Category; 7] = [
        Category::PatientOrServiceUser,
        Category::HealthcareProvider,
        Category::PeerWorker,
        Category::EmployerOrManager,
        Category::FamilyOrCarer,
        Category::Researcher,
        Category::Other,
    ];

    /// Name used in `participants.csv` and in the vocabulary file.
    pub fn name(self) -> &'static str {
        match self {
            Category::PatientOrServiceUser => "patient_or_service_user",
            Category::HealthcareProvider => "healthcare_provider",
            Category::PeerWorker => "peer_worker",
            Category::EmployerOrManager => "employer_or_manager",
            Category::FamilyOrCarer => "family_or_carer",
            Category::Researcher => "researcher",
            Category::Other => "other",
        }
    }

    /// The category with this name.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Why a participant vocabulary could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum VocabError {
    /// The text is not valid TOML or does not have the expected tables.
    #[error("participant vocabulary is not valid: {0}")]
    Toml(#[from] toml::de::Error),
    /// A `[categories]` key is not one of the `participants.csv` categories.
    #[error("unknown participant category `{0}` (expected one of the participants.csv categories)")]
    UnknownCategory(String),
    /// `other` is what unmatched groups get; it cannot have terms.
    #[error("category `other` cannot have terms: it is given to groups no term matches")]
    TermsForOther,
    /// A term is empty once case and punctuation are ignored.
    #[error("empty term in `{0}`")]
    EmptyTerm(String),
    /// The same term is listed under two different headings.
    #[error("term `{term}` is listed under both `{first}` and `{second}`")]
    DuplicateTerm {
        /// The term as written the second time.
        term: String,
        /// Where it was first listed.
        first: String,
        /// Where it was listed again.
        second: String,
    },
}

/// What a vocabulary term says about the noun phrase it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TermKind {
    /// A participant group of this category.
    Category(Category),
    /// Participants in general (`participants`, `individuals`).
    Generic,
    /// People who are never a group (`women`, `authors`).
    NotGroup,
    /// Counted things that are not people (`years`, `hospitals`).
    NotPeople,
    /// What a sentence reports instead of people (`themes`, `findings`): not
    /// people either, and as a subject it makes a cue word say nothing about
    /// who took part.
    Topic,
    /// A data-collection method, by index into the method list.
    Method(usize),
}

/// One matchable form of a term.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TermInfo {
    pub kind: TermKind,
    /// Whether the form's head noun is plural (`workers`, `people`).
    pub plural: bool,
}

/// A data-collection method (`interview`, `focus group`, ...).
#[derive(Debug, Clone)]
pub(crate) struct Method {
    pub name: String,
    /// Whether a count of this method's units is a count of people.
    pub counts_participants: bool,
}

/// The participant vocabulary: category terms, general words for people,
/// non-people units, topics, methods and cue words, loaded from a data file
/// (`pipelines/vocab/participant_categories.toml`) so that reviewers can
/// extend it without touching code.
#[derive(Debug, Clone)]
pub struct ParticipantVocab {
    /// Keyed by the term's words folded and joined without spaces, so that
    /// `health care`, `health-care` and `healthcare` are one key.
    terms: HashMap<String, TermInfo>,
    cues: HashSet<String>,
    study_cues: HashSet<String>,
    sampling_words: HashSet<String>,
    condition_words: HashSet<String>,
    condition_category: Option<Category>,
    viewpoints: HashSet<String>,
    methods: Vec<Method>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabFile {
    categories: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    people: PeopleSection,
    #[serde(default)]
    methods: BTreeMap<String, MethodSection>,
    #[serde(default)]
    cues: CueSection,
    #[serde(default)]
    topics: TopicSection,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct PeopleSection {
    #[serde(default)]
    generic: Vec<String>,
    #[serde(default)]
    not_groups: Vec<String>,
    #[serde(default)]
    not_people: Vec<String>,
    /// Words of a qualifier (`people with a serious mental illness`) that
    /// make unnamed people a group of `condition_category`.
    #[serde(default)]
    condition_words: Vec<String>,
    #[serde(default)]
    condition_category: Option<String>,
    /// What a group says, between it and its size (`patient perspectives
    /// (n = 17)`): the size is the group's.
    #[serde(default)]
    viewpoints: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MethodSection {
    terms: Vec<String>,
    #[serde(default)]
    counts_participants: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct CueSection {
    #[serde(default)]
    terms: Vec<String>,
    /// Words that make a sentence a report of the study itself (`The study
    /// was conducted with ...`): enough for a group with a stated size.
    #[serde(default)]
    study: Vec<String>,
    /// Words that may stand between a count and its group without naming
    /// it (`twelve purposively selected peer workers`).
    #[serde(default)]
    sampling: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct TopicSection {
    #[serde(default)]
    terms: Vec<String>,
}

/// Cue phrases keyed as the reader looks them up: folded words joined without spaces.
fn cue_keys(phrases: &[String], section: &str) -> Result<HashSet<String>, VocabError> {
    let mut keys = HashSet::new();
    for phrase in phrases {
        let words = folded_words(phrase);
        if words.is_empty() {
            return Err(VocabError::EmptyTerm(section.to_string()));
        }
        keys.insert(words.concat());
    }
    Ok(keys)
}

/// Words after a head noun that start its post-modifier; the head of a term
/// is the word before the first of them (`member` in `member of the team`).
const POST_MODIFIER_STARTS: &[&str] =
    &["of", "who", "whom", "whose", "that", "with", "from", "in", "at", "living", "experiencing", "for"];

impl ParticipantVocab {
    /// Reads the vocabulary file.
    pub fn from_toml_str(text: &str) -> Result<Self, VocabError> {
        let file: VocabFile = toml::from_str(text)?;
        let mut builder = Builder::default();
        for (name, terms) in &file.categories {
            let category =
                Category::from_name(name).ok_or_else(|| VocabError::UnknownCategory(name.clone()))?;
            if category == Category::Other && !terms.is_empty() {
                return Err(VocabError::TermsForOther);
            }
            builder.add_all(terms, TermKind::Category(category), &format!("categories.{name}"))?;
        }
        builder.add_all(&file.people.generic, TermKind::Generic, "people.generic")?;
        builder.add_all(&file.people.not_groups, TermKind::NotGroup, "people.not_groups")?;
        builder.add_all(&file.people.not_people, TermKind::NotPeople, "people.not_people")?;
        builder.add_all(&file.topics.terms, TermKind::Topic, "topics")?;
        let mut methods = Vec::new();
        for (name, section) in &file.methods {
            builder.add_all(&section.terms, TermKind::Method(methods.len()), &format!("methods.{name}"))?;
            methods.push(Method { name: name.clone(), counts_participants: section.counts_participants });
        }
        let cues = cue_keys(&file.cues.terms, "cues.terms")?;
        let study_cues = cue_keys(&file.cues.study, "cues.study")?;
        let sampling_words = cue_keys(&file.cues.sampling, "cues.sampling")?;
        let condition_words = cue_keys(&file.people.condition_words, "people.condition_words")?;
        let viewpoints = cue_keys(&file.people.viewpoints, "people.viewpoints")?;
        let condition_category = match &file.people.condition_category {
            Some(name) => {
                Some(Category::from_name(name).ok_or_else(|| VocabError::UnknownCategory(name.clone()))?)
            }
            None => None,
        };
        Ok(ParticipantVocab {
            terms: builder.finish(),
            cues,
            study_cues,
            sampling_words,
            condition_words,
            condition_category,
            viewpoints,
            methods,
        })
    }

    /// The term whose key (folded words joined without spaces) is `key`.
    pub(crate) fn term(&self, key: &str) -> Option<TermInfo> {
        self.terms.get(key).copied()
    }

    /// Whether `key` (folded words joined without spaces) is a cue.
    pub(crate) fn is_cue(&self, key: &str) -> bool {
        self.cues.contains(key)
    }

    /// Whether `key` (folded words joined without spaces) is a study cue.
    pub(crate) fn is_study_cue(&self, key: &str) -> bool {
        self.study_cues.contains(key)
    }

    /// Whether `key` (one folded word) is what a group says (`perspectives`).
    pub(crate) fn is_viewpoint(&self, key: &str) -> bool {
        self.viewpoints.contains(key)
    }

    /// Whether `key` (one folded word) is a sampling word.
    pub(crate) fn is_sampling_word(&self, key: &str) -> bool {
        self.sampling_words.contains(key)
    }

    /// The category of people a qualifier word makes them (`illness` in
    /// `people with a mental illness`), singular or plural.
    pub(crate) fn condition_category(&self, key: &str) -> Option<Category> {
        let singular = key
            .strip_suffix("es")
            .filter(|s| self.condition_words.contains(*s))
            .or_else(|| key.strip_suffix('s'));
        let known =
            self.condition_words.contains(key) || singular.is_some_and(|s| self.condition_words.contains(s));
        known.then_some(self.condition_category).flatten()
    }

    /// The method at `index`.
    pub(crate) fn method(&self, index: usize) -> Option<&Method> {
        self.methods.get(index)
    }
}

#[derive(Default)]
struct Builder {
    /// Terms as written, with where they were listed (for duplicate errors).
    explicit: HashMap<String, (TermInfo, String)>,
    /// Generated other-number forms, added only where no term was written.
    generated: Vec<(String, TermInfo)>,
}

impl Builder {
    fn add_all(&mut self, terms: &[String], kind: TermKind, place: &str) -> Result<(), VocabError> {
        for term in terms {
            self.add(term, kind, place)?;
        }
        Ok(())
    }

    fn add(&mut self, term: &str, kind: TermKind, place: &str) -> Result<(), VocabError> {
        let words = folded_words(term);
        if words.is_empty() {
            return Err(VocabError::EmptyTerm(place.to_string()));
        }
        let head = head_index(&words);
        let plural = is_plural(&words[head]);
        let key = words.concat();
        match self.explicit.get(&key) {
            Some((info, first)) if info.kind != kind => {
                return Err(VocabError::DuplicateTerm {
                    term: term.to_string(),
                    first: first.clone(),
                    second: place.to_string(),
                });
            }
            Some(_) => {}
            None => {
                self.explicit.insert(key, (TermInfo { kind, plural }, place.to_string()));
            }
        }
        for (form, form_plural) in inflections(&words[head], plural) {
            let mut other = words.clone();
            other[head] = form;
            self.generated.push((other.concat(), TermInfo { kind, plural: form_plural }));
        }
        Ok(())
    }

    fn finish(self) -> HashMap<String, TermInfo> {
        let mut terms: HashMap<String, TermInfo> =
            self.explicit.into_iter().map(|(key, (info, _))| (key, info)).collect();
        for (key, info) in self.generated {
            terms.entry(key).or_insert(info);
        }
        terms
    }
}

/// Folds a term or token into lowercase ASCII words (`Health-care` ->
/// `health`, `care`).
pub(crate) fn folded_words(text: &str) -> Vec<String> {
    evtab_text::match_key(text).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

fn head_index(words: &[String]) -> usize {
    words
        .iter()
        .position(|w| POST_MODIFIER_STARTS.contains(&w.as_str()))
        .filter(|&i| i > 0)
        .map_or(words.len() - 1, |i| i - 1)
}

const IRREGULAR: &[(&str, &str)] = &[
    ("person", "people"),
    ("man", "men"),
    ("woman", "women"),
    ("child", "children"),
    ("staff", "staff"),
    ("kin", "kin"),
    ("youth", "youth"),
];

/// Whether a head noun is plural.
pub(crate) fn is_plural(word: &str) -> bool {
    if let Some(&(singular, plural)) = IRREGULAR.iter().find(|(s, p)| *s == word || *p == word) {
        return word == plural && singular != plural;
    }
    word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
}

/// The other grammatical number of a head noun, with whether it is plural.
fn inflections(word: &str, plural: bool) -> Vec<(String, bool)> {
    if let Some(&(singular, plural_form)) = IRREGULAR.iter().find(|(s, p)| *s == word || *p == word) {
        return if word == singular {
            vec![(plural_form.to_string(), true)]
        } else {
            vec![(singular.to_string(), false)]
        };
    }
    if plural {
        let mut out = Vec::new();
        if let Some(stem) = word.strip_suffix("ies") {
            out.push((format!("{stem}y"), false));
        }
        if let Some(stem) = word.strip_suffix("es") {
            out.push((stem.to_string(), false));
        }
        if let Some(stem) = word.strip_suffix('s') {
            out.push((stem.to_string(), false));
        }
        out
    } else {
        let plural_form = if word.ends_with('y') && !word.ends_with("ey") && !word.ends_with("ay") {
            format!("{}ies", &word[..word.len() - 1])
        } else if word.ends_with('s') || word.ends_with('x') || word.ends_with("ch") || word.ends_with("sh") {
            format!("{word}es")
        } else {
            format!("{word}s")
        };
        vec![(plural_form, true)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"
[categories]
peer_worker = ["peer support worker", "peer"]
healthcare_provider = ["health care provider", "member of the care team"]
family_or_carer = ["family"]
[people]
generic = ["participant", "person"]
not_people = ["year"]
[topics]
terms = ["theme"]
[methods.interview]
terms = ["interview"]
counts_participants = true
[cues]
terms = ["took part"]
"#;

    fn kind(vocab: &ParticipantVocab, text: &str) -> Option<(TermKind, bool)> {
        vocab.term(&folded_words(text).concat()).map(|t| (t.kind, t.plural))
    }

    #[test]
    fn matches_terms_in_either_number_and_spacing() {
        let vocab = ParticipantVocab::from_toml_str(SMALL).expect("test vocabulary loads");
        let peer = TermKind::Category(Category::PeerWorker);
        let hcp = TermKind::Category(Category::HealthcareProvider);
        assert_eq!(kind(&vocab, "Peer support workers"), Some((peer, true)));
        assert_eq!(kind(&vocab, "peer-support worker"), Some((peer, false)));
        assert_eq!(kind(&vocab, "healthcare providers"), Some((hcp, true)));
        assert_eq!(kind(&vocab, "members of the care team"), Some((hcp, true)));
        assert_eq!(kind(&vocab, "families"), Some((TermKind::Category(Category::FamilyOrCarer), true)));
        assert_eq!(kind(&vocab, "people"), Some((TermKind::Generic, true)));
        assert_eq!(kind(&vocab, "years"), Some((TermKind::NotPeople, true)));
        assert_eq!(kind(&vocab, "themes"), Some((TermKind::Topic, true)));
        assert_eq!(kind(&vocab, "interviews"), Some((TermKind::Method(0), true)));
        assert_eq!(kind(&vocab, "nurses"), None);
        assert!(vocab.is_cue("tookpart"));
    }

    #[test]
    fn rejects_bad_files() {
        assert!(matches!(
            ParticipantVocab::from_toml_str("[categories]\nnurses = [\"nurse\"]"),
            Err(VocabError::UnknownCategory(_))
        ));
        assert!(matches!(
            ParticipantVocab::from_toml_str("[categories]\nother = [\"x\"]"),
            Err(VocabError::TermsForOther)
        ));
        assert!(matches!(
            ParticipantVocab::from_toml_str("[categories]\npeer_worker = [\" - \"]"),
            Err(VocabError::EmptyTerm(_))
        ));
        assert!(matches!(
            ParticipantVocab::from_toml_str(
                "[categories]\npeer_worker = [\"navigator\"]\nhealthcare_provider = [\"Navigator\"]"
            ),
            Err(VocabError::DuplicateTerm { .. })
        ));
        assert!(matches!(ParticipantVocab::from_toml_str("categories = 3"), Err(VocabError::Toml(_))));
        assert!(matches!(ParticipantVocab::from_toml_str(""), Err(VocabError::Toml(_))));
    }

    #[test]
    fn the_shipped_vocabulary_loads() {
        let text = include_str!("../../../pipelines/vocab/participant_categories.toml");
        let vocab = ParticipantVocab::from_toml_str(text).expect("shipped vocabulary loads");
        let cat = |t: &str| match kind(&vocab, t) {
            Some((TermKind::Category(c), _)) => Some(c),
            _ => None,
        };
        assert_eq!(cat("people who use drugs"), Some(Category::PatientOrServiceUser));
        assert_eq!(cat("healthcare team members"), Some(Category::HealthcareProvider));
        assert_eq!(cat("peer support workers"), Some(Category::PeerWorker));
        assert_eq!(cat("employers"), Some(Category::EmployerOrManager));
        assert_eq!(cat("relatives"), Some(Category::FamilyOrCarer));
        assert_eq!(cat("clinicians"), Some(Category::HealthcareProvider));
        assert_eq!(cat("family physicians"), Some(Category::HealthcareProvider));
        assert_eq!(cat("case managers"), Some(Category::HealthcareProvider));
        assert_eq!(cat("researchers"), Some(Category::Researcher));
    }
}
