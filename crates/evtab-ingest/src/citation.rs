//! Reading a printed citation of the document's own article: the
//! "Cite this" strings of portals (APA, Vancouver, Harvard), the source
//! lines of catalogues and aggregators, PubMed's citation line and the
//! journal lines of publisher pages. Each style is one pattern; the first
//! that matches gives the parts it has.
//!
//! Invented examples of what is read:
//! - `Okafor, A., & Lindqvist, B. (2019). Peer work. Harm Reduction Journal, 16(1), 12-20. https://doi.org/…`
//! - `Okafor A, Lindqvist B. Peer work. Harm Reduct J. 2019;16(1):12-20. doi: 10.…`
//! - `Okafor, A & Lindqvist, B 2019, 'Peer work', Harm Reduction Journal, vol. 16, no. 1, pp. 12-20.`
//! - `Harm Reduct J. 2019 Mar 14;16(1):e0012. doi: 10.…`
//! - `Harm Reduction Journal volume 16, Article number: 12 (2019)`
//! - `Harm Reduction Journal, 2019, 16 (1), pp. 12 - 20` / `… 2019-07, Vol.16 (1), p.12-20`
//! - `Harm Reduction Journal (2019) 16:12` (a running header)

use std::sync::LazyLock;

use regex::Regex;

/// What a citation says about its article; only what it states is `Some`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Citation {
    /// The authors as printed, in order (style-specific separators removed).
    pub authors: Vec<String>,
    /// Whether the author list ends in `et al.` (so its length is not the count).
    pub authors_truncated: bool,
    /// Article title.
    pub title: Option<String>,
    /// Journal, in full or abbreviated (`abbreviated` says which it looks like).
    pub journal: Option<String>,
    /// Whether the journal looks abbreviated (`Harm Reduct J`, `Int. J. Nurs.`).
    pub abbreviated: bool,
    /// Year of publication.
    pub year: Option<String>,
    /// The date as printed when it is more than a year (`2019 Mar 14`).
    pub date: Option<String>,
    /// Volume.
    pub volume: Option<String>,
    /// Issue.
    pub issue: Option<String>,
    /// Pages or article number.
    pub pages: Option<String>,
    /// DOI as printed.
    pub doi: Option<String>,
    /// Which pattern read it (`apa`, `vancouver`, `harvard`, `nlm`, `bmc`,
    /// `source`, `header`), for provenance.
    pub style: &'static str,
}

const VOLUME: &str = r"(?P<volume>[A-Za-z]?\d+[A-Za-z]?)";
const ISSUE: &str = r"(?:\s?\((?P<issue>[^()]{1,24})\))?";
const PAGES: &str = r"(?P<pages>[A-Za-z]?\d+[A-Za-z]?(?:\s?[-–]\s?[A-Za-z]?\d+[A-Za-z]?)?)";

