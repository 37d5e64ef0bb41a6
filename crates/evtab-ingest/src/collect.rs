//! One document's candidate values from every reading of it, ordered by
//! how much each reading is trusted.
//!
//! A page says its title in its heading, in a labelled field, in a "Cite
//! this" string and in an embedded JSON record; each reading adds its
//! candidates with its [`Origin`]. The record keeps every candidate (all of
//! them reach provenance), the most trusted first, so the merge stage takes
//! the best and can flag the others when they disagree. Authors are one list
//! from one reading, never a mix, and a list cut by `et al.` gives way to a
//! full one.

use evtab_model::{Field, SourceRecord};

/// How a value was read, most trusted first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Origin {
    /// The format's own structure (`dc.*` fields, a Solr dump, an export's tags).
    Structured,
    /// An embedded machine record (JSON, JSON-LD, `citation_*` lines, BibTeX, RIS).
    Embedded,
    /// A labelled field of the page (`Journal: …`, `Hauptverfasser: …`).
    Labelled,
    /// A citation of the article printed on it (APA, Vancouver, a source line).
    Citation,
    /// Where the value stands on the page (the heading, the line under it).
    Position,
}

struct Candidate {
    field: Field,
    value: String,
    line: u32,
    origin: Origin,
    rule: &'static str,
}

struct AuthorList {
    names: Vec<(String, u32)>,
    truncated: bool,
    origin: Origin,
    rule: &'static str,
}

/// Candidates gathered while reading one document.
#[derive(Default)]
pub(crate) struct Collector {
    fields: Vec<Candidate>,
    authors: Vec<AuthorList>,
}

impl Collector {
    /// Adds a candidate value (empty values are dropped).
    pub(crate) fn push(&mut self, field: Field, value: &str, line: u32, origin: Origin, rule: &'static str) {
        let value = value.trim();
        if !value.is_empty() {
            self.fields.push(Candidate { field, value: value.to_string(), line, origin, rule });
        }
    }

    /// Adds one reading's author list.
    pub(crate) fn authors(
        &mut self,
        names: Vec<(String, u32)>,
        truncated: bool,
        origin: Origin,
        rule: &'static str,
    ) {
        let names: Vec<(String, u32)> = names.into_iter().filter(|(n, _)| !n.trim().is_empty()).collect();
        if !names.is_empty() {
            self.authors.push(AuthorList { names, truncated, origin, rule });
        }
    }

    /// Whether some reading gave this field.
    pub(crate) fn has(&self, field: Field) -> bool {
        if field == Field::Author {
            return !self.authors.is_empty();
        }
        self.fields.iter().any(|c| c.field == field)
    }

    /// The most trusted value of a field so far.
    pub(crate) fn best(&self, field: Field) -> Option<&str> {
        self.fields.iter().filter(|c| c.field == field).min_by_key(|c| c.origin).map(|c| c.value.as_str())
    }

    /// The names of the most trusted author list so far.
    pub(crate) fn best_authors(&self) -> Vec<String> {
        self.authors
            .iter()
            .min_by_key(|a| a.origin)
            .map(|a| a.names.iter().map(|(n, _)| n.clone()).collect())
            .unwrap_or_default()
    }

    /// Moves the candidates into the record: fields in document order
    /// within each origin, most trusted origin first per field; the
    /// author list of the most trusted full reading. Returns whether the
    /// chosen author list was cut by `et al.`.
    pub(crate) fn finish(mut self, record: &mut SourceRecord) -> bool {
        // A stable sort by origin keeps each reading's own order.
        self.fields.sort_by_key(|c| c.origin);
        let mut truncated = false;
        if !self.authors.is_empty() {
            self.authors.sort_by_key(|a| a.origin);
            let best = &self.authors[0];
            let chosen = if best.truncated {
                // A fuller list from a less trusted reading beats a cut one.
                self.authors
                    .iter()
                    .filter(|a| !a.truncated && a.names.len() > best.names.len())
                    .min_by_key(|a| a.origin)
                    .unwrap_or(best)
            } else {
                best
            };
            truncated = chosen.truncated;
            for (name, line) in &chosen.names {
                record.push_by(Field::Author, name, *line, chosen.rule);
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for c in self.fields {
            // The same value from two readings is one candidate (the more trusted).
            if seen.insert((c.field, c.value.clone())) {
                record.push_by(c.field, &c.value, c.line, c.rule);
            }
        }
        truncated
    }
}

#[cfg(test)]
mod tests {
    use evtab_model::SourceFormat;

    use super::*;

    #[test]
    fn the_most_trusted_reading_comes_first_and_authors_are_not_mixed() {
        let mut c = Collector::default();
        c.push(Field::Title, "From the heading", 1, Origin::Position, "heading");
        c.push(Field::Title, "From the label", 5, Origin::Labelled, "label");
        c.authors(vec![("A One".into(), 2)], true, Origin::Labelled, "label");
        c.authors(vec![("A One".into(), 9), ("B Two".into(), 9)], false, Origin::Citation, "citation");
        let mut record = SourceRecord::new("d", SourceFormat::Generic);
        assert!(!c.finish(&mut record));
        let titles: Vec<&str> = record.all(Field::Title).map(|f| f.value.as_str()).collect();
        assert_eq!(titles, ["From the label", "From the heading"]);
        let authors: Vec<(&str, &str)> =
            record.all(Field::Author).map(|f| (f.value.as_str(), f.rule)).collect();
        assert_eq!(authors, [("A One", "citation"), ("B Two", "citation")]);
    }
}
