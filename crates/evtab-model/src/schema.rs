//! The columns of `studies.csv`, once: [`StudyField`] names each column,
//! its type and what it means, and [`Study::value`] / [`Study::set`] read
//! and write it. The report's schema and frames, the data package, the
//! overrides' settable fields and the contract's table in `docs/tables.md`
//! are all derived from (or checked against) this one list, so a column
//! cannot be added in one place and forgotten in another.

use std::borrow::Cow;

use crate::Study;

/// The type of a column, as the contract and Table Schema name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    /// Text.
    Text,
    /// Whole number.
    Integer,
}

/// One cell of a study row, typed; `None` is an empty cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StudyValue<'a> {
    /// A text cell.
    Text(Option<Cow<'a, str>>),
    /// An integer cell.
    Integer(Option<i64>),
}

macro_rules! study_fields {
    ($($variant:ident $column:literal $kind:ident $settable:literal $meaning:literal,)*) => {
        /// A column of `studies.csv`, in output order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum StudyField {
            $(
                #[doc = $meaning]
                $variant,
            )*
        }

        impl StudyField {
            /// Every column, in output order.
            pub const ALL: &'static [StudyField] = &[$(StudyField::$variant),*];

            /// The column name.
            pub const fn column(self) -> &'static str {
                match self { $(StudyField::$variant => $column,)* }
            }

            /// The column's type.
            pub const fn value_type(self) -> ValueType {
                match self { $(StudyField::$variant => ValueType::$kind,)* }
            }

            /// What the column means, as `docs/tables.md` states it.
            pub fn meaning(self) -> &'static str {
                match self { $(StudyField::$variant => $meaning,)* }
            }

            /// Whether a reviewer's override may set it. Derived columns
            /// (the author columns, `doc_ids`) and the key are not settable:
            /// correct the source document instead.
            pub fn is_settable(self) -> bool {
                match self { $(StudyField::$variant => $settable,)* }
            }
        }
    };
}

study_fields! {
    StudyId "study_id" Text false "key",
    Title "title" Text true "title as published (sentence case kept as in the best source)",
    Authors "authors" Text false "`Family Initials` list in Vancouver style, `; `-separated (`Okafor A; Lindqvist B; O'Dwyer N`)",
    FirstAuthor "first_author" Text false "family name of the first author, as printed (`Okafor`, `O’Dwyer`)",
    AuthorCount "author_count" Integer false "number of authors; empty when no source names them all (a list ending `and others`)",
    Year "year" Integer true "publication year",
    PublicationDate "publication_date" Text true "most precise ISO date known",
    Journal "journal" Text true "full journal title (`Harm Reduction Journal`, not `Harm Reduct J`)",
    JournalAbbrev "journal_abbrev" Text true "NLM/ISO abbreviation where a source gives one",
    Volume "volume" Text true "as published",
    Issue "issue" Text true "as published",
    Pages "pages" Text true "as published; may be an article number",
    Doi "doi" Text true "lowercase, bare (`10.1234/abcd.5678`) — the study's own DOI, never one from its reference list",
    Pmid "pmid" Text true "PubMed id, where a source gives it",
    Pmcid "pmcid" Text true "PubMed Central id, where a source gives it",
    Issn "issn" Text true "where a source gives it",
    Publisher "publisher" Text true "publisher",
    Language "language" Text true "ISO 639-1 code of the article (`en`)",
    Country "country" Text true "country where the study took place (English short name: `Canada`, `United Kingdom`)",
    City "city" Text true "city/region where stated (`Riverton, Manitoba`)",
    Setting "setting" Text true "care setting in a few words (`hospital inpatient`, `primary care clinic`)",
    Population "population" Text true "who the service is for (`people who use drugs`)",
    Aim "aim" Text true "the study's stated aim or research question, as one sentence from the source",
    Design "design" Text true "study design as reported (`qualitative`, `participatory case study`)",
    DataCollection "data_collection" Text true "methods, `; `-separated (`semi-structured interviews; survey`)",
    Analysis "analysis" Text true "analysis approach (`thematic analysis`)",
    CollectionPeriod "collection_period" Text true "`2019/2020` style ISO interval where stated",
    NParticipants "n_participants" Integer true "total number of participants where stated, else empty",
    Funding "funding" Text true "funder(s) where stated",
    License "license" Text true "e.g. `CC BY 4.0` where stated",
    DocIds "doc_ids" Text false "`; `-separated input documents merged into this study",
}

impl std::fmt::Display for StudyField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.column())
    }
}

impl StudyField {
    /// The field with this column name.
    pub fn from_column(column: &str) -> Option<StudyField> {
        StudyField::ALL.iter().copied().find(|f| f.column() == column)
    }

    /// The columns the study-context extractors fill.
    pub const CONTEXT: &'static [StudyField] = &[
        StudyField::Country,
        StudyField::City,
        StudyField::Setting,
        StudyField::Population,
        StudyField::Aim,
        StudyField::Design,
        StudyField::DataCollection,
        StudyField::Analysis,
        StudyField::CollectionPeriod,
        StudyField::Funding,
        StudyField::License,
    ];
}

fn text(value: Option<&String>) -> StudyValue<'_> {
    StudyValue::Text(value.map(|v| Cow::Borrowed(v.as_str())))
}