static APA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<authors>.+?)\s\((?P<year>\d{{4}})[a-z]?(?:, [^)]*)?\)\.\s(?P<title>.+?[.?!])\s(?P<journal>[^.,]+?(?:\.[^.,\d][^.,]*?)*),\s{VOLUME}{ISSUE}(?:,\s(?:Article\s)?{PAGES})?\."
    ))
    .expect("constant regex")
});
static VANCOUVER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<authors>[^.]+?)\.\s(?P<title>.+?[.?!])\s(?P<journal>[^;]+?)\.\s(?P<year>\d{{4}})(?P<month>\s[A-Z][a-z]{{2}}(?:\s\d{{1,2}})?)?;\s?{VOLUME}?{ISSUE}:\s?{PAGES}"
    ))
    .expect("constant regex")
});
static HARVARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<authors>.+?)\s(?P<year>\d{{4}}),\s['‘](?P<title>.+?)['’],\s(?P<journal>[^,]+),\s(?:vol\.\s{VOLUME})?(?:,\s(?:no\.\s(?P<issue>[^,]+)))?(?:,\s(?:pp?\.\s{PAGES}|(?P<article>\w+)))?"
    ))
    .expect("constant regex")
});
static NLM: LazyLock<Regex> = LazyLock::new(|| {
    // PubMed's source line: journal abbreviation, date, volume(issue):pages.
    Regex::new(&format!(
        r"(?:^|\.\s)(?:(?P<journal>[A-Z][^.;:]*?(?:\.[^.;:\d][^.;:]*?)*)\.\s)?(?P<date>(?P<year>\d{{4}})(?:\s[A-Z][a-z]{{2}}(?:[-/][A-Z][a-z]{{2}})?(?:\s\d{{1,2}})?)?)(?:;\s?{VOLUME}?{ISSUE}(?::\s?{PAGES})?)?[.;]"
    ))
    .expect("constant regex")
});
static BMC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<journal>.+?)\s+volume\s+(?P<volume>\w+),\s+(?:Article number|Article|Pages?):?\s*(?P<pages>[\w–-]+)\s+\((?P<year>\d{4})\)")
        .expect("constant regex")
});
static SOURCE: LazyLock<Regex> = LazyLock::new(|| {
    // Catalogue and repository source lines.
    Regex::new(&format!(
        r"^(?P<journal>[^\d,()]+?),?\s(?P<year>\d{{4}})(?:-\d{{2}}(?:-\d{{2}})?)?,\s(?:Vol\.\s?|vol\.\s|№\s)?{VOLUME}?\s?{ISSUE}(?:,\s(?:pp?\.\s?|p\.\s|с\.\s)?{PAGES})?"
    ))
    .expect("constant regex")
});
static SHORT: LazyLock<Regex> = LazyLock::new(|| {
    // PubMed's short citation under the title: `A B Okafor et al. Harm Reduct J. .`
    Regex::new(r"^(?P<first>\p{Lu}[^.,;]{1,60}?) et al\.?\s(?P<journal>\p{Lu}[^.;]*?(?:\.\s?[^.;\s][^.;]*?)*)\.\s*(?:(?P<year>(?:1[89]|20)\d{2})\b[^.;]*)?[.;]?\s*\.?$").expect("constant regex")
});
/// Running headers with their authors: `Okafor et al. Invented Studies
/// Journal (2021) 18:19`, and with one or two authors `Wilson and Rossi
/// Harm Reduct J (2018) 1:163`; a family name may open with a non-ASCII
/// capital (`Åberg`) or lowercase particles (`de la Cruz`, `van Dijk`).
/// Full texts skip them as page furniture and read them once.
pub(crate) static RUNNING_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    // Only the particles of NAME_PARTICLES may precede the capital, so a
    // continued sentence ("and colleagues in Harm Reduction Journal (2019)
    // 16:3 found …") is never taken for a header.
    let name = format!(r"(?:(?:{}) ){{0,3}}\p{{Lu}}[\w'’-]+", NAME_PARTICLES.join("|"));
    Regex::new(&format!(
        r"^(?:(?P<first>\S.{{0,60}}?) et al\.?|{name}(?: (?:and|&) {name})?) (?P<journal>[A-Z][A-Za-z&,:' .-]{{2,120}}?) \((?P<year>\d{{4}})\) (?P<volume>\d+):(?P<pages>\w+)"
    ))
    .expect("constant regex")
});
/// Lowercase words that may stand inside a personal name.
const NAME_PARTICLES: &[&str] = &[
    "van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "dos", "das", "del", "della", "ter",
    "ten",
];
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<journal>[A-Z][A-Za-z&,:' .-]{2,120}?)\s\((?P<year>\d{4})\)\s(?P<volume>\d+)(?:\((?P<issue>[^)]+)\))?:(?P<pages>\w+)")
        .expect("constant regex")
});

fn cap(c: &regex::Captures<'_>, name: &str) -> Option<String> {
    c.name(name).map(|m| m.as_str().trim().to_string()).filter(|s| !s.is_empty())
}

/// Whether a journal name looks abbreviated: dotted words, or short
/// capitalised words with none of the function words full titles have.
pub(crate) fn looks_abbreviated(journal: &str) -> bool {
    let words: Vec<&str> = journal.split_whitespace().collect();
    if words.is_empty() {
        return false;
    }
    let dotted = words.iter().filter(|w| w.ends_with('.') && w.len() <= 6).count();
    let function =
        words.iter().any(|w| matches!(w.to_lowercase().as_str(), "of" | "and" | "the" | "for" | "in" | "on"));
    dotted > 0
        || (!function
            && words.len() >= 2
            && words.iter().all(|w| w.len() <= 7)
            && words.iter().any(|w| {
                w.len() <= 4 && w.chars().all(|c| c.is_alphabetic()) && !w.chars().all(char::is_uppercase)
            }))
}

