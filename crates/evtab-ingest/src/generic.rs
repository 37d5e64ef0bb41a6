//! Pages of no known platform: publisher article pages, PubMed, other
//! repositories and aggregators. They are read only by what every page
//! reading finds (labels of `pipelines/formats/generic.toml`, the heading,
//! the line of names under it, the article's own citation, DOIs) and by
//! embedded machine records; the document is always `partial`, with a
//! message that says what was found and what was not, so nothing is
//! guessed silently.

use evtab_model::{Field, SourceFormat, SourceRecord};

use crate::collect::Collector;
use crate::layout::Layouts;
use crate::page::{read_page, read_unlabelled_abstract};

/// What a generic reading reports as found or not found.
const REPORTED: [(Field, &str); 5] = [
    (Field::Title, "title"),
    (Field::Author, "authors"),
    (Field::Date, "date"),
    (Field::Journal, "journal"),
    (Field::Doi, "DOI"),
];

/// Parses a page of no known platform.
pub fn parse(doc_id: &str, text: &str, layouts: &Layouts) -> SourceRecord {
    let mut record = SourceRecord::new(doc_id, SourceFormat::Generic);
    let Some(layout) = layouts.family(SourceFormat::Generic) else {
        record.warnings.push("no layout for generic pages in pipelines/formats".to_string());
        return record;
    };
    let mut c = Collector::default();
    let facts = read_page(text, layout, layouts, &mut c, &mut record, true);
    if !facts.has_abstract {
        read_unlabelled_abstract(text, layout, &mut record);
    }
    c.finish(&mut record);
    let has = |f: Field| {
        record.first(f).is_some() || (f == Field::Journal && record.first(Field::JournalAbbrev).is_some())
    };
    let found: Vec<&str> = REPORTED.iter().filter(|(f, _)| has(*f)).map(|(_, n)| *n).collect();
    let missing: Vec<&str> = REPORTED.iter().filter(|(f, _)| !has(*f)).map(|(_, n)| *n).collect();
    let abstract_note = if record.passages.is_empty() { "no abstract" } else { "an abstract" };
    record.warnings.push(format!(
        "a page of no known platform, read by its labels, heading and citations: found {}{}; not found: {}",
        if found.is_empty() { "nothing".to_string() } else { found.join(", ") },
        format_args!(", {abstract_note}"),
        if missing.is_empty() { "nothing".to_string() } else { missing.join(", ") }
    ));
    record
}

/// Whether a generic reading found enough to be a bibliographic record:
/// a title and at least one other fact or its abstract (a repository page
/// that prints only the two), or, without a title, the
/// article's own citation line (a DOI with its journal and year, as a
/// database page cut above its title prints it: `Invent J Care. 2011
/// Mar;12(3):45-56. doi: …`), which links it to its study. Anything less
/// is not recognised.
pub(crate) fn is_enough(record: &SourceRecord) -> bool {
    let has = |f: Field| record.first(f).is_some();
    let titled = has(Field::Title)
        && ([Field::Author, Field::Doi, Field::Date, Field::Journal, Field::JournalAbbrev]
            .into_iter()
            .any(has)
            || !record.passages.is_empty());
    let cited = has(Field::Doi) && (has(Field::Journal) || has(Field::JournalAbbrev)) && has(Field::Date);
    titled || cited
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_citation_line_without_a_title_is_enough_and_a_title_alone_is_not() {
        let layouts = crate::layout::test_layouts();
        let cited = "Invented Institute, Nowhere.\nInvent J Care. 2011 Mar;12(3):45-56. doi: 10.9999/ijc.24. Epub 2011 Jan 3.\n";
        let record = parse("d", cited, &layouts);
        assert!(record.first(Field::Title).is_none() && is_enough(&record), "{record:?}");
        let record_with = |fields: &[Field]| {
            let mut r = SourceRecord::new("d", SourceFormat::Generic);
            for &f in fields {
                r.push(f, "x 2020", 1);
            }
            r
        };
        assert!(!is_enough(&record_with(&[Field::Title])));
        assert!(!is_enough(&record_with(&[Field::Doi, Field::Date])));
        assert!(is_enough(&record_with(&[Field::Title, Field::Author])));
        assert!(is_enough(&record_with(&[Field::Doi, Field::JournalAbbrev, Field::Date])));
    }

    #[test]
    fn a_title_with_its_abstract_is_enough() {
        let layouts = crate::layout::test_layouts();
        let page = "Invented University Repository\n\nPeer work in wards: a qualitative study of what workers do\n\n\
            Background: peer workers are employed in many wards of many hospitals, yet what they do there from \
            day to day is rarely described by anyone, and the workers themselves are seldom asked how they see \
            their own work, what helps them in it and what makes it harder for them and for the wards.\n\n\
            Methods: three focus groups were held with the workers of two invented hospitals in the study.\n\n\
            Results: themes identified included the work itself, the ward and learning on the job.\n";
        let record = parse("d", page, &layouts);
        assert!(record.first(Field::Title).is_some() && !record.passages.is_empty(), "{record:?}");
        assert!(is_enough(&record), "{record:?}");
    }
}
