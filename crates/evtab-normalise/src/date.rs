//! Bibliographic dates, which are often partial (`2021`, `May 2021`).

/// A date known to the year, month or day. Never an impossible date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    /// Year.
    pub year: i32,
    /// Month 1–12, when known.
    pub month: Option<u8>,
    /// Day of month, when known (only with a month).
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

impl PartialDate {
    /// A checked date: `None` for month 13, 30 February and the like.
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Option<Self> {
        if !(1000..=2999).contains(&year) {
            return None;
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return None;
            }
            if let Some(d) = day
                && (d == 0 || d > days_in_month(year, m))
            {
                return None;
            }
        } else if day.is_some() {
            return None;
        }
        Some(PartialDate { year, month, day })
    }

    /// How much is known: 1 year, 2 month, 3 day.
    pub fn precision(&self) -> u8 {
        1 + u8::from(self.month.is_some()) + u8::from(self.day.is_some())
    }

    /// ISO 8601 at the known precision (`2021`, `2021-05`, `2021-02-16`).
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// Whether two dates can describe the same day (one is a prefix of the other).
    pub fn compatible(&self, other: &PartialDate) -> bool {
        self.year == other.year
            && (self.month.is_none() || other.month.is_none() || self.month == other.month)
            && (self.day.is_none() || other.day.is_none() || self.day == other.day)
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The month a name or abbreviation names (`Jul`, `july`), 1 to 12.
pub(crate) fn month_number(word: &str) -> Option<u8> {
    let lower = word.trim_end_matches('.').to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| m.starts_with(&lower)).and_then(|i| u8::try_from(i + 1).ok())
}

/// Parses `2021-02-16`, `2021-02-16T20:08:11Z`, `2021-05`, `2021`,
/// `May 2021`, `16 February 2021`, `February 16, 2021`, `2018 Aug 14`.
pub fn parse_date(raw: &str) -> Option<PartialDate> {
    let s = raw.trim();
    let s = s.split('T').next().unwrap_or(s);
    let numeric: Vec<&str> = s.split('-').collect();
    if numeric.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
        if numeric.len() > 3 || numeric[0].len() != 4 {
            return None;
        }
        let year = numeric[0].parse().ok()?;
        // A part that is printed but out of range (`2021-300`) makes the
        // whole date unreadable; it is never silently dropped.
        let month = match numeric.get(1) {
            Some(m) => Some(m.parse::<u8>().ok()?),
            None => None,
        };
        let day = match numeric.get(2) {
            Some(d) => Some(d.parse::<u8>().ok()?),
            None => None,
        };
        return PartialDate::new(year, month, day);
    }
    let words: Vec<&str> = s.split([' ', ',']).filter(|w| !w.is_empty()).collect();
    let mut year = None;
    let mut month = None;
    let mut day = None;
    for word in &words {
        if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) && year.is_none() {
            year = word.parse().ok();
        } else if word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()) && day.is_none() {
            day = word.parse().ok();
        } else if let Some(m) = month_number(word) {
            if month.is_some() {
                return None;
            }
            month = Some(m);
        } else {
            return None;
        }
    }
    PartialDate::new(year?, month, if month.is_some() { day } else { None })
}

/// The date a printed value states, wherever it stands in it: the whole
/// value as [`parse_date`] reads it, else the most precise date inside it
/// (`BMC 2025-07-01`, `Published - Mar 2018`, `Julkaistu - 8 marrask. 2022`,
/// `01.12.2022`, `2022Author`), else its year. A value with no year in it
/// is not a date.
pub fn find_date(raw: &str) -> Option<PartialDate> {
    if let Some(date) = parse_date(raw) {
        return Some(date);
    }
    let s = raw.trim();
    if let Some(c) = ISO_IN_TEXT.captures(s) {
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u8>().ok());
        if let Some(date) = PartialDate::new(c[1].parse().ok()?, num(2), num(3)) {
            return Some(date);
        }
    }
    if let Some(c) = DOTTED.captures(s)
        && let Some(date) = PartialDate::new(c[3].parse().ok()?, c[2].parse().ok(), c[1].parse().ok())
    {
        return Some(date);
    }
    // `14 March 2024`, `March 14, 2024`, `2024 Mar 14`, `Mar 2024`: a run of
    // words around a year that parse_date reads whole.
    let words: Vec<&str> =
        s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    for (i, w) in words.iter().enumerate() {
        let w = w.trim_matches(|c: char| !c.is_ascii_digit());
        if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
            for (from, to) in [
                (i.saturating_sub(2), i + 1),
                (i.saturating_sub(1), i + 1),
                (i, (i + 3).min(words.len())),
                (i, (i + 2).min(words.len())),
            ] {
                let window = words[from..to].join(" ");
                if let Some(date) = parse_date(&window).filter(|d| d.month.is_some()) {
                    return Some(date);
                }
            }
        }
    }
    let year = YEAR_IN_TEXT.captures(s)?;
    PartialDate::new(year[1].parse().ok()?, None, None)
}

