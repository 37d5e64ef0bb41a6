//! Page layouts as data: what each platform family prints, read from
//! `pipelines/formats/*.toml`.
//!
//! A family file names the lines that betray the platform (signatures, each
//! with a weight), the labels of its fields in every interface language met
//! (directly, or as keys of a translation table generated from the
//! platform's own language files), and its page chrome (navigation, skip
//! links, banners, "similar items" headings). Detection scores every family
//! on a document and picks the best, so a new skin or interface language of
//! a known platform is read, not rejected; a new platform is taught by a
//! new file, not new code (see `docs/formats.md`).

use std::collections::{BTreeMap, BTreeSet};

use evtab_model::SourceFormat;
use serde::Deserialize;

/// A field a page label can name. Several map to the same record field;
/// the distinctions tell the reader how to read the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LabelField {
    /// Article title.
    Title,
    /// An author list (one value, or one name per line).
    Authors,
    /// Publication date or year.
    Date,
    /// Journal title.
    Journal,
    /// A source string (`Journal 2014, Vol.13 (3), p.242-251`), read as a citation.
    PublishedIn,
    /// Volume.
    Volume,
    /// Issue.
    Issue,
    /// Pages or article number.
    Pages,
    /// DOI (or a list of identifiers that may hold one).
    Doi,
    /// ISSN.
    Issn,
    /// PubMed id.
    Pmid,
    /// Publisher.
    Publisher,
    /// Language of the article.
    Language,
    /// The abstract.
    Abstract,
    /// Keywords or subjects.
    Keywords,
    /// Links (`Online Access`): DOIs and PubMed/PMC ids inside them are read.
    Links,
    /// A full citation of the article (`Citation`, `Cite this`).
    Citation,
    /// Publication type (`Journal Article`).
    Type,
    /// Publication status with its date (`Published - Mar 2018`).
    Status,
    /// Funding statement.
    Funding,
    /// Licence.
    License,
    /// A label whose value is known and not wanted (`Format`, `Tags`,
    /// `Number of pages`): it ends the value above it and is skipped.
    Ignore,
}