/// What a running header (`Invented Studies Journal (2017) 16:129`) says.
fn header_citation(c: &regex::Captures<'_>) -> Citation {
    Citation {
        journal: cap(c, "journal"),
        year: cap(c, "year"),
        volume: cap(c, "volume"),
        issue: cap(c, "issue"),
        pages: cap(c, "pages"),
        style: "header",
        ..Citation::default()
    }
}

/// Reads a citation string; `None` when no style matches.
pub(crate) fn parse_citation(text: &str) -> Option<Citation> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let doi = crate::doi::first_doi(&text);
    let mut out = if let Some(c) = APA.captures(&text) {
        Citation {
            authors: split_styled_authors(c.name("authors").map_or("", |m| m.as_str())),
            title: cap(&c, "title").map(|t| t.trim_end_matches('.').to_string()),
            journal: cap(&c, "journal"),
            year: cap(&c, "year"),
            volume: cap(&c, "volume"),
            issue: cap(&c, "issue"),
            pages: cap(&c, "pages"),
            style: "apa",
            ..Citation::default()
        }
    } else if let Some(c) = HARVARD.captures(&text) {
        Citation {
            authors: split_styled_authors(c.name("authors").map_or("", |m| m.as_str())),
            title: cap(&c, "title"),
            journal: cap(&c, "journal"),
            year: cap(&c, "year"),
            volume: cap(&c, "volume"),
            issue: cap(&c, "issue"),
            pages: cap(&c, "pages").or_else(|| cap(&c, "article")),
            style: "harvard",
            ..Citation::default()
        }
    } else if let Some(c) = BMC.captures(&text) {
        Citation {
            journal: cap(&c, "journal"),
            year: cap(&c, "year"),
            volume: cap(&c, "volume"),
            pages: cap(&c, "pages"),
            style: "bmc",
            ..Citation::default()
        }
    } else if let Some(c) =
        VANCOUVER.captures(&text).filter(|c| c.name("authors").is_some_and(|a| a.as_str().contains(' ')))
    {
        let month = cap(&c, "month");
        Citation {
            authors: split_styled_authors(c.name("authors").map_or("", |m| m.as_str())),
            title: cap(&c, "title").map(|t| t.trim_end_matches('.').to_string()),
            journal: cap(&c, "journal"),
            date: month.map(|m| format!("{} {m}", c.name("year").map_or("", |y| y.as_str()))),
            year: cap(&c, "year"),
            volume: cap(&c, "volume"),
            issue: cap(&c, "issue"),
            pages: cap(&c, "pages"),
            style: "vancouver",
            ..Citation::default()
        }
    } else if let Some(c) =
        SOURCE.captures(&text).filter(|c| c.name("volume").is_some() || c.name("pages").is_some())
    {
        Citation {
            journal: cap(&c, "journal"),
            year: cap(&c, "year"),
            volume: cap(&c, "volume"),
            issue: cap(&c, "issue"),
            pages: cap(&c, "pages"),
            style: "source",
            ..Citation::default()
        }
    } else if let Some(c) = NLM.captures(&text) {
        let date = cap(&c, "date").filter(|d| d.len() > 4);
        Citation {
            journal: cap(&c, "journal"),
            year: cap(&c, "year"),
            date,
            volume: cap(&c, "volume"),
            issue: cap(&c, "issue"),
            pages: cap(&c, "pages"),
            style: "nlm",
            ..Citation::default()
        }
    } else if let Some(c) = RUNNING_HEADER.captures(&text) {
        // A running header with its authors (`Okafor et al. Invented
        // Studies Journal (2017) 16:129 DOI 10.…`), not a short citation;
        // its `et al.` names the first author.
        let first: Vec<String> = cap(&c, "first").into_iter().collect();
        Citation { authors_truncated: !first.is_empty(), authors: first, ..header_citation(&c) }
    } else if let Some(c) = SHORT.captures(&text) {
        Citation { journal: cap(&c, "journal"), year: cap(&c, "year"), style: "short", ..Citation::default() }
    } else if let Some(c) = HEADER.captures(&text) {
        header_citation(&c)
    } else {
        return None;
    };
    if let Some(last) = out.authors.last()
        && (last == "et al" || last == "et al.")
    {
        out.authors.pop();
        out.authors_truncated = true;
    }
    if let Some(j) = &out.journal {
        let j = j.trim_end_matches(['.', ',']).trim();
        out.abbreviated = looks_abbreviated(j)
            || out.style == "nlm"
            || out.style == "vancouver" && !j.contains(' ') && j.len() < 12;
        out.journal = Some(j.to_string()).filter(|j| j.chars().any(char::is_alphabetic));
    }
    out.doi = doi;
    Some(out)
}

