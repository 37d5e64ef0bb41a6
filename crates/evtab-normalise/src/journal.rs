//! Journal titles and their abbreviations.
//!
//! An abbreviation such as `Harm Reduct J` is resolved to a full title, in
//! this order: another source of the same study; a full title seen elsewhere
//! in the corpus whose ISO 4 abbreviation (built from the LTWA word list)
//! equals it; the journal catalogue data file. The abbreviation is never
//! left standing in for the full title when the full title can be known.

use std::collections::BTreeMap;

use evtab_text::match_key;
use serde::Deserialize;

/// Why a vocabulary file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum VocabError {
    /// TOML syntax or shape error.
    #[error("{file}: {message}")]
    Toml {
        /// Which file.
        file: String,
        /// What toml said (with line and column).
        message: String,
    },
}

#[derive(Deserialize)]
struct JournalsFile {
    #[serde(default)]
    journal: Vec<JournalEntry>,
    #[serde(default)]
    renamed: Vec<Rename>,
    /// Words ISO 4 leaves out of abbreviations (articles, prepositions, conjunctions).
    #[serde(default)]
    iso4_stopwords: Vec<String>,
}

/// The public reference lists a catalogue is built from, as text.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReferenceLists<'a> {
    /// `title<TAB>medline_abbrev` rows (the NLM catalogue, sentence case).
    pub nlm: &'a str,
    /// `title<TAB>iso4_abbrev` rows (title case, dotted ISO 4).
    pub iso4: &'a str,
    /// `word<TAB>abbreviation<TAB>languages` rows of the LTWA (`n.a.`: not abbreviated).
    pub ltwa: &'a str,
}

/// A journal that changed its name in `year`.
#[derive(Debug, Clone, Deserialize)]
pub struct Rename {
    /// The old title.
    pub from: String,
    /// The new title.
    pub to: String,
    /// First year of the new title.
    pub year: i32,
}

#[derive(Deserialize)]
struct JournalEntry {
    title: String,
    abbrev: String,
}

#[derive(Deserialize)]
struct LtwaFile {
    #[serde(default)]
    stopwords: Vec<String>,
    words: BTreeMap<String, String>,
}

/// Journal titles and abbreviation rules, loaded from data files.
#[derive(Debug, Default, Clone)]
pub struct JournalCatalogue {
    /// Abbreviation key (no dots, folded) to full title.
    by_abbrev: BTreeMap<String, String>,
    /// Title key (folded) to the title as it is best displayed.
    by_title: BTreeMap<String, String>,
    /// LTWA: whole words (`journal`) and stems ending in `-` (`reduct-`).
    words: BTreeMap<String, String>,
    stems: Vec<(String, String)>,
    /// The stems by their text, the first of `stems` for each, so a word's
    /// longest stem is found by looking up its prefixes, not by a scan of
    /// every stem.
    stem_index: std::collections::HashMap<String, String>,
    /// The longest stem's length in bytes.
    longest_stem: usize,
    stopwords: Vec<String>,
    renamed: Vec<Rename>,
}

impl JournalCatalogue {
    /// Loads the journal list (`journals.toml`) and the LTWA word list (`ltwa.toml`).
    pub fn from_toml_strs(journals: &str, ltwa: &str) -> Result<Self, VocabError> {
        let journals: JournalsFile = toml::from_str(journals)
            .map_err(|e| VocabError::Toml { file: "journals.toml".into(), message: e.to_string() })?;
        let ltwa: LtwaFile = toml::from_str(ltwa)
            .map_err(|e| VocabError::Toml { file: "ltwa.toml".into(), message: e.to_string() })?;
        let mut catalogue = JournalCatalogue { stopwords: ltwa.stopwords, ..Default::default() };
        for (word, abbrev) in ltwa.words {
            let word = word.to_lowercase();
            match word.strip_suffix('-') {
                Some(stem) => catalogue.stems.push((stem.to_string(), abbrev)),
                None => {
                    catalogue.words.insert(word, abbrev);
                }
            }
        }
        // Longest stem first, so `internation-` wins over `intern-`.
        catalogue.sort_stems();
        catalogue.renamed = journals.renamed;
        catalogue.stopwords.extend(journals.iso4_stopwords.iter().map(|w| w.to_lowercase()));
        for entry in journals.journal {
            catalogue.by_title.insert(title_key(&entry.title), entry.title.clone());
            catalogue.by_abbrev.insert(abbrev_key(&entry.abbrev), entry.title);
        }
        Ok(catalogue)
    }

