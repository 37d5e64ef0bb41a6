//! Reading one sentence: which groups of people it says took part, with
//! their sizes, and the total.
//!
//! A group is a noun phrase whose head noun ends a vocabulary term
//! (`6 hospitalized people who use drugs`, `a peer support worker`,
//! `members of the healthcare team (...)`). Its size is a number right
//! before it (digits, number words, `a`/`an` before a singular), an
//! `(n = 6)` right after it, or the count of interviews held with it
//! alone. Groups only count when they form a list (`6 X, 5 Y and 1 Z`,
//! `interviews with X, a survey of Y`); a person merely mentioned later in
//! the sentence is not a group. A group with no stated size counts only
//! where a method is tied to it or a participation cue is said of it
//! (`Patients and relatives were recruited`); a cue whose subject is a topic
//! (`Key themes included ...`) says nothing about people. Numbers that do
//! not sit in these places (years, money, durations, citations, percentages)
//! are never read.

use evtab_text::parse_number;

use crate::grammar::{
    AGENT_VERBS, ANAPHORIC, CONTINUATIONS, FUNCTION_WORDS, INTRODUCING, LEFT_STOPS, LIST_FILLERS,
    NON_COUNT_BEFORE, PASSIVE_LINK, PEOPLE_NOUNS, POST_MODIFIERS, RELATIVE, SUFFIX_FILLERS,
};
use crate::tokens::{Kind, Token, tokenize};
use crate::vocab::{Category, ParticipantVocab, TermInfo, TermKind};

/// How a group's size was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CountKind {
    /// A number before the group (`6 nurses`, `Twelve participants`).
    Explicit,
    /// `a`/`an` before a singular group.
    Article,
    /// `(n = 6)` after the group.
    NEquals,
    /// `(6)` after the group, kept only in a list where other sizes are stated.
    BareParen,
    /// The number of interviews (or questionnaires) held with the group alone.
    MethodCount,
}

/// A participant group as one sentence states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GroupReading {
    pub label: String,
    /// `None` when no vocabulary term matched (the group is `other`, flagged).
    pub category: Option<Category>,
    pub n: Option<u32>,
    pub count: Option<CountKind>,
    pub method: Option<String>,
    /// Whether the method is tied to the group by the wording (`interviews
    /// with X`, `X were interviewed`), not only present in the sentence.
    pub method_linked: bool,
}

impl GroupReading {
    /// Whether the size is a stated number (not `a`/`an`, not a bare bracket).
    pub(crate) fn has_stated_size(&self) -> bool {
        matches!(self.count, Some(CountKind::Explicit | CountKind::NEquals | CountKind::MethodCount))
    }

    /// The provenance rule for this group.
    pub(crate) fn rule(&self) -> &'static str {
        match self.count {
            Some(CountKind::Explicit) => "participants:group_count",
            Some(CountKind::Article) => "participants:group_singular",
            Some(CountKind::NEquals | CountKind::BareParen) => "participants:group_n_equals",
            Some(CountKind::MethodCount) => "participants:interview_count",
            None => "participants:group_named",
        }
    }
}

/// A total number of participants as one sentence states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TotalReading {
    pub n: u32,
    pub rule: &'static str,
    /// Stated about participants already introduced (`All 14 participants`).
    pub anaphoric: bool,
}

/// What one sentence says about who took part.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct SentenceReading {
    pub total: Option<TotalReading>,
    pub groups: Vec<GroupReading>,
    /// The sentence has a participation cue word (`recruited`, `took part`).
    pub has_cue_word: bool,
}

/// Reads one sentence (with abbreviations already expanded). Returns `None`
/// when the sentence says nothing about who took part.
///
/// `follows_total`: the sentence before it (same passage) stated the total,
/// so `Of these, 12 were peer workers ...` continues the participant report.
pub(crate) fn read_sentence(
    text: &str,
    vocab: &ParticipantVocab,
    follows_total: bool,
) -> Option<SentenceReading> {
    let toks = tokenize(text);
    let matches = term_matches(&toks, vocab);
    let reader = Reader { text, toks, matches, vocab };
    reader.read(follows_total)
}

#[derive(Debug, Clone, Copy)]
struct Match {
    start: usize,
    end: usize,
    info: TermInfo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MentionKind {
    Category(Category),
    /// Participants in general (a total, never a group).
    Generic,
    /// `people who ...` that no term names: a group of category `other`.
    Qualified,
    /// A counted noun phrase in a list that no term names: category `other`.
    Unknown,
}

#[derive(Debug, Clone)]
struct Mention {
    kind: MentionKind,
    /// First token (count, article or first modifier).
    start: usize,
    label_start: usize,
    head_end: usize,
    label_end: usize,
    /// Last token, including brackets and clauses that describe it.
    end: usize,
    count: Option<(u32, CountKind)>,
    plural: bool,
    anaphoric: bool,
    total_marker: bool,
    depth: u32,
    suppressed: bool,
}

#[derive(Debug, Clone)]
struct MethodMention {
    method: usize,
    /// First token: its count, else its first modifier.
    start: usize,
    head_start: usize,
    /// Last token, including an `(n = ...)` bracket.
    end: usize,
    count: Option<(u32, CountKind)>,
    total_marker: bool,
    anaphoric: bool,
    /// Followed by `with`/`of`/`among`/`:` and the groups it was held with.
    linking: bool,
}

struct Reader<'a> {
    text: &'a str,
    toks: Vec<Token>,
    /// Longest vocabulary term starting at each token.
    matches: Vec<Option<Match>>,
    vocab: &'a ParticipantVocab,
}

fn term_matches(toks: &[Token], vocab: &ParticipantVocab) -> Vec<Option<Match>> {
    let mut out = vec![None; toks.len()];
    for (i, slot) in out.iter_mut().enumerate() {
        if !toks[i].is_word() || toks[i].joined {
            continue;
        }
        let mut key = String::new();
        for j in i..toks.len().min(i + 10) {
            if !toks[j].is_word() || toks[j].depth != toks[i].depth || (j > i && toks[j - 1].possessive) {
                break;
            }
            key.push_str(&toks[j].key);
            if let Some(info) = vocab.term(&key) {
                // A term must end where a hyphenated compound ends.
                let compound_ends = toks.get(j + 1).is_none_or(|t| !t.joined);
                if compound_ends {
                    *slot = Some(Match { start: i, end: j, info });
                }
            }
        }
    }
    out
}

