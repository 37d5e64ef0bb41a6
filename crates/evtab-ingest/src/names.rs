//! Cutting a printed author list into names, whatever the page did to it:
//! `A B, C D and E F`, `A; B`, numbered (`1. A B,`), with affiliation
//! markers (`A B^{1*}`, `A B¹²`, `A B1,2`, `A B a,b`), degrees (`A B, PhD,
//! RN`), `Family, Given` pairs run together (`Okafor, Ada, Lindqvist, Bo`),
//! and lists cut by `et al.`. Each name stays as printed otherwise; which
//! part is the family name is the normaliser's job.
//!
//! The words a page may put between names that are not names (degrees,
//! "and" in other languages) are data: `pipelines/formats/names.toml`.

use std::sync::LazyLock;

use regex::Regex;

use crate::layout::NameWords;

/// A printed author list, cut into names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NameList {
    /// The names, markers and degrees removed.
    pub names: Vec<String>,
    /// Whether the list ended in `et al.` (so it is not every author).
    pub truncated: bool,
}

static MARKERS: LazyLock<Regex> = LazyLock::new(|| {
    // `^{1*}`, superscript digits and symbols, ORCID residue (glued to
    // the marker or degree before it too: `Okafor1ORCID`, `RNORCID Icon`).
    Regex::new(r"\^\{[^}]*\}|[¹²³⁴⁵⁶⁷⁸⁹⁰⁺*∗†‡§¶#]+|ORCID\b(?: Icon)?|\(\s*\)|\{at\}").expect("constant regex")
});
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)\d{1,3}\.\s+").expect("constant regex"));
static TRAILING_DIGITS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{L}\.?)\s*\d+(?:\s*,\s*\d+)*\s*$").expect("constant regex"));
static LETTER_MARKERS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\s+[a-z](?:\s*,\s*[a-z])*)+$").expect("constant regex"));

/// Whether a word looks like part of a personal name.
fn is_name_word(word: &str, words: &NameWords) -> bool {
    let first = word.chars().next();
    first.is_some_and(|c| c.is_uppercase() || c == '\'' || c == '’')
        || words.particles.iter().any(|p| p.eq_ignore_ascii_case(word))
        || word.chars().all(|c| !c.is_alphabetic())
        || first.is_some_and(|c| c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase())
}

/// Whether a piece is only initials (`A.`, `AB`, `A. B.`, `A.-B.`).
pub(crate) fn is_initials(piece: &str) -> bool {
    let letters: Vec<char> = piece.chars().filter(|c| !matches!(c, '.' | ' ' | '-' | '‐')).collect();
    !letters.is_empty() && letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase())
}

/// Cuts a printed list into names.
pub(crate) fn split_names(list: &str, words: &NameWords) -> NameList {
    let mut text = list.replace(['\n', '\t', '\u{a0}'], " ");
    text = MARKERS.replace_all(&text, " ").into_owned();
    text = NUMBERED.replace_all(&text, ", ").into_owned();
    let mut truncated = false;
    for et_al in ["et al.", "et al", "et. al.", "u. a.", "y col."] {
        if let Some(at) = text.find(et_al) {
            text.truncate(at);
            truncated = true;
            break;
        }
    }
    // Separators: `;`, `,`, `&`, `·`, `|`, and the word `and` in every language listed.
    for sep in [";", " & ", "·", "•", "|"] {
        text = text.replace(sep, ",");
    }
    for conjunction in &words.conjunctions {
        text = text.replace(&format!(" {conjunction} "), ",");
    }
    let pieces: Vec<String> = text
        .split(',')
        .map(|p| TRAILING_DIGITS.replace(p.trim(), "$1").into_owned())
        .map(|p| LETTER_MARKERS.replace(&p, "").trim().trim_matches(':').trim().to_string())
        .filter(|p| !p.is_empty() && p.chars().any(char::is_alphabetic))
        .filter(|p| !words.degrees.iter().any(|d| d.eq_ignore_ascii_case(p.trim_end_matches('.'))))
        .filter(|p| !(p.chars().count() == 1 && p.chars().all(char::is_lowercase)))
        .collect();
    let names = pair_family_given(pieces);
    NameList { names, truncated }
}

/// `Okafor, Ada, Lindqvist, Bo` (every piece one word) and `Okafor, A.,
/// Lindqvist, B.` (initials after each family name) are `Family, Given`
/// pairs; everything else is one name per piece.
fn pair_family_given(pieces: Vec<String>) -> Vec<String> {
    let one_word = |p: &str| !p.trim().contains(' ') && !p.contains('.');
    let even = pieces.len() >= 2 && pieces.len().is_multiple_of(2);
    let all_one_word = even && pieces.iter().all(|p| one_word(p) || is_initials(p));
    let initials_after = even
        && pieces.chunks(2).all(|pair| !is_initials(&pair[0]) && is_initials(&pair[1]))
        && pieces.chunks(2).all(|pair| pair[0].split_whitespace().count() <= 3);
    if all_one_word && pieces.chunks(2).all(|pair| !is_initials(&pair[0])) || initials_after {
        pieces.chunks(2).map(|pair| format!("{}, {}", pair[0], pair[1])).collect()
    } else {
        pieces
    }
}

