//! Personal names: either order, markers removed, apostrophes and accents kept.

use std::sync::LazyLock;

use evtab_model::Author;
use evtab_text::nfc;
use regex::Regex;

/// Affiliation and corresponding-author markers printed after names.
static MARKERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\^\{[^}]*\}|[¹²³⁴⁵⁶⁷⁸⁹⁰*†‡§]+|\d+").expect("constant regex"));

/// Lowercase words that belong to a family name (`van Boekel`, `de la Cruz`).
const PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "dos", "das", "del", "della", "ter",
    "ten", "bin", "al", "ó", "ní", "nic", "ua", "ibn", "abu",
];

/// Generational suffixes that are not a family name.
const SUFFIXES: &[&str] = &["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"];

/// The words of `pipelines/vocab/group_authors.toml`, lower case.
static GROUP_WORDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    const TEXT: &str = include_str!("../../../pipelines/vocab/group_authors.toml");
    crate::compiled_words(TEXT, "group_authors.toml", "words").into_iter().map(|w| w.to_lowercase()).collect()
});

/// An initial glued to the family name after it (`G.Okafor`).
static GLUED_INITIAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\p{Lu})\.(\p{Lu}\p{Ll})").expect("constant regex"));

/// Whether a name without a comma is a group's (`The Invented Consortium`).
fn is_group(name: &str) -> bool {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.len() >= 2
        && GROUP_WORDS.iter().any(|g| {
            let g: Vec<&str> = g.split(' ').collect();
            words.windows(g.len()).any(|w| w == g.as_slice())
        })
}

/// Parses one printed author name: `Family, Given`, `Given Family`,
/// or MEDLINE's `Family Initials` (`van Boekel LC`).
pub fn parse_author(raw: &str) -> Author {
    let cleaned = MARKERS.replace_all(raw, "");
    let cleaned = nfc(cleaned.split_whitespace().collect::<Vec<_>>().join(" ").trim_matches([',', ' ']));
    let cleaned = GLUED_INITIAL.replace_all(&cleaned, "$1. $2").into_owned();
    if !cleaned.contains(',') && is_group(&cleaned) {
        return Author {
            family: cleaned,
            given: String::new(),
            initials: String::new(),
            raw: raw.trim().to_string(),
        };
    }
    let (family, given, initials) = if let Some((family, given)) = cleaned.split_once(',') {
        let given = given.trim();
        let given = given.trim_end_matches(|c: char| c == ',' || c.is_whitespace());
        (family.trim().to_string(), given.to_string(), initials_of(given))
    } else {
        let all: Vec<&str> = cleaned.split(' ').filter(|w| !w.is_empty()).collect();
        let (mut words, mut suffixes): (Vec<&str>, Vec<&str>) =
            all.iter().partition(|w| !SUFFIXES.contains(w));
        if words.is_empty() {
            // A name that is nothing but a suffix-like word is kept as it is.
            (words, suffixes) = (all, Vec::new());
        }
        // A generational suffix is not a family name and not an initial; it
        // is kept after the given names, as reference managers without a
        // suffix field do (`Martin Luther Jr`), so no part of a name is lost.
        let with_suffixes =
            |given: &[&str]| given.iter().chain(&suffixes).copied().collect::<Vec<_>>().join(" ");
        match words.as_slice() {
            [] => (String::new(), String::new(), String::new()),
            [only] => ((*only).to_string(), with_suffixes(&[]), String::new()),
            [rest @ .., last] if is_initials(last) => {
                // Scopus's `J.-W.` keeps its printed form as the given name,
                // as `Smith, J. A.` does, so the hyphen is not lost.
                let given = if last.contains('-') { with_suffixes(&[last]) } else { with_suffixes(&[]) };
                (rest.join(" "), given, last.replace(['.', '-'], ""))
            }
            _ => {
                let family_start = family_start(&words);
                let given = with_suffixes(&words[..family_start]);
                let family = words[family_start..].join(" ");
                let initials = initials_of(&given);
                (family, given, initials)
            }
        }
    };
    Author { family, given, initials, raw: raw.trim().to_string() }
}

/// Where the family name starts in `Given [particles] Family`.
fn family_start(words: &[&str]) -> usize {
    let mut start = words.len().saturating_sub(1);
    while start > 1 && PARTICLES.contains(&words[start - 1].to_lowercase().as_str()) {
        start -= 1;
    }
    start.max(1)
}

/// `LC`, `J`, `J.A.`, Scopus's `J.-W.`: one to three capitals, optionally
/// dotted, a hyphen kept from a hyphenated given name.
fn is_initials(word: &str) -> bool {
    let letters: String = word.chars().filter(|c| !matches!(c, '.' | '-')).collect();
    (1..=3).contains(&letters.chars().count()) && letters.chars().all(char::is_uppercase)
}

