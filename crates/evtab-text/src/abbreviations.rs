//! Abbreviation definitions found in running text (Schwartz & Hearst, 2003).
//!
//! Documents define their own short forms (`people who use drugs (PWUD)`),
//! so we find definitions in the text instead of keeping a list of known
//! abbreviations: a short form in brackets is accepted when its letters can
//! be found right to left in the words just before it, the first letter at
//! the start of a word.

/// A short form and the long form the text defines it with.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AbbreviationDefinition {
    /// The short form as written (`PWUD`, `HCPs`).
    pub short: String,
    /// The long form as written (`People who use drugs`, `Healthcare providers`).
    pub long: String,
}

/// Longest bracketed content we look at; longer brackets are asides, not definitions.
const MAX_BRACKET_CHARS: usize = 120;

/// Finds `long form (SHORT)` and `SHORT (long form)` definitions in `text`,
/// in text order. Short forms must have 2–10 characters, start with a letter
/// or digit, contain an uppercase letter (so `(n = 18)` or `(see below)` are
/// never taken) and be at most two words. Plural short forms (`HCPs`) are
/// matched as written, and with the `s` dropped when that fails.
pub fn abbreviation_definitions(text: &str) -> Vec<AbbreviationDefinition> {
    let mut out: Vec<AbbreviationDefinition> = Vec::new();
    for (open, close) in bracket_pairs(text) {
        let whole = text[open + 1..close].trim();
        // `(Health Helpers, HHs)`: a long form and its short form share the bracket.
        if let Some((long, short)) = whole.rsplit_once([',', ';'])
            && let Some(def) = short_then_long(short.trim(), long.trim())
            && !out.contains(&def)
        {
            out.push(def);
            continue;
        }
        let inner = whole.split([';', ',']).next().unwrap_or("").trim();
        if inner.is_empty() {
            continue;
        }
        // A plural written with an apostrophe (`(CHW’s)`) is the plural `CHWs`.
        let plural;
        let inner = match inner
            .strip_suffix("’s")
            .or_else(|| inner.strip_suffix("'s"))
            .filter(|stem| stem.len() >= 2 && stem.chars().all(|c| c.is_uppercase()))
        {
            Some(stem) => {
                plural = format!("{stem}s");
                plural.as_str()
            }
            None => inner,
        };
        let before = sentence_before(&text[..open]);
        let found = if inner.split_whitespace().count() <= 2 {
            short_then_long(inner, before)
        } else {
            long_in_brackets(inner, before)
        };
        if let Some(def) = found
            && !out.contains(&def)
        {
            out.push(def);
        }
    }
    out
}

/// Reads glossary-style definitions (`PWID: People who inject drugs; PWUD:
/// People who use drugs.`), as in an `Abbreviations` section. Every entry is
/// checked like a bracketed definition, and a text with fewer than two valid
/// entries yields nothing, so a sentence like `RESULTS: Fourteen ...` is not
/// mistaken for a glossary.
pub fn abbreviation_glossary(text: &str) -> Vec<AbbreviationDefinition> {
    let mut out: Vec<AbbreviationDefinition> = Vec::new();
    for entry in text.split([';', '\n']) {
        let Some((short, long)) = entry.split_once(':') else { continue };
        let short = short.trim();
        let long = long.trim().trim_end_matches(['.', ' ']).trim();
        if !is_short_form(short) || long.is_empty() || long.split_whitespace().count() > 10 {
            continue;
        }
        let Some(found) = best_long_form(short, long) else { continue };
        if found.len() != long.len() {
            continue;
        }
        let def = AbbreviationDefinition { short: short.to_string(), long: long.to_string() };
        if !out.contains(&def) {
            out.push(def);
        }
    }
    if out.len() < 2 { Vec::new() } else { out }
}

/// Byte index of the `(` that the last `)` of `text` closes (`Peer work
/// (vol 2 (3))` → the first bracket), when it closes one.
pub fn matching_open(text: &str) -> Option<usize> {
    let mut depth = 0i32;
    for (i, c) in text.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Balanced `(...)` pairs (outermost only) whose content is short enough.
fn bracket_pairs(text: &str) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (i, ch) in text.char_indices() {
        match ch {
            '(' => stack.push(i),
            ')' => {
                if let Some(open) = stack.pop()
                    && stack.is_empty()
                    && text[open + 1..i].chars().count() <= MAX_BRACKET_CHARS
                {
                    pairs.push((open, i));
                }
            }
            _ => {}
        }
    }
    pairs
}

