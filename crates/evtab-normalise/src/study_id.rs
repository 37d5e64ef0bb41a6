//! Study identifiers: `okafor2021`, with `a`/`b` suffixes on collision.

use std::collections::BTreeMap;

use evtab_model::Study;
use evtab_text::match_key;

/// The base id: lowercase ASCII letters of the first author's family name
/// (`anon` when unknown) and the year (`nd` when unknown).
pub fn base_study_id(study: &Study) -> String {
    let family: String = study
        .authors
        .first()
        .map(|a| match_key(&a.family).chars().filter(char::is_ascii_lowercase).collect())
        .filter(|f: &String| !f.is_empty())
        .unwrap_or_else(|| "anon".to_string());
    let year = study.year.map_or_else(|| "nd".to_string(), |y| y.to_string());
    format!("{family}{year}")
}

/// Assigns ids to all studies. Colliding studies are ordered by title key
/// and then by their documents, so the suffixes do not depend on input order.
pub fn assign_study_ids(studies: &mut [Study]) {
    let mut by_base: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, study) in studies.iter().enumerate() {
        by_base.entry(base_study_id(study)).or_default().push(i);
    }
    for (base, mut members) in by_base {
        if members.len() == 1 {
            studies[members[0]].study_id = base;
            continue;
        }
        members.sort_by_cached_key(|&i| {
            (studies[i].title.as_deref().map(match_key), studies[i].doc_ids.clone())
        });
        for (n, i) in members.into_iter().enumerate() {
            studies[i].study_id = format!("{base}{}", suffix(n));
        }
    }
}

/// `a`..`z`, then `aa`, `ab`, ...
fn suffix(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + u8::try_from(n % 26).unwrap_or(0));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use evtab_model::Author;

    use super::*;

    fn study(family: &str, year: Option<i32>, title: &str) -> Study {
        Study {
            authors: vec![Author {
                family: family.into(),
                given: String::new(),
                initials: String::new(),
                raw: family.into(),
            }],
            year,
            title: Some(title.into()),
            ..Study::default()
        }
    }

    #[test]
    fn ids_fold_names_to_ascii() {
        assert_eq!(base_study_id(&study("O’Shea", Some(2021), "t")), "oshea2021");
        assert_eq!(base_study_id(&study("Lessard", Some(2024), "t")), "lessard2024");
        assert_eq!(base_study_id(&study("Émile-Zoë", None, "t")), "emilezoend");
        assert_eq!(base_study_id(&Study::default()), "anonnd");
    }

    #[test]
    fn collisions_get_suffixes_independent_of_order() {
        let mut a = vec![
            study("Smith", Some(2020), "Beta"),
            study("Smith", Some(2020), "Alpha"),
            study("Jones", Some(2020), "X"),
        ];
        assign_study_ids(&mut a);
        let ids: Vec<_> = a.iter().map(|s| s.study_id.as_str()).collect();
        assert_eq!(ids, ["smith2020b", "smith2020a", "jones2020"]);
        assert_eq!(suffix(0), "a");
        assert_eq!(suffix(25), "z");
        assert_eq!(suffix(26), "aa");
    }
}
