//! Labelled fields of a page, in the forms pages are copied in:
//! `Label: value`, `Label | value |` (a table row), `Label<TAB>value`,
//! a label alone with its value on the lines below (one author per line),
//! and, where the family glues them, `Labelvalue`. Which labels exist, in
//! which languages, is the family's layout.

use crate::layout::{FamilyLayout, LabelField};

/// One labelled field as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Labelled {
    /// What the label names.
    pub field: LabelField,
    /// The label's line.
    pub line: u32,
    /// The value's lines (one for an inline value), each with its line.
    pub values: Vec<(String, u32)>,
}

impl Labelled {
    /// The value as one line of text.
    pub(crate) fn text(&self) -> String {
        self.values.iter().map(|(v, _)| v.as_str()).collect::<Vec<_>>().join(" ")
    }

    /// The value's first line number (or the label's).
    pub(crate) fn value_line(&self) -> u32 {
        self.values.first().map_or(self.line, |(_, l)| *l)
    }
}

/// Whether a line is a table rule (`---|---|`).
fn is_rule(line: &str) -> bool {
    !line.is_empty() && line.chars().all(|c| matches!(c, '-' | '|' | ':' | ' ' | '=' | '+'))
}

/// A label and the rest of the line, in the inline forms.
fn split_inline<'a>(line: &'a str, layout: &FamilyLayout) -> Option<(LabelField, &'a str)> {
    let line = line.trim_start_matches('|').trim();
    for sep in [':', '|', '\t', '：'] {
        if let Some((head, rest)) = line.split_once(sep) {
            if head.trim().is_empty() || head.len() > 80 {
                continue;
            }
            // `https://…` is not a label.
            if sep == ':' && rest.starts_with("//") {
                continue;
            }
            if let Some(field) = layout.label(head) {
                return Some((field, rest.trim().trim_matches('|').trim()));
            }
        }
    }
    None
}

/// Reads every labelled field of the lines (1-based number, text), in
/// order. Chrome lines are skipped and end a value running over lines.
pub(crate) fn read_labels(lines: &[(u32, &str)], layout: &FamilyLayout) -> Vec<Labelled> {
    let mut out: Vec<Labelled> = Vec::new();
    // The label whose value may run on over the following lines.
    let mut open: Option<usize> = None;
    for &(line_no, raw) in lines {
        let line = raw.trim();
        if line.is_empty() {
            // A label alone may have its value after one blank line; a
            // value already started ends at a blank line.
            if let Some(i) = open
                && !out[i].values.is_empty()
            {
                open = None;
            }
            continue;
        }
        if is_rule(line) {
            continue;
        }
        if let Some(field) = layout.label(line) {
            out.push(Labelled { field, line: line_no, values: Vec::new() });
            open = Some(out.len() - 1);
            continue;
        }
        if let Some((field, rest)) = split_inline(line, layout) {
            // A value on the label's line is the whole value; a label with
            // nothing after it takes the lines below.
            let values = if rest.is_empty() { Vec::new() } else { vec![(rest.to_string(), line_no)] };
            out.push(Labelled { field, line: line_no, values });
            open = rest.is_empty().then_some(out.len() - 1);
            continue;
        }
        if layout.glued_labels {
            let unprefixed = layout.strip_chrome_prefix(line).unwrap_or(line);
            if let Some(field) = layout.label(unprefixed) {
                out.push(Labelled { field, line: line_no, values: Vec::new() });
                open = Some(out.len() - 1);
                continue;
            }
            if let Some((field, rest)) = layout.glued_label(unprefixed) {
                let values = if rest.is_empty() { Vec::new() } else { vec![(rest.to_string(), line_no)] };
                out.push(Labelled { field, line: line_no, values });
                open = Some(out.len() - 1);
                continue;
            }
            // A value glued to the next label (`2022Author`).
            if let Some(i) = open
                && let Some((value, field)) = layout.label_at_end(line)
            {
                out[i].values.push((value.trim().to_string(), line_no));
                out.push(Labelled { field, line: line_no, values: Vec::new() });
                open = Some(out.len() - 1);
                continue;
            }
        }
        if layout.is_chrome(line) {
            open = None;
            continue;
        }
        // `Submitted: 16 Aug 2016 | Published: 29 May 2017`: labelled cells of one line.
        if line.contains(" | ") {
            let cells: Vec<Labelled> = line
                .split(" | ")
                .filter_map(|cell| split_inline(cell, layout))
                .filter(|(_, rest)| !rest.is_empty())
                .map(|(field, rest)| Labelled {
                    field,
                    line: line_no,
                    values: vec![(rest.to_string(), line_no)],
                })
                .collect();
            if !cells.is_empty() {
                out.extend(cells);
                open = None;
                continue;
            }
        }
        if let Some(i) = open {
            // A table row continuing a cell (`BioMed Central` under `Veröffentlicht: |`).
            let cell = line.trim_matches('|').trim();
            if !cell.is_empty() {
                out[i].values.push((cell.to_string(), line_no));
            }
            if line.ends_with('|') {
                open = None;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Layouts;

    fn layout() -> Layouts {
        let family = r#"
            format = "vufind"
            translations = ["t"]
            [labels]
            authors = ["Main Authors"]
            published_in = ["Published in"]
            ignore = ["Format"]
            journal = ["Journal"]
            [chrome]
            lines = ["Tags: Add Tag"]
        "#;
        let table = r#"
            [translations]
            "Main Authors" = ["Hauptverfasser", "Auteurs principaux"]
        "#;
        Layouts::from_toml_files(&[("vufind.toml", family), ("labels/t.toml", table)]).expect("layout")
    }

    fn read(text: &str) -> Vec<(LabelField, String)> {
        let layouts = layout();
        let lines: Vec<(u32, &str)> = text.lines().zip(1..).map(|(l, n)| (n, l)).collect();
        read_labels(&lines, layouts.family(evtab_model::SourceFormat::Vufind).expect("family"))
            .into_iter()
            .map(|l| (l.field, l.text()))
            .collect()
    }

    #[test]
    fn inline_table_and_running_values_in_any_interface_language() {
        assert_eq!(
            read("Auteurs principaux: A B, C D\nFormat: Article"),
            [(LabelField::Authors, "A B, C D".to_string()), (LabelField::Ignore, "Article".to_string())]
        );
        assert_eq!(
            read("Hauptverfasser: | A, B |\n---|---|\nFormat: | Online |"),
            [(LabelField::Authors, "A, B".to_string()), (LabelField::Ignore, "Online".to_string())]
        );
        assert_eq!(
            read("Main Authors\nOne, A\nTwo, B\n\nJournal\nSome Journal"),
            [
                (LabelField::Authors, "One, A Two, B".to_string()),
                (LabelField::Journal, "Some Journal".to_string())
            ]
        );
        assert_eq!(
            read("Published in: |\nA Journal\n2021\n|\nTags: Add Tag"),
            [(LabelField::PublishedIn, "A Journal 2021".to_string())]
        );
    }

    #[test]
    fn a_link_is_not_a_label_and_unknown_labels_are_not_read() {
        assert!(read("https://example.org/x\nColour: blue").is_empty());
    }
}