/// The text before a bracket back to the start of its sentence or clause
/// (a full stop, semicolon, colon or another bracket ends the search).
fn sentence_before(before: &str) -> &str {
    let cut = before
        .char_indices()
        .rev()
        .find(|&(i, c)| {
            matches!(c, ';' | ':' | '(' | ')' | '[' | ']' | '\n')
                || (matches!(c, '.' | '?' | '!') && before[i + c.len_utf8()..].starts_with(' '))
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    before[cut..].trim_end()
}

/// `long form (SHORT)`: search the last few words before the bracket.
fn short_then_long(short: &str, before: &str) -> Option<AbbreviationDefinition> {
    if !is_short_form(short) {
        return None;
    }
    let n_chars = short.chars().count();
    let max_words = (n_chars + 5).min(n_chars * 2);
    let words: Vec<(usize, &str)> = word_starts(before);
    let first = words.len().saturating_sub(max_words);
    let candidate = &before[words.get(first)?.0..];
    let long = best_long_form(short, candidate).or_else(|| {
        // A plural short form (`HCPs`) of a singular-looking long form.
        let singular =
            short.strip_suffix('s').filter(|s| s.chars().last().is_some_and(char::is_uppercase))?;
        best_long_form(singular, candidate)
    })?;
    valid_pair(short, long, max_words)
}

/// `SHORT (long form)`: the word before the bracket is the short form.
fn long_in_brackets(inner: &str, before: &str) -> Option<AbbreviationDefinition> {
    let short = before.split_whitespace().last()?.trim_matches(|c: char| !c.is_alphanumeric());
    if !is_short_form(short) {
        return None;
    }
    let n_chars = short.chars().count();
    let max_words = (n_chars + 5).min(n_chars * 2);
    let long = best_long_form(short, inner)?;
    if long.len() != inner.len() {
        return None;
    }
    valid_pair(short, long, max_words)
}

fn valid_pair(short: &str, long: &str, max_words: usize) -> Option<AbbreviationDefinition> {
    let long = long.trim();
    let words = long.split_whitespace().count();
    if long.chars().count() <= short.chars().count() || words > max_words || words < 1 {
        return None;
    }
    // The long form must not contain the short form as a word (`HIV (HIV)`).
    if long.split(|c: char| !c.is_alphanumeric()).any(|w| w == short) {
        return None;
    }
    Some(AbbreviationDefinition { short: short.to_string(), long: long.to_string() })
}

fn is_short_form(s: &str) -> bool {
    let n = s.chars().count();
    (2..=10).contains(&n)
        && s.chars().next().is_some_and(char::is_alphanumeric)
        && s.chars().any(char::is_alphabetic)
        && s.chars().any(char::is_uppercase)
        && s.split_whitespace().count() <= 2
}

/// Byte offsets and texts of whitespace-separated words.
fn word_starts(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &text[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// The Schwartz–Hearst match: walk the short form right to left, finding
/// each letter or digit further left in the long form; the short form's
/// first character must start a word. Returns the long form from the start
/// of the word where the first character matched.
fn best_long_form<'a>(short: &str, long: &'a str) -> Option<&'a str> {
    let s: Vec<char> = short.chars().flat_map(char::to_lowercase).collect();
    let l: Vec<(usize, char)> =
        long.char_indices().map(|(i, c)| (i, c.to_lowercase().next().unwrap_or(c))).collect();
    let mut s_index = s.len();
    let mut l_index = l.len();
    while s_index > 0 {
        s_index -= 1;
        let c = s[s_index];
        if !c.is_alphanumeric() {
            continue;
        }
        loop {
            if l_index == 0 {
                return None;
            }
            l_index -= 1;
            let here = l[l_index].1;
            let at_word_start = l_index == 0 || !l[l_index - 1].1.is_alphanumeric();
            if here == c && (s_index > 0 || at_word_start) {
                break;
            }
        }
    }
    let start_byte = l.get(l_index)?.0;
    // Back up to the start of the word the first character sits in.
    let word_start = long[..start_byte]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    Some(long[word_start..].trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(String, String)> {
        abbreviation_definitions(text).into_iter().map(|d| (d.short, d.long)).collect()
    }

    fn p(short: &str, long: &str) -> (String, String) {
        (short.to_string(), long.to_string())
    }

    #[test]
    fn finds_long_form_before_short_form() {
        assert_eq!(
            pairs("People who use drugs (PWUD) present to the emergency department."),
            [p("PWUD", "People who use drugs")]
        );
        assert_eq!(
            pairs("Hospitals have been a risk. Healthcare providers (HCPs) have also expressed it."),
            [p("HCPs", "Healthcare providers")]
        );
        assert_eq!(
            pairs("The subject is the advanced peer support workers (APSWs) functioning in the project."),
            [p("APSWs", "advanced peer support workers")]
        );
    }

    #[test]
    fn trims_long_form_to_the_word_where_the_first_letter_matched() {
        assert_eq!(
            pairs("The HepCare project upskilled experienced peer support workers (PSWs) to become"),
            [p("PSWs", "peer support workers")]
        );
        assert_eq!(
            pairs("we asked an experienced nurse practitioner (NP) to"),
            [p("NP", "nurse practitioner")]
        );
    }

    #[test]
    fn the_final_bracket_s_opening_is_found_through_nested_ones() {
        assert_eq!(matching_open("Peer work (vol 2 (3))"), Some(10));
        assert_eq!(matching_open("Peer (a) work"), Some(5));
        assert_eq!(matching_open("Peer work"), None);
        assert_eq!(matching_open("unbalanced)"), None);
    }

    #[test]
    fn a_plural_short_form_written_with_an_apostrophe_is_the_plural() {
        assert_eq!(
            pairs("is delivered by community health workers (CHW’s) with young women"),
            [p("CHWs", "community health workers")]
        );
        assert_eq!(pairs("delivered by peer mentors (PM's) in wards"), [p("PMs", "peer mentors")]);
    }

    #[test]
    fn reads_a_long_and_short_form_that_share_a_bracket() {
        assert_eq!(
            pairs("delivered by lay workers (Village Mentors, VMs) in two districts"),
            [("VMs".to_string(), "Village Mentors".to_string())]
        );
    }

    #[test]
    fn reads_short_form_before_long_form_in_brackets() {
        assert_eq!(
            pairs("treated for HCV (hepatitis C virus) in the clinic"),
            [p("HCV", "hepatitis C virus")]
        );
    }

    #[test]
    fn ignores_brackets_that_are_not_definitions() {
        for text in [
            "semi-structured interviews (n = 18) with patients",
            "a connection (P10, HCP) between",
            "as shown (Fig. 1) above",
            "collected (2019) and (2020)",
            "empty () and (  ) brackets",
            "unbalanced (PWUD and ) ) ( (",
            "people who use drugs (PWID)",
            "the team (see below) met",
            "HIV (HIV) twice",
            "(PWUD) at the very start",
        ] {
            assert_eq!(pairs(text), Vec::<(String, String)>::new(), "{text}");
        }
    }

    #[test]
    fn uses_the_part_before_a_comma_or_semicolon() {
        assert_eq!(pairs("healthcare providers (HCPs; n = 5) said"), [p("HCPs", "healthcare providers")]);
    }

    #[test]
    fn does_not_reach_across_sentences_or_other_brackets() {
        assert_eq!(pairs("They used drugs. Workers (PUD) were there."), Vec::<(String, String)>::new());
        assert_eq!(pairs("people (aged 20) who use drugs (PWUD)"), Vec::<(String, String)>::new());
    }

    #[test]
    fn survives_non_ascii_and_odd_input() {
        assert_eq!(pairs("Émilie’s centre de santé (CDS) and çà (ÇA)"), [p("CDS", "centre de santé")]);
        assert_eq!(pairs("centre de santé (CdS)"), [p("CdS", "centre de santé")]);
        assert_eq!(
            pairs("peer\u{a0}support\u{a0}workers (PSWs)"),
            [p("PSWs", "peer\u{a0}support\u{a0}workers")]
        );
        assert_eq!(pairs("the\u{a0}peer support workers (PSWs)"), [p("PSWs", "peer support workers")]);
        assert!(pairs("").is_empty());
        assert!(pairs("((((((").is_empty());
        assert!(pairs("))))(").is_empty());
    }

    #[test]
    fn survives_random_bracket_soup() {
        const POOL: &[&str] = &[
            "(", ")", "PWUD", "people", "who", "use", "drugs", "É", "ß", ";", ":", ",", ".", " ", "s",
            "HCPs", "ﬁ", "n = 3", "\u{a0}", "\u{2003}",
        ];
        let mut seed: u64 = 7;
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..12 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(POOL[(seed >> 33) as usize % POOL.len()]);
            }
            let _ = abbreviation_definitions(&text);
            let _ = abbreviation_glossary(&text);
        }
    }

    #[test]
    fn reads_a_glossary() {
        let defs = abbreviation_glossary(
            "PWID: People who inject drugs; PWUD: People who use drugs; HCPs: Healthcare providers.",
        );
        let got: Vec<(String, String)> = defs.into_iter().map(|d| (d.short, d.long)).collect();
        assert_eq!(
            got,
            [
                p("PWID", "People who inject drugs"),
                p("PWUD", "People who use drugs"),
                p("HCPs", "Healthcare providers")
            ]
        );
    }

    #[test]
    fn a_labelled_sentence_is_not_a_glossary() {
        assert!(
            abbreviation_glossary("RESULTS: Fourteen participants were interviewed: 6 people").is_empty()
        );
        assert!(abbreviation_glossary("METHODS: Mixed methods; MM: mixed methods").is_empty());
        assert!(abbreviation_glossary("").is_empty());
    }
}