impl Study {
    /// One cell of the study's row.
    pub fn value(&self, field: StudyField) -> StudyValue<'_> {
        use StudyField as F;
        match field {
            F::StudyId => StudyValue::Text(Some(Cow::Borrowed(self.study_id.as_str()))),
            F::Title => text(self.title.as_ref()),
            F::Authors => {
                let list: Vec<String> = self.authors.iter().map(crate::Author::vancouver).collect();
                StudyValue::Text(Some(Cow::Owned(list.join("; "))))
            }
            F::FirstAuthor => {
                StudyValue::Text(self.authors.first().map(|a| Cow::Borrowed(a.family.as_str())))
            }
            F::AuthorCount => StudyValue::Integer(
                (!self.authors.is_empty() && !self.authors_truncated)
                    .then(|| i64::try_from(self.authors.len()).unwrap_or(i64::MAX)),
            ),
            F::Year => StudyValue::Integer(self.year.map(i64::from)),
            F::PublicationDate => text(self.publication_date.as_ref()),
            F::Journal => text(self.journal.as_ref()),
            F::JournalAbbrev => text(self.journal_abbrev.as_ref()),
            F::Volume => text(self.volume.as_ref()),
            F::Issue => text(self.issue.as_ref()),
            F::Pages => text(self.pages.as_ref()),
            F::Doi => text(self.doi.as_ref()),
            F::Pmid => text(self.pmid.as_ref()),
            F::Pmcid => text(self.pmcid.as_ref()),
            F::Issn => text(self.issn.as_ref()),
            F::Publisher => text(self.publisher.as_ref()),
            F::Language => text(self.language.as_ref()),
            F::Country => text(self.country.as_ref()),
            F::City => text(self.city.as_ref()),
            F::Setting => text(self.setting.as_ref()),
            F::Population => text(self.population.as_ref()),
            F::Aim => text(self.aim.as_ref()),
            F::Design => text(self.design.as_ref()),
            F::DataCollection => text(self.data_collection.as_ref()),
            F::Analysis => text(self.analysis.as_ref()),
            F::CollectionPeriod => text(self.collection_period.as_ref()),
            F::NParticipants => StudyValue::Integer(self.n_participants.map(i64::from)),
            F::Funding => text(self.funding.as_ref()),
            F::License => text(self.license.as_ref()),
            F::DocIds => StudyValue::Text(Some(Cow::Owned(self.doc_ids.join("; ")))),
        }
    }

    /// Sets a settable column from its text form (`None` empties it).
    /// Refuses a column that is not settable and a number that is not one.
    pub fn set(&mut self, field: StudyField, value: Option<String>) -> Result<(), String> {
        use StudyField as F;
        let number = |v: &str| v.trim().parse::<u32>().map_err(|_| format!("`{v}` is not a whole number"));
        let slot = match field {
            F::Year => {
                self.year = match value {
                    None => None,
                    Some(v) => Some(i32::try_from(number(&v)?).map_err(|_| "year out of range".to_string())?),
                };
                return Ok(());
            }
            F::NParticipants => {
                self.n_participants = value.as_deref().map(number).transpose()?;
                return Ok(());
            }
            F::Title => &mut self.title,
            F::PublicationDate => &mut self.publication_date,
            F::Journal => &mut self.journal,
            F::JournalAbbrev => &mut self.journal_abbrev,
            F::Volume => &mut self.volume,
            F::Issue => &mut self.issue,
            F::Pages => &mut self.pages,
            F::Doi => &mut self.doi,
            F::Pmid => &mut self.pmid,
            F::Pmcid => &mut self.pmcid,
            F::Issn => &mut self.issn,
            F::Publisher => &mut self.publisher,
            F::Language => &mut self.language,
            F::Country => &mut self.country,
            F::City => &mut self.city,
            F::Setting => &mut self.setting,
            F::Population => &mut self.population,
            F::Aim => &mut self.aim,
            F::Design => &mut self.design,
            F::DataCollection => &mut self.data_collection,
            F::Analysis => &mut self.analysis,
            F::CollectionPeriod => &mut self.collection_period,
            F::Funding => &mut self.funding,
            F::License => &mut self.license,
            F::StudyId | F::Authors | F::FirstAuthor | F::AuthorCount | F::DocIds => {
                return Err(format!("`{}` is derived and not a settable column", field.column()));
            }
        };
        *slot = value;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_settable_field_can_be_set_and_read_back() {
        for &field in StudyField::ALL {
            let mut study = Study::default();
            let value = if field.value_type() == ValueType::Integer { "12" } else { "x" };
            match study.set(field, Some(value.to_string())) {
                Ok(()) => {
                    assert!(field.is_settable(), "{field:?}");
                    let read = match study.value(field) {
                        StudyValue::Text(v) => v.map(|v| v.into_owned()),
                        StudyValue::Integer(v) => v.map(|v| v.to_string()),
                    };
                    assert_eq!(read.as_deref(), Some(value), "{field:?}");
                }
                Err(_) => assert!(!field.is_settable(), "{field:?} is settable but refused"),
            }
        }
    }

    #[test]
    fn column_names_are_unique_and_round_trip() {
        for &field in StudyField::ALL {
            assert_eq!(StudyField::from_column(field.column()), Some(field));
        }
        assert_eq!(StudyField::from_column("nope"), None);
    }

    #[test]
    fn numbers_are_checked() {
        let mut study = Study::default();
        assert!(study.set(StudyField::NParticipants, Some("twelve".into())).is_err());
        assert!(study.set(StudyField::Year, Some("99999999999".into())).is_err());
        assert!(study.set(StudyField::Year, None).is_ok());
    }
}