impl Reader<'_> {
    fn read(&self, follows_total: bool) -> Option<SentenceReading> {
        let opening: Vec<&str> =
            self.toks.iter().filter(|t| t.is_word()).take(2).map(|t| t.key.as_str()).collect();
        let continues = follows_total && CONTINUATIONS.contains(&opening.as_slice());
        let cues = self.cue_spans();
        let has_cue_word = continues || !cues.is_empty();
        let has_method = self.matches.iter().flatten().any(|m| matches!(m.info.kind, TermKind::Method(_)));
        let has_generic = self.matches.iter().flatten().any(|m| m.info.kind == TermKind::Generic);
        let has_study_word = self.has_study_cue();
        let has_n_equals = self.has_n_equals();
        if !has_cue_word && !has_method && !has_generic && !has_study_word && !has_n_equals {
            return None;
        }
        let methods = self.method_mentions();
        let mut mentions = self.person_mentions();
        self.add_unknown_mentions(&mut mentions, &methods);
        mentions.sort_by_key(|m| m.start);
        suppress_nested(&mut mentions);

        let chains = self.chains(&mentions, &methods);
        let anchored: Vec<bool> = chains.iter().map(|c| self.anchored(c, &mentions, &methods)).collect();
        let takes_part: Vec<bool> = chains
            .iter()
            .zip(&anchored)
            .map(|(c, &a)| {
                a || c.iter().any(|&i| self.suffix_method(&mentions[i], &methods, &mentions).is_some())
            })
            .collect();
        let selected = select_chains(&chains, &mentions, &anchored, &takes_part);
        let mut groups: Vec<(usize, GroupReading)> = Vec::new();
        let mut tied: Vec<usize> = Vec::new();
        for chain in &selected {
            if self.tied_to_cue(chain, &mentions, &cues, &methods) {
                tied.extend(chain);
            }
            let counted = chain
                .iter()
                .filter(|&&i| mentions[i].count.is_some_and(|(_, k)| k != CountKind::Article))
                .count();
            for &i in chain {
                let m = &mentions[i];
                let mut count = m.count;
                if matches!(count, Some((_, CountKind::BareParen))) && counted < 2 {
                    count = None;
                }
                if matches!(count, Some((_, CountKind::Article))) && m.plural {
                    count = None;
                }
                let (method, method_linked) = self.method_for(m, &methods, &mentions);
                groups.push((
                    i,
                    GroupReading {
                        label: self.label(m),
                        category: match m.kind {
                            MentionKind::Category(c) => Some(c),
                            _ => None,
                        },
                        n: count.map(|(n, _)| n),
                        count: count.map(|(_, k)| k),
                        method,
                        method_linked,
                    },
                ));
            }
        }
        let mut totals: Vec<(bool, u8, usize, TotalReading)> = Vec::new();
        let has_real_cue = has_cue_word || has_method;
        for m in &mentions {
            if m.suppressed {
                continue;
            }
            if let Some((n, kind)) = m.count
                && n >= 2
            {
                if m.kind == MentionKind::Generic && has_real_cue {
                    let rule = if kind == CountKind::NEquals {
                        "participants:n_equals"
                    } else {
                        "participants:total_sentence"
                    };
                    totals.push((m.anaphoric, 0, m.start, TotalReading { n, rule, anaphoric: m.anaphoric }));
                } else if m.total_marker {
                    totals.push((
                        m.anaphoric,
                        1,
                        m.start,
                        TotalReading { n, rule: "participants:total_of", anaphoric: m.anaphoric },
                    ));
                }
            }
        }
        self.apply_method_counts(&methods, &mentions, &mut groups, &mut totals);
        // A group counts only where the sentence says it took part: a method
        // tied to it, a stated size beside a cue word or `participants`, or a
        // cue word it is the subject or object of.
        // A size in brackets (`peer mentors (n = 17)`) is a report of who
        // took part wherever it stands; a size before the group needs the
        // sentence to speak of the study (a cue, `participants`, a study
        // word): `Two researchers coded the interviews` names no group.
        groups.retain(|(i, g)| {
            g.method_linked
                || g.count == Some(CountKind::NEquals)
                || (g.has_stated_size() && (has_cue_word || has_generic || has_study_word))
                || (has_cue_word && (continues || tied.contains(i)))
        });
        totals.sort_by_key(|&(anaphoric, priority, position, _)| (anaphoric, priority, position));
        let total = totals.first().map(|t| t.3);
        if total.is_none() && groups.is_empty() {
            return None;
        }
        Some(SentenceReading { total, groups: groups.into_iter().map(|(_, g)| g).collect(), has_cue_word })
    }

    /// The cue words (first and last token) that say someone took part: a
    /// cue whose subject is a topic (`Key themes included ...`) says nothing
    /// about people.
    fn cue_spans(&self) -> Vec<(usize, usize)> {
        (0..self.toks.len())
            .filter_map(|i| self.phrase_end(i, 4, |key| self.vocab.is_cue(key)).map(|j| (i, j)))
            .filter(|&(i, _)| !self.topic_subject(i))
            .collect()
    }

    /// The last token of the shortest phrase of at most `max` words starting
    /// at token `i` whose key (words joined without spaces) `known` accepts.
    fn phrase_end(&self, i: usize, max: usize, known: impl Fn(&str) -> bool) -> Option<usize> {
        let mut key = String::new();
        for (j, t) in self.toks.iter().enumerate().skip(i).take(max) {
            if !t.is_word() {
                return None;
            }
            key.push_str(&t.key);
            if known(&key) {
                return Some(j);
            }
        }
        None
    }

    /// Whether a study cue (`conducted with`, `explored`) is in the sentence.
    fn has_study_cue(&self) -> bool {
        (0..self.toks.len()).any(|i| self.phrase_end(i, 3, |key| self.vocab.is_study_cue(key)).is_some())
    }

    /// Whether an `n = ...` bracket is in the sentence.
    fn has_n_equals(&self) -> bool {
        self.toks
            .windows(2)
            .any(|w| w[0].is_word() && w[0].key == "n" && matches!(w[1].kind, Kind::Punct('=')))
    }

    /// Whether the subject of a verb at token `at` is a topic: the first head
    /// noun the vocabulary knows in its clause (or, where the clause has none,
    /// as in `Themes were identified, including ...`, in the clause before).
    fn topic_subject(&self, at: usize) -> bool {
        let mut end = at;
        while end > 0 {
            let start = (0..end)
                .rev()
                .find(|&j| {
                    let t = &self.toks[j];
                    t.depth == 0 && matches!(t.kind, Kind::Punct(',' | ';' | ':' | '.' | '–' | '—'))
                })
                .map_or(0, |j| j + 1);
            let subject = (start..end).find_map(|j| {
                self.matches[j].filter(|m| {
                    m.end < end
                        && self.toks[j].depth == 0
                        && self.is_head(m.end)
                        && !matches!(m.info.kind, TermKind::Method(_))
                })
            });
            if let Some(m) = subject {
                return m.info.kind == TermKind::Topic;
            }
            end = start.saturating_sub(1);
        }
        false
    }

    fn word_at(&self, i: usize) -> Option<&str> {
        self.toks.get(i).filter(|t| t.is_word()).map(|t| t.key.as_str())
    }

    fn kind_at(&self, i: usize) -> Option<TermKind> {
        self.matches.get(i).copied().flatten().map(|m| m.info.kind)
    }

    /// Whether the noun phrase ends at token `end` (so a term ending there is its head).
    fn is_head(&self, end: usize) -> bool {
        let Some(last) = self.toks.get(end) else { return false };
        if last.possessive {
            return false;
        }
        let Some(next) = self.toks.get(end + 1) else { return true };
        match next.kind {
            Kind::Punct('\'' | '’') => !self.toks.get(end + 2).is_some_and(|t| t.is_word() && !t.joined),
            Kind::Punct(_) | Kind::Number(_) | Kind::OtherNumber => true,
            Kind::Word => {
                if next.joined {
                    return false;
                }
                let w = next.key.as_str();
                FUNCTION_WORDS.contains(&w)
                    || LEFT_STOPS.contains(&w)
                    || (w.len() > 4 && (w.ends_with("ed") || w.ends_with("ing") || w.ends_with("ly")))
                    // A number word starts the next noun phrase (`interviewed fifteen service users`).
                    || self.number_word_starts(end + 1)
            }
        }
    }

    /// Whether the word at `i`, with any hyphenated parts (`twenty-one`), is a number word.
    fn number_word_starts(&self, i: usize) -> bool {
        let Some(first) = self.toks.get(i).filter(|t| t.is_word() && !t.joined) else { return false };
        let mut last = i;
        while self.toks.get(last + 1).is_some_and(|t| t.joined && t.is_word()) {
            last += 1;
        }
        let end = self.toks.get(last).map_or(first.end, |t| t.end);
        self.text.get(first.start..end).and_then(parse_number).is_some()
    }

    /// Where a noun phrase ending before `pos` starts once its modifiers are
    /// included (at most `max` words or hyphenated compounds).
    fn left_modifiers(&self, pos: usize, max: usize) -> usize {
        let depth = self.toks[pos].depth;
        let mut p = pos;
        for _ in 0..max {
            if p == 0 {
                break;
            }
            let mut q = p - 1;
            while q > 0 && self.toks[q].joined {
                q -= 1;
            }
            let compound = &self.toks[q..p];
            let single = compound.len() == 1;
            if parse_number(&self.text[compound[0].start..compound[compound.len() - 1].end]).is_some() {
                break;
            }
            let ok = compound
                .iter()
                .all(|t| t.depth == depth && (t.is_word() || (!single && matches!(t.kind, Kind::Number(_)))))
                && !(single && self.is_stop_modifier(&compound[0]));
            // `Fourteen-year` style compounds and spelled numbers are counts, not modifiers.
            if !ok || (single && compound[0].possessive) {
                break;
            }
            p = q;
        }
        p
    }

    fn is_stop_modifier(&self, t: &Token) -> bool {
        let w = t.key.as_str();
        FUNCTION_WORDS.contains(&w) || LEFT_STOPS.contains(&w) || parse_number(w).is_some()
    }

    /// A count right before token `pos`: the count, where it starts, and
    /// whether `a total of` introduces it.
    fn count_before(&self, pos: usize) -> Option<(u32, CountKind, usize)> {
        if pos == 0 || self.toks[pos].joined {
            return None;
        }
        // `twelve purposively selected peer workers`: the count stands before
        // the sampling words.
        let mut skipped = pos;
        while skipped > 0
            && pos - skipped < 3
            && self.toks[skipped - 1].depth == self.toks[pos].depth
            && self.word_at(skipped - 1).is_some_and(|w| self.vocab.is_sampling_word(w))
        {
            skipped -= 1;
        }
        if skipped < pos
            && let Some(count) = self.count_before_adjacent(skipped)
            && count.1 != CountKind::Article
        {
            return Some(count);
        }
        self.count_before_adjacent(pos)
    }

    /// The count right before token `pos`.
    fn count_before_adjacent(&self, pos: usize) -> Option<(u32, CountKind, usize)> {
        if pos == 0 || self.toks[pos].joined {
            return None;
        }
        let depth = self.toks[pos].depth;
        let prev = &self.toks[pos - 1];
        if prev.depth != depth {
            return None;
        }
        // `Of these, 12 were peer workers`.
        if prev.word_is(&["were", "was", "are"])
            && let Some(p2) = pos.checked_sub(2)
            && let Kind::Number(n) = self.toks[p2].kind
            && self.valid_number(p2, n)
        {
            return Some((n, CountKind::Explicit, p2));
        }
        // `(n = 54) participants`: the bracket stands before what it counts.
        if prev.is_punct(')')
            && let Some(open) =
                (0..pos - 1).rev().find(|&j| self.toks[j].is_punct('(') && self.toks[j].depth == depth)
            && let Some((n, CountKind::NEquals)) = self.bracket_count(open, pos - 1)
        {
            return Some((n, CountKind::NEquals, open));
        }
        match prev.kind {
            Kind::Number(n)
                if pos >= 3
                    && self.toks[pos - 2].is_punct('=')
                    && self.toks[pos - 3].word_is(&["n"])
                    && n > 0 =>
            {
                Some((n, CountKind::NEquals, pos - 3))
            }
            // `12 of 15 participants`: who took part, out of a pool.
            Kind::Number(n)
                if pos >= 3
                    && self.toks[pos - 2].word_is(&["of"])
                    && let Kind::Number(k) = self.toks[pos - 3].kind
                    && k <= n
                    && self.toks[pos - 3].depth == depth
                    && self.valid_number(pos - 3, k) =>
            {
                Some((k, CountKind::Explicit, pos - 3))
            }
            Kind::Number(n) => self.valid_number(pos - 1, n).then_some((n, CountKind::Explicit, pos - 1)),
            Kind::Word => {
                if prev.word_is(&["a", "an"]) && !prev.joined {
                    return Some((1, CountKind::Article, pos - 1));
                }
                for width in (1..=3).rev() {
                    let Some(s) = pos.checked_sub(width) else { continue };
                    let span = &self.toks[s..pos];
                    if span[0].joined || !span.iter().all(|t| t.is_word() && t.depth == depth) {
                        continue;
                    }
                    let words = &self.text[span[0].start..span[width - 1].end];
                    if let Some(n) = parse_number(words)
                        && n >= 1
                        && !self.word_at(s.wrapping_sub(1)).is_some_and(|w| NON_COUNT_BEFORE.contains(&w))
                    {
                        return Some((n, CountKind::Explicit, s));
                    }
                }
                None
            }
            _ => None,
        }
    }

    /// Whether a number in digits can count people where it stands.
    fn valid_number(&self, i: usize, n: u32) -> bool {
        let t = &self.toks[i];
        if n == 0 || t.in_square || t.joined {
            return false;
        }
        let digits = t.end - t.start;
        if digits == 4 && (1800..=2100).contains(&n) {
            return false;
        }
        if let Some(prev) = i.checked_sub(1).and_then(|p| self.toks.get(p)) {
            match prev.kind {
                Kind::Punct('$' | '£' | '€' | '#' | '№' | '<' | '>' | '≤' | '≥' | '~' | '=' | '+' | '/') =>
                {
                    return false;
                }
                Kind::Word if NON_COUNT_BEFORE.contains(&prev.key.as_str()) => return false,
                _ => {}
            }
        }
        if let Some(next) = self.toks.get(i + 1)
            && (next.is_punct('%') || next.word_is(&["percent", "per"]))
        {
            return false;
        }
        true
    }

    /// A count starting at token `i` (digits or number words), with its last token.
    fn number_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        match t.kind {
            Kind::Number(n) => self.valid_number(i, n).then_some((n, i)),
            Kind::Word if !t.joined && !t.word_is(&["a", "an"]) => {
                if i > 0 && self.word_at(i - 1).is_some_and(|w| NON_COUNT_BEFORE.contains(&w)) {
                    return None;
                }
                (0..3).rev().find_map(|extra| {
                    let last = i + extra;
                    let span = self.toks.get(i..=last)?;
                    let compound_ends = self.toks.get(last + 1).is_none_or(|t| !t.joined);
                    if !compound_ends || !span.iter().all(|t| t.is_word() && t.depth == span[0].depth) {
                        return None;
                    }
                    let n = parse_number(&self.text[span[0].start..span[extra].end])?;
                    (n >= 1).then_some((n, last))
                })
            }
            _ => None,
        }
    }

    /// Whether the words before a count make it refer back, or say `total of`.
    fn before_count(&self, count_start: usize) -> (bool, bool) {
        let w1 = count_start.checked_sub(1).and_then(|i| self.word_at(i));
        let w2 = count_start.checked_sub(2).and_then(|i| self.word_at(i));
        let introduced = w1 == Some("the") && w2.is_some_and(|w| INTRODUCING.contains(&w));
        let anaphoric = w1.is_some_and(|w| ANAPHORIC.contains(&w)) && !introduced;
        let total_marker = w1 == Some("of") && matches!(w2, Some("total" | "sample"));
        (anaphoric, total_marker)
    }

    /// The token index of the `)` closing the `(` at `open`.
    fn closing(&self, open: usize) -> Option<usize> {
        let depth = self.toks[open].depth;
        (open + 1..self.toks.len()).find(|&j| self.toks[j].is_punct(')') && self.toks[j].depth == depth)
    }

    /// Reads `n = 6`, `N=6` or a lone `6` between brackets.
    fn bracket_count(&self, open: usize, close: usize) -> Option<(u32, CountKind)> {
        let inner = &self.toks[open + 1..close];
        match inner {
            [n, eq, num, ..] if n.word_is(&["n"]) && (eq.is_punct('=') || eq.is_punct(':')) => match num.kind
            {
                Kind::Number(k) if k > 0 => Some((k, CountKind::NEquals)),
                _ => None,
            },
            [num] => match num.kind {
                Kind::Number(k) if k > 0 && !(1800..=2100).contains(&k) => Some((k, CountKind::BareParen)),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether a new list item starts at token `i` (after `and`/`or`).
    fn item_starts(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else { return false };
        match t.kind {
            Kind::Number(_) => true,
            Kind::Word => {
                if t.word_is(&["a", "an", "the", "one", "with", "interviews", "surveys"])
                    || parse_number(&t.key).is_some()
                {
                    return true;
                }
                (i..self.toks.len().min(i + 4)).any(|j| {
                    self.matches[j].is_some_and(|m| {
                        matches!(m.info.kind, TermKind::Category(_) | TermKind::Generic | TermKind::Method(_))
                            && self.is_head(m.end)
                    })
                })
            }
            _ => false,
        }
    }

    /// The last token of a clause starting at `start` (`who had been ...`,
    /// `from three clinics`): up to a comma, bracket, or `and` that starts a
    /// new list item; prepositional phrases also stop at `were`/`was`.
    fn clause_end(&self, start: usize, relative: bool) -> usize {
        let depth = self.toks[start].depth;
        let mut last = start;
        for j in start + 1..self.toks.len().min(start + 30) {
            let t = &self.toks[j];
            if t.depth < depth {
                break;
            }
            if t.depth == depth {
                if let Kind::Punct(c) = t.kind
                    && matches!(c, ',' | ';' | ':' | '.' | '(' | ')' | '?' | '!' | '–' | '—')
                {
                    break;
                }
                if t.word_is(&["and", "or"]) && self.item_starts(j + 1) {
                    break;
                }
                if !relative && t.word_is(&["were", "was", "are", "is", "who", "participated", "completed"]) {
                    break;
                }
            }
            last = j;
        }
        last
    }

    fn person_mentions(&self) -> Vec<Mention> {
        let mut out = Vec::new();
        let mut blocked_until: Option<usize> = None;
        for i in 0..self.toks.len() {
            if blocked_until.is_some_and(|b| i <= b) {
                continue;
            }
            let Some(m) = self.matches[i] else { continue };
            let kind = match m.info.kind {
                TermKind::Category(c) => MentionKind::Category(c),
                TermKind::Generic => MentionKind::Generic,
                // `women living with HIV` is a group; `10 women` is not.
                TermKind::NotGroup if self.qualifier_follows(m.end) => MentionKind::Generic,
                _ => continue,
            };
            if !self.is_head(m.end) && !self.viewpoint_sized(m.end) {
                continue;
            }
            if let Some(mention) = self.build_mention(m, kind) {
                blocked_until = Some(mention.head_end);
                out.push(mention);
            }
        }
        out
    }

    /// Whether a viewpoint word and a size in brackets follow token `end`
    /// (`carer perspectives (n = 9)`): the size is the group's.
    fn viewpoint_sized(&self, end: usize) -> bool {
        self.word_at(end + 1).is_some_and(|w| self.vocab.is_viewpoint(w))
            && self.toks.get(end + 2).is_some_and(|t| t.is_punct('('))
            && self.closing(end + 2).is_some_and(|close| {
                matches!(self.bracket_count(end + 2, close), Some((_, CountKind::NEquals)))
            })
    }

    fn build_mention(&self, m: Match, mut kind: MentionKind) -> Option<Mention> {
        let mut anchor = m.start;
        let mut head_end = m.end;
        if kind == MentionKind::Generic {
            // `patient participants`: a category term right before a general word.
            if let Some(k) = (m.start.saturating_sub(8)..m.start).find(|&k| {
                self.matches[k]
                    .is_some_and(|c| matches!(c.info.kind, TermKind::Category(_)) && c.end + 1 == m.start)
            }) && let Some(TermKind::Category(c)) = self.kind_at(k)
            {
                kind = MentionKind::Category(c);
                anchor = k;
            } else if self.word_at(m.end + 1) == Some("of") {
                // `members of the healthcare team`.
                let mut p = m.end + 2;
                while self
                    .word_at(p)
                    .is_some_and(|w| ["the", "a", "an", "this", "their", "our", "its"].contains(&w))
                {
                    p += 1;
                }
                if let Some(c) = (p..self.toks.len().min(p + 4)).find_map(|q| {
                    self.matches[q]
                        .filter(|c| matches!(c.info.kind, TermKind::Category(_)) && self.is_head(c.end))
                }) && let TermKind::Category(cat) = c.info.kind
                    && (p..c.start).all(|q| self.toks[q].is_word() && !self.is_stop_modifier(&self.toks[q]))
                {
                    kind = MentionKind::Category(cat);
                    head_end = c.end;
                }
            } else if (PEOPLE_NOUNS.contains(&self.toks[m.end].key.as_str())
                || m.info.kind == TermKind::NotGroup)
                && self.qualifier_follows(m.end)
            {
                kind = MentionKind::Qualified;
            }
        }
        let depth = self.toks[m.start].depth;
        let label_start = self.left_modifiers(anchor, 3);
        let count = self.count_before(label_start);
        let start = count.map_or(label_start, |(_, _, s)| s);
        let (anaphoric, total_marker) = self.before_count(start);
        let mut mention = Mention {
            kind,
            start,
            label_start,
            head_end,
            label_end: head_end,
            end: head_end,
            count: count.map(|(n, k, _)| (n, k)),
            plural: m.info.plural,
            anaphoric: anaphoric && count.is_some(),
            total_marker,
            depth,
            suppressed: false,
        };
        if m.info.kind == TermKind::NotGroup && kind == MentionKind::Generic {
            return None;
        }
        self.extend_right(&mut mention);
        if kind == MentionKind::Qualified
            && let Some(found) = (mention.head_end + 1..=mention.end.min(mention.head_end + 6))
                .filter_map(|q| self.matches.get(q).copied().flatten())
                .find(|c| matches!(c.info.kind, TermKind::Category(_)) && self.is_head(c.end))
            && let TermKind::Category(c) = found.info.kind
        {
            // `individuals who had been clients of the program`.
            mention.kind = MentionKind::Category(c);
            mention.label_end = mention.label_end.max(found.end);
        }
        if mention.kind == MentionKind::Qualified
            && let Some(c) = (mention.head_end + 1..=mention.label_end)
                .filter_map(|q| self.word_at(q))
                .find_map(|w| self.vocab.condition_category(w))
        {
            // `persons with a serious mental illness`, `adults living with HIV`.
            mention.kind = MentionKind::Category(c);
        }
        Some(mention)
    }

    /// Whether a phrase saying which people follows token `end` (`who use drugs`, `living with HIV`).
    fn qualifier_follows(&self, end: usize) -> bool {
        self.word_at(end + 1).is_some_and(|w| {
            ["who", "with", "living", "experiencing", "from", "affected", "receiving", "accessing", "aged"]
                .contains(&w)
        })
    }

    /// Takes in brackets, `who ...` clauses and phrases that describe the group.
    fn extend_right(&self, mention: &mut Mention) {
        let describes = mention.kind != MentionKind::Generic;
        let mut p = mention.end + 1;
        if self.viewpoint_sized(mention.end) {
            p += 1;
        }
        while let Some(t) = self.toks.get(p) {
            if t.is_punct('(') {
                let Some(close) = self.closing(p) else { break };
                let bracket = self.bracket_count(p, close);
                if let Some(c) = bracket
                    && mention.count.is_none_or(|(_, k)| k == CountKind::Article)
                {
                    mention.count = Some(c);
                }
                if !describes && bracket.is_none() {
                    break;
                }
                mention.end = close;
                p = close + 1;
                continue;
            }
            if !describes || t.depth != mention.depth {
                break;
            }
            let relative = t.word_is(RELATIVE);
            if !relative && !t.word_is(POST_MODIFIERS) {
                break;
            }
            let end = self.clause_end(p, relative);
            let words = self.toks[p..=end].iter().filter(|t| t.is_word()).count();
            let limit = match mention.kind {
                MentionKind::Qualified => 8,
                _ if relative => 6,
                _ => 5,
            };
            // Where a group was (`at 4 sites`, `in hospital`) is not what it is.
            let locative = t.word_is(&["in", "at", "on"]);
            if words <= limit && !locative && mention.label_end + 1 == p {
                mention.label_end = end;
            }
            mention.end = end;
            p = end + 1;
        }
    }

    fn method_mentions(&self) -> Vec<MethodMention> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            let Some(m) = self.matches[i] else {
                i += 1;
                continue;
            };
            let TermKind::Method(method) = m.info.kind else {
                i += 1;
                continue;
            };
            if !self.is_head(m.end) {
                i += 1;
                continue;
            }
            let mut modifiers_start = self.left_modifiers(m.start, 4);
            // `eight long, semi-structured interviews`: modifiers in a
            // comma list still stand between the count and its method.
            if self.count_before(modifiers_start).is_none()
                && modifiers_start >= 2
                && self.toks[modifiers_start - 1].is_punct(',')
                && self.toks[modifiers_start - 1].depth == self.toks[m.start].depth
            {
                let further = self.left_modifiers(modifiers_start - 1, 3);
                if further < modifiers_start - 1
                    && self.count_before(further).is_some_and(|c| c.1 != CountKind::Article)
                {
                    modifiers_start = further;
                }
            }
            let mut count = self.count_before(modifiers_start).filter(|c| c.1 != CountKind::Article);
            let start = count.map_or(modifiers_start, |c| c.2);
            let (anaphoric, total_marker) = self.before_count(start);
            let mut end = m.end;
            if self.toks.get(end + 1).is_some_and(|t| t.is_punct('('))
                && let Some(close) = self.closing(end + 1)
            {
                if let Some((n, CountKind::NEquals)) = self.bracket_count(end + 1, close) {
                    count = Some((n, CountKind::NEquals, start));
                }
                end = close;
            }
            // `interviews with`, `interviews (n = 18) with`, `interviews were conducted with`.
            let mut next = end + 1;
            while self.toks.get(next).is_some_and(|t| t.word_is(PASSIVE_LINK)) {
                next += 1;
            }
            let linking = self.toks.get(next).is_some_and(|t| {
                t.word_is(&["with", "of", "among", "amongst", "involving", "including"]) || t.is_punct(':')
            });
            out.push(MethodMention {
                method,
                start,
                head_start: m.start,
                end,
                count: count.map(|(n, k, _)| (n, k)),
                total_marker,
                anaphoric: anaphoric && count.is_some(),
                linking,
            });
            i = m.end + 1;
        }
        out
    }

    /// Counted noun phrases in lists that no term names (`6 X, 5 Y`).
    fn add_unknown_mentions(&self, mentions: &mut Vec<Mention>, methods: &[MethodMention]) {
        let covered = |i: usize| {
            mentions.iter().any(|m| (m.start..=m.end).contains(&i))
                || methods.iter().any(|m| (self.method_start(m)..=m.end).contains(&i))
        };
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            let Some((n, count_end)) = self.number_at(i) else {
                i += 1;
                continue;
            };
            if covered(i) {
                i += 1;
                continue;
            }
            let depth = self.toks[i].depth;
            let mut head = None;
            let mut j = count_end + 1;
            let mut compounds = 0;
            while let Some(t) = self.toks.get(j) {
                if !t.is_word() || t.depth != depth || t.joined && head.is_none() || self.is_stop_modifier(t)
                {
                    break;
                }
                let mut k = j;
                while self.toks.get(k + 1).is_some_and(|t| t.joined) {
                    k += 1;
                }
                compounds += 1;
                head = Some(k);
                j = k + 1;
                if compounds == 4 || self.toks[k].possessive {
                    break;
                }
            }
            let Some(head) = head else {
                i += 1;
                continue;
            };
            // A term that is not people ends the phrase where it is a head
            // (`three themes emerged`), not only at the last word.
            let not_people = (count_end + 1..=head).any(|s| {
                self.matches[s].is_some_and(|m| {
                    (m.end == head || m.end < head && self.is_head(m.end))
                        && matches!(
                            m.info.kind,
                            TermKind::NotPeople | TermKind::Topic | TermKind::NotGroup | TermKind::Method(_)
                        )
                })
            });
            let (anaphoric, _) = self.before_count(i);
            if !not_people && !anaphoric && !self.toks[head].possessive && self.is_head(head) {
                found.push(Mention {
                    kind: MentionKind::Unknown,
                    start: i,
                    label_start: count_end + 1,
                    head_end: head,
                    label_end: head,
                    end: head,
                    count: Some((n, CountKind::Explicit)),
                    plural: true,
                    anaphoric: false,
                    total_marker: false,
                    depth,
                    suppressed: false,
                });
            }
            i = head + 1;
        }
        mentions.extend(found);
    }

    fn is_filler(&self, i: usize, methods: &[MethodMention]) -> bool {
        let t = &self.toks[i];
        match t.kind {
            Kind::Punct(c) => matches!(c, ',' | ';' | ':' | '&' | '/'),
            Kind::Word => {
                LIST_FILLERS.contains(&t.key.as_str())
                    || self.vocab.is_sampling_word(&t.key)
                    || methods.iter().any(|m| (self.method_start(m)..=m.end).contains(&i))
            }
            Kind::Number(_) | Kind::OtherNumber => {
                methods.iter().any(|m| (self.method_start(m)..=m.end).contains(&i))
            }
        }
    }

    fn method_start(&self, m: &MethodMention) -> usize {
        m.start
    }

    /// Whether only list separators stand between tokens `from` and `to` (exclusive).
    fn only_separators(&self, from: usize, to: usize) -> bool {
        to > from
            && self.toks[from..to]
                .iter()
                .all(|t| t.is_punct(',') || t.is_punct(';') || t.word_is(&["and", "or", "plus"]))
    }

    fn chains(&self, mentions: &[Mention], methods: &[MethodMention]) -> Vec<Vec<usize>> {
        let members: Vec<usize> = (0..mentions.len())
            .filter(|&i| {
                let m = &mentions[i];
                !m.suppressed && m.kind != MentionKind::Generic && !(m.anaphoric && m.count.is_some())
            })
            .collect();
        let mut chains: Vec<Vec<usize>> = Vec::new();
        for &i in &members {
            let linked = chains.last().and_then(|c| c.last()).is_some_and(|&prev| {
                let a = &mentions[prev];
                let b = &mentions[i];
                if a.depth != b.depth || b.start <= a.end {
                    return false;
                }
                let between = a.end + 1..b.start;
                if a.kind == MentionKind::Unknown || b.kind == MentionKind::Unknown {
                    return self.only_separators(between.start, between.end);
                }
                between.clone().all(|j| self.toks[j].depth > a.depth || self.is_filler(j, methods))
                    && !mentions.iter().any(|g| {
                        g.kind == MentionKind::Generic && !g.suppressed && between.contains(&g.start)
                    })
                    && !self.agent_between(between.start, between.end)
            });
            match chains.last_mut() {
                Some(chain) if linked => chain.push(i),
                _ => chains.push(vec![i]),
            }
        }
        chains
    }

    /// Whether `conducted by`-style words stand between two tokens: who ran
    /// the interviews (`... were conducted by two researchers`) did not take part.
    fn agent_between(&self, from: usize, to: usize) -> bool {
        (from.max(1)..to).any(|j| self.toks[j].word_is(&["by"]) && self.toks[j - 1].word_is(AGENT_VERBS))
    }

    /// Whether a list follows `interviews with` or `N participants ... :` directly.
    fn anchored(&self, chain: &[usize], mentions: &[Mention], methods: &[MethodMention]) -> bool {
        let Some(first) = chain.first().map(|&i| &mentions[i]) else { return false };
        let fillers_from = |end: usize| {
            end < first.start
                && (end + 1..first.start)
                    .all(|j| self.toks[j].depth > first.depth || self.is_filler(j, methods))
        };
        methods.iter().any(|m| fillers_from(m.end))
            || mentions
                .iter()
                .any(|g| g.kind == MentionKind::Generic && g.count.is_some() && fillers_from(g.end))
    }

    /// The method right after a group, or after the list the group starts,
    /// as in `12 peers were interviewed` or `Fifteen A and nine B were interviewed`.
    fn suffix_method(&self, g: &Mention, methods: &[MethodMention], mentions: &[Mention]) -> Option<usize> {
        let (index, m) = methods.iter().enumerate().find(|(_, m)| m.head_start > g.end)?;
        let mut between: Vec<&Mention> =
            mentions.iter().filter(|o| o.start > g.end && o.start < m.head_start && !o.suppressed).collect();
        between.sort_by_key(|o| o.start);
        // Only further items of the same list may stand between the group and the method.
        let mut list_end = g.end;
        for o in between {
            let same_list = o.depth == g.depth
                && o.kind != MentionKind::Generic
                && self.only_separators(list_end + 1, o.start);
            if !same_list {
                return None;
            }
            list_end = o.end;
        }
        let only_fillers = (list_end + 1..self.method_start(m).max(list_end + 1))
            .all(|j| self.toks[j].depth > g.depth || self.toks[j].word_is(SUFFIX_FILLERS));
        (!m.linking && only_fillers).then_some(index)
    }

    /// Whether a list of groups is the subject or object of a cue word:
    /// only fillers between them (`Patients and relatives were recruited`,
    /// `recruited including: patients, ...`), unlike a group a cue's object
    /// merely mentions (`included stigma within the care team`).
    fn tied_to_cue(
        &self,
        chain: &[usize],
        mentions: &[Mention],
        cues: &[(usize, usize)],
        methods: &[MethodMention],
    ) -> bool {
        let (Some(first), Some(last)) =
            (chain.first().map(|&i| &mentions[i]), chain.last().map(|&i| &mentions[i]))
        else {
            return false;
        };
        let adverb = |j: usize| {
            let t = &self.toks[j];
            t.is_word() && t.key.len() > 4 && t.key.ends_with("ly")
        };
        let after_cue = cues.iter().any(|&(_, cue_end)| {
            cue_end < first.start
                && (cue_end + 1..first.start)
                    .all(|j| self.toks[j].depth > first.depth || self.is_filler(j, methods) || adverb(j))
        });
        let before_cue = cues.iter().any(|&(cue_start, _)| {
            cue_start > last.end
                && (last.end + 1..cue_start).all(|j| {
                    self.toks[j].depth > last.depth || self.toks[j].word_is(SUFFIX_FILLERS) || adverb(j)
                })
        });
        after_cue || before_cue
    }

    /// The method a group took part by, and whether the wording ties it to the group.
    fn method_for(
        &self,
        g: &Mention,
        methods: &[MethodMention],
        mentions: &[Mention],
    ) -> (Option<String>, bool) {
        let name = |m: &MethodMention| self.vocab.method(m.method).map(|m| m.name.clone());
        if let Some(index) = self.suffix_method(g, methods, mentions) {
            return (methods.get(index).and_then(name), true);
        }
        // `interviews with X, Y`.
        if let Some(m) = methods.iter().rev().find(|m| m.end < g.start) {
            return (name(m), true);
        }
        let mut names: Vec<String> = methods.iter().filter_map(name).collect();
        names.dedup();
        if names.len() == 1 { (names.pop(), false) } else { (None, false) }
    }

    /// `Five interviews with APSWs` sizes the one group; `interviews (n = 18)
    /// with patients, relatives ...` states the total.
    fn apply_method_counts(
        &self,
        methods: &[MethodMention],
        mentions: &[Mention],
        groups: &mut [(usize, GroupReading)],
        totals: &mut Vec<(bool, u8, usize, TotalReading)>,
    ) {
        for (mi, m) in methods.iter().enumerate() {
            let Some((n, kind)) = m.count else { continue };
            if n < 1 || !self.vocab.method(m.method).is_some_and(|x| x.counts_participants) {
                continue;
            }
            let next_method = methods.get(mi + 1).map_or(usize::MAX, |x| x.head_start);
            let mut targets: Vec<usize> = Vec::new();
            if m.linking {
                for (slot, (i, _)) in groups.iter().enumerate() {
                    let g = &mentions[*i];
                    if g.start > m.end && g.start < next_method {
                        let reachable = targets.is_empty()
                            && ((m.end + 1..g.start)
                                .all(|j| self.toks[j].depth > g.depth || self.is_filler(j, methods))
                                || self.coordinated_modifiers(m.end + 1, g.start));
                        if reachable || !targets.is_empty() {
                            targets.push(slot);
                        }
                    }
                }
            } else {
                for (slot, (i, _)) in groups.iter().enumerate() {
                    if self.suffix_method(&mentions[*i], methods, mentions) == Some(mi) {
                        targets.push(slot);
                    }
                }
            }
            let generic_target = mentions.iter().any(|g| {
                g.kind == MentionKind::Generic
                    && g.start > m.end
                    && g.start < next_method
                    && g.count.is_some()
            });
            if generic_target {
                continue;
            }
            match targets.as_slice() {
                [only] => {
                    let group = &mut groups[*only].1;
                    if group.n.is_none() {
                        group.n = Some(n);
                        group.count = Some(CountKind::MethodCount);
                    }
                }
                [] => {
                    if (kind == CountKind::NEquals || m.total_marker) && n >= 2 {
                        totals.push((
                            m.anaphoric,
                            3,
                            m.head_start,
                            TotalReading { n, rule: "participants:interview_count", anaphoric: m.anaphoric },
                        ));
                    }
                }
                _ => {
                    if n >= 2 {
                        totals.push((
                            m.anaphoric,
                            2,
                            m.head_start,
                            TotalReading { n, rule: "participants:interview_count", anaphoric: m.anaphoric },
                        ));
                    }
                }
            }
        }
    }

    /// Whether tokens `from..to` are `with` and modifiers coordinated with
    /// the group's own (`with older or newly diagnosed patients`): a
    /// few words, no number, no term, no punctuation.
    fn coordinated_modifiers(&self, from: usize, to: usize) -> bool {
        let span = self.toks.get(from..to).unwrap_or(&[]);
        (2..=4).contains(&span.len())
            && span[0].word_is(INTRODUCING)
            && span.iter().any(|t| t.word_is(&["or", "and"]))
            && span.iter().all(|t| t.is_word() && t.depth == span[0].depth && parse_number(&t.key).is_none())
            && (from..to).all(|j| self.matches[j].is_none())
    }

    /// The group as reported: modifiers, head and a short describing phrase,
    /// without brackets; sentence-initial capitals lowered.
    fn label(&self, m: &Mention) -> String {
        let mut parts: Vec<&str> = Vec::new();
        let mut prev_end: Option<usize> = None;
        let end = m.label_end.min(self.toks.len().saturating_sub(1));
        for t in self.toks.get(m.label_start..=end).unwrap_or(&[]) {
            if t.depth > m.depth || t.is_punct('(') || t.is_punct(')') {
                continue;
            }
            if let Some(pe) = prev_end {
                if t.joined && pe <= t.start {
                    // Keep the original joiner (`in-depth`, `health‑care`).
                    parts.push(&self.text[pe..t.start]);
                } else if pe < t.start {
                    parts.push(" ");
                }
            }
            parts.push(&self.text[t.start..t.end]);
            prev_end = Some(t.end);
        }
        let joined: String = parts.concat();
        let label = joined.split_whitespace().collect::<Vec<_>>().join(" ");
        let label = label.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '.' | ' '));
        let sentence_initial = self.toks.iter().position(Token::is_word) == Some(m.label_start);
        if sentence_initial { lower_first_word(label) } else { label.to_string() }
    }
}

