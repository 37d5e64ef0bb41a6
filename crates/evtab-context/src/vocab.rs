//! Loading the two data files (gazetteer and study-context vocabularies) and
//! building their matchers once, so extraction is only lookups.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::folded::fold;
use crate::period::PeriodPatterns;
use crate::phrases::{PhraseMatcher, fold_all};

/// Why a vocabulary file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum VocabError {
    /// The file is not valid TOML or lacks a required key.
    #[error("{file}: {source}")]
    Parse {
        /// Which file (`gazetteer` or `study_context`).
        file: &'static str,
        /// The TOML error.
        source: toml::de::Error,
    },
    /// A place refers to a country that the gazetteer does not list.
    #[error("gazetteer: `{place}` refers to unknown country `{country}`")]
    UnknownCountry {
        /// The place.
        place: String,
        /// The country as written.
        country: String,
    },
    /// A city refers to a subdivision that the gazetteer does not list for its country.
    #[error("gazetteer: `{place}` refers to unknown subdivision `{subdivision}`")]
    UnknownSubdivision {
        /// The place.
        place: String,
        /// The subdivision as written.
        subdivision: String,
    },
    /// A term has no letters or digits.
    #[error("{what}: term `{term}` is empty once folded")]
    EmptyTerm {
        /// Which list.
        what: String,
        /// The term.
        term: String,
    },
    /// A city lists no candidate place.
    #[error("gazetteer: city `{0}` has no `in` entry")]
    NoCandidate(String),
    /// The matcher could not be built.
    #[error("matcher: {0}")]
    Matcher(String),
}