    /// Loads the review's own list (`journals.toml`: journals, renames,
    /// ISO 4 stop words) and the public reference lists. Titles of the
    /// review's list and of the title-case ISO 4 list are shown as printed
    /// there; titles only the NLM list has (sentence case) in title case.
    pub fn load(journals_toml: &str, lists: ReferenceLists<'_>) -> Result<Self, VocabError> {
        let mut catalogue = Self::from_toml_strs(journals_toml, "[words]\n")?;
        for (word, abbrev) in tsv_rows(lists.ltwa) {
            let word = word.to_lowercase();
            let abbrev = if abbrev == "n.a." || abbrev == "n.a" || abbrev == "–" {
                "-".to_string()
            } else {
                abbrev.to_string()
            };
            if let Some(stem) = word.strip_suffix('-') {
                if !stem.starts_with('-') {
                    catalogue.stems.push((stem.to_string(), abbrev));
                }
            } else if !word.starts_with('-') {
                catalogue.words.entry(word).or_insert(abbrev);
            }
        }
        catalogue.sort_stems();
        for (title, abbrev) in tsv_rows(lists.iso4) {
            catalogue.by_title.entry(title_key(title)).or_insert_with(|| title.to_string());
            catalogue.by_abbrev.entry(abbrev_key(abbrev)).or_insert_with(|| title.to_string());
        }
        for (title, abbrev) in tsv_rows(lists.nlm) {
            let title = title.trim_matches('"');
            let shown =
                catalogue.by_title.entry(title_key(title)).or_insert_with(|| title_case(title)).clone();
            catalogue.by_abbrev.entry(abbrev_key(abbrev)).or_insert(shown);
        }
        Ok(catalogue)
    }

    /// The journal's title as the catalogue shows it, for a title printed
    /// in any case (`International journal of forensic work`), or with a
    /// subtitle a database adds (`AIDS Care - Psychological …`, the part
    /// before ` - ` or `: ` being the journal's title). `None` when the
    /// catalogue does not know it.
    pub fn canonical_title(&self, printed: &str) -> Option<&str> {
        if let Some(title) = self.by_title.get(&title_key(printed)) {
            return Some(title);
        }
        for sep in [" - ", " – ", " — ", ": "] {
            if let Some((main, _)) = printed.split_once(sep)
                && main.split_whitespace().count() >= 2
                && let Some(title) = self.by_title.get(&title_key(main))
            {
                return Some(title);
            }
        }
        None
    }

    /// Orders the stems longest first and indexes them.
    fn sort_stems(&mut self) {
        self.stems.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        self.stem_index.clear();
        for (stem, abbrev) in &self.stems {
            self.stem_index.entry(stem.clone()).or_insert_with(|| abbrev.clone());
        }
        self.longest_stem = self.stems.first().map_or(0, |(s, _)| s.len());
    }

    /// The abbreviation of the longest stem that begins `word`.
    fn stem_of(&self, word: &str) -> Option<&String> {
        let longest = word.len().min(self.longest_stem);
        (1..=longest)
            .rev()
            .filter(|&k| word.is_char_boundary(k))
            .find_map(|k| self.stem_index.get(&word[..k]))
    }

    /// ISO 4 abbreviation of a full title, NLM style (no full stops):
    /// LTWA words abbreviated, articles and prepositions dropped, single-word
    /// titles kept whole.
    pub fn iso4(&self, title: &str) -> String {
        let words: Vec<&str> =
            title.split(|c: char| c.is_whitespace() || c == ':').filter(|w| !w.is_empty()).collect();
        if words.len() == 1 {
            return title.trim().to_string();
        }
        let mut out = Vec::new();
        for word in words {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            let lower = bare.to_lowercase();
            if bare.is_empty() || lower == "&" || self.stopwords.contains(&lower) {
                continue;
            }
            let abbreviated = self.words.get(&lower).or_else(|| self.stem_of(&lower)).cloned();
            match abbreviated {
                Some(a) if a != "-" => out.push(capitalise_like(&a, bare)),
                _ => out.push(bare.to_string()),
            }
        }
        out.join(" ")
    }

    /// The full title for an abbreviation, from the catalogue file.
    pub fn full_title(&self, abbrev: &str) -> Option<&str> {
        self.by_abbrev.get(&abbrev_key(abbrev)).map(String::as_str)
    }