static ISO_IN_TEXT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?:^|[^\d])((?:19|20)\d{2})-(\d{2})(?:-(\d{2}))?(?:[^\d]|$)").expect("constant regex")
});
static DOTTED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?:^|[^\d])(\d{1,2})\.(\d{1,2})\.((?:19|20)\d{2})(?:[^\d]|$)")
        .expect("constant regex")
});
static YEAR_IN_TEXT: std::sync::LazyLock<regex::Regex> =
    // A year followed by a date part that could not be read (`2021-300`) is
    // not taken alone: the date is unreadable and said so.
    std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:^|[^\d\-/.])((?:19|20)\d{2})(?:$|[^\d\-/.]|[\-/.](?:$|[^\d]))")
            .expect("constant regex")
    });

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(raw: &str) -> Option<String> {
        parse_date(raw).map(|d| d.iso())
    }

    #[test]
    fn dates_inside_printed_values() {
        let iso = |s: &str| find_date(s).map(|d| d.iso());
        assert_eq!(iso("BMC 2025-07-01").as_deref(), Some("2025-07-01"));
        assert_eq!(iso("Published - Mar 2018").as_deref(), Some("2018-03"));
        assert_eq!(iso("Julkaistu - 8 marrask. 2022").as_deref(), Some("2022"));
        assert_eq!(iso("01.12.2022").as_deref(), Some("2022-12-01"));
        assert_eq!(iso("2022Author").as_deref(), Some("2022"));
        assert_eq!(iso("Published: 14 March 2024").as_deref(), Some("2024-03-14"));
        assert_eq!(iso("no date here 123"), None);
        assert_eq!(iso("vol 12345"), None);
        assert_eq!(iso("2021-300"), None, "an unreadable part is never dropped");
    }

    #[test]
    fn printed_forms_become_iso() {
        assert_eq!(iso("2021-02-16"), Some("2021-02-16".into()));
        assert_eq!(iso("2021-02-16T20:08:11Z"), Some("2021-02-16".into()));
        assert_eq!(iso("May 2021"), Some("2021-05".into()));
        assert_eq!(iso("16 February 2021"), Some("2021-02-16".into()));
        assert_eq!(iso("February 16, 2021"), Some("2021-02-16".into()));
        assert_eq!(iso("2018 Aug 14"), Some("2018-08-14".into()));
        assert_eq!(iso("2018"), Some("2018".into()));
    }

    #[test]
    fn impossible_or_unreadable_dates_are_refused() {
        assert_eq!(iso("2021-02-30"), None);
        assert_eq!(iso("2021-13"), None);
        assert_eq!(iso("2019-02-29"), None);
        assert_eq!(iso("2020-02-29"), Some("2020-02-29".into()));
        assert_eq!(iso("Spring 2021"), None);
        assert_eq!(iso("21"), None);
        assert_eq!(iso("2021-300"), None);
        assert_eq!(iso("2021-02-999"), None);
        assert_eq!(iso(""), None);
    }

    #[test]
    fn compatibility_is_prefix_agreement() {
        let day = parse_date("2021-02-16").expect("date");
        assert!(day.compatible(&parse_date("2021").expect("date")));
        assert!(day.compatible(&parse_date("Feb 2021").expect("date")));
        assert!(!day.compatible(&parse_date("May 2021").expect("date")));
    }
}