// ---- gazetteer.toml ------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GazetteerFile {
    pub(crate) matching: MatchingDef,
    pub(crate) country: Vec<CountryDef>,
    pub(crate) subdivision: Vec<SubdivisionDef>,
    pub(crate) city: Vec<CityDef>,
    #[serde(default)]
    pub(crate) region: Vec<String>,
    #[serde(default)]
    pub(crate) cue: Vec<CueDef>,
    /// Vendored place names that are ordinary words here (`Male`, `Mobile`).
    #[serde(default)]
    pub(crate) vendored_ignore: Vec<String>,
    /// Words that name a part of any country (`North`, `Centre`): a vendored
    /// subdivision or city named with these alone is left out.
    #[serde(default)]
    pub(crate) vendored_generic_words: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MatchingDef {
    prepositions: Vec<String>,
    fillers: Vec<String>,
    org_before: Vec<String>,
    org_after: Vec<String>,
    #[serde(default)]
    place_suffixes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CountryDef {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    #[serde(default)]
    pub(crate) anchored: Vec<String>,
    #[serde(default)]
    pub(crate) demonyms: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SubdivisionDef {
    pub(crate) name: String,
    pub(crate) country: String,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    #[serde(default)]
    pub(crate) anchored: Vec<String>,
    #[serde(default)]
    pub(crate) demonyms: Vec<String>,
    #[serde(default)]
    pub(crate) anchor: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CityDef {
    pub(crate) name: String,
    #[serde(rename = "in")]
    pub(crate) within: Vec<String>,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CueDef {
    country: String,
    terms: Vec<String>,
}

// ---- study_context.toml --------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StudyContextFile {
    self_reference: Vec<String>,
    setting_headings: Vec<String>,
    not_setting: Vec<String>,
    period: PeriodDef,
    aim: AimDef,
    funding: FundingDef,
    license: LabelledDef,
    design: DesignDef,
    setting: LabelledDef,
    population: LabelledDef,
    data_collection: LabelledDef,
    analysis: LabelledDef,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodDef {
    cues: Vec<String>,
    blockers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AimDef {
    cues: Vec<String>,
    purpose_verbs: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FundingDef {
    cues: Vec<String>,
    none: Vec<String>,
    skip_after: Vec<String>,
    connectors: Vec<String>,
    not_names: Vec<String>,
    known: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelledDef {
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    label: Vec<LabelDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelDef {
    name: String,
    terms: Vec<String>,
    #[serde(default)]
    qualifier: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DesignDef {
    nouns: Vec<String>,
    modifiers: Vec<String>,
    generic: Vec<String>,
    heads: Vec<String>,
}

// ---- built vocabularies --------------------------------------------------

/// What a gazetteer name can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PlaceKind {
    Country(usize),
    Subdivision(usize),
    City(usize),
    /// `Canadian`: weak evidence for a country.
    Demonym(usize),
    /// `NHS`: a country's health-system word, used as context.
    Cue(usize),
    /// `North America`: a name that contains a country but is none.
    Region,
}

/// Everything one name (alias) of the gazetteer can stand for.
#[derive(Debug, Clone)]
pub(crate) struct PlaceName {
    pub kinds: Vec<PlaceKind>,
    /// Counts only after a locative preposition (names that are also people's names).
    pub anchor_required: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct City {
    pub name: String,
    /// `(country, subdivision)` candidates, the most likely first.
    pub candidates: Vec<(usize, Option<usize>)>,
}

#[derive(Debug, Clone)]
pub(crate) struct Gazetteer {
    pub countries: Vec<String>,
    /// Subdivision name and its country.
    pub subdivisions: Vec<(String, usize)>,
    pub cities: Vec<City>,
    pub names: Vec<PlaceName>,
    pub matcher: PhraseMatcher,
    pub prepositions: Vec<String>,
    pub fillers: Vec<String>,
    pub org_before: Vec<String>,
    pub org_after: Vec<String>,
    pub place_suffixes: Vec<String>,
}

/// A controlled vocabulary: labels, each with its terms.
#[derive(Debug, Clone)]
pub(crate) struct LabelledVocab {
    pub labels: Vec<Label>,
    /// Matches terms; hit ids index `labels`, `usize::MAX` for ignored terms.
    pub matcher: PhraseMatcher,
    /// Sentences containing one of these are skipped.
    pub exclude: PhraseMatcher,
}

#[derive(Debug, Clone)]
pub(crate) struct Label {
    pub name: String,
    /// A qualifier (inductive coding) is reported only when no main label is found.
    pub qualifier: bool,
}

/// Id of hits that an `ignore` term produced.
pub(crate) const IGNORED: usize = usize::MAX;

#[derive(Debug, Clone)]
pub(crate) struct DesignVocab {
    /// Hit ids: index into `terms`.
    pub matcher: PhraseMatcher,
    pub terms: Vec<DesignTerm>,
    pub heads: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct DesignTerm {
    /// Stands alone (`case study`) rather than needing a head noun (`qualitative`).
    pub noun: bool,
    pub generic: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct FundingVocab {
    pub cues: PhraseMatcher,
    pub none: PhraseMatcher,
    pub skip_after: Vec<String>,
    pub connectors: Vec<String>,
    pub not_names: Vec<String>,
    /// Folded names of funders that contain `and`.
    pub known: Vec<String>,
}

/// The vocabularies and gazetteer that study-context extraction reads,
/// loaded from data files so that no study fact lives in code.
#[derive(Debug, Clone)]
pub struct ContextVocab {
    pub(crate) gazetteer: Gazetteer,
    pub(crate) self_reference: PhraseMatcher,
    pub(crate) setting_headings: PhraseMatcher,
    pub(crate) not_setting: PhraseMatcher,
    pub(crate) period_cues: PhraseMatcher,
    pub(crate) period_blockers: Vec<String>,
    pub(crate) period_patterns: PeriodPatterns,
    pub(crate) aim_cues: PhraseMatcher,
    pub(crate) purpose_verbs: Vec<String>,
    pub(crate) funding: FundingVocab,
    pub(crate) license: LabelledVocab,
    pub(crate) design: DesignVocab,
    pub(crate) setting: LabelledVocab,
    pub(crate) population: LabelledVocab,
    pub(crate) data_collection: LabelledVocab,
    pub(crate) analysis: LabelledVocab,
}

impl ContextVocab {
    /// Reads the gazetteer (`pipelines/vocab/gazetteer.toml`) and the study
    /// context vocabularies (`pipelines/vocab/study_context.toml`).
    pub fn from_toml_strs(gazetteer: &str, study_context: &str) -> Result<Self, VocabError> {
        Self::from_sources(gazetteer, study_context, None)
    }

    /// Reads the two data files, with the vendored countries, subdivisions
    /// and cities beneath the gazetteer file's own places when given.
    pub fn from_sources(
        gazetteer: &str,
        study_context: &str,
        places: Option<crate::VendoredPlaces<'_>>,
    ) -> Result<Self, VocabError> {
        let mut gaz: GazetteerFile =
            toml::from_str(gazetteer).map_err(|source| VocabError::Parse { file: "gazetteer", source })?;
        if let Some(places) = places {
            crate::vendored::extend(&mut gaz, places);
        }
        let ctx: StudyContextFile = toml::from_str(study_context)
            .map_err(|source| VocabError::Parse { file: "study_context", source })?;
        Ok(ContextVocab {
            gazetteer: build_gazetteer(gaz)?,
            self_reference: plain(&ctx.self_reference, "self_reference")?,
            setting_headings: plain(&ctx.setting_headings, "setting_headings")?,
            not_setting: plain(&ctx.not_setting, "not_setting")?,
            period_cues: plain(&ctx.period.cues, "period.cues")?,
            period_blockers: fold_all(&ctx.period.blockers),
            period_patterns: PeriodPatterns::new()?,
            aim_cues: plain(&ctx.aim.cues, "aim.cues")?,
            purpose_verbs: fold_all(&ctx.aim.purpose_verbs),
            funding: FundingVocab {
                cues: plain(&ctx.funding.cues, "funding.cues")?,
                none: plain(&ctx.funding.none, "funding.none")?,
                skip_after: fold_all(&ctx.funding.skip_after),
                connectors: ctx.funding.connectors.iter().map(|c| c.to_lowercase()).collect(),
                not_names: ctx.funding.not_names.clone(),
                known: fold_all(&ctx.funding.known),
            },
            license: labelled(ctx.license, "license")?,
            design: build_design(ctx.design)?,
            setting: labelled(ctx.setting, "setting")?,
            population: labelled(ctx.population, "population")?,
            data_collection: labelled(ctx.data_collection, "data_collection")?,
            analysis: labelled(ctx.analysis, "analysis")?,
        })
    }
}

fn plain(terms: &[String], what: &str) -> Result<PhraseMatcher, VocabError> {
    PhraseMatcher::new(terms.iter().map(|t| (t.as_str(), 0)), false, what)
}

fn labelled(def: LabelledDef, what: &str) -> Result<LabelledVocab, VocabError> {
    // Ignored terms first so that a term listed both ways is ignored.
    let mut phrases: Vec<(&str, usize)> = def.ignore.iter().map(|t| (t.as_str(), IGNORED)).collect();
    for (i, label) in def.label.iter().enumerate() {
        phrases.extend(label.terms.iter().map(|t| (t.as_str(), i)));
    }
    let matcher = PhraseMatcher::new(phrases, false, what)?;
    let exclude = plain(&def.exclude, what)?;
    let labels = def.label.into_iter().map(|l| Label { name: l.name, qualifier: l.qualifier }).collect();
    Ok(LabelledVocab { labels, matcher, exclude })
}

fn build_design(def: DesignDef) -> Result<DesignVocab, VocabError> {
    let generic: Vec<String> = fold_all(&def.generic);
    let mut terms = Vec::new();
    let mut phrases: Vec<(String, usize)> = Vec::new();
    for (list, noun) in [(&def.nouns, true), (&def.modifiers, false)] {
        for term in list {
            phrases.push((term.clone(), terms.len()));
            terms.push(DesignTerm { noun, generic: generic.contains(&fold(term)) });
        }
    }
    let matcher = PhraseMatcher::new(phrases.iter().map(|(t, i)| (t.as_str(), *i)), false, "design")?;
    Ok(DesignVocab { matcher, terms, heads: fold_all(&def.heads) })
}

fn build_gazetteer(def: GazetteerFile) -> Result<Gazetteer, VocabError> {
    let countries: Vec<String> = def.country.iter().map(|c| c.name.clone()).collect();
    let country_index = |place: &str, name: &str| {
        countries
            .iter()
            .position(|c| c == name)
            .ok_or_else(|| VocabError::UnknownCountry { place: place.to_string(), country: name.to_string() })
    };
    // Alias (as written) -> kinds; keyed by folded form so spellings merge.
    let mut names: BTreeMap<String, (String, PlaceName)> = BTreeMap::new();
    let mut add = |alias: &str, kind: PlaceKind, anchor_required: bool| {
        let entry = names
            .entry(fold(alias))
            .or_insert_with(|| (alias.to_string(), PlaceName { kinds: Vec::new(), anchor_required: false }));
        if !entry.1.kinds.contains(&kind) {
            entry.1.kinds.push(kind);
        }
        entry.1.anchor_required |= anchor_required;
    };
    for (i, c) in def.country.iter().enumerate() {
        let anchored = |n: &String| c.anchored.contains(n);
        add(&c.name, PlaceKind::Country(i), anchored(&c.name));
        for alias in &c.aliases {
            add(alias, PlaceKind::Country(i), anchored(alias));
        }
        for alias in c.anchored.iter().filter(|a| **a != c.name) {
            add(alias, PlaceKind::Country(i), true);
        }
        for demonym in &c.demonyms {
            add(demonym, PlaceKind::Demonym(i), false);
        }
    }
    let mut subdivisions = Vec::new();
    for s in &def.subdivision {
        let country = country_index(&s.name, &s.country)?;
        let index = subdivisions.len();
        subdivisions.push((s.name.clone(), country));
        add(&s.name, PlaceKind::Subdivision(index), s.anchor);
        for alias in &s.aliases {
            add(alias, PlaceKind::Subdivision(index), s.anchor);
        }
        for alias in &s.anchored {
            add(alias, PlaceKind::Subdivision(index), true);
        }
        for demonym in &s.demonyms {
            add(demonym, PlaceKind::Demonym(country), false);
        }
    }
    let mut cities = Vec::new();
    for c in &def.city {
        let mut candidates = Vec::new();
        for place in &c.within {
            let (country_name, sub_name) = match place.split_once('/') {
                Some((country, sub)) => (country.trim(), Some(sub.trim())),
                None => (place.trim(), None),
            };
            let country = country_index(&c.name, country_name)?;
            let sub = match sub_name {
                Some(sub_name) => {
                    Some(subdivisions.iter().position(|(n, sc)| n == sub_name && *sc == country).ok_or_else(
                        || VocabError::UnknownSubdivision {
                            place: c.name.clone(),
                            subdivision: sub_name.to_string(),
                        },
                    )?)
                }
                None => None,
            };
            candidates.push((country, sub));
        }
        if candidates.is_empty() {
            return Err(VocabError::NoCandidate(c.name.clone()));
        }
        let index = cities.len();
        cities.push(City { name: c.name.clone(), candidates });
        add(&c.name, PlaceKind::City(index), false);
        for alias in &c.aliases {
            add(alias, PlaceKind::City(index), false);
        }
    }
    for region in &def.region {
        add(region, PlaceKind::Region, false);
    }
    for cue in &def.cue {
        let country = country_index("cue", &cue.country)?;
        for term in &cue.terms {
            add(term, PlaceKind::Cue(country), false);
        }
    }
    let mut name_list = Vec::with_capacity(names.len());
    let mut phrases = Vec::with_capacity(names.len());
    for (written, name) in names.into_values() {
        phrases.push((written, name_list.len()));
        name_list.push(name);
    }
    let matcher = PhraseMatcher::new(phrases.iter().map(|(w, i)| (w.as_str(), *i)), true, "gazetteer")?;
    Ok(Gazetteer {
        countries,
        subdivisions,
        cities,
        names: name_list,
        matcher,
        prepositions: fold_all(&def.matching.prepositions),
        fillers: fold_all(&def.matching.fillers),
        org_before: fold_all(&def.matching.org_before),
        org_after: fold_all(&def.matching.org_after),
        place_suffixes: fold_all(&def.matching.place_suffixes),
    })
}

#[cfg(test)]
pub(crate) mod test_vocab {
    use super::ContextVocab;

    pub(crate) const GAZETTEER: &str = include_str!("../../../pipelines/vocab/gazetteer.toml");
    pub(crate) const STUDY_CONTEXT: &str = include_str!("../../../pipelines/vocab/study_context.toml");

    /// The project's real vocabularies, so tests also check the data files.
    pub(crate) fn vocab() -> ContextVocab {
        match ContextVocab::from_toml_strs(GAZETTEER, STUDY_CONTEXT) {
            Ok(v) => v,
            Err(e) => panic!("vocabulary files do not load: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_vocab::{GAZETTEER, STUDY_CONTEXT, vocab};
    use super::*;

    #[test]
    fn the_project_data_files_load() {
        let v = vocab();
        assert!(v.gazetteer.countries.len() >= 60);
        assert!(v.gazetteer.cities.len() >= 200);
        let london = v.gazetteer.cities.iter().find(|c| c.name == "London").map(|c| c.candidates.len());
        assert_eq!(london, Some(2));
    }

    #[test]
    fn a_city_in_an_unknown_country_is_an_error() {
        let bad = GAZETTEER.replacen("in = [\"Canada/Ontario\"]", "in = [\"Atlantis/Ontario\"]", 1);
        let err = ContextVocab::from_toml_strs(&bad, STUDY_CONTEXT).err();
        assert!(matches!(err, Some(VocabError::UnknownCountry { .. })), "{err:?}");
    }

    #[test]
    fn broken_toml_names_the_file() {
        let err = ContextVocab::from_toml_strs(GAZETTEER, "self_reference = [").err();
        assert!(matches!(err, Some(VocabError::Parse { file: "study_context", .. })), "{err:?}");
    }
}
