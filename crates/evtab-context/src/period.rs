//! Data collection period: `between March and September 2019` ->
//! `2019-03/2019-09`, `from 2019 to 2020` -> `2019/2020`, `Data were collected
//! in 2018` -> `2018`. Only sentences about collecting data (a cue word such
//! as `collected`, `took place`, `recruited`) in the title, abstract or
//! Methods count, and not a date that belongs to something else
//! (`a programme established in 2012`).

use regex::Regex;

use evtab_model::{Section, StudyField};

use crate::ContextValue;
use crate::folded::fold;
use crate::units::{Origin, Sentence};
use crate::vocab::{ContextVocab, VocabError};

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const YEAR: &str = r"(?:19[5-9]\d|20\d\d)";
const DAY: &str = r"(?:[0-3]?\d(?:st|nd|rd|th)?)";
const SEASON: &str = r"(?:spring|summer|fall|autumn|winter)";

/// The compiled date grammar, built once with the vocabulary.
#[derive(Debug, Clone)]
pub(crate) struct PeriodPatterns {
    /// Range patterns with their rule names, most explicit first.
    ranges: Vec<(Regex, &'static str)>,
    single: Regex,
}

impl PeriodPatterns {
    pub(crate) fn new() -> Result<Self, VocabError> {
        let date = format!(
            r"(?:(?:{DAY}\s+)?{MONTH}\b\.?(?:\s+{DAY}\b,?)?(?:,?\s+(?:of\s+)?{YEAR}\b)?|(?:(?:early|mid|late)[\s-]+)?(?:{SEASON}\s+(?:of\s+)?)?{YEAR}\b)"
        );
        let build = |pattern: String| {
            Regex::new(&format!("(?i){pattern}")).map_err(|e| VocabError::Matcher(e.to_string()))
        };
        let ranges = vec![
            (
                build(format!(
                    r"\bbetween\s+(?:the\s+)?(?P<a>{date})\s+(?:and|to)\s+(?:the\s+)?(?P<b>{date})"
                ))?,
                "between",
            ),
            (
                build(format!(
                    r"\bfrom\s+(?:the\s+)?(?P<a>{date})\s*(?:\s(?:to|until|till|through|thru)\s|[-–—])\s*(?:the\s+)?(?P<b>{date})"
                ))?,
                "from_to",
            ),
            (
                build(format!(r"(?P<a>{date})\s*(?:[-–—/]|\s(?:to|until|through)\s)\s*(?P<b>{date})"))?,
                "range",
            ),
            (build(format!(r"\b(?:in|during)\s+(?:the\s+)?(?P<a>{date})\s+and\s+(?P<b>{date})"))?, "in_and"),
        ];
        let single = build(format!(r"\b(?:in|during|throughout|over|within)\s+(?:the\s+)?(?P<a>{date})"))?;
        Ok(PeriodPatterns { ranges, single })
    }
}

/// A date as precise as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub(crate) fn precision(self) -> u8 {
        1 + u8::from(self.month.is_some()) + u8::from(self.month.is_some() && self.day.is_some())
    }

    pub(crate) fn iso(self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// The same date cut to a coarser precision.
    pub(crate) fn truncate(self, precision: u8) -> PartialDate {
        PartialDate {
            year: self.year,
            month: if precision >= 2 { self.month } else { None },
            day: if precision >= 3 { self.day } else { None },
        }
    }

    fn sort_key(self) -> (i32, u32, u32) {
        (self.year, self.month.unwrap_or(0), self.day.unwrap_or(0))
    }
}

/// An ISO 8601 interval (`2019-03/2019-09`) or single period (`2018`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Period {
    pub start: PartialDate,
    pub end: PartialDate,
}

impl Period {
    pub(crate) fn precision(self) -> u8 {
        self.start.precision().min(self.end.precision())
    }

    pub(crate) fn iso(self) -> String {
        let (a, b) = (self.start.iso(), self.end.iso());
        if a == b { a } else { format!("{a}/{b}") }
    }

    pub(crate) fn truncate(self, precision: u8) -> Period {
        Period { start: self.start.truncate(precision), end: self.end.truncate(precision) }
    }

