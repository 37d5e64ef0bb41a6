//! Reading one sentence that names themes: `We found four themes that related
//! to X: A, B, C, and D.`, `... (A, and B).`, `...: (1) A, (2) B, and (3) C.`,
//! and core concepts (`At the core of the data was the notion of X.`).
//!
//! Splitting keeps commas inside brackets and quotes, keeps `and` inside a
//! label when the stated count or the list's commas say so, and reports when
//! the count and the items disagree.

use std::sync::LazyLock;

use evtab_text::parse_number;
use regex::Regex;

/// A sentence that lists themes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListSentence {
    /// The count the sentence states (`four themes`), if any.
    pub(crate) count: Option<u32>,
    /// The domain the sentence says the themes belong to, if it names one.
    pub(crate) parent: Option<String>,
    /// The labels, in order, as printed.
    pub(crate) items: Vec<ListItem>,
    /// Whether the noun was `subthemes` (or `subcategories`).
    pub(crate) sub: bool,
}

impl ListSentence {
    /// Whether the stated count disagrees with the items found.
    pub(crate) fn count_disagrees(&self) -> bool {
        self.count.is_some_and(|n| usize::try_from(n).ok() != Some(self.items.len()))
    }
}

/// One label of a list, with subthemes when the authors give them in brackets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ListItem {
    pub(crate) label: String,
    pub(crate) subthemes: Vec<String>,
}

/// Longest label (in words) still read as a theme; longer pieces are prose.
const MAX_LABEL_WORDS: usize = 16;

fn regex(pattern: &str) -> Regex {
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("constant pattern compiles")
}

static THEME_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?is)\b(?:sub-?themes?|themes?|sub-?categories|categories|category|domains?)\b")
});

/// Category and domain lists also describe samples (`participants fell into
/// three categories`); such nouns count only in a sentence about analysis.
static ANALYTIC_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?is)\b(?:emerg\w*|identif\w*|generat\w*|develop\w*|found|analy\w*|derived|constructed|revealed|thematic|coding|coded)\b",
    )
});

/// What may stand between the theme noun and a domain phrase.
static DOMAIN_AFTER_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?is)^\s*(?:(?:that|which)\s+)?(?:relate[sd]?\s+to|relating\s+to|pertain(?:s|ed|ing)?\s+to|for|involving|about|concerning|regarding|around|under|within(?:\s+the\s+domains?\s+of)?|in\s+the\s+domains?\s+of|of)\s+(.+)$",
    )
});

/// A domain phrase opening the sentence (`Regarding X, three themes ...`,
/// `Within ‘A’, two subthemes ...`).
static DOMAIN_BEFORE_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?is)^(?:regarding|concerning|with\s+regard\s+to|in\s+relation\s+to|within|under|in\s+the\s+domains?\s+of)\s+(?:the\s+(?:theme|domain|category)\s+(?:of\s+)?)?([^,]{3,120}),",
    )
});

/// A named higher-order theme before a subtheme list (`The theme ‘A’
/// comprised three subthemes: ...`).
static NAMED_PARENT_THEME: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?s)\b(?:[Tt]heme|[Cc]ategory|[Dd]omain)\s+(?:of\s+)?(‘[^’]+’|“[^”]+”|\x22[^\x22]+\x22|'[^']+'|[A-Z][^,:;]{2,80}?),?\s+(?:comprised|comprises|included|includes|contained|contains|consisted\s+of|encompassed|had|has|was\s+divided\s+into|was\s+made\s+up\s+of|incorporated|covered|with)\b",
    )
});

/// A list standing before the noun (`A, B and C emerged as key themes`).
static LIST_BEFORE_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?is)^(?:overall,?\s+|together,?\s+)?(.+?)\s+(?:emerged\s+as|were\s+identified\s+as|were\s+found\s+to\s+be|were)\s+(?:the\s+)?(?:(?:three|four|five|six|seven|eight|two|main|key|major|central|overarching|primary|core)\s+){0,2}(?:themes|categories)\b",
    )
});

/// Where a domain phrase stops: the verb of the sentence.
static DOMAIN_END: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?is)\s+(?:were|was|are|is|have|has|had|emerged|emerge|emerging|identified|developed|found|generated)\b.*$",
    )
});

/// A list that follows the noun without a colon (`Themes included A, B and C`).
static DIRECT_LIST: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?is)^\s*,?\s*(?:which\s+)?(?:(?:identified|found|generated|developed|that\s+emerged|emerging)\s+)?(were|are|included|include|includes|including|comprised|comprising|namely|such\s+as|of)\s+(.+)$",
    )
});

/// Quoted labels in apposition (`Three themes, ‘A’, ‘B’ and ‘C’, described ...`).
static APPOSITIVE_QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^\s*,\s*((?:(?:‘[^’]+’|“[^”]+”|\x22[^\x22]+\x22|'[^']+')\s*,?\s*(?:and\s+|or\s+)?){2,})")
});

/// A list announced later in the sentence (`...; these were A, B and C`).
static LATER_LIST: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?is)[;,.]?\s+(?:these|they|which)\s+(were|are|included|include|comprised)\s*:?\s+(.+)$")
});

/// `The first theme, X, ...`, `The second theme was X.`
static ORDINAL_THEME: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?is)^(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|final|last)\s+(?:(?:main|major|key|overarching|central)\s+)?(?:theme|category)(\s*,\s*|\s*:\s*|\s+(?:was|is|concerned|related\s+to|described|captured|highlighted|focused\s+on|explored|centred\s+on|centered\s+on)\s+)(.+)$",
    )
});

/// Words after `themes were` that make it a statement about the themes, not a list.
const NOT_A_LIST_START: &[&str] = &[
    "identified",
    "found",
    "generated",
    "developed",
    "derived",
    "constructed",
    "produced",
    "noted",
    "observed",
    "discussed",
    "described",
    "explored",
    "drawn",
    "apparent",
    "evident",
    "similar",
    "related",
    "linked",
    "interrelated",
    "interconnected",
    "present",
    "consistent",
    "also",
    "not",
    "more",
    "most",
    "less",
    "common",
    "prominent",
    "salient",
    "grouped",
    "organised",
    "organized",
    "categorised",
    "categorized",
    "then",
    "further",
    "both",
    "all",
    "each",
    "reported",
    "refined",
    "reviewed",
    "named",
    "defined",
    "used",
    "then",
    "overlapping",
    "mapped",
    "shared",
    "as",
    "the",
    "in",
    "that",
];

