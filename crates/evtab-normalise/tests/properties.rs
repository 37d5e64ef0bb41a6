//! Properties of the normalisers (issue 7), checked on generated inputs:
//! DOI normalisation is idempotent; name parsing never loses a non-space
//! character of a name; date parsing never accepts an impossible date.

use std::collections::BTreeMap;

use evtab_normalise::{PartialDate, normalise_doi, parse_author, parse_date};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------- DOIs

/// A DOI as printed somewhere: any prefix, mixed case, trailing punctuation.
fn printed_doi() -> impl Strategy<Value = (String, String)> {
    let prefix = prop::sample::select(vec![
        "",
        "doi:",
        "DOI: ",
        "doi ",
        "https://doi.org/",
        "http://dx.doi.org/",
        "https://dx.doi.org/",
        "doi.org/",
        "<https://doi.org/",
    ]);
    let registrant = "[0-9]{4,9}";
    let suffix = "[A-Za-z0-9][A-Za-z0-9._;()/:-]{0,30}[A-Za-z0-9]";
    let tail = prop::sample::select(vec!["", ".", ",", ";", ")", "]", ">", ". "]);
    (prefix, registrant, suffix, tail, any::<bool>()).prop_map(|(prefix, registrant, suffix, tail, upper)| {
        let bare = format!("10.{registrant}/{suffix}");
        let shown = if upper { bare.to_uppercase() } else { bare.clone() };
        (format!("  {prefix}{shown}{tail}"), bare.to_ascii_lowercase())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn doi_normalisation_is_idempotent_on_any_text(raw in any::<String>()) {
        if let Some(doi) = normalise_doi(&raw) {
            prop_assert_eq!(normalise_doi(&doi), Some(doi.clone()));
            prop_assert!(doi.starts_with("10.") && !doi.bytes().any(|b| b.is_ascii_uppercase()));
        }
    }

    #[test]
    fn a_printed_doi_gives_its_bare_lowercase_form_and_is_then_stable((printed, bare) in printed_doi()) {
        let once = normalise_doi(&printed);
        prop_assert_eq!(once.as_deref(), Some(bare.as_str()), "from {:?}", printed);
        prop_assert_eq!(normalise_doi(&bare), once);
    }
}

// ---------------------------------------------------------------- names

/// Affiliation and corresponding-author markers: removed by design.
fn marker() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["1", "12", "²", "¹³", "*", "†", "‡", "§", "^{1}", "^{2*}", "^{a,b}"])
        .prop_map(String::from)
}

/// A character that may stand in a name (not a space, separator or marker).
fn name_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('a', 'z'),
        3 => prop::char::range('A', 'Z'),
        2 => prop::sample::select(vec!['é', 'ü', 'ø', 'ł', 'ñ', 'Ç', 'Ž', '’', '\'', '-', '\u{301}', '\u{308}', 'Ж', 'Ω', '李', 'ǅ', 'ß', 'İ']),
        1 => any::<char>(),
    ]
    .prop_filter("not a space, separator or marker", |c| {
        !c.is_whitespace() && !c.is_numeric() && !",.^{}*†‡§".contains(*c)
    })
}

/// One token of a printed name, and whether it is a marker.
fn name_token() -> impl Strategy<Value = (String, bool)> {
    prop_oneof![
        6 => prop::collection::vec(name_char(), 1..9).prop_map(|cs| (cs.into_iter().collect::<String>(), false)),
        2 => prop::sample::select(vec![" ", "  ", ", ", ",", " , ", ".", ". ", "\t"]).prop_map(|s| (s.to_string(), false)),
        1 => prop::sample::select(vec!["Jr", "Jr.", "Sr", "II", "III", "IV", "van", "de", "la", "AB", "J.", "LC"])
            .prop_map(|s| (s.to_string(), false)),
        1 => marker().prop_map(|m| (m, true)),
    ]
}

