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

fn month_number(word: &str) -> Option<u8> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(raw: &str) -> Option<String> {
        parse_date(raw).map(|d| d.iso())
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