/// Initials of given names: first letter of each name and of each hyphenated part.
fn initials_of(given: &str) -> String {
    given
        .split([' ', '-', '.'])
        .map(|part| part.trim_end_matches(','))
        .filter(|part| {
            !part.is_empty() && !PARTICLES.contains(&part.to_lowercase().as_str()) && !SUFFIXES.contains(part)
        })
        .filter_map(|part| part.chars().next())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect()
}

/// The Vancouver form used in `studies.authors`: `Family Initials`.
pub fn vancouver(author: &Author) -> String {
    if author.initials.is_empty() {
        author.family.clone()
    } else {
        format!("{} {}", author.family, author.initials)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(raw: &str) -> (String, String, String) {
        let a = parse_author(raw);
        (a.family, a.given, a.initials)
    }

    fn p(f: &str, g: &str, i: &str) -> (String, String, String) {
        (f.to_string(), g.to_string(), i.to_string())
    }

    #[test]
    fn both_orders_give_the_same_parts() {
        assert_eq!(parts("Lennox, Robin"), p("Lennox", "Robin", "R"));
        assert_eq!(parts("Robin Lennox^{1*}"), p("Lennox", "Robin", "R"));
        assert_eq!(parts("Larkin Lamarche¹"), p("Lamarche", "Larkin", "L"));
    }

    #[test]
    fn a_group_is_its_whole_name_and_a_glued_initial_is_an_initial() {
        assert_eq!(parts("eInvent Consortium"), p("eInvent Consortium", "", ""));
        assert_eq!(parts("The Peer Work Study Group"), p("The Peer Work Study Group", "", ""));
        assert_eq!(parts("Invented Task Force on Care"), p("Invented Task Force on Care", "", ""));
        assert_eq!(parts("G.Okafor"), p("Okafor", "G.", "G"));
        // A person is not a group because a word looks like one.
        assert_eq!(parts("Ada Teamwell"), p("Teamwell", "Ada", "A"));
        assert_eq!(parts("Group, Ada"), p("Group", "Ada", "A"));
        assert!(!GROUP_WORDS.is_empty());
    }

    #[test]
    fn apostrophes_accents_and_hyphens_are_kept() {
        assert_eq!(parts("O’Shea, Tim"), p("O’Shea", "Tim", "T"));
        assert_eq!(parts("Tim O'Shea²"), p("O'Shea", "Tim", "T"));
        assert_eq!(parts("Andreea-Catalina Panaite"), p("Panaite", "Andreea-Catalina", "AC"));
        assert_eq!(parts("E\u{301}milie Lessard"), p("Lessard", "Émilie", "É"));
    }

    #[test]
    fn particles_medline_initials_and_corresponding_marks() {
        assert_eq!(parts("Bo van Dijk"), p("van Dijk", "Bo", "B"));
        assert_eq!(parts("van Boekel LC"), p("van Boekel", "", "LC"));
        assert_eq!(parts("Jennifer MacLellan*"), p("MacLellan", "Jennifer", "J"));
        assert_eq!(parts("Smith, J. A."), p("Smith", "J. A.", "JA"));
        assert_eq!(parts("Kim J.-W."), p("Kim", "J.-W.", "JW"));
        assert_eq!(parts("de Souza A.-C."), p("de Souza", "A.-C.", "AC"));
    }

    #[test]
    fn irish_particles_belong_to_the_family_name_in_either_order() {
        assert_eq!(parts("Siobhán Ó Ceallaigh"), p("Ó Ceallaigh", "Siobhán", "S"));
        assert_eq!(parts("Ó Ceallaigh, Siobhán"), p("Ó Ceallaigh", "Siobhán", "S"));
        assert_eq!(parts("Áine Ní Bhriain"), p("Ní Bhriain", "Áine", "Á"));
    }

    #[test]
    fn generational_suffixes_are_kept_but_are_not_initials() {
        assert_eq!(parts("Martin Luther King Jr."), p("King", "Martin Luther Jr.", "ML"));
        assert_eq!(parts("King, Martin Luther, Jr."), p("King", "Martin Luther, Jr.", "ML"));
        assert_eq!(parts("King ML Jr"), p("King", "Jr", "ML"));
        assert_eq!(parts("Jr"), p("Jr", "", ""));
        assert_eq!(vancouver(&parse_author("Martin Luther King Jr.")), "King ML");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        assert_eq!(parts(""), p("", "", ""));
        assert_eq!(parts("Plato"), p("Plato", "", ""));
        assert_eq!(parts(" , "), p("", "", ""));
        assert_eq!(vancouver(&parse_author("Lennox, Robin")), "Lennox R");
    }
}