/// Characters that carry a name: not spaces, separators (`,` `.`) or markers.
fn significant(text: &str) -> BTreeMap<char, usize> {
    let mut counts = BTreeMap::new();
    for c in text.nfd().filter(|c| !c.is_whitespace() && *c != ',' && *c != '.') {
        *counts.entry(c).or_insert(0) += 1;
    }
    counts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn name_parsing_never_loses_a_character_of_the_name(tokens in prop::collection::vec(name_token(), 0..10)) {
        let raw: String = tokens.iter().map(|(t, _)| t.as_str()).collect();
        let name_only: String = tokens.iter().map(|(t, marker)| if *marker { " " } else { t.as_str() }).collect();
        let author = parse_author(&raw);
        prop_assert_eq!(&author.raw, raw.trim());
        let kept = significant(&format!("{} {} {}", author.family, author.given, author.initials));
        for (c, n) in significant(&name_only) {
            let got = kept.get(&c).copied().unwrap_or(0);
            prop_assert!(got >= n, "{:?} appears {} times in {:?} but {} times in {:?}", c, n, raw, got, author);
        }
    }

    #[test]
    fn name_parts_are_trimmed_and_never_invent_letters(raw in any::<String>()) {
        let author = parse_author(&raw);
        for part in [&author.family, &author.given, &author.initials] {
            prop_assert_eq!(part.trim(), part.as_str());
        }
        let input = significant(&raw);
        for (c, _) in significant(&format!("{}{}", author.family, author.given)) {
            prop_assert!(input.contains_key(&c), "{:?} in {:?} is not in {:?}", c, author, raw);
        }
    }
}

// ---------------------------------------------------------------- dates

/// The calendar, written independently of the code under test.
fn is_real_date(year: i64, month: i64, day: i64) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

fn check_possible(date: &PartialDate) -> Result<(), TestCaseError> {
    prop_assert!((1000..=2999).contains(&date.year), "{:?}", date);
    match (date.month, date.day) {
        (Some(m), Some(d)) => prop_assert!(is_real_date(date.year.into(), m.into(), d.into()), "{:?}", date),
        (Some(m), None) => prop_assert!((1..=12).contains(&m), "{:?}", date),
        (None, Some(_)) => prop_assert!(false, "a day without a month: {:?}", date),
        (None, None) => {}
    }
    prop_assert_eq!(parse_date(&date.iso()), Some(*date), "the ISO form reads back");
    Ok(())
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn no_text_gives_an_impossible_date(raw in any::<String>()) {
        if let Some(date) = parse_date(&raw) {
            check_possible(&date)?;
        }
    }

    #[test]
    fn no_date_like_text_gives_an_impossible_date(raw in "[0-9]{1,5}(-[0-9]{1,4}){0,3}|([0-9]{1,3} )?[A-Za-z]{3,9}\\.?,? ([0-9]{1,3},? )?[0-9]{4}") {
        if let Some(date) = parse_date(&raw) {
            check_possible(&date)?;
        }
    }

    #[test]
    fn an_iso_date_is_read_exactly_when_it_exists(year in 900i64..3100, month in 0i64..15, day in 0i64..35) {
        let iso = format!("{year:04}-{month:02}-{day:02}");
        let want = ((1000..=2999).contains(&year) && is_real_date(year, month, day))
            .then_some((year, Some(month), Some(day)));
        let got = parse_date(&iso).map(|d| (i64::from(d.year), d.month.map(i64::from), d.day.map(i64::from)));
        prop_assert_eq!(got, want, "{}", iso);
    }

    #[test]
    fn a_written_date_is_read_exactly_when_it_exists(year in 1000i64..3000, month in 1i64..=12, day in 0i64..35, style in 0..3u8) {
        let name = MONTHS[usize::try_from(month - 1).unwrap_or(0)];
        let text = match style {
            0 => format!("{day} {name} {year}"),
            1 => format!("{name} {day}, {year}"),
            _ => format!("{year} {} {day}", &name[..3]),
        };
        let want = is_real_date(year, month, day).then_some((year, Some(month), Some(day)));
        let got = parse_date(&text).map(|d| (i64::from(d.year), d.month.map(i64::from), d.day.map(i64::from)));
        prop_assert_eq!(got, want, "{}", text);
    }

    #[test]
    fn a_part_out_of_range_is_never_dropped(year in 1000i64..3000, part in 32u32..100_000) {
        // `2021-300` is not the year 2021, and `2021-02-300` is not February 2021.
        for text in [format!("{year}-{part}"), format!("{year}-02-{part}"), format!("{year}-{part}-01")] {
            prop_assert_eq!(parse_date(&text), None, "{}", text);
        }
    }
}