/// Bracket contents that are not a list of labels.
static NOT_A_BRACKET_LIST: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?is)^\s*(?:e\.?\s?g\.?|i\.?\s?e\.?|see|cf\.?|fig|figure|table|n\s*=|p\s*[<=]|\[?\d)")
});

static ENUMERATOR_IN_BRACKETS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\(\s*([0-9]{1,2}|[ivx]{1,4}|[a-h])\s*\)"));

static ENUMERATOR_WITH_STOP: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?:^|[\s;,])([0-9]{1,2}|[ivx]{1,4}|[a-h])[.)]\s"));

static AND_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| regex(r"\s+and\s+"));

/// An enumerator that opens a list item (`(3) `, `iii. `, `b) `).
static LEADING_ENUMERATOR: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"^\s*(?:\(\s*(?:[0-9]{1,2}|[ivx]{1,4}|[a-h])\s*\)|(?:[0-9]{1,2}|[ivx]{1,4}|[a-h])[.)])\s*")
});

static LEADING_CONJUNCTION: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?is)^(?:and/or|and|or|as\s+well\s+as|plus)\s+"));

/// A piece that starts a clause about the whole list, ending the list.
static TRAILING_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?is)^(?:which|that|each|all\s+of\s+which|both\s+of\s+which|respectively|these|with\s+each)\b")
});

/// Where a list of subthemes starts inside a sentence.
static SUBTHEME_ANYWHERE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\b(?:sub-?themes?|sub-?categories|containing|comprising)\b"));

/// A clause after a label that gives its subthemes (`A, containing the subthemes x and y`).
static SUBTHEME_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?is)^(.*?)[,;]?\s+(?:containing|comprising|including|with|encompassing)\s+(?:the\s+)?(?:(?:\w+|\d+)\s+)?(?:sub-?themes?|themes?|sub-?categories)\s*:?\s*(.*)$",
    )
});

static SUBTHEME_WORD: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?is)^\s*(?:with\s+|including\s+)?(?:the\s+)?(?:sub-?themes?|sub-?categories)\s*:?\s*")
});

static CORE_CONCEPT: LazyLock<[Regex; 5]> = LazyLock::new(|| {
    [
        regex(
            r"(?is)\b(?:at|in)\s+the\s+(?:core|centre|center|heart)\s+of\s+(?:(?:the|our|this|all)\s+)?(?:data|findings|analysis|results|themes|thematic\s+map|model|framework|accounts|narratives)\b[^,.;:]{0,40}?\s+(?:was|is|lay|lies|were|sat|sits)\s+(.+)$",
        ),
        regex(
            r"(?is)\bcentral\s+to\s+(?:(?:the|our|all)\s+)?(?:data|findings|analysis|results|themes|accounts|narratives)\s+(?:was|is|were)\s+(.+)$",
        ),
        regex(
            r"(?is)\bthe\s+(?:core|central|overarching|unifying)\s+(?:concept|category|theme|idea)\s+(?:that\s+emerged\s+|identified\s+)?(?:was|is)\s+(.+)$",
        ),
        regex(
            r"(?is)\b(?:an?|one)\s+(?:core|central|overarching|unifying)\s+(?:concept|category|theme)(?:\s+of)?\s*,?\s+(.+?),?\s+(?:emerged|was\s+identified|was\s+found|underpinned|ran\s+through|tied)\b",
        ),
        regex(
            r"(?is)\b(?:an?|one)\s+(?:core|central|overarching|unifying)\s+(?:concept|category|theme)\s*,\s*(‘[^’]+’|“[^”]+”|\x22[^\x22]+\x22|'[^']+')",
        ),
    ]
});

static CORE_LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?is)^(?:the\s+)?(?:notion|concept|idea|theme|category|image|metaphor)\s+(?:of|that)\s+")
});

static CORE_END: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?is)(?:[,;]|\s+which\s|\s+and\s+(?:served|was|is|acted|provided|formed)\s).*$")
});

/// The core concept a sentence names, as printed without its lead-in.
pub(crate) fn core_concept(sentence: &str) -> Option<String> {
    let sentence = sentence.trim();
    let rest = CORE_CONCEPT.iter().find_map(|re| re.captures(sentence)?.get(1))?.as_str();
    let rest = CORE_LEAD_IN.find(rest).map_or(rest, |m| &rest[m.end()..]);
    let rest = CORE_END.find(rest).map_or(rest, |m| &rest[..m.start()]);
    let label = clean_label(rest);
    let words = label.split_whitespace().count();
    (words > 0 && words <= 14).then_some(label)
}

/// Reads a theme list from a sentence, or `None` when it names no list.
pub(crate) fn parse_list_sentence(sentence: &str) -> Option<ListSentence> {
    let sentence = sentence.trim();
    let mask = top_level_mask(sentence);
    let colon = sentence.char_indices().find(|&(i, c)| c == ':' && mask[i]).map(|(i, _)| i);
    let nouns: Vec<(usize, usize)> = THEME_NOUN.find_iter(sentence).map(|m| (m.start(), m.end())).collect();
    // `The themes were (1) ‘A’, containing two themes: ...; (2) ‘B’ ...`: a
    // numbered list that starts before the colon is the list.
    let numbered_first = nouns.first().zip(colon).is_some_and(|(&(_, e), colon)| {
        e < colon
            && ENUMERATOR_IN_BRACKETS.find(&sentence[e..colon]).is_some_and(|m| m.as_str().contains('1'))
    });
    if numbered_first
        && let Some(list) = nouns.first().and_then(|&(s, e)| enumerated_after_noun(sentence, s, e))
    {
        return Some(list);
    }
    let found = match colon {
        // The noun nearest the colon is the one the list belongs to
        // (`The theme ‘A’ comprised three subthemes: x, y and z`).
        Some(colon) => {
            nouns.iter().rev().filter(|n| n.1 <= colon).find_map(|&(s, e)| list_after_noun(sentence, s, e))
        }
        None => nouns.iter().find_map(|&(s, e)| list_after_noun(sentence, s, e)),
    };
    found
        .or_else(|| list_before_noun(sentence))
        .or_else(|| nouns.first().and_then(|&(s, e)| enumerated_after_noun(sentence, s, e)))
        .or_else(|| nouns.first().and_then(|&(s, e)| quoted_after_noun(sentence, s, e)))
        .map(|mut list| {
            list.items = list.items.into_iter().flat_map(quoted_items).collect();
            list
        })
}