fn lower_first_word(label: &str) -> String {
    let first = label.split(' ').next().unwrap_or("");
    let mut chars = first.chars();
    let capitalised = first.chars().count() > 1
        && chars.next().is_some_and(char::is_uppercase)
        && chars.all(|c| !c.is_uppercase());
    if !capitalised {
        return label.to_string();
    }
    let mut out = String::with_capacity(label.len());
    let mut chars = label.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_lowercase());
    }
    out.extend(chars);
    out
}

fn suppress_nested(mentions: &mut [Mention]) {
    let spans: Vec<(usize, usize, bool)> = mentions
        .iter()
        .map(|m| (m.head_end, m.end, matches!(m.kind, MentionKind::Category(_) | MentionKind::Qualified)))
        .collect();
    for m in mentions.iter_mut() {
        if spans.iter().any(|&(head_end, end, describes)| describes && m.start > head_end && m.start <= end) {
            m.suppressed = true;
        }
    }
}

/// The main list (most stated sizes, then most groups, then first) and any
/// other list that states a size and is tied to a method (`interviews with
/// ...`, `... were interviewed`). Groups no term names are kept only in a
/// list that also states the size of a named group, or in a list of at least
/// two counted groups right after `interviews with` or `N participants ...:`.
fn select_chains(
    chains: &[Vec<usize>],
    mentions: &[Mention],
    anchored: &[bool],
    takes_part: &[bool],
) -> Vec<Vec<usize>> {
    let counted = |i: usize| matches!(mentions[i].count, Some((_, CountKind::Explicit | CountKind::NEquals)));
    let stated_at = |c: usize| {
        let chain = &chains[c];
        let named = chain.iter().filter(|&&i| mentions[i].kind != MentionKind::Unknown && counted(i)).count();
        let unknown =
            chain.iter().filter(|&&i| mentions[i].kind == MentionKind::Unknown && counted(i)).count();
        if named == 0 && anchored.get(c).copied().unwrap_or(false) && unknown >= 2 { unknown } else { named }
    };
    let stated = |chain: &Vec<usize>| chains.iter().position(|c| std::ptr::eq(c, chain)).map_or(0, stated_at);
    let mut best: Option<(usize, (usize, usize))> = None;
    for (i, chain) in chains.iter().enumerate() {
        let score = (stated(chain), chain.len());
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    let Some((main, _)) = best else { return Vec::new() };
    chains
        .iter()
        .enumerate()
        .filter(|(i, chain)| {
            *i == main || (stated(chain) > 0 && takes_part.get(*i).copied().unwrap_or(false))
        })
        .map(|(_, chain)| {
            let keep_unknown = stated(chain) > 0;
            chain
                .iter()
                .copied()
                .filter(|&i| keep_unknown || mentions[i].kind != MentionKind::Unknown)
                .collect::<Vec<_>>()
        })
        .filter(|chain| !chain.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> ParticipantVocab {
        ParticipantVocab::from_toml_str(include_str!("../../../pipelines/vocab/participant_categories.toml"))
            .expect("shipped vocabulary loads")
    }

    /// The total and `label | category | n | method` per group.
    fn read(text: &str) -> (Option<u32>, Vec<String>) {
        let Some(r) = read_sentence(text, &vocab(), false) else { return (None, Vec::new()) };
        let groups = r
            .groups
            .iter()
            .map(|g| {
                format!(
                    "{} | {} | {} | {}",
                    g.label,
                    g.category.map_or("other", Category::name),
                    g.n.map_or("-".to_string(), |n| n.to_string()),
                    g.method.as_deref().unwrap_or("-")
                )
            })
            .collect();
        (r.total.map(|t| t.n), groups)
    }

    fn g(label: &str, category: &str, n: Option<u32>, method: Option<&str>) -> String {
        format!(
            "{label} | {category} | {} | {}",
            n.map_or("-".to_string(), |n| n.to_string()),
            method.unwrap_or("-")
        )
    }

    #[test]
    fn reads_a_counted_list_after_a_total() {
        let (total, groups) = read(
            "Fourteen participants were interviewed: 6 people who use drugs who had been hospitalized, \
             5 healthcare team members, 2 peer support workers, and 1 employer of peer support workers.",
        );
        assert_eq!(total, Some(14));
        assert_eq!(
            groups,
            [
                g(
                    "people who use drugs who had been hospitalized",
                    "patient_or_service_user",
                    Some(6),
                    Some("interview")
                ),
                g("healthcare team members", "healthcare_provider", Some(5), Some("interview")),
                g("peer support workers", "peer_worker", Some(2), Some("interview")),
                g("employer of peer support workers", "employer_or_manager", Some(1), Some("interview")),
            ]
        );
    }

    #[test]
    fn a_bracketed_breakdown_describes_its_group() {
        let (total, groups) = read(
            "Fourteen participants were interviewed: 6 hospitalized people who use drugs, 5 members of the \
             healthcare team (two family physicians, general internist, infectious diseases specialist, \
             cardiologist), two peer support workers (with previous training and experience working in \
             community-based health outreach and harm reduction agencies), and one employer of peer support workers.",
        );
        assert_eq!(total, Some(14));
        assert_eq!(
            groups,
            [
                g("hospitalized people who use drugs", "patient_or_service_user", Some(6), Some("interview")),
                g("members of the healthcare team", "healthcare_provider", Some(5), Some("interview")),
                g("peer support workers", "peer_worker", Some(2), Some("interview")),
                g("employer of peer support workers", "employer_or_manager", Some(1), Some("interview")),
            ]
        );
    }

    #[test]
    fn a_bracketed_breakdown_of_the_total_gives_the_groups() {
        let (total, groups) =
            read("Fifteen participants (9 peer workers and 6 supervisors) were interviewed.");
        assert_eq!(total, Some(15));
        assert_eq!(
            groups,
            [
                g("peer workers", "peer_worker", Some(9), Some("interview")),
                g("supervisors", "employer_or_manager", Some(6), Some("interview")),
            ]
        );
    }

    #[test]
    fn names_groups_without_sizes_except_a_singular_one() {
        let (total, groups) = read(
            "A thematic analysis was performed based on semi-structured interviews (n = 18) with patients, \
             relatives, clinicians, and a peer support worker.",
        );
        assert_eq!(total, Some(18));
        assert_eq!(
            groups,
            [
                g("patients", "patient_or_service_user", None, Some("interview")),
                g("relatives", "family_or_carer", None, Some("interview")),
                g("clinicians", "healthcare_provider", None, Some("interview")),
                g("peer support worker", "peer_worker", Some(1), Some("interview")),
            ]
        );
        let (_, groups) = read("We conducted interviews with nurses, social workers and a manager.");
        assert_eq!(groups[2], g("manager", "employer_or_manager", Some(1), Some("interview")));
        assert_eq!(groups[0], g("nurses", "healthcare_provider", None, Some("interview")));
    }

    #[test]
    fn reads_number_words() {
        let (total, groups) =
            read("Twenty-one participants were recruited: eleven peer workers and ten nurses.");
        assert_eq!(total, Some(21));
        assert_eq!(
            groups,
            [
                g("peer workers", "peer_worker", Some(11), None),
                g("nurses", "healthcare_provider", Some(10), None)
            ]
        );
        let (_, groups) = read(
            "Interviews were conducted with two current peer workers who were also involved in the study design, analysis and writing.",
        );
        assert_eq!(groups, [g("current peer workers", "peer_worker", Some(2), Some("interview"))]);
        let (_, groups) = read("Thirty-two staff members and twenty one peers participated.");
        assert_eq!(
            groups,
            [
                g("staff members", "healthcare_provider", Some(32), None),
                g("peers", "peer_worker", Some(21), None)
            ]
        );
    }

    #[test]
    fn reads_n_equals_in_every_spelling() {
        let (total, groups) = read(
            "Participants (N = 30) included peer workers (n = 10), service users (n=12) and staff (N=8).",
        );
        assert_eq!(total, Some(30));
        assert_eq!(
            groups,
            [
                g("peer workers", "peer_worker", Some(10), None),
                g("service users", "patient_or_service_user", Some(12), None),
                g("staff", "healthcare_provider", Some(8), None),
            ]
        );
        assert_eq!(
            read("N = 7 peer mentors were interviewed.").1,
            [g("peer mentors", "peer_worker", Some(7), Some("interview"))]
        );
        assert_eq!(read("In-depth interviews were conducted with key informants (n=15).").0, Some(15));
    }

    #[test]
    fn a_count_of_interviews_with_one_group_sizes_it() {
        let (total, groups) = read(
            "Five peer led in-depth interviews with advanced peer support workers were supplemented by a survey \
             of health professionals, interviews with service users, documentary evidence in the form of job \
             descriptions, observational notes and a blog from the field.",
        );
        assert_eq!(total, None);
        assert_eq!(
            groups,
            [
                g("advanced peer support workers", "peer_worker", Some(5), Some("interview")),
                g("health professionals", "healthcare_provider", None, Some("survey")),
                g("service users", "patient_or_service_user", None, Some("interview")),
            ]
        );
        // With several groups the count of interviews is the total, and focus groups count no one.
        let (total, groups) =
            read("We conducted 20 interviews with peer mentors, program managers and clinicians.");
        assert_eq!((total, groups.len()), (Some(20), 3));
        let (total, groups) = read("Focus groups (n = 4) with 23 peer workers were held.");
        assert_eq!(
            (total, groups),
            (None, vec![g("peer workers", "peer_worker", Some(23), Some("focus group"))])
        );
    }

    #[test]
    fn assigns_methods_to_the_groups_they_were_used_with() {
        let (_, groups) =
            read("Twelve peer support workers were interviewed and 30 clients completed a survey.");
        assert_eq!(
            groups,
            [
                g("peer support workers", "peer_worker", Some(12), Some("interview")),
                g("clients", "patient_or_service_user", Some(30), Some("survey")),
            ]
        );
        let (_, groups) = read(
            "Individual interviews with 9 peer support workers and 2 focus groups with 11 mental health nurses were conducted.",
        );
        assert_eq!(
            groups[1],
            g("mental health nurses", "healthcare_provider", Some(11), Some("focus group"))
        );
    }

    #[test]
    fn unknown_groups_in_a_counted_list_are_other() {
        let (_, groups) =
            read("The sample comprised 8 peer workers, 6 service managers, 3 commissioners and 2 landlords.");
        assert_eq!(groups[3], g("landlords", "other", Some(2), None));
        let (_, groups) = read("Interviews were held with 6 X workers, 5 Y operators, 2 Z and 1 W.");
        assert_eq!(groups.len(), 4);
        assert_eq!(groups[0], g("X workers", "other", Some(6), Some("interview")));
        assert_eq!(groups[3], g("W", "other", Some(1), Some("interview")));
    }

    #[test]
    fn never_reads_numbers_that_are_not_participants() {
        for text in [
            "Data were collected from 2019 to 2020 using semi-structured interviews that were audio-recorded.",
            "Duration of the interviews ranged from 15 to 30 min and was audio-recorded.",
            "Participants were provided with a \\$20 gift card.",
            "All participants provided written consent and received a $20 honorarium.",
            "The second author was a research associate with over 10 years of research experience and 5 years of healthcare research.",
            "This study was undertaken with ethics approval from the Research Ethics Board (Study ID # 5877) and participants consented.",
            "Peer workers were recruited as in earlier studies [12, 13] and Harm Reduct J 18, 19 (2021).",
            "Over 70% of participants were female and 40 % were recruited in hospital.",
            "Participants were 10 women and 4 men.",
            "Of the 14 participants, 8 were women.",
            "All six people who use drugs interviewed said that they would welcome peer workers.",
            "After the 14th interview, recruitment was ended.",
            "The first and second authors met after the first five interviews, and again after all the interviews.",
            "Patient participants were recruited from two academic hospitals in Hamilton, Ontario.",
            "Peer workers had a mean of 5.5 years of experience (range 1–12) and were recruited.",
            "Five participants described feeling stigmatised by staff.",
            "Two researchers coded the interviews independently.",
            "The paper has been cited 35 times and participants were recruited in 3 waves.",
            "One-on-one interviews for patients were conducted face to face.",
        ] {
            let (total, groups) = read(text);
            assert_eq!(total, None, "{text}");
            assert!(groups.iter().all(|g| g.contains("| - |")), "{text}: {groups:?}");
        }
    }

    #[test]
    fn reads_number_words_after_the_verb() {
        let expected = vec![
            g("service users", "patient_or_service_user", Some(15), Some("interview")),
            g("program managers", "employer_or_manager", Some(9), Some("interview")),
        ];
        assert_eq!(
            read("We interviewed fifteen service users and nine program managers."),
            (None, expected.clone())
        );
        assert_eq!(read("We interviewed 15 service users and 9 program managers."), (None, expected));
        assert_eq!(
            read("Interviews were conducted with twelve nurses, three physicians and a social worker."),
            (
                None,
                vec![
                    g("nurses", "healthcare_provider", Some(12), Some("interview")),
                    g("physicians", "healthcare_provider", Some(3), Some("interview")),
                    g("social worker", "healthcare_provider", Some(1), Some("interview")),
                ]
            )
        );
    }

    #[test]
    fn a_list_that_opens_the_sentence_shares_its_verb() {
        assert_eq!(
            read("Fifteen service users and nine program managers were interviewed."),
            (
                None,
                vec![
                    g("service users", "patient_or_service_user", Some(15), Some("interview")),
                    g("program managers", "employer_or_manager", Some(9), Some("interview")),
                ]
            )
        );
        assert_eq!(
            read("Twenty-one nurses and 4 managers took part."),
            (
                None,
                vec![
                    g("nurses", "healthcare_provider", Some(21), None),
                    g("managers", "employer_or_manager", Some(4), None),
                ]
            )
        );
        assert_eq!(
            read("Twelve nurses, three physicians, and two managers were interviewed."),
            (
                None,
                vec![
                    g("nurses", "healthcare_provider", Some(12), Some("interview")),
                    g("physicians", "healthcare_provider", Some(3), Some("interview")),
                    g("managers", "employer_or_manager", Some(2), Some("interview")),
                ]
            )
        );
    }

    #[test]
    fn a_sentence_about_themes_names_no_group() {
        for text in [
            "Key themes included stigma within the care team, cultural safety, and hope.",
            "Themes were identified, including credibility with patients and resistance from clinicians.",
            "Findings included support from managers and trust in peer workers.",
            "Barriers included stigma within the care team and a lack of supervision.",
            "Key themes included support from 12 managers.",
        ] {
            assert_eq!(read(text), (None, vec![]), "{text}");
        }
        // A cue whose object only mentions a group is no participation either.
        assert_eq!(read("Field notes included reflections on working with clinicians."), (None, vec![]));
        // Groups a cue is said of still count, and a counted topic is no group.
        assert_eq!(
            read("Participants included patients, relatives and clinicians."),
            (
                None,
                vec![
                    g("patients", "patient_or_service_user", None, None),
                    g("relatives", "family_or_carer", None, None),
                    g("clinicians", "healthcare_provider", None, None),
                ]
            )
        );
        assert_eq!(
            read("Although three themes emerged, 12 peer workers were recruited."),
            (None, vec![g("peer workers", "peer_worker", Some(12), None)])
        );
    }

    #[test]
    fn a_group_mentioned_in_passing_is_not_a_group() {
        let (_, groups) = read("We interviewed 12 peer workers about their experiences supporting patients.");
        assert_eq!(groups, [g("peer workers", "peer_worker", Some(12), Some("interview"))]);
        let (_, groups) =
            read("Peer support workers act as a bridge between patients and healthcare providers.");
        assert!(groups.is_empty());
        let (_, groups) =
            read("A question about hiring was asked to peer support worker employers but not to patients.");
        assert!(groups.is_empty());
    }

    #[test]
    fn total_of_and_people_phrases() {
        let (total, groups) = read("A total of 45 people who inject drugs took part in the study.");
        assert_eq!(total, Some(45));
        assert_eq!(groups, [g("people who inject drugs", "patient_or_service_user", Some(45), None)]);
        let (_, groups) =
            read("Nineteen individuals who had been clients of the program took part in interviews.");
        assert_eq!(
            groups,
            [g("individuals who had been clients", "patient_or_service_user", Some(19), Some("interview"))]
        );
        let (_, groups) = read("We interviewed 8 women living with HIV.");
        assert_eq!(
            groups,
            [g("women living with HIV", "patient_or_service_user", Some(8), Some("interview"))]
        );
    }

    #[test]
    fn reads_sentences_of_other_published_abstracts() {
        let (total, groups) = read(
            "Semi-structured interviews with three Peer Navigators were conducted by two SHARPS study researchers \
             at four time points in 2018 and 2019 corresponding with the beginning, middle, and end of the intervention.",
        );
        assert_eq!(
            (total, groups),
            (None, vec![g("Peer Navigators", "peer_worker", Some(3), Some("interview"))])
        );
        let (_, groups) = read(
            "Fifteen interviews were conducted with peer workers—people with lived and living experience of \
             substance use engaged in harm reduction service delivery—in British Columbia, Canada.",
        );
        assert_eq!(groups, [g("peer workers", "peer_worker", Some(15), Some("interview"))]);
        let (_, groups) = read(
            "This qualitative study included purposively selected peer supporters (n = 10) and healthcare \
             professionals (n = 5) from five outpatient clinics in Norway in 2020.",
        );
        assert_eq!(
            groups,
            [
                g("peer supporters", "peer_worker", Some(10), None),
                g("healthcare professionals", "healthcare_provider", Some(5), None)
            ]
        );
        let (_, groups) = read(
            "In-depth qualitative interviews were conducted with stakeholders (such as peer specialists (n=4), \
             clients (n=25), supervisors (n=6)) involved in the delivery of a peer-led healthy lifestyle intervention.",
        );
        assert_eq!(
            groups,
            [
                g("peer specialists", "peer_worker", Some(4), Some("interview")),
                g("clients", "patient_or_service_user", Some(25), Some("interview")),
                g("supervisors", "employer_or_manager", Some(6), Some("interview")),
            ]
        );
        let (_, groups) =
            read("Semi-structured, in-depth interviews were completed with Peer Workers (n = 7).");
        assert_eq!(groups, [g("Peer Workers", "peer_worker", Some(7), Some("interview"))]);
        assert_eq!(
            read(
                "Between February 2020 and December 2022, 30,164 patients were supported by the 7 Patient Navigators."
            ),
            (None, vec![])
        );
        let (total, groups) = read(
            "Six focus groups were conducted in Ulm and Hamburg (Germany), Butabika (Uganda), Dar es Salaam \
             (Tanzania), Be’er Sheva (Israel), and Ahmedabad, Gujarat (India) with a total of 35 participants.",
        );
        assert_eq!((total, groups), (Some(35), vec![]));
        let (_, groups) = read(
            "We report the secondary analysis of qualitative interview data from service users, Peer Workers, \
             non-peer staff and managers of three innovative interventions in a study about mental health self-care.",
        );
        assert_eq!(
            groups,
            [
                g("service users", "patient_or_service_user", None, Some("interview")),
                g("Peer Workers", "peer_worker", None, Some("interview")),
                g("non-peer staff", "healthcare_provider", None, Some("interview")),
                g("managers", "employer_or_manager", None, Some("interview")),
            ]
        );
        assert_eq!(
            read(
                "Relevant data was extracted from interviews with 41 participants and subjected to analysis."
            )
            .0,
            Some(41)
        );
        let (_, groups) = read(
            "This was a qualitative comparative case study using data from interviews with 20 peer workers and their five supervisors.",
        );
        assert_eq!(
            groups,
            [
                g("peer workers", "peer_worker", Some(20), Some("interview")),
                g("supervisors", "employer_or_manager", Some(5), Some("interview")),
            ]
        );
    }

    #[test]
    fn reads_groups_of_sentences_that_report_the_study() {
        // A size in brackets needs no cue word.
        let (_, groups) = read("Peer coaches (n = 9) and ward nurses (n = 4) kept reflective diaries.");
        assert_eq!(
            groups,
            [
                g("peer coaches", "peer_worker", Some(9), None),
                g("ward nurses", "healthcare_provider", Some(4), None)
            ]
        );
        // A study word makes a counted group a group that took part.
        let (_, groups) = read("The study was conducted with 23 peer mentors working in three regions.");
        assert_eq!(groups, [g("peer mentors working in three regions", "peer_worker", Some(23), None)]);
        // Sampling words may stand between the count and the group.
        let (_, groups) = read("We explored the views of eleven purposively selected expert clients.");
        assert_eq!(groups, [g("expert clients", "peer_worker", Some(11), None)]);
        // `with the N ...` introduces the group.
        let (_, groups) =
            read("Two focus groups were held with the 15 community health workers of the programme.");
        assert_eq!(
            groups,
            [g("community health workers of the programme", "peer_worker", Some(15), Some("focus group"))]
        );
        // People named by a condition are service users.
        let (_, groups) =
            read("The sample comprised 8 persons with a psychotic disorder and 5 peer workers.");
        assert_eq!(
            groups,
            [
                g("persons with a psychotic disorder", "patient_or_service_user", Some(8), None),
                g("peer workers", "peer_worker", Some(5), None)
            ]
        );
        // An `n =` before what it counts.
        assert_eq!(read("The study comprised (n = 31) participants from four towns.").0, Some(31));
        assert_eq!(read("Focus groups were held with n = 44 adults aged 60 and over.").0, Some(44));
        assert_eq!(read("We analysed the free-text answers of the sample (n = 212).").0, Some(212));
        // Without a word about the study, a count is not a group.
        assert_eq!(read("Three researchers coded the transcripts.").1, Vec::<String>::new());
    }

    #[test]
    fn reads_counts_stated_with_were() {
        let text = "Of these, 12 were peer workers, 8 were clinicians and 4 were managers.";
        // Only after a sentence that stated the total.
        assert_eq!(read(text), (None, vec![]));
        let reading = read_sentence(text, &vocab(), true).expect("a reading");
        let groups: Vec<(String, Option<u32>)> =
            reading.groups.iter().map(|g| (g.label.clone(), g.n)).collect();
        assert_eq!(
            groups,
            [
                ("peer workers".to_string(), Some(12)),
                ("clinicians".to_string(), Some(8)),
                ("managers".to_string(), Some(4))
            ]
        );
        let (total, groups) = read(
            "A total of 24 participants took part, of whom 12 were peer workers, 8 were clinicians and 4 were managers.",
        );
        assert_eq!(total, Some(24));
        assert_eq!(
            groups,
            [
                g("peer workers", "peer_worker", Some(12), None),
                g("clinicians", "healthcare_provider", Some(8), None),
                g("managers", "employer_or_manager", Some(4), None),
            ]
        );
    }

    #[test]
    fn reads_sizes_other_papers_word_their_own_way() {
        // Coordinated modifiers before the method, and before the group.
        assert_eq!(
            read("We conducted eight long, semi-structured interviews with peer mentors.").1,
            [g("peer mentors", "peer_worker", Some(8), Some("interview"))]
        );
        assert_eq!(
            read("We held 14 interviews with older or newly diagnosed patients.").1,
            [g("newly diagnosed patients", "patient_or_service_user", Some(14), Some("interview"))]
        );
        // What the group says stands between it and its size.
        assert_eq!(
            read("Carer perspectives (n = 9) on respite were explored.").1[0],
            g("carer", "family_or_carer", Some(9), None)
        );
        // Who took part out of a pool; `involved` and `out of` report the sample.
        assert_eq!(read("Interviews with 12 of 15 participants were analysed.").0, Some(12));
        assert_eq!(read("The project involved 30 participants.").0, Some(30));
        assert_eq!(read("Out of the 20 participants, most were nurses.").0, Some(20));
        // People named by a qualifier (`aged`) are a group.
        assert_eq!(
            read("Interviews were conducted with 20 women aged 60 and over.").1,
            [g("women aged 60 and over", "other", Some(20), Some("interview"))]
        );
    }

    #[test]
    fn survives_random_token_soup() {
        const POOL: &[&str] = &[
            "(",
            ")",
            "[",
            "]",
            "n",
            "=",
            "N",
            "12",
            "2019",
            "a",
            "an",
            "one",
            "twenty-one",
            "peer",
            "workers",
            "patients",
            "with",
            "interviews",
            ",",
            "and",
            "who",
            "’",
            "'s",
            "-",
            "é",
            "ﬁ",
            "—",
            " ",
            "participants",
            "of",
            "the",
            "total",
            "$",
            "%",
            ".",
            "members",
            "focus",
            "groups",
            "survey",
            "people",
            "use",
            "drugs",
            "1,200",
            "3.5",
            ":",
            ";",
            "were",
            "interviewed",
            "by",
            "conducted",
            "X",
            "women",
            "living",
            "HIV",
        ];
        let vocab = vocab();
        let mut seed: u64 = 0x5eed;
        for _ in 0..3000 {
            let mut text = String::new();
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let len = (seed >> 59) as usize + 1;
            for _ in 0..len * 2 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                text.push_str(POOL[(seed >> 33) as usize % POOL.len()]);
                if !(seed >> 20).is_multiple_of(3) {
                    text.push(' ');
                }
            }
            let _ = read_sentence(&text, &vocab, seed.is_multiple_of(2));
        }
    }

    #[test]
    fn survives_odd_input() {
        for text in [
            "",
            "(((",
            ")))",
            "n = ",
            "( n = 0 )",
            "a",
            "12",
            "- - -",
            "participants (",
            "interviews with , , and",
            "Ünïcödé participants ’’ were interviewed: 3 ‘peers’ — and 2 ﬁnal nurses…",
            "1,000,000,000,000 participants took part",
        ] {
            let _ = read(text);
        }
        assert_eq!(read("1,200 participants took part.").0, Some(1200));
    }
}