    /// Reads back a value written by [`Period::iso`].
    pub(crate) fn parse_iso(text: &str) -> Option<Period> {
        let mut parts = text.split('/');
        let start = parse_iso_date(parts.next()?)?;
        let end = match parts.next() {
            Some(e) => parse_iso_date(e)?,
            None => start,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Period { start, end })
    }
}

fn parse_iso_date(text: &str) -> Option<PartialDate> {
    let mut parts = text.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next().map(str::parse).transpose().ok()?;
    let day = parts.next().map(str::parse).transpose().ok()?;
    Some(PartialDate { year, month, day })
}

const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Reads `5 March 2019`, `March 2019`, `March`, `2019`, `summer of 2019`.
/// A month must be capitalised (`may` is a verb). Returns the parts found.
fn parse_date(printed: &str) -> Option<(Option<i32>, Option<u32>, Option<u32>)> {
    let mut year = None;
    let mut month = None;
    let mut day = None;
    for token in printed.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
        let digits: String = token.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            let value: u32 = digits.parse().ok()?;
            if digits.len() == 4 {
                year = Some(i32::try_from(value).ok()?);
            } else if (1..=31).contains(&value) {
                day = Some(value);
            }
            continue;
        }
        let lower = token.to_lowercase();
        if let Some(m) = MONTHS.iter().position(|m| lower.starts_with(m)) {
            if lower.len() >= 3 && token.chars().next().is_some_and(char::is_uppercase) {
                month = Some(u32::try_from(m).ok()? + 1);
            } else if lower == "may" {
                return None;
            }
        }
    }
    if month.is_none() {
        day = None;
    }
    if year.is_none() && month.is_none() {
        return None;
    }
    Some((year, month, day))
}

/// Builds a period from two partial dates, lending the year of one end to
/// the other (`between March and September 2019`).
fn assemble(
    a: (Option<i32>, Option<u32>, Option<u32>),
    b: (Option<i32>, Option<u32>, Option<u32>),
) -> Option<Period> {
    let (ay, am, ad) = a;
    let (by, bm, bd) = b;
    let (start_year, end_year) = match (ay, by) {
        (Some(x), Some(y)) => (x, y),
        (None, Some(y)) => (if am.zip(bm).is_some_and(|(m1, m2)| m1 > m2) { y - 1 } else { y }, y),
        (Some(x), None) => (x, if am.zip(bm).is_some_and(|(m1, m2)| m2 < m1) { x + 1 } else { x }),
        (None, None) => return None,
    };
    let start = PartialDate { year: start_year, month: am, day: ad };
    let end = PartialDate { year: end_year, month: bm, day: bd };
    let (ks, ke) = (start.sort_key(), end.sort_key());
    if ks.0 > ke.0 || (ks.0 == ke.0 && ks.1 > 0 && ke.1 > 0 && ks > ke) {
        return None;
    }
    if end_year - start_year > 20 {
        return None;
    }
    Some(Period { start, end })
}