    /// The rename that applies to `title` for a study published in `year`.
    pub fn rename_for(&self, title: &str, year: i32) -> Option<&Rename> {
        let key = match_key(title);
        self.renamed.iter().find(|r| match_key(&r.from) == key && year >= r.year)
    }

    /// Whether `abbrev` is the ISO 4 abbreviation of `title`.
    pub fn abbreviates(&self, abbrev: &str, title: &str) -> bool {
        abbrev_key(abbrev) == abbrev_key(&self.iso4(title))
    }
}

/// The rows of a tab-separated list (a `#` line is a comment): first two cells.
fn tsv_rows(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut cells = l.split('\t');
            Some((cells.next()?.trim(), cells.next()?.trim()))
        })
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
}

/// Title case for a sentence-case title (`Harm reduction journal` →
/// `Harm Reduction Journal`): small words stay lowercase inside the title,
/// words with capitals of their own (`AIDS`, `eHealth`) stay as they are.
pub fn title_case(title: &str) -> String {
    const SMALL: &[&str] = &[
        "a", "an", "the", "and", "or", "of", "in", "on", "for", "to", "at", "by", "with", "from", "de", "la",
        "et", "und", "der", "die",
    ];
    title
        .split(' ')
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            if word.chars().skip(1).any(char::is_uppercase) || (i > 0 && SMALL.contains(&lower.as_str())) {
                word.to_string()
            } else {
                let mut chars = word.chars();
                chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A journal title without what a database adds to it, as the journal
/// itself prints its name: NLM's qualifier in parentheses (`Social
/// science & medicine (1982)`, `BMJ (Clinical research ed.)`), a parallel
/// title after `=` (`Zhonghua za zhi = Chinese journal of …`), a subtitle
/// after NLM's ` : ` (`… : official journal of the X Society`, `… : JAMIA`),
/// and after `: ` the expansion of an acronym (`BMJ: British Medical
/// Journal`) or an "official journal of" line. What is left is never empty.
pub(crate) fn without_database_additions(printed: &str) -> &str {
    let mut title = printed.trim();
    if let Some((main, _)) = title.split_once('=').filter(|(main, rest)| {
        main.split_whitespace().count() >= 1 && rest.starts_with(' ') && !main.trim().is_empty()
    }) {
        title = main.trim_end();
    }
    if let Some((main, _)) = title.split_once(" : ").filter(|(main, _)| !main.trim().is_empty()) {
        title = main.trim_end();
    }
    if let Some((main, subtitle)) = title.split_once(": ") {
        let acronym = main.len() >= 2
            && main.len() <= 8
            && main.chars().all(|c| c.is_ascii_uppercase())
            && subtitle.split_whitespace().next().is_some_and(|w| w.starts_with(&main[..1]));
        let official = {
            let sub = subtitle.to_lowercase();
            ["official journal", "the official journal", "an official journal", "journal of the"]
                .iter()
                .any(|lead| sub.starts_with(lead))
        };
        if acronym || official {
            title = main.trim_end();
        }
    }
    for _ in 0..2 {
        let Some(open) = title.strip_suffix(')').and_then(|t| t.rfind('(')) else { break };
        let main = title[..open].trim_end();
        if main.split_whitespace().count() == 0 {
            break;
        }
        title = main;
    }
    title
}

/// Compares full titles regardless of case, punctuation, `&`/`and` and a
/// leading `The` (`The Journal of X & Y` = `Journal of X and Y`).
pub fn title_key(title: &str) -> String {
    let key = match_key(&title.replace('&', " and "));
    key.strip_prefix("the ").map_or(key.clone(), str::to_string)
}

/// Compares abbreviations regardless of dots, case and spacing.
pub fn abbrev_key(abbrev: &str) -> String {
    match_key(&abbrev.replace('.', " "))
}

fn capitalise_like(abbrev: &str, word: &str) -> String {
    let abbrev = abbrev.trim_end_matches('.');
    if word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) && word.chars().count() > 1 {
        return word.to_string();
    }
    let mut chars = abbrev.chars();
    match chars.next() {
        Some(first) if word.chars().next().is_some_and(char::is_uppercase) => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => abbrev.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_databases_add_to_a_journal_title_is_left_out() {
        let cases = [
            ("Social science & medicine (1982)", "Social science & medicine"),
            ("BMJ (Clinical research ed.)", "BMJ"),
            (
                "Health promotion journal of Australia : official journal of Australian Association",
                "Health promotion journal of Australia",
            ),
            (
                "Journal of the American Medical Informatics Association : JAMIA",
                "Journal of the American Medical Informatics Association",
            ),
            (
                "Zhonghua liu xing bing xue za zhi= Zhonghua liuxingbingxue zazhi",
                "Zhonghua liu xing bing xue za zhi",
            ),
            ("BMJ: British Medical Journal", "BMJ"),
            ("Assistive Technology : the Official Journal of RESNA", "Assistive Technology"),
            ("Nursing Open: the official journal of a society", "Nursing Open"),
            // Left as printed: a colon that is part of the name, a lone parenthesis.
            ("Journal of Physics: Condensed Matter", "Journal of Physics: Condensed Matter"),
            ("AIDS Care", "AIDS Care"),
            ("(1982)", "(1982)"),
            ("= x", "= x"),
            (" : ", ":"),
        ];
        for (printed, cited) in cases {
            assert_eq!(without_database_additions(printed), cited, "{printed}");
        }
    }

    fn catalogue() -> JournalCatalogue {
        let ltwa = r#"
stopwords = ["of", "the", "and", "for", "in", "on"]
[words]
"journal" = "j."
"reduction" = "reduct."
"international" = "int."
"famil-" = "fam."
"practi-" = "pract."
"policy" = "-"
"#;
        let journals = "[[journal]]\ntitle = \"Some Full Title\"\nabbrev = \"Some Full T\"\n";
        JournalCatalogue::from_toml_strs(journals, ltwa).expect("valid vocab")
    }

    #[test]
    fn builds_iso4_abbreviations_from_the_word_list() {
        let c = catalogue();
        assert_eq!(c.iso4("Harm Reduction Journal"), "Harm Reduct J");
        assert_eq!(c.iso4("International Journal of Drug Policy"), "Int J Drug Policy");
        assert_eq!(c.iso4("BMC Family Practice"), "BMC Fam Pract");
        assert_eq!(c.iso4("Nature"), "Nature");
        assert!(c.abbreviates("Harm Reduct. J.", "Harm Reduction Journal"));
        assert!(!c.abbreviates("Harm Reduct J", "Harm Reduction Quarterly"));
    }

    #[test]
    fn catalogue_lookup_ignores_dots_and_case() {
        let c = catalogue();
        assert_eq!(c.full_title("some full t."), Some("Some Full Title"));
        assert_eq!(c.full_title("Unknown J"), None);
    }

    #[test]
    fn reference_lists_give_titles_abbreviations_and_display_case() {
        let lists = ReferenceLists {
            nlm: "# title\tabbrev\nHarm reduction journal\tHarm Reduct J\nCare of the sick\tCare Sick\n",
            iso4: "# title\tabbrev\nHarm Reduction Journal\tHarm Reduct. J.\n",
            ltwa: "# w\ta\tl\nreduct-\treduct.\teng\njournal\tj.\teng, fre\nhealth\tn.a.\teng\n",
        };
        let c = JournalCatalogue::load("iso4_stopwords = [\"of\", \"the\"]\n", lists).expect("lists");
        assert_eq!(c.full_title("Harm Reduct J"), Some("Harm Reduction Journal"));
        assert_eq!(c.full_title("Care Sick"), Some("Care of the Sick"));
        assert_eq!(c.canonical_title("harm reduction JOURNAL"), Some("Harm Reduction Journal"));
        assert_eq!(
            c.canonical_title("Harm Reduction Journal - Peer Work and Care"),
            Some("Harm Reduction Journal")
        );
        assert_eq!(c.canonical_title("Unknown Quarterly"), None);
        assert_eq!(c.iso4("Journal of Health"), "J Health");
        assert_eq!(title_case("AIDS care and eHealth"), "AIDS Care and eHealth");
    }

    #[test]
    fn renames_apply_from_their_year_on() {
        let journals = "[[renamed]]\nfrom = \"Old Title\"\nto = \"New Title\"\nyear = 2022\n";
        let c = JournalCatalogue::from_toml_strs(journals, "[words]\n").expect("vocab");
        assert_eq!(c.rename_for("old title", 2024).map(|r| r.to.as_str()), Some("New Title"));
        assert!(c.rename_for("Old Title", 2021).is_none());
        assert!(c.rename_for("Other", 2024).is_none());
    }

    #[test]
    fn bad_vocab_names_the_file() {
        let err = JournalCatalogue::from_toml_strs("[[journal]]\ntitle = 1\n", "[words]\n").expect_err("bad");
        assert!(err.to_string().starts_with("journals.toml"));
    }
}