/// Whether a line reads as a list of person names (the author line under a
/// title): every piece two to five name-like words, nothing that ends a
/// sentence.
pub(crate) fn looks_like_name_list(line: &str, words: &NameWords) -> bool {
    let trimmed = line.trim();
    if trimmed.is_empty()
        || trimmed.len() > 2000
        || trimmed.ends_with(['.', ':', '?']) && !trimmed.ends_with(" al.")
    {
        return false;
    }
    if trimmed.contains("http") || trimmed.contains('@') && !trimmed.contains("{at}") {
        return false;
    }
    let list = split_names(trimmed, words);
    !list.names.is_empty()
        && list.names.iter().all(|n| {
            let parts: Vec<&str> = n.split([' ', ',']).filter(|w| !w.is_empty()).collect();
            (1..=6).contains(&parts.len())
                && parts.iter().all(|w| is_name_word(w, words))
                && (parts.len() >= 2
                    || list.names.len() >= 2 && parts.len() == 1 && parts[0].chars().count() > 1)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> NameWords {
        NameWords {
            particles: ["van", "de", "da", "der", "von"].map(String::from).to_vec(),
            degrees: ["PhD", "RN", "MSc", "MD", "MPH", "BSc"].map(String::from).to_vec(),
            conjunctions: ["and", "und", "et", "e", "y"].map(String::from).to_vec(),
        }
    }

    fn names(list: &str) -> Vec<String> {
        split_names(list, &words()).names
    }

    #[test]
    fn given_family_lists_with_markers() {
        assert_eq!(
            names("Ada Okafor^{1*} , Bo Lindqvist¹ and Niamh O’Dwyer²"),
            ["Ada Okafor", "Bo Lindqvist", "Niamh O’Dwyer"]
        );
        assert_eq!(
            names("Ada Okafor1,2, Bo Lindqvist3 & Kees van der Berg"),
            ["Ada Okafor", "Bo Lindqvist", "Kees van der Berg"]
        );
        assert_eq!(names("Ada Okafor a,b, Bo Lindqvist c"), ["Ada Okafor", "Bo Lindqvist"]);
        assert_eq!(names("1. Ada Okafor, 2. Bo Lindqvist"), ["Ada Okafor", "Bo Lindqvist"]);
        assert_eq!(names("Ada Okafor, PhD, RN; Bo Lindqvist, MSc"), ["Ada Okafor", "Bo Lindqvist"]);
        assert_eq!(names("Ada Okafor und Bo Lindqvist"), ["Ada Okafor", "Bo Lindqvist"]);
        // ORCID residue glued to a marker or a degree; a list of only that is no list.
        assert_eq!(names("Okafor Ada1ORCID, Lindqvist Bo12ORCID"), ["Okafor Ada", "Lindqvist Bo"]);
        assert!(names(", RN, MSc, , PhD, RNORCID Icon & , PhD, RNORCID Icon").is_empty());
    }

    #[test]
    fn family_given_pairs() {
        assert_eq!(
            names("Okafor, Ada, Lindqvist, Bo, Dwyer, Niamh"),
            ["Okafor, Ada", "Lindqvist, Bo", "Dwyer, Niamh"]
        );
        assert_eq!(names("Okafor, A., Lindqvist, B. R."), ["Okafor, A.", "Lindqvist, B. R."]);
        assert_eq!(names("Okafor, Ada"), ["Okafor, Ada"]);
    }

    #[test]
    fn et_al_truncates() {
        let list = split_names("Ada Okafor, Bo Lindqvist et al.", &words());
        assert_eq!(list.names, ["Ada Okafor", "Bo Lindqvist"]);
        assert!(list.truncated);
    }

    #[test]
    fn what_reads_as_a_name_list() {
        assert!(looks_like_name_list("Ada Okafor, Bo Lindqvist and Kees van der Berg", &words()));
        assert!(looks_like_name_list("A. B. Okafor, C. Lindqvist", &words()));
        assert!(!looks_like_name_list("Research output: Contribution to journal", &words()));
        assert!(!looks_like_name_list("We interviewed peer workers in three clinics.", &words()));
        assert!(!looks_like_name_list("Department of Psychiatry, University of Riverton, Canada", &words()));
    }
}
