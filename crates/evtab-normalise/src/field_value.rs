//! One document field in canonical form, for the records other engines read
//! (`evtab run --emit-records`): the same rules the merge applies, value by
//! value, so a SQL engine can link and merge without re-implementing them.

use evtab_model::Field;
use evtab_text::match_key;

use crate::{find_date, iso639_1, normalise_doi, parse_author, vancouver};

/// The canonical form of one field value, or `None` when the rule for its
/// field cannot read it (a DOI that is not one, a date with no year):
///
/// - `title`: the key linking compares (folded, lowercase, no punctuation);
/// - `doi`: lowercase `10.` form without resolver or prefix;
/// - `date`: ISO 8601 at the precision printed (`2021`, `2021-05`, `2021-02-16`);
/// - `author`: Vancouver form (`Family AB`);
/// - `language`: ISO 639-1 code;
/// - anything else: the value on one line, with runs of spaces collapsed.
pub fn normalise_field(field: Field, raw: &str) -> Option<String> {
    let value = match field {
        Field::Title => match_key(raw),
        Field::Doi => normalise_doi(raw)?,
        Field::Date => find_date(raw)?.iso(),
        Field::Author => vancouver(&parse_author(raw)),
        Field::Language => iso639_1(raw)?,
        _ => raw.split_whitespace().collect::<Vec<_>>().join(" "),
    };
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_gets_its_rule() {
        assert_eq!(
            normalise_field(Field::Doi, "https://doi.org/10.1186/S12913-021-X").as_deref(),
            Some("10.1186/s12913-021-x")
        );
        assert_eq!(normalise_field(Field::Date, "May 2021").as_deref(), Some("2021-05"));
        assert_eq!(normalise_field(Field::Author, "Smith, Anne Marie").as_deref(), Some("Smith AM"));
        assert_eq!(normalise_field(Field::Language, "English").as_deref(), Some("en"));
        assert_eq!(
            normalise_field(Field::Title, "“Peer” work,\n in care!").as_deref(),
            Some("peer work in care")
        );
        assert_eq!(
            normalise_field(Field::Journal, "  BMC   Health\nServices Research ").as_deref(),
            Some("BMC Health Services Research")
        );
    }

    #[test]
    fn unreadable_values_have_no_canonical_form() {
        assert_eq!(normalise_field(Field::Doi, "not a doi"), None);
        assert_eq!(normalise_field(Field::Date, "spring"), None);
        assert_eq!(normalise_field(Field::Language, "Klingon"), None);
        assert_eq!(normalise_field(Field::Publisher, "   "), None);
    }
}
