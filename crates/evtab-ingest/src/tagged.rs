//! Tagged-line export files, read record by record: RIS (`TY  - JOUR` …
//! `ER  - `), PubMed's MEDLINE text (`PMID- 123` … a blank line) and Web of
//! Science's tagged text (`PT J` … `ER`). A tag
//! opens a field; a line without a tag continues the field above it (a
//! wrapped abstract); lines outside records (a database's header or
//! search history between records) are not read.

/// One field of a record: its tag, value (continuation lines joined with a
/// space) and the line the tag is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TaggedField<'a> {
    pub tag: &'a str,
    pub value: String,
    pub line: u32,
}

/// One record: its fields, in file order, and its first line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct TaggedRecord<'a> {
    pub fields: Vec<TaggedField<'a>>,
    pub first_line: u32,
    /// Whether the record was closed by its end tag (or the next record's start).
    pub closed: bool,
    /// Bytes of the record's lines, for the per-record size limit.
    pub bytes: usize,
}

impl<'a> TaggedRecord<'a> {
    /// Every value of a tag.
    pub(crate) fn all(&self, tag: &str) -> impl Iterator<Item = &TaggedField<'a>> {
        self.fields.iter().filter(move |f| f.tag == tag)
    }

    /// The first value of a tag.
    pub(crate) fn first(&self, tag: &str) -> Option<&TaggedField<'a>> {
        self.all(tag).next()
    }

    /// The first non-empty value of a tag.
    pub(crate) fn value(&self, tag: &str) -> Option<&TaggedField<'a>> {
        self.first(tag).filter(|f| !f.value.is_empty())
    }

    /// Copies the first non-empty value of each tag into its field: the
    /// part of every dialect's mapping that is one tag to one field.
    pub(crate) fn push_each(
        &self,
        record: &mut evtab_model::SourceRecord,
        table: &[(&str, evtab_model::Field)],
    ) {
        for &(tag, field) in table {
            if let Some(f) = self.value(tag) {
                record.push(field, &f.value, f.line);
            }
        }
    }
}

/// How a dialect marks its tags and records.
pub(crate) struct Dialect {
    /// The tag of a line and its value, when the line has one.
    pub split: fn(&str) -> Option<(&str, &str)>,
    /// The tag that starts a record.
    pub start: &'static str,
    /// The tag that ends one, if the dialect has one (RIS `ER`).
    pub end: Option<&'static str>,
    /// Whether a blank line ends a record (MEDLINE).
    pub blank_ends: bool,
    /// Tags whose continuation lines are further values, not a wrapped
    /// value (Web of Science lists one author a line under one `AU`).
    pub list_tags: &'static [&'static str],
}

/// Splits a file into records.
pub(crate) fn records<'a>(text: &'a str, dialect: &Dialect) -> Vec<TaggedRecord<'a>> {
    let mut out: Vec<TaggedRecord<'a>> = Vec::new();
    let mut current: Option<TaggedRecord<'a>> = None;
    for (line_no, line) in crate::lines::numbered(text) {
        let trimmed_end = line.trim_end();
        if trimmed_end.is_empty() {
            if dialect.blank_ends
                && let Some(mut r) = current.take()
            {
                r.closed = true;
                out.push(r);
            }
            continue;
        }
        match (dialect.split)(trimmed_end) {
            Some((tag, value)) if tag == dialect.start => {
                if let Some(mut r) = current.take() {
                    r.closed = true;
                    out.push(r);
                }
                let mut r =
                    TaggedRecord { first_line: line_no, bytes: line.len(), ..TaggedRecord::default() };
                r.fields.push(TaggedField { tag, value: value.trim().to_string(), line: line_no });
                current = Some(r);
            }
            Some((tag, _)) if Some(tag) == dialect.end => {
                if let Some(mut r) = current.take() {
                    r.closed = true;
                    out.push(r);
                }
            }
            Some((tag, value)) => {
                if let Some(r) = current.as_mut() {
                    r.bytes += line.len();
                    r.fields.push(TaggedField { tag, value: value.trim().to_string(), line: line_no });
                }
            }
            None => {
                if let Some(r) = current.as_mut() {
                    r.bytes += line.len();
                    let list = r.fields.last().filter(|f| dialect.list_tags.contains(&f.tag)).map(|f| f.tag);
                    if let Some(tag) = list {
                        r.fields.push(TaggedField { tag, value: line.trim().to_string(), line: line_no });
                    } else if let Some(last) = r.fields.last_mut() {
                        if !last.value.is_empty() {
                            last.value.push(' ');
                        }
                        last.value.push_str(line.trim());
                    }
                }
            }
        }
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ris_split(line: &str) -> Option<(&str, &str)> {
        let (tag, rest) = line.split_at_checked(2)?;
        let rest = rest.strip_prefix("  -")?;
        Some((tag, rest.strip_prefix(' ').unwrap_or(rest)))
    }

    const RIS: Dialect =
        Dialect { split: ris_split, start: "TY", end: Some("ER"), blank_ends: false, list_tags: &[] };

    #[test]
    fn records_fields_and_continuations() {
        let text = "Database: X\nsearch history 1\nTY  - JOUR\nTI  - A title\nAB  - First line\nER of an abstract, not a tag\nER  - \n\nTY  - JOUR\nTI  - Second\n";
        let rs = records(text, &RIS);
        assert_eq!(rs.len(), 2);
        assert_eq!(
            rs[0].first("AB").map(|f| f.value.as_str()),
            Some("First line ER of an abstract, not a tag")
        );
        assert!(rs[0].closed);
        assert_eq!(rs[1].first("TI").map(|f| (f.value.as_str(), f.line)), Some(("Second", 10)));
        assert!(!rs[1].closed, "the last record has no ER");
    }
}