/// An item that is quoted labels and words around them: the labels. Two
/// quoted labels left in one item by a list that separates them only by
/// their quotes (`“Being heard,” “pay”`) are two items; an
/// item that opens with a quoted label and goes on (`‘Trusted to
/// lead’, as well as several sub-themes`, `(3) ‘Open
/// support’`) is that label. A quote inside a label (`Retaining
/// ‘Hope’`) leaves it as it is.
fn quoted_items(item: ListItem) -> Vec<ListItem> {
    let quoted = quoted_labels(&item.label);
    let opens_with_quote =
        LEADING_ENUMERATOR.replace(&item.label, "").trim_start().starts_with(['‘', '“', '"', '\'']);
    match quoted.len() {
        0 => vec![item],
        1 if !opens_with_quote => vec![item],
        1 => {
            let label = quoted.into_iter().next().unwrap_or_default();
            vec![ListItem { label, subthemes: item.subthemes }]
        }
        _ if opens_with_quote => {
            let mut subthemes = Some(item.subthemes);
            quoted
                .into_iter()
                .map(|label| ListItem { label, subthemes: subthemes.take().unwrap_or_default() })
                .collect()
        }
        _ => vec![item],
    }
}

/// `Four themes emerged describing X; 1) A, 2) B and 3) C.`: a numbered
/// list anywhere after the theme noun, whatever stands between.
fn enumerated_after_noun(sentence: &str, noun_start: usize, noun_end: usize) -> Option<ListSentence> {
    let noun = sentence[noun_start..noun_end].to_lowercase();
    if !theme_like(&noun, sentence) {
        return None;
    }
    let pieces = enumerated(&sentence[noun_end..])?;
    let items: Vec<ListItem> = pieces.iter().filter_map(|p| list_item(p)).collect();
    if items.len() < 2 || items.iter().any(|i| i.label.split_whitespace().count() > MAX_LABEL_WORDS) {
        return None;
    }
    let count = count_before(&sentence[..noun_start]);
    Some(ListSentence { count, parent: None, items, sub: noun.starts_with("sub") })
}

/// `... including the themes “A”, “B” and “C”.`, `The key themes were ‘A’,
/// ‘B’ and ‘C’.`: two or more quoted labels after the theme noun, outside
/// brackets and before any subtheme list.
fn quoted_after_noun(sentence: &str, noun_start: usize, noun_end: usize) -> Option<ListSentence> {
    let noun = sentence[noun_start..noun_end].to_lowercase();
    if !theme_like(&noun, sentence) {
        return None;
    }
    let labels = quoted_labels(&sentence[noun_end..]);
    if labels.len() < 2 {
        return None;
    }
    let items = labels.into_iter().map(|label| ListItem { label, subthemes: Vec::new() }).collect();
    let count = count_before(&sentence[..noun_start]);
    Some(ListSentence { count, parent: None, items, sub: noun.starts_with("sub") })
}

/// Whether a theme noun names the study's themes here: categories and
/// domains only in a sentence about analysis.
fn theme_like(noun: &str, sentence: &str) -> bool {
    !((noun.contains("categor") || noun.contains("domain")) && !ANALYTIC_CONTEXT.is_match(sentence))
}

/// Quoted labels (`‘A’`, `“A”`, `"A"`) outside brackets, in order, up to
/// the first mention of subthemes; `’` inside a word (`mothers’`) closes nothing.
pub(crate) fn quoted_labels(text: &str) -> Vec<String> {
    let stop = SUBTHEME_ANYWHERE.find(text).map_or(text.len(), |m| m.start());
    let text = &text[..stop];
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let prev_alnum = k > 0 && chars[k - 1].1.is_alphanumeric();
        let close = match c {
            '(' | '[' => {
                depth += 1;
                None
            }
            ')' | ']' => {
                depth = (depth - 1).max(0);
                None
            }
            '‘' if !prev_alnum => Some('’'),
            '“' => Some('”'),
            '"' if !prev_alnum => Some('"'),
            // A straight single quote opens a label only where no word
            // runs into it (`'Being seen'`, not `mothers' time`).
            '\'' if !prev_alnum && chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric()) => Some('\''),
            _ => None,
        };
        k += 1;
        let Some(close) = close else { continue };
        let start = i + c.len_utf8();
        let closers: Vec<usize> = (k..chars.len())
            .filter(|&j| chars[j].1 == close && chars.get(j + 1).is_none_or(|&(_, n)| !n.is_alphanumeric()))
            .take_while(|&j| chars[j].0 - start <= 200)
            .collect();
        // `‘mothers’ time’`: the closer that ends a list item wins over a
        // possessive inside the label.
        let ends_item = |j: usize| {
            let after = text[chars[j].0 + close.len_utf8()..].trim_start();
            after.is_empty()
                || after.starts_with([',', ';', '.', ':', '(', ')', '?', '!'])
                || after.starts_with("and ")
                || after.starts_with("or ")
                || after.starts_with("also ")
                || after.starts_with(['‘', '“', '"'])
        };
        let end = closers.iter().copied().find(|&j| ends_item(j)).or_else(|| closers.first().copied());
        let Some(end) = end else { break };
        // As printed, quotes included (the tables keep labels as printed).
        let inner_words = clean_label(&text[start..chars[end].0]).split_whitespace().count();
        let label = clean_label(&text[i..chars[end].0 + close.len_utf8()]);
        k = end + 1;
        if depth == 0 && (1..=MAX_LABEL_WORDS).contains(&inner_words) {
            out.push(label);
        }
    }
    out
}

/// A sentence that announces a number of themes without naming them
/// (`Five themes captured the content of the intervention.`): the count.
pub(crate) fn announced_count(sentence: &str) -> Option<u32> {
    let m = THEME_NOUN.find(sentence)?;
    let noun = m.as_str().to_lowercase();
    if noun.starts_with("sub") || !noun.ends_with('s') || !theme_like(&noun, sentence) {
        return None;
    }
    count_before(&sentence[..m.start()]).filter(|&n| (2..=12).contains(&n))
}

