//! English words the sentence reader relies on: not a vocabulary of the
//! domain (that is the data file) but grammar, the same for every study.

/// Words that end a noun phrase: after one of these, the word before is a head noun.
#[rustfmt::skip]
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "who", "whom", "whose", "that", "which", "with", "without", "of", "from", "in", "at", "on", "for",
    "to", "by", "and", "or", "but", "nor", "as", "than", "were", "was", "are", "is", "be", "been",
    "being", "had", "have", "has", "did", "do", "does", "can", "could", "would", "should", "may",
    "might", "will", "shall", "must", "also", "all", "both", "each", "including", "included", "include",
    "includes", "such", "via", "through", "across", "among", "amongst", "between", "within", "during",
    "after", "before", "about", "into", "while", "whereas", "where", "when", "took", "take", "takes",
    "gave", "said", "felt", "saw", "spoke", "thought", "made", "got", "came", "participate", "not",
    "only", "either", "neither", "per", "vs", "versus", "the", "a", "an", "this", "these", "those",
    "their", "our", "his", "her", "its", "them", "they", "we", "it", "he", "she", "i", "you", "other",
    "others", "respectively", "themselves", "too", "then", "so", "if", "because", "since", "although",
    "though", "whether", "like", "using", "upon", "under", "over", "again", "there", "here", "how",
    "what", "why", "across", "towards", "toward", "against", "around", "along", "alongside", "together",
    "plus", "namely", "i.e", "ie", "eg", "whilst", "often", "always", "never", "aged"
];

/// Words that stop a noun phrase from growing to the left (verbs that take
/// the group as object, determiners, pronouns).
#[rustfmt::skip]
pub(crate) const LEFT_STOPS: &[&str] = &[
    "recruited", "interviewed", "included", "involved", "surveyed", "sampled", "selected", "invited",
    "enrolled", "engaged", "consulted", "conducted", "comprised", "comprising", "consisted", "were",
    "was", "are", "is", "we", "they", "our", "their", "a", "an", "the", "these", "those", "this", "all",
    "both", "each", "some", "several", "many", "most", "few", "more", "no", "total", "remaining",
    "other", "any", "whom", "including", "include", "includes", "involving", "interviewing",
    "surveying", "recruiting", "sample", "group", "groups", "number", "numbers", "majority", "n",
    "study", "project", "data"
];

/// Words before a count that make it refer back to people already counted.
#[rustfmt::skip]
pub(crate) const ANAPHORIC: &[&str] = &[
    "the", "these", "those", "all", "both", "remaining", "each", "first", "last", "final", "other",
    "same", "such"
];

/// Relative pronouns that start a clause describing a group.
#[rustfmt::skip]
pub(crate) const RELATIVE: &[&str] = &[
    "who", "whom", "whose", "that"
];

/// Words that start a phrase describing a group (`from three clinics`).
#[rustfmt::skip]
pub(crate) const POST_MODIFIERS: &[&str] = &[
    "of", "from", "with", "in", "at", "on", "without", "working", "living", "experiencing", "receiving",
    "accessing", "attending", "using", "employed", "based", "affected", "involved", "recruited", "aged"
];

/// Words for people in general that a `who`/`with` phrase turns into a group.
#[rustfmt::skip]
pub(crate) const PEOPLE_NOUNS: &[&str] = &[
    "people", "person", "persons", "individual", "individuals"
];

/// Tokens that may stand between two groups of one list.
#[rustfmt::skip]
pub(crate) const LIST_FILLERS: &[&str] = &[
    "and", "or", "as", "well", "plus", "with", "of", "among", "amongst", "from", "by", "including",
    "included", "include", "such", "were", "was", "also", "both", "a", "an", "the", "supplemented",
    "complemented", "followed", "conducted", "held", "undertaken", "carried", "out", "performed",
    "completed", "participated", "took", "part", "in", "interviewed", "surveyed", "recruited",
    "additional", "additionally", "further", "then", "along", "together", "alongside", "separate",
    "separately", "individual", "semi", "structured", "depth", "face", "to", "one", "on", "telephone",
    "online", "qualitative", "via", "through", "involving", "we", "us", "our", "their", "its", "key",
    "stakeholders", "other", "others"
];

/// Tokens that may stand between a group and a method that follows it
/// (`12 peers were interviewed`, `clients completed a survey`).
#[rustfmt::skip]
pub(crate) const SUFFIX_FILLERS: &[&str] = &[
    "were", "was", "are", "is", "also", "all", "each", "then", "completed", "participated", "took",
    "part", "in", "a", "an", "the", "both", "individually", "individual", "semi", "structured", "depth",
    "by", "via", "separately", "one", "on", "face", "to", "telephone", "online", "qualitative", "who",
    "had", "been", "subsequently", "later", "further"
];

/// Words between a method and the `with` that introduces who took part.
#[rustfmt::skip]
pub(crate) const PASSIVE_LINK: &[&str] = &[
    "were", "was", "also", "then", "conducted", "held", "carried", "out", "undertaken", "performed",
    "completed", "done", "run", "organised", "organized", "separately", "individually"
];

/// Verbs whose `by` introduces who did the research, not who took part.
#[rustfmt::skip]
pub(crate) const AGENT_VERBS: &[&str] = &[
    "conducted", "carried", "out", "performed", "led", "facilitated", "undertaken", "completed", "done",
    "moderated", "run", "analysed", "analyzed", "coded", "transcribed", "collected", "held"
];

/// Words before a number that make it a non-count (`$20`, `ID # 5877`, `aged 45`).
#[rustfmt::skip]
pub(crate) const NON_COUNT_BEFORE: &[&str] = &[
    "no", "id", "number", "aged", "age", "ages", "page", "pages", "p", "pp", "vol", "volume", "issue",
    "grant"
];

/// Openings of a sentence that goes on about the participants just counted.
#[rustfmt::skip]
pub(crate) const CONTINUATIONS: &[&[&str]] = &[
    &["of", "these"], &["of", "them"], &["of", "those"], &["of", "whom"], &["among", "these"],
    &["among", "them"], &["these", "included"], &["they", "included"], &["this", "included"],
    &["participants", "were"]
];

/// Words before `the` that make `the 13 peer workers` a first mention of
/// who took part (`interviews with the 13 peer workers`), not a reference back.
#[rustfmt::skip]
pub(crate) const INTRODUCING: &[&str] = &[
    "with", "among", "amongst", "including", "involving"
];