/// The periods one sentence states, with the rule that read each.
pub(crate) fn read_sentence(
    patterns: &PeriodPatterns,
    text: &str,
    blockers: &[String],
) -> Option<(Period, &'static str)> {
    let blocked = |start: usize| {
        let before = fold(text.get(..start).unwrap_or(""));
        before.split(' ').rev().take(4).any(|w| blockers.iter().any(|b| b == w))
    };
    let mut ranges: Vec<(usize, usize, Period, &'static str)> = Vec::new();
    for (regex, rule) in &patterns.ranges {
        for caps in regex.captures_iter(text) {
            let (Some(whole), Some(a), Some(b)) = (caps.get(0), caps.name("a"), caps.name("b")) else {
                continue;
            };
            if blocked(whole.start()) {
                continue;
            }
            let period = parse_date(a.as_str()).zip(parse_date(b.as_str())).and_then(|(a, b)| assemble(a, b));
            if let Some(period) = period {
                ranges.push((whole.start(), whole.end(), period, rule));
            }
        }
    }
    ranges.sort_by_key(|r| r.0);
    if let Some(&(_, _, period, rule)) = ranges.first() {
        return Some((period, rule));
    }
    for caps in patterns.single.captures_iter(text) {
        let (Some(whole), Some(a)) = (caps.get(0), caps.name("a")) else { continue };
        if blocked(whole.start()) {
            continue;
        }
        let Some((Some(year), month, day)) = parse_date(a.as_str()) else { continue };
        let date = PartialDate { year, month, day };
        return Some((Period { start: date, end: date }, "in"));
    }
    None
}

/// Collection periods stated in one document (one per sentence that states one).
pub(crate) fn extract(doc_id: &str, sentences: &[Sentence<'_>], vocab: &ContextVocab) -> Vec<ContextValue> {
    let mut values: Vec<ContextValue> = Vec::new();
    for s in sentences {
        let score = match s.origin {
            Origin::Title => 1,
            Origin::Abstract(_) => 2,
            Origin::Body(Section::Methods) => 3,
            _ => 0,
        };
        if score == 0 || s.affiliation || !vocab.period_cues.any_in(&s.folded) {
            continue;
        }
        let Some((period, rule)) = read_sentence(&vocab.period_patterns, s.text, &vocab.period_blockers)
        else {
            continue;
        };
        let value = period.iso();
        if values.iter().any(|v| v.value == value && v.score >= score) {
            continue;
        }
        values.push(ContextValue {
            field: StudyField::CollectionPeriod,
            value,
            doc_id: doc_id.to_string(),
            line: s.line,
            rule: format!("period:{}:{rule}", s.origin.name()),
            precision: period.precision(),
            score,
        });
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<String> {
        let patterns = PeriodPatterns::new().ok()?;
        read_sentence(&patterns, text, &["established".to_string(), "since".to_string()])
            .map(|(p, _)| p.iso())
    }

    #[test]
    fn reads_the_issue_examples() {
        assert_eq!(
            read("The study took place between March and September 2019 in an urban center.").as_deref(),
            Some("2019-03/2019-09")
        );
        assert_eq!(
            read("Data were collected from 2019 to 2020 using interviews.").as_deref(),
            Some("2019/2020")
        );
        assert_eq!(
            read("A study was conducted between 2020 and 2022 to explore.").as_deref(),
            Some("2020/2022")
        );
        assert_eq!(read("Data were collected in 2018.").as_deref(), Some("2018"));
    }

    #[test]
    fn reads_other_shapes() {
        assert_eq!(
            read("Interviews were held from November 2019 to February 2020.").as_deref(),
            Some("2019-11/2020-02")
        );
        assert_eq!(
            read("Interviews were held between November and March 2020.").as_deref(),
            Some("2019-11/2020-03")
        );
        assert_eq!(read("Recruitment ran during 2019–2020.").as_deref(), Some("2019/2020"));
        assert_eq!(
            read("Data were collected from 5 March 2019 to 10 April 2019.").as_deref(),
            Some("2019-03-05/2019-04-10")
        );
        assert_eq!(read("Fieldwork took place in the summer of 2017.").as_deref(), Some("2017"));
        assert_eq!(read("Interviews took place in June 2021.").as_deref(), Some("2021-06"));
        assert_eq!(
            read("The study was conducted in Ontario in 2019 and 2020.").as_deref(),
            Some("2019/2020")
        );
        assert_eq!(read("Focus groups were held (March–May 2021).").as_deref(), Some("2021-03/2021-05"));
    }

    #[test]
    fn ignores_non_dates_and_dates_of_other_things() {
        assert_eq!(read("Interviews lasted from 15 to 30 min."), None);
        assert_eq!(read("Participants aged between 20 and 65 were recruited."), None);
        assert_eq!(read("We recruited from a programme established in 2012."), None);
        assert_eq!(read("Participants may be recruited in may."), None);
        assert_eq!(read("Data from 2020 to 2019 were collected."), None);
    }

    #[test]
    fn iso_round_trip_and_truncation() {
        let p = Period::parse_iso("2019-03/2019-09");
        assert_eq!(p.map(Period::iso).as_deref(), Some("2019-03/2019-09"));
        assert_eq!(p.map(|p| p.truncate(1).iso()).as_deref(), Some("2019"));
        assert_eq!(p.map(Period::precision), Some(2));
        assert_eq!(Period::parse_iso("x/y"), None);
    }
}