/// `A, B and C emerged as the main themes.`
fn list_before_noun(sentence: &str) -> Option<ListSentence> {
    let caps = LIST_BEFORE_NOUN.captures(sentence)?;
    let items = split_items(caps.get(1)?.as_str(), None, true)?;
    (items.len() >= 2).then_some(ListSentence { count: None, parent: None, items, sub: false })
}

fn list_after_noun(sentence: &str, noun_start: usize, noun_end: usize) -> Option<ListSentence> {
    let noun = sentence[noun_start..noun_end].to_lowercase();
    if !theme_like(&noun, sentence) {
        return None;
    }
    let plural = noun.ends_with('s');
    let count = count_before(&sentence[..noun_start]);
    let rest = &sentence[noun_end..];
    let (head, region, direct) = list_region(rest)?;
    let before = &sentence[..noun_start];
    let parent = domain_phrase(head)
        .or_else(|| capture_label(&NAMED_PARENT_THEME, before))
        .or_else(|| capture_label(&DOMAIN_BEFORE_NOUN, sentence));
    let items = split_items(region, count, plural)?;
    if direct.is_some()
        && (items.len() < 2 || count.is_some_and(|n| usize::try_from(n).ok() != Some(items.len())))
    {
        // Without a colon or brackets, only a clean list counts.
        return None;
    }
    if direct.is_some_and(is_were_or_are) {
        // `themes were A, B and C` reads as a list only when it looks like one.
        let first = items.first().map(|i| i.label.to_lowercase()).unwrap_or_default();
        let first_word = first.split_whitespace().next().unwrap_or("");
        if items.len() < 3 || NOT_A_LIST_START.contains(&first_word) {
            return None;
        }
    }
    let enough = match count {
        Some(_) => !items.is_empty(),
        None => items.len() >= 2 || (!plural && items.len() == 1),
    };
    enough.then_some(ListSentence { count, parent, items, sub: noun.starts_with("sub") })
}

fn capture_label(re: &Regex, text: &str) -> Option<String> {
    let label = clean_label(re.captures(text)?.get(1)?.as_str());
    (!label.is_empty()).then_some(label)
}

fn is_were_or_are(verb: &str) -> bool {
    verb.eq_ignore_ascii_case("were") || verb.eq_ignore_ascii_case("are")
}

/// The number just before the theme noun (`four`, `Five primary`, `3 main`).
fn count_before(before: &str) -> Option<u32> {
    let mut skipped = 0;
    for word in before.split(' ').rev() {
        if word.is_empty() {
            continue;
        }
        if let Some(n) = parse_number(word) {
            return Some(n);
        }
        let adjective_like = word.len() >= 3
            && word.chars().all(|c| c.is_alphabetic() || c == '-')
            && !matches!(
                word.to_lowercase().as_str(),
                "the" | "and" | "for" | "with" | "from" | "these" | "our"
            );
        skipped += 1;
        if !adjective_like || skipped > 3 {
            return None;
        }
    }
    None
}

/// Splits what follows the noun into the text before the list and the list.
/// The third value is the verb that introduced a colon-less list.
fn list_region(rest: &str) -> Option<(&str, &str, Option<&str>)> {
    let mask = top_level_mask(rest);
    if let Some(colon) = rest.char_indices().find(|&(i, c)| c == ':' && mask[i]).map(|(i, _)| i) {
        return Some((&rest[..colon], &rest[colon + 1..], None));
    }
    let trimmed = rest.trim_end().trim_end_matches(['.', ';']).trim_end();
    if trimmed.ends_with(')') {
        let open = evtab_text::matching_open(trimmed)?;
        let inner = &trimmed[open + 1..trimmed.len() - 1];
        if NOT_A_BRACKET_LIST.is_match(inner) {
            return None;
        }
        return Some((&trimmed[..open], inner, None));
    }
    if let Some(list) = APPOSITIVE_QUOTED.captures(rest).and_then(|c| c.get(1)) {
        return Some(("", list.as_str(), None));
    }
    if let Some(caps) = DIRECT_LIST.captures(rest) {
        return Some(("", caps.get(2)?.as_str(), Some(caps.get(1)?.as_str())));
    }
    // `Three themes emerged from the data; these were A, B and C.`
    let caps = LATER_LIST.captures(rest)?;
    Some(("", caps.get(2)?.as_str(), Some(caps.get(1)?.as_str())))
}

/// An ordinal theme sentence (`The first theme, ‘A’, describes ...`,
/// `The second theme was B.`): the label it names.
pub(crate) fn ordinal_theme(sentence: &str) -> Option<String> {
    let caps = ORDINAL_THEME.captures(sentence.trim())?;
    let rest = caps.get(2)?.as_str().trim_start();
    let apposition = caps.get(1)?.as_str().trim().is_empty() || caps.get(1)?.as_str().contains(',');
    let label = match rest.chars().next() {
        Some(open @ ('‘' | '“' | '"' | '\'')) => {
            let close = match open {
                '‘' => '’',
                '“' => '”',
                other => other,
            };
            let body = &rest[open.len_utf8()..];
            let end = body.find(close)?;
            rest[..open.len_utf8() + end + close.len_utf8()].to_string()
        }
        _ => {
            let mask = top_level_mask(rest);
            let stop = rest
                .char_indices()
                .find(|&(i, c)| matches!(c, ',' | ';' | ':') && mask[i] || (c == '.' && !apposition))
                .map_or(rest.len(), |(i, _)| i);
            rest[..stop].to_string()
        }
    };
    let label = clean_label(&label);
    let words = label.split_whitespace().count();
    (words > 0 && words <= 12).then_some(label)
}

fn domain_phrase(head: &str) -> Option<String> {
    let phrase = DOMAIN_AFTER_NOUN.captures(head)?.get(1)?.as_str();
    let phrase = DOMAIN_END.find(phrase).map_or(phrase, |m| &phrase[..m.start()]);
    let phrase = clean_label(phrase);
    let phrase = phrase.strip_suffix(" namely").unwrap_or(&phrase).trim_end_matches(',').trim().to_string();
    let words = phrase.split_whitespace().count();
    (words > 0 && words <= 25).then_some(phrase)
}