/// Splits the author part of a styled citation: `Okafor, A., Lindqvist, B.
/// R., & Dwyer, N.` (APA), `Okafor A, Lindqvist BR, Dwyer N` (Vancouver),
/// `Okafor, A, Lindqvist, BR & Dwyer, N` (Harvard). A trailing `et al.`
/// is kept as its own item for the caller to see.
pub(crate) fn split_styled_authors(list: &str) -> Vec<String> {
    let list = list.replace(", &", ",").replace(" & ", ", ").replace(" and ", ", ");
    let parts: Vec<&str> = list.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    let is_initials = |p: &str| {
        let letters: String = p.chars().filter(|c| !matches!(c, '.' | ' ' | '-')).collect();
        !letters.is_empty() && letters.chars().count() <= 4 && letters.chars().all(char::is_uppercase)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let part = parts[i];
        if part.starts_with("et al") {
            out.push("et al".to_string());
        } else if i + 1 < parts.len() && !part.contains(' ') && is_initials(parts[i + 1])
            || i + 1 < parts.len()
                && is_initials(parts[i + 1])
                && part.split_whitespace().count() <= 3
                && !is_initials(part)
                && !part.split_whitespace().last().is_some_and(is_initials)
        {
            out.push(format!("{}, {}", part, parts[i + 1]));
            i += 1;
        } else {
            out.push(part.to_string());
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apa() {
        let c = parse_citation(
            "Okafor, A. B., Lindqvist, B., & Dwyer, N. (2019). Peer work in a city: a study. Harm Reduction Journal, 16(1), 12-20. https://doi.org/10.1234/hrj.12",
        )
        .expect("apa");
        assert_eq!(c.style, "apa");
        assert_eq!(c.authors, ["Okafor, A. B.", "Lindqvist, B.", "Dwyer, N."]);
        assert_eq!(c.title.as_deref(), Some("Peer work in a city: a study"));
        assert_eq!(c.journal.as_deref(), Some("Harm Reduction Journal"));
        assert_eq!(
            (c.year.as_deref(), c.volume.as_deref(), c.issue.as_deref(), c.pages.as_deref()),
            (Some("2019"), Some("16"), Some("1"), Some("12-20"))
        );
        assert_eq!(c.doi.as_deref(), Some("10.1234/hrj.12"));
        assert!(!c.abbreviated);
    }

    #[test]
    fn vancouver_with_a_doi_prefix() {
        let c = parse_citation("Okafor AB, Lindqvist B, Dwyer N. Peer work. Qual Health Res. 2012 Mar;22(3):304-319. doi: 10.1234/qhr.5")
            .expect("vancouver");
        assert_eq!(c.style, "vancouver");
        assert_eq!(c.authors, ["Okafor AB", "Lindqvist B", "Dwyer N"]);
        assert_eq!(c.journal.as_deref(), Some("Qual Health Res"));
        assert!(c.abbreviated);
        assert_eq!((c.year.as_deref(), c.date.as_deref()), (Some("2012"), Some("2012 Mar")));
        assert_eq!(c.pages.as_deref(), Some("304-319"));
    }

    #[test]
    fn harvard() {
        let c = parse_citation("Okafor, AB, Lindqvist, B & Dwyer, N 2013, 'Peer work: a study', Community Mental Health Journal, vol. 49, no. 3, pp. 281-291.")
            .expect("harvard");
        assert_eq!(c.style, "harvard");
        assert_eq!(c.authors, ["Okafor, AB", "Lindqvist, B", "Dwyer, N"]);
        assert_eq!(c.title.as_deref(), Some("Peer work: a study"));
        assert_eq!(
            (c.volume.as_deref(), c.issue.as_deref(), c.pages.as_deref()),
            (Some("49"), Some("3"), Some("281-291"))
        );
    }

    #[test]
    fn pubmed_source_line_bmc_line_and_catalogue_sources() {
        let c = parse_citation(
            "Glob Public Health. 2024 Mar 14;4(3):e0002578. doi: 10.1234/x. eCollection 2024.",
        )
        .expect("nlm");
        assert_eq!(
            (c.style, c.journal.as_deref(), c.date.as_deref()),
            ("nlm", Some("Glob Public Health"), Some("2024 Mar 14"))
        );
        assert_eq!(
            (c.volume.as_deref(), c.issue.as_deref(), c.pages.as_deref()),
            (Some("4"), Some("3"), Some("e0002578"))
        );
        let c = parse_citation("BMC Health Services Research volume 24, Article number: 1641 (2024)")
            .expect("bmc");
        assert_eq!(
            (c.journal.as_deref(), c.volume.as_deref(), c.pages.as_deref(), c.year.as_deref()),
            (Some("BMC Health Services Research"), Some("24"), Some("1641"), Some("2024"))
        );
        let c =
            parse_citation("Mental Health and Social Inclusion, 2018, 22 (1), pp. 18 - 26").expect("source");
        assert_eq!(
            (
                c.journal.as_deref(),
                c.year.as_deref(),
                c.volume.as_deref(),
                c.issue.as_deref(),
                c.pages.as_deref()
            ),
            (
                Some("Mental Health and Social Inclusion"),
                Some("2018"),
                Some("22"),
                Some("1"),
                Some("18 - 26")
            )
        );
        let c = parse_citation("International journal of forensic work 2014-07, Vol.13 (3), p.242-251")
            .expect("source");
        assert_eq!(
            (c.journal.as_deref(), c.volume.as_deref(), c.pages.as_deref()),
            (Some("International journal of forensic work"), Some("13"), Some("242-251"))
        );
        let c = parse_citation("Harm Reduction Journal (2018) 15:9").expect("header");
        assert_eq!(
            (c.style, c.year.as_deref(), c.volume.as_deref(), c.pages.as_deref()),
            ("header", Some("2018"), Some("15"), Some("9"))
        );
    }

    #[test]
    fn pubmed_short_citation() {
        let c = parse_citation("A B Okafor et al. Harm Reduct J. .").expect("short");
        assert_eq!(
            (c.style, c.journal.as_deref(), c.year.as_deref()),
            ("short", Some("Harm Reduct J"), None)
        );
        let c = parse_citation("A B Okafor et al. Harm Reduct J. 2017.").expect("short");
        assert_eq!(c.year.as_deref(), Some("2017"));
    }

    #[test]
    fn prose_is_not_a_citation() {
        assert_eq!(parse_citation("We interviewed twelve peer workers in 2019 and 2020."), None);
        assert_eq!(parse_citation(""), None);
    }

    #[test]
    fn a_running_header_with_its_first_author_is_not_a_short_citation() {
        let c = parse_citation(
            "Okafor et al. Invented Journal for Equity in Care (2017) 16:129 DOI 10.9999/s1-017-0619-6",
        )
        .expect("header");
        assert_eq!(c.style, "header");
        assert_eq!(c.journal.as_deref(), Some("Invented Journal for Equity in Care"));
        assert_eq!(c.year.as_deref(), Some("2017"));
        assert_eq!((c.volume.as_deref(), c.pages.as_deref()), (Some("16"), Some("129")));
        assert_eq!((c.authors.as_slice(), c.authors_truncated), (&["Okafor".to_string()][..], true));
        assert_eq!(c.doi.as_deref(), Some("10.9999/s1-017-0619-6"));
        // Two authors by name: the journal is what follows them.
        let two = parse_citation("Okafor and Lindqvist Invented Care J (2018) 1:163").expect("header");
        assert_eq!((c.style, two.journal.as_deref()), ("header", Some("Invented Care J")));
        assert!(two.authors.is_empty() && !two.authors_truncated);
        // A DOI's digits are never a short citation's year.
        let short = parse_citation("A B Okafor et al. Harm Reduct J. 1186/x.").map(|c| c.year);
        assert_eq!(short, Some(None));
    }

    #[test]
    fn et_al_marks_a_truncated_list() {
        let c = parse_citation("Okafor A, Lindqvist B, et al. Peer work. Harm Reduct J. 2019;16:12.")
            .expect("vancouver");
        assert_eq!(c.authors, ["Okafor A", "Lindqvist B"]);
        assert!(c.authors_truncated);
    }
}