/// How a signature is matched against a line of the document.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignatureSpec {
    /// The whole line, folded (case, accents, punctuation and spaces ignored).
    line: Option<String>,
    /// The line starts with this (exactly as written).
    starts_with: Option<String>,
    /// The line contains this (exactly as written).
    contains: Option<String>,
    /// How much the evidence counts.
    weight: u32,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChromeSpec {
    #[serde(default)]
    lines: Vec<String>,
    #[serde(default)]
    starts_with: Vec<String>,
    /// Headings after which the rest of the page is chrome (similar items, references).
    #[serde(default)]
    stop_at: Vec<String>,
    /// Fragments that make a line chrome wherever they stand (`logoLink to`).
    #[serde(default)]
    contains: Vec<String>,
    /// Words a page prints before the title on the title's line (`View of`).
    #[serde(default)]
    title_prefixes: Vec<String>,
    /// Words of affiliations: a line with one of them and a comma is never the title.
    #[serde(default)]
    affiliation_words: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilySpec {
    format: String,
    #[serde(default)]
    min_score: u32,
    #[serde(default)]
    glued_labels: bool,
    #[serde(default)]
    translations: Vec<String>,
    /// Families whose labels this one reads too (a full text saved from a
    /// web page prints the labels of article pages).
    #[serde(default)]
    labels_from: Vec<String>,
    #[serde(default, rename = "signature")]
    signatures: Vec<SignatureSpec>,
    #[serde(default)]
    labels: BTreeMap<LabelField, Vec<String>>,
    #[serde(default)]
    chrome: ChromeSpec,
    /// Names of the platform's own structure (field names of a record dump).
    #[serde(default)]
    structure: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TranslationSpec {
    #[serde(default)]
    translations: BTreeMap<String, Vec<String>>,
}

/// Words of author lists that are not names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameWords {
    /// Lowercase words that stand inside names (`van`, `de`, `da`).
    #[serde(default)]
    pub particles: Vec<String>,
    /// Degrees and titles printed after names (`PhD`, `RN`).
    #[serde(default)]
    pub degrees: Vec<String>,
    /// The word `and` in the languages of the pages (`and`, `und`, `et`).
    #[serde(default)]
    pub conjunctions: Vec<String>,
}

/// One detected signature.
#[derive(Debug, Clone)]
enum Matcher {
    /// The whole line, folded, in any of its translations.
    Lines(Vec<String>),
    StartsWith(String),
    Contains(String),
}

/// One family's layout, compiled for matching.
#[derive(Debug, Clone)]
pub struct FamilyLayout {
    /// The family.
    pub format: SourceFormat,
    /// The evidence a document needs to be read as this family.
    pub min_score: u32,
    /// Whether labels may be glued to their values (`JournalHarm Reduction Journal`).
    pub glued_labels: bool,
    signatures: Vec<(Matcher, u32)>,
    /// Folded label -> field.
    labels: BTreeMap<String, LabelField>,
    /// Labels as printed, longest first (for glued labels).
    raw_labels: Vec<(String, LabelField)>,
    chrome_lines: BTreeSet<String>,
    chrome_prefixes: Vec<String>,
    /// Chrome prefixes as printed, for chrome glued to a label.
    raw_chrome_prefixes: Vec<String>,
    chrome_fragments: Vec<String>,
    title_prefixes: Vec<String>,
    affiliation_words: Vec<String>,
    stop_at: BTreeSet<String>,
    structure: BTreeMap<String, Vec<String>>,
}

/// Every family, and the words of names.
#[derive(Debug, Clone, Default)]
pub struct Layouts {
    families: Vec<FamilyLayout>,
    /// Words of author lists that are not names.
    pub names: NameWords,
}

/// Why a format data file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct LayoutError {
    /// The file.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

/// Folds a label or line for comparison: lowercase, accents and
/// punctuation ignored, a trailing colon dropped, spaces collapsed.
pub(crate) fn fold_label(text: &str) -> String {
    evtab_text::match_key(text.trim().trim_end_matches([':', '：']).trim())
}

impl Layouts {
    /// Compiles the family files, the translation tables they name, and
    /// the name words, each given as `(file name, text)`. A family file is
    /// any whose name does not start with `labels/` and is not `names.toml`.
    pub fn from_toml_files(files: &[(&str, &str)]) -> Result<Self, LayoutError> {
        let invalid = |file: &str, message: String| LayoutError { file: file.to_string(), message };
        let mut translations: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
        let mut names = NameWords::default();
        let mut specs = Vec::new();
        for (file, text) in files {
            if let Some(table) = file.strip_prefix("labels/").and_then(|f| f.strip_suffix(".toml")) {
                let spec: TranslationSpec = toml::from_str(text).map_err(|e| invalid(file, e.to_string()))?;
                translations.insert(table.to_string(), spec.translations);
            } else if *file == "names.toml" {
                names = toml::from_str(text).map_err(|e| invalid(file, e.to_string()))?;
            } else {
                let spec: FamilySpec = toml::from_str(text).map_err(|e| invalid(file, e.to_string()))?;
                specs.push((*file, spec));
            }
        }
        // Inherited labels first: a family's own labels win over them.
        let by_format: BTreeMap<String, BTreeMap<LabelField, Vec<String>>> =
            specs.iter().map(|(_, s)| (s.format.clone(), s.labels.clone())).collect();
        for (_, spec) in &mut specs {
            for other in spec.labels_from.clone() {
                for (field, list) in by_format.get(&other).into_iter().flatten() {
                    spec.labels.entry(*field).or_default().extend(list.iter().cloned());
                }
            }
        }
        let mut families = Vec::new();
        for (file, spec) in specs {
            let format = SourceFormat::ALL
                .iter()
                .copied()
                .find(|f| f.name() == spec.format)
                .ok_or_else(|| invalid(file, format!("`{}` is not a format evtab knows", spec.format)))?;
            let mut signatures = Vec::new();
            for s in &spec.signatures {
                match (&s.line, &s.starts_with, &s.contains) {
                    (Some(l), None, None) => {
                        // A whole-line signature matches in every interface language.
                        let mut forms = vec![fold_label(l)];
                        for table in spec.translations.iter().filter_map(|t| translations.get(t)) {
                            // The table's keys are labels without their colon (`Saved in`).
                            let key = l.trim().trim_end_matches(':').trim_end();
                            forms.extend(
                                table
                                    .get(l)
                                    .or_else(|| table.get(key))
                                    .into_iter()
                                    .flatten()
                                    .map(|f| fold_label(f)),
                            );
                        }
                        forms.retain(|f| !f.is_empty());
                        signatures.push((Matcher::Lines(forms), s.weight));
                    }
                    (None, Some(p), None) => signatures.push((Matcher::StartsWith(p.clone()), s.weight)),
                    (None, None, Some(c)) => signatures.push((Matcher::Contains(c.clone()), s.weight)),
                    _ => {
                        return Err(invalid(
                            file,
                            "a signature has exactly one of line, starts_with, contains".into(),
                        ));
                    }
                }
            }
            let mut labels = BTreeMap::new();
            let mut raw_labels = Vec::new();
            for (field, list) in &spec.labels {
                for label in list {
                    let mut forms = vec![label.clone()];
                    for table in &spec.translations {
                        let table = translations.get(table).ok_or_else(|| {
                            invalid(file, format!("no translation table labels/{table}.toml"))
                        })?;
                        if let Some(translated) = table.get(label) {
                            forms.extend(translated.iter().cloned());
                        }
                    }
                    for form in forms {
                        let key = fold_label(&form);
                        if key.is_empty() {
                            continue;
                        }
                        if let Some(other) = labels.get(&key).filter(|f| **f != *field) {
                            // The first field named wins; a label must mean one thing per family.
                            let _ = other;
                            continue;
                        }
                        labels.insert(key, *field);
                        raw_labels.push((form.trim().trim_end_matches(':').to_string(), *field));
                    }
                }
            }
            raw_labels.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
            raw_labels.dedup();
            families.push(FamilyLayout {
                format,
                min_score: spec.min_score,
                glued_labels: spec.glued_labels,
                signatures,
                labels,
                raw_labels,
                chrome_lines: spec.chrome.lines.iter().map(|l| fold_label(l)).collect(),
                chrome_prefixes: spec
                    .chrome
                    .starts_with
                    .iter()
                    .map(|p| fold_label(p))
                    .filter(|p| p.len() >= 2)
                    .collect(),
                raw_chrome_prefixes: spec.chrome.starts_with.clone(),
                chrome_fragments: spec.chrome.contains.clone(),
                title_prefixes: spec.chrome.title_prefixes.clone(),
                affiliation_words: spec.chrome.affiliation_words.clone(),
                stop_at: spec.chrome.stop_at.iter().map(|l| fold_label(l)).collect(),
                structure: spec.structure,
            });
        }
        // The generic family's chrome is every page's chrome (skip links,
        // cookie banners, share buttons): every family gets it too.
        if let Some(common) = families.iter().find(|f| f.format == SourceFormat::Generic).cloned() {
            for f in families.iter_mut().filter(|f| f.format != SourceFormat::Generic) {
                f.chrome_lines.extend(common.chrome_lines.iter().cloned());
                f.chrome_prefixes.extend(common.chrome_prefixes.iter().cloned());
                f.raw_chrome_prefixes.extend(common.raw_chrome_prefixes.iter().cloned());
                f.chrome_fragments.extend(common.chrome_fragments.iter().cloned());
                f.title_prefixes.extend(common.title_prefixes.iter().cloned());
                f.affiliation_words.extend(common.affiliation_words.iter().cloned());
            }
        }
        Ok(Layouts { families, names })
    }

    /// The layout of a family, if a file describes it.
    pub fn family(&self, format: SourceFormat) -> Option<&FamilyLayout> {
        self.families.iter().find(|f| f.format == format)
    }

    /// Every family's evidence on a text: `(format, score)` for each family
    /// file, in file order.
    pub fn scores(&self, text: &str) -> Vec<(SourceFormat, u32)> {
        self.families.iter().map(|f| (f.format, f.score(text))).collect()
    }
}

impl FamilyLayout {
    /// The evidence for this family: each signature counts once, with its
    /// weight, when some line of the first part of the document matches it.
    pub fn score(&self, text: &str) -> u32 {
        let mut seen = vec![false; self.signatures.len()];
        for line in text.lines().take(3_000) {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            let folded = if trimmed.len() <= 200 { Some(fold_label(trimmed)) } else { None };
            for (i, (matcher, _)) in self.signatures.iter().enumerate() {
                if seen[i] {
                    continue;
                }
                seen[i] = match matcher {
                    Matcher::Lines(forms) => folded.as_deref().is_some_and(|f| forms.iter().any(|l| l == f)),
                    Matcher::StartsWith(p) => trimmed.starts_with(p.as_str()),
                    Matcher::Contains(c) => trimmed.contains(c.as_str()),
                };
            }
        }
        self.signatures.iter().zip(seen).filter(|(_, s)| *s).map(|((_, w), _)| w).sum()
    }

    /// The field a label names, matched whole (`Main Authors:`, `Hauptverfasser`).
    pub fn label(&self, text: &str) -> Option<LabelField> {
        if text.len() > 80 {
            return None;
        }
        self.labels.get(&fold_label(text)).copied()
    }

    /// A known label glued to the start of a line (`Original languageEnglish`),
    /// the longest first: the field and the rest of the line.
    pub fn glued_label<'a>(&self, line: &'a str) -> Option<(LabelField, &'a str)> {
        // `Publisher Copyright:` heads a note; it is not `Publisher` glued to a value.
        if line.trim_end().ends_with(':') {
            return None;
        }
        self.raw_labels
            .iter()
            .find(|(label, _)| line.starts_with(label.as_str()))
            .map(|(label, field)| (*field, line[label.len()..].trim_start_matches([':', ' ']).trim()))
    }

    /// A list of the platform's own structure names (`fields` of a record dump).
    pub fn structure(&self, name: &str) -> &[String] {
        self.structure.get(name).map_or(&[], Vec::as_slice)
    }

    /// The line without a chrome prefix glued to its start (`Show full
    /// item recordAbstract` → `Abstract`).
    pub fn strip_chrome_prefix<'a>(&self, line: &'a str) -> Option<&'a str> {
        self.raw_chrome_prefixes
            .iter()
            .find_map(|p| line.strip_prefix(p.as_str()))
            .filter(|rest| !rest.is_empty())
    }

    /// A known label glued to the end of a value (`2022Author`): the value and the field.
    pub fn label_at_end<'a>(&self, line: &'a str) -> Option<(&'a str, LabelField)> {
        self.raw_labels.iter().find_map(|(label, field)| {
            let value = line.strip_suffix(label.as_str())?;
            (!value.trim().is_empty() && !value.ends_with(' ')).then_some((value, *field))
        })
    }

    /// Whether a line is page chrome of this family.
    pub fn is_chrome(&self, line: &str) -> bool {
        let folded = fold_label(line);
        folded.is_empty()
            || self.raw_chrome_prefixes.iter().any(|p| line.trim_start().starts_with(p.as_str()))
            || self.chrome_fragments.iter().any(|f| line.contains(f.as_str()))
            || self.chrome_lines.contains(&folded)
            || self.chrome_prefixes.iter().any(|p| {
                // Whole words only: a prefix `IF` is not the start of `Ifosfamide`.
                !p.is_empty()
                    && folded.starts_with(p.as_str())
                    && folded[p.len()..].chars().next().is_none_or(|c| c == ' ')
            })
    }

    /// The line without a prefix the page prints before the title (`View of …`).
    pub fn strip_title_prefix<'a>(&self, line: &'a str) -> &'a str {
        self.title_prefixes.iter().find_map(|p| line.strip_prefix(p.as_str())).map_or(line, str::trim)
    }

    /// Whether a line reads as an affiliation (a word of one, and a comma).
    pub fn is_affiliation(&self, line: &str) -> bool {
        line.contains(',')
            && self
                .affiliation_words
                .iter()
                .any(|w| line.split(|c: char| !c.is_alphanumeric()).any(|x| x == w))
    }

    /// Whether a line opens the part of a page that is all chrome.
    pub fn is_stop(&self, line: &str) -> bool {
        line.len() <= 80 && self.stop_at.contains(&fold_label(line))
    }
}

/// The format data files of `pipelines/formats/`, for tests.
#[cfg(test)]
pub(crate) fn test_layouts() -> Layouts {
    let files: [(&str, &str); 10] = [
        ("dspace.toml", include_str!("../../../pipelines/formats/dspace.toml")),
        ("vufind.toml", include_str!("../../../pipelines/formats/vufind.toml")),
        ("pure.toml", include_str!("../../../pipelines/formats/pure.toml")),
        ("aggregator_json.toml", include_str!("../../../pipelines/formats/aggregator_json.toml")),
        ("fulltext.toml", include_str!("../../../pipelines/formats/fulltext.toml")),
        ("generic.toml", include_str!("../../../pipelines/formats/generic.toml")),
        ("names.toml", include_str!("../../../pipelines/formats/names.toml")),
        ("labels/vufind.toml", include_str!("../../../pipelines/formats/labels/vufind.toml")),
        ("labels/dspace.toml", include_str!("../../../pipelines/formats/labels/dspace.toml")),
        ("placeholder.toml", "format = \"generic\"\n"),
    ];
    Layouts::from_toml_files(&files[..9]).unwrap_or_else(|e| panic!("{e}"))
}