/// Per byte of `text`: whether it lies outside brackets and quotes.
fn top_level_mask(text: &str) -> Vec<bool> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut mask = vec![false; text.len()];
    let (mut depth, mut double, mut single) = (0i32, false, false);
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev_alnum =
            k.checked_sub(1).and_then(|p| chars.get(p)).is_some_and(|&(_, p)| p.is_alphanumeric());
        let next_alnum = chars.get(k + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
        let top = depth == 0 && !double && !single;
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = (depth - 1).max(0),
            '“' => double = true,
            '”' => double = false,
            '"' => double = !double,
            '‘' if !prev_alnum => single = true,
            '’' | '\'' if single && !next_alnum => single = false,
            '\'' if !single && !prev_alnum && next_alnum => single = true,
            _ => {}
        }
        for slot in mask.iter_mut().skip(i).take(c.len_utf8()) {
            *slot = top;
        }
    }
    mask
}

/// Splits a list into labels; `None` when a piece is too long to be a label.
fn split_items(region: &str, count: Option<u32>, plural: bool) -> Option<Vec<ListItem>> {
    let region = region.trim().trim_end_matches(['.', ';', ':', ',']).trim();
    let pieces = match enumerated(region) {
        Some(pieces) => pieces,
        None => unnumbered_pieces(region, count, plural),
    };
    let mut items = Vec::new();
    for piece in pieces {
        let Some(item) = list_item(&piece) else { continue };
        if item.label.split_whitespace().count() > MAX_LABEL_WORDS {
            return None;
        }
        items.push(item);
    }
    Some(items)
}

/// Pieces of a numbered list (`(1) A, (2) B`, `1. A; 2. B`, `(i) A (ii) B`).
fn enumerated(region: &str) -> Option<Vec<String>> {
    for re in [&*ENUMERATOR_IN_BRACKETS, &*ENUMERATOR_WITH_STOP] {
        let marks: Vec<(usize, usize, u32)> = re
            .captures_iter(region)
            .filter_map(|c| {
                let whole = c.get(0)?;
                Some((whole.start(), whole.end(), enumerator_value(c.get(1)?.as_str())))
            })
            .filter(|&(_, _, v)| v > 0)
            .collect();
        let sequence = first_sequence(&marks);
        if sequence.len() < 2 {
            continue;
        }
        let mut pieces = Vec::new();
        for (k, &(_, end, _)) in sequence.iter().enumerate() {
            let stop = sequence.get(k + 1).map_or(region.len(), |&(start, _, _)| start);
            if let Some(piece) = region.get(end..stop) {
                pieces.push(piece.to_string());
            }
        }
        return Some(pieces);
    }
    None
}

/// The longest run of enumerators numbered 1, 2, 3... in order.
fn first_sequence(marks: &[(usize, usize, u32)]) -> Vec<(usize, usize, u32)> {
    let mut sequence = Vec::new();
    for &mark in marks {
        let expected = u32::try_from(sequence.len()).map_or(u32::MAX, |n| n + 1);
        if mark.2 == expected {
            sequence.push(mark);
        } else if mark.2 == 1 && sequence.len() < 2 {
            sequence = vec![mark];
        }
    }
    sequence
}

fn enumerator_value(token: &str) -> u32 {
    if let Ok(n) = token.parse::<u32>() {
        return n;
    }
    const ROMAN: [&str; 10] = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"];
    if let Some(pos) = ROMAN.iter().position(|r| *r == token) {
        // A lone `i`/`v`/`x` is roman only when it continues a roman list;
        // `a`..`h` are letters. Both schemes start at 1, so position works.
        return u32::try_from(pos + 1).unwrap_or(0);
    }
    let mut chars = token.chars();
    match (chars.next(), chars.next()) {
        (Some(c @ 'a'..='h'), None) => u32::from(c) - u32::from('a') + 1,
        _ => 0,
    }
}

/// Pieces of a list without numbers: split at top-level semicolons (or
/// commas), then at `and` where the list's form or its count asks for it.
fn unnumbered_pieces(region: &str, count: Option<u32>, plural: bool) -> Vec<String> {
    let mask = top_level_mask(region);
    let semicolons: Vec<usize> = positions(region, &mask, ';');
    let separators = if semicolons.is_empty() { positions(region, &mask, ',') } else { semicolons };
    let mut pieces: Vec<String> = Vec::new();
    let mut start = 0;
    for sep in separators.iter().copied().chain(std::iter::once(region.len())) {
        pieces.push(region.get(start..sep).unwrap_or("").trim().to_string());
        start = sep + 1;
    }
    pieces.retain(|p| !p.is_empty());
    if let Some(cut) = pieces.iter().skip(1).position(|p| TRAILING_CLAUSE.is_match(p)) {
        pieces.truncate(cut + 1);
    }
    if pieces.iter().any(|p| p.split_whitespace().count() > MAX_LABEL_WORDS + 4) {
        // Prose, not a list: even a two-label piece joined by `and` is shorter.
        return Vec::new();
    }
    let oxford = pieces.len() >= 2 && pieces.last().is_some_and(|p| LEADING_CONJUNCTION.is_match(p));
    let mut pieces: Vec<String> =
        pieces.into_iter().map(|p| LEADING_CONJUNCTION.replace(&p, "").trim().to_string()).collect();
    match count.and_then(|n| usize::try_from(n).ok()) {
        Some(wanted) => {
            while pieces.len() < wanted {
                if !split_best_and(&mut pieces, None) {
                    break;
                }
            }
        }
        None if pieces.len() >= 2 && !oxford => {
            let last = pieces.len() - 1;
            split_best_and(&mut pieces, Some(last));
        }
        None if pieces.len() == 1 && plural => while split_best_and(&mut pieces, None) {},
        None => {}
    }
    pieces
}

fn positions(text: &str, mask: &[bool], wanted: char) -> Vec<usize> {
    text.char_indices()
        .filter(|&(i, c)| c == wanted && mask.get(i).copied().unwrap_or(false))
        .map(|(i, _)| i)
        .collect()
}

/// Splits one piece in two at a top-level `and`, choosing the piece and the
/// `and` that leave both halves as long as possible (so `training and
/// mentorship and setting limits` splits after `mentorship`).
/// `only` restricts the choice to one piece. Returns whether it split.
fn split_best_and(pieces: &mut Vec<String>, only: Option<usize>) -> bool {
    let mut best: Option<(usize, usize, usize, usize)> = None; // (shorter half words, piece, start, end)
    for (index, piece) in pieces.iter().enumerate() {
        if only.is_some_and(|o| o != index) {
            continue;
        }
        let mask = top_level_mask(piece);
        for m in AND_SEPARATOR.find_iter(piece) {
            if !mask.get(m.start()).copied().unwrap_or(false) {
                continue;
            }
            let left = piece[..m.start()].split_whitespace().count();
            let right = piece[m.end()..].split_whitespace().count();
            let shorter = left.min(right);
            if shorter == 0 {
                continue;
            }
            // `>=` prefers the later `and` on ties: lists end with `B and C`.
            if best.is_none_or(|(s, ..)| shorter >= s) {
                best = Some((shorter, index, m.start(), m.end()));
            }
        }
    }
    let Some((_, index, start, end)) = best else { return false };
    let piece = pieces.remove(index);
    pieces.insert(index, piece[end..].trim().to_string());
    pieces.insert(index, piece[..start].trim().to_string());
    true
}

/// Cleans one piece into a label, reading bracketed subthemes.
fn list_item(piece: &str) -> Option<ListItem> {
    let piece = piece.trim().trim_end_matches([';', ',', '.']).trim_end();
    let piece = piece.strip_suffix(" and").or_else(|| piece.strip_suffix(" or")).unwrap_or(piece);
    if let Some(caps) = SUBTHEME_CLAUSE.captures(piece)
        && let (Some(head), Some(list)) = (caps.get(1), caps.get(2))
        && !head.as_str().trim().is_empty()
    {
        // `A, containing the subthemes x and y`: the label, and its subthemes.
        let mut item = list_item(head.as_str())?;
        let quoted = quoted_labels(list.as_str());
        item.subthemes = if quoted.len() >= 2 {
            quoted
        } else {
            split_items(list.as_str(), None, true).unwrap_or_default().into_iter().map(|i| i.label).collect()
        };
        return Some(item);
    }
    let mut label = LEADING_CONJUNCTION.replace(piece.trim(), "").trim().to_string();
    while let Some(stripped) = label.strip_suffix(" and").or_else(|| label.strip_suffix(" or")) {
        label = stripped.trim_end().to_string();
    }
    label = label.trim_end_matches([',', ';', '.', ':']).trim().to_string();
    let mut subthemes = Vec::new();
    if label.ends_with(')')
        && let Some(open) = evtab_text::matching_open(&label)
        && open > 0
    {
        let inner = label[open + 1..label.len() - 1].to_string();
        if let Some(m) = SUBTHEME_WORD.find(&inner) {
            let list = &inner[m.end()..];
            subthemes = split_items(list, None, true)
                .unwrap_or_default()
                .into_iter()
                .map(|item| item.label)
                .collect();
            label = label[..open].trim().to_string();
        } else if inner.split_whitespace().count() <= 1
            || NOT_A_BRACKET_LIST.is_match(&inner)
            || inner.chars().any(|c| c.is_ascii_digit())
        {
            // An abbreviation, a citation or a count is not part of the label.
            label = label[..open].trim().to_string();
        }
    }
    let label = clean_label(&label);
    label.chars().any(char::is_alphanumeric).then_some(ListItem { label, subthemes })
}

/// Trims whitespace and sentence punctuation, and collapses inner whitespace
/// (labels wrapped over lines keep one space).
pub(crate) fn clean_label(text: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    joined.trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':') || c.is_whitespace()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(sentence: &str) -> Vec<String> {
        parse_list_sentence(sentence)
            .map(|l| l.items.into_iter().map(|i| i.label).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_numbered_list_anywhere_after_the_noun() {
        let s = "Three themes emerged describing the work of lay mentors; 1) Carrying hope, 2) Learning \
                 the ropes and 3) Holding boundaries.";
        let list = parse_list_sentence(s).unwrap_or_else(|| panic!("no list"));
        assert_eq!(list.count, Some(3));
        assert_eq!(labels(s), ["Carrying hope", "Learning the ropes", "Holding boundaries"]);
    }

    #[test]
    fn numbered_themes_with_their_subthemes() {
        let s = "Two themes emerged: (1) making sense of care, containing the subthemes waiting, and \
                 being heard; and (2) finding a voice, containing the subthemes speaking up and trust.";
        let list = parse_list_sentence(s).unwrap_or_else(|| panic!("no list"));
        let items: Vec<(&str, Vec<&str>)> = list
            .items
            .iter()
            .map(|i| (i.label.as_str(), i.subthemes.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            items,
            [
                ("making sense of care", vec!["waiting", "being heard"]),
                ("finding a voice", vec!["speaking up", "trust"])
            ]
        );
        // A numbered list that opens before a nested colon is the list.
        let s = "The main themes were (1) ‘Being there’, containing two themes: ‘showing up’ and \
                 ‘staying’; (2) ‘Being alike’, containing two themes: ‘shared pasts’ and ‘shared hopes’.";
        assert_eq!(labels(s), ["‘Being there’", "‘Being alike’"]);
    }

    #[test]
    fn quoted_labels_after_the_noun_whatever_the_verb() {
        let s =
            "Staff spoke warmly of the role, including the themes “a bridge”, “a second voice” and “hope”.";
        assert_eq!(labels(s), ["“a bridge”", "“a second voice”", "“hope”"]);
        let s = "Yet themes concerned around ‘role drift’ and ‘workload’ also arose.";
        assert_eq!(labels(s), ["‘role drift’", "‘workload’"]);
        // Quotes in brackets and a possessive are not labels.
        assert_eq!(
            quoted_labels(" were ‘belonging’ (‘a place’) and ‘mothers’ time’ and ‘rest’."),
            ["‘belonging’", "‘mothers’ time’", "‘rest’"]
        );
        // Quotes after the word `subthemes` belong to the subthemes.
        assert_eq!(quoted_labels(" ‘a’ and ‘b’, with subthemes ‘c’ and ‘d’"), ["‘a’", "‘b’"]);
        // One quoted phrase is no list.
        assert!(
            parse_list_sentence("One theme, ‘trust’, ran through the data.")
                .is_none_or(|l| l.items.len() == 1)
        );
    }

    #[test]
    fn a_count_announced_before_the_quoted_labels() {
        assert_eq!(announced_count("Four themes captured how mentors saw their role."), Some(4));
        assert_eq!(announced_count("Themes captured how mentors saw their role."), None);
        assert_eq!(announced_count("Three subthemes were found."), None);
    }

    #[test]
    fn count_and_colon_list_with_domain() {
        let s = "We found four themes that related to functions of this bridge: overcoming system barriers, \
                 advocacy, navigating transitions within the healthcare system, and restoring trust between \
                 HCPs and PWUD.";
        let list = parse_list_sentence(s).unwrap_or_else(|| panic!("no list"));
        assert_eq!(list.count, Some(4));
        assert_eq!(list.parent.as_deref(), Some("functions of this bridge"));
        assert_eq!(
            list.items.iter().map(|i| i.label.as_str()).collect::<Vec<_>>(),
            [
                "overcoming system barriers",
                "advocacy",
                "navigating transitions within the healthcare system",
                "restoring trust between HCPs and PWUD"
            ]
        );
        assert!(!list.count_disagrees());
    }

    #[test]
    fn bracketed_list_keeps_and_inside_a_label() {
        let s = "We found two themes for building a strong bridge and making the role of a peer support \
                 worker function effectively (training and mentorship, and establishing boundaries).";
        let list = parse_list_sentence(s).unwrap_or_else(|| panic!("no list"));
        assert_eq!(
            list.parent.as_deref(),
            Some(
                "building a strong bridge and making the role of a peer support worker function effectively"
            )
        );
        assert_eq!(labels(s), ["training and mentorship", "establishing boundaries"]);
    }

    #[test]
    fn count_decides_which_and_splits_when_no_comma() {
        let s = "We found two themes for building a strong bridge (training and mentorship and establishing \
                 boundaries).";
        assert_eq!(labels(s), ["training and mentorship", "establishing boundaries"]);
        let s = "Two themes emerged: peer support and advocacy.";
        assert_eq!(labels(s), ["peer support", "advocacy"]);
        let s = "Two themes emerged: feeling safe, and trust and rapport.";
        assert_eq!(labels(s), ["feeling safe", "trust and rapport"]);
    }

    #[test]
    fn list_without_oxford_comma_splits_the_last_and() {
        assert_eq!(labels("Themes included stigma, hope and recovery."), ["stigma", "hope", "recovery"]);
        // With a count, a comma list that already has the count keeps its `and`.
        assert_eq!(
            labels("Two themes were identified: belonging, trust and rapport."),
            ["belonging", "trust and rapport"]
        );
    }

    #[test]
    fn quoted_labels_kept_as_printed() {
        let s = "Three themes were generated from the data that explore the peer support worker's transition \
                 to APSW in the programme: Transition to Integration, Retaining ‘Peerness’, and Practising \
                 Critical Resilience.";
        let list = parse_list_sentence(s).unwrap_or_else(|| panic!("no list"));
        assert_eq!(list.count, Some(3));
        assert_eq!(list.parent, None);
        assert_eq!(
            labels(s),
            ["Transition to Integration", "Retaining ‘Peerness’", "Practising Critical Resilience"]
        );
        // A comma inside quotes does not split.
        assert_eq!(
            labels("Two themes emerged: ‘not just a job, a purpose’ and ‘being seen’."),
            ["‘not just a job, a purpose’", "‘being seen’"]
        );
        assert_eq!(
            labels("Themes were: \"us, them\", \"the team\", and \"pay\"."),
            ["\"us, them\"", "\"the team\"", "\"pay\""]
        );
    }

    #[test]
    fn quoted_labels_in_an_item_are_its_labels() {
        assert_eq!(
            labels("Four themes emerged: “Being heard,” “pay”, “offers” and “self-perception”."),
            ["“Being heard,”", "“pay”", "“offers”", "“self-perception”"]
        );
        assert_eq!(
            labels(
                "Three themes were identified: (1) ‘Walking together’, (2) ‘Trusted to lead’, as well as several sub-themes, and (3) ‘Open support’."
            ),
            ["‘Walking together’", "‘Trusted to lead’", "‘Open support’"]
        );
    }

    #[test]
    fn numbered_list_keeps_order() {
        let s = "Five primary themes emerged during our analysis of the facilitators and challenges of the \
                 transition from client to support worker: (1) the role of prior experience, (2) changes in \
                 substance use practices, (3) shifts in relationships with community members and friends, (4) \
                 supportive organizational and structural factors, and (5) role transition as a journey.";
        let list = parse_list_sentence(s).unwrap_or_else(|| panic!("no list"));
        assert_eq!(list.count, Some(5));
        assert_eq!(list.parent, None);
        assert_eq!(
            labels(s),
            [
                "the role of prior experience",
                "changes in substance use practices",
                "shifts in relationships with community members and friends",
                "supportive organizational and structural factors",
                "role transition as a journey"
            ]
        );
        assert_eq!(
            labels("Three themes: 1. being heard; 2. being paid; 3. being trained."),
            ["being heard", "being paid", "being trained"]
        );
        assert_eq!(
            labels("Three themes: (i) safety, (ii) hope, and (iii) trust."),
            ["safety", "hope", "trust"]
        );
    }

    #[test]
    fn commas_inside_brackets_do_not_split() {
        let s = "Three themes were identified: barriers (stigma, cost), facilitators, and outcomes.";
        assert_eq!(labels(s), ["barriers (stigma, cost)", "facilitators", "outcomes"]);
        let s = "Three themes emerged: peer support workers (PSWs), housing (n = 4), and trust.";
        assert_eq!(labels(s), ["peer support workers", "housing", "trust"]);
    }

    #[test]
    fn bracketed_subthemes_become_children() {
        let s = "Two themes emerged: belonging (subthemes: acceptance and identity), and purpose.";
        let list = parse_list_sentence(s).unwrap_or_else(|| panic!("no list"));
        assert_eq!(list.items[0].label, "belonging");
        assert_eq!(list.items[0].subthemes, ["acceptance", "identity"]);
        assert!(list.items[1].subthemes.is_empty());
    }

    #[test]
    fn count_mismatch_is_reported() {
        let list = parse_list_sentence("Four themes emerged: trust, advocacy, and navigation.")
            .unwrap_or_else(|| panic!("no list"));
        assert_eq!(list.items.len(), 3);
        assert!(list.count_disagrees());
    }

    #[test]
    fn sentences_that_only_mention_themes_are_not_lists() {
        for s in [
            "In some cases, themes overlapped and contained elements that were both facilitating and challenging.",
            "Data was coded and analyzed using an inductive approach to identify emergent themes.",
            "We searched for themes by grouping codes together and then reviewed potential themes (e.g., \
             finalizing the thematic map).",
            "The first and second authors met to discuss initial theme development after the first five interviews.",
            "Themes were identified and refined in meetings.",
            "Participants fell into three categories: patients, nurses and peers.",
            "We used the Theoretical Domains Framework (TDF).",
            "Three themes were identified: one long piece of prose that goes on and on without any separator at \
             all because it is really a sentence and not a list of labels.",
            "",
            "themes:",
        ] {
            assert_eq!(parse_list_sentence(s), None, "{s}");
        }
    }

    #[test]
    fn domain_before_the_noun_and_direct_lists() {
        let list =
            parse_list_sentence("Regarding the peer role, three themes emerged: trust, safety and hope.")
                .unwrap_or_else(|| panic!("no list"));
        assert_eq!(list.parent.as_deref(), Some("the peer role"));
        assert_eq!(labels("The themes were isolation, stigma and hope."), ["isolation", "stigma", "hope"]);
        assert_eq!(
            labels("Key themes included trust, mutual respect, and role clarity."),
            ["trust", "mutual respect", "role clarity"]
        );
    }

    #[test]
    fn subtheme_lists_take_the_named_theme_as_parent() {
        let list = parse_list_sentence(
            "The theme ‘Being there’ comprised three subthemes: presence, time and hope.",
        )
        .unwrap_or_else(|| panic!("no list"));
        assert_eq!(list.count, Some(3));
        assert_eq!(list.parent.as_deref(), Some("‘Being there’"));
        let list =
            parse_list_sentence("Within Belonging, two subthemes were identified: acceptance and identity.")
                .unwrap_or_else(|| panic!("no list"));
        assert_eq!(list.parent.as_deref(), Some("Belonging"));
        assert_eq!(
            labels("Within Belonging, two subthemes were identified: acceptance and identity."),
            ["acceptance", "identity"]
        );
    }

    #[test]
    fn lists_before_the_noun_and_themes_of() {
        assert_eq!(
            labels("Isolation, stigma and hope emerged as key themes."),
            ["Isolation", "stigma", "hope"]
        );
        assert_eq!(
            labels("Participants' accounts revealed themes of loss, hope and belonging."),
            ["loss", "hope", "belonging"]
        );
        assert_eq!(parse_list_sentence("Four themes of peer work emerged."), None);
        assert_eq!(parse_list_sentence("These were the main themes."), None);
        assert_eq!(parse_list_sentence("Data were coded into themes."), None);
    }

    #[test]
    fn lists_announced_later_and_ordinal_themes() {
        assert_eq!(
            labels("Three themes emerged from the data; these were isolation, belonging and growth."),
            ["isolation", "belonging", "growth"]
        );
        assert_eq!(
            labels(
                "Analysis yielded three overarching themes: 'being a peer', 'working within the system' and 'the cost of caring'."
            ),
            ["'being a peer'", "'working within the system'", "'the cost of caring'"]
        );
        assert_eq!(
            labels(
                "Two main themes emerged: 1) the value of lived experience and 2) challenges in the role."
            ),
            ["the value of lived experience", "challenges in the role"]
        );
        assert_eq!(
            ordinal_theme("The first theme, ‘Being there’, describes presence.").as_deref(),
            Some("‘Being there’")
        );
        assert_eq!(
            ordinal_theme("The second theme, role ambiguity, was common.").as_deref(),
            Some("role ambiguity")
        );
        assert_eq!(
            ordinal_theme("The final theme was the importance of supervision.").as_deref(),
            Some("the importance of supervision")
        );
        assert_eq!(ordinal_theme("The first interview lasted an hour."), None);
        assert_eq!(ordinal_theme("The first theme, ‘unclosed"), None);
    }

    #[test]
    fn appositive_quoted_lists_and_participles_before_included() {
        assert_eq!(
            labels(
                "Three themes, 'connection', 'safety' and 'hope', described how patients experienced peer support."
            ),
            ["'connection'", "'safety'", "'hope'"]
        );
        assert_eq!(
            labels(
                "Themes identified included the peer role (e.g., advocacy, support), challenges (e.g., stigma, \
                 pay), and facilitators."
            ),
            ["the peer role", "challenges", "facilitators"]
        );
        let list = parse_list_sentence("One overarching theme, ‘A’, and three subthemes: x, y, and z.")
            .unwrap_or_else(|| panic!("no list"));
        assert!(list.sub);
        assert_eq!(
            core_concept("One overarching theme, ‘Bridging two worlds’, and three subthemes: a, b.")
                .as_deref(),
            Some("‘Bridging two worlds’")
        );
    }

    #[test]
    fn core_concepts() {
        assert_eq!(
            core_concept("At the core of the data was the notion of peer workers acting as a bridge.")
                .as_deref(),
            Some("peer workers acting as a bridge")
        );
        assert_eq!(
            core_concept(
                "As demonstrated by the thematic map (Fig. 1), at the core of the data was the notion of the \
                 peer worker acting as a bridge."
            )
            .as_deref(),
            Some("the peer worker acting as a bridge")
        );
        assert_eq!(
            core_concept(
                "Central to the data was the concept of peer support workers as a “bridge” and served as an \
                 anchor in our analysis."
            )
            .as_deref(),
            Some("peer support workers as a “bridge”")
        );
        assert_eq!(core_concept("The core category was ‘being there’.").as_deref(), Some("‘being there’"));
        assert_eq!(core_concept("Peers were at the core of the team."), None);
        assert_eq!(core_concept(""), None);
    }

    #[test]
    fn non_ascii_and_odd_input_does_not_panic() {
        for s in [
            "Thèmes: é, ü",
            "Three themes: (",
            "Two themes (",
            "themes ((a, b)",
            "3 themes: ‘a, ’b’, c",
            "“themes: a, b",
        ] {
            let _ = parse_list_sentence(s);
            let _ = core_concept(s);
        }
    }
}
