//! Splits a structured abstract (`BACKGROUND: ... METHODS: ...`) into parts.

use evtab_model::{Passage, Section};

/// Maps an abstract or body label to a section, case-insensitively.
pub(crate) fn label_section(label: &str) -> Option<Section> {
    let label = label.trim().trim_end_matches(':').trim().to_lowercase();
    let section = match label.as_str() {
        "background" | "introduction" | "context" | "rationale" => Section::Background,
        "aim" | "aims" | "objective" | "objectives" | "purpose" | "aim(s)" | "aims and objectives" => {
            Section::Aim
        }
        "method"
        | "methods"
        | "design"
        | "setting"
        | "participants"
        | "methods and analysis"
        | "materials and methods"
        | "design and methods"
        | "setting and participants"
        | "approach"
        | "methodology" => Section::Methods,
        "results" | "findings" | "result" => Section::Results,
        "discussion" => Section::Discussion,
        "conclusion" | "conclusions" | "implications" | "interpretation" => Section::Conclusion,
        _ => return None,
    };
    Some(section)
}

/// Splits abstract text at its labels. Text before the first label, or an
/// abstract without labels, becomes a part with section `Abstract`.
pub(crate) fn split_abstract(text: &str, line: u32) -> Vec<Passage> {
    let mut cuts: Vec<(usize, usize, Section)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        // Exports that drop paragraph breaks glue the label to the end of
        // the sentence before it (`…in operation.Methods: We …`).
        let at_boundary = i == 0
            || (i >= 2 && matches!(bytes[i - 1], b' ') && matches!(bytes[i - 2], b'.' | b'?' | b'!' | b')'))
            || (matches!(bytes[i - 1], b'.' | b'?' | b'!' | b')') && bytes[i].is_ascii_uppercase());
        // A label is at most 30 bytes long: look no further for its colon,
        // so that a long abstract without labels is read in linear time.
        if at_boundary
            && let Some(colon) = bytes[i..].iter().take(31).position(|&b| b == b':')
            && colon > 0
        {
            let label = &text[i..i + colon];
            if let Some(section) = label_section(label) {
                let mut end = i + colon + 1;
                while end < text.len() && bytes[end] == b' ' {
                    end += 1;
                }
                cuts.push((i, end, section));
                i = end;
                continue;
            }
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    let mut parts = Vec::new();
    let first_start = cuts.first().map_or(text.len(), |c| c.0);
    push_part(&mut parts, &text[..first_start], Section::Abstract, line);
    for (k, &(_, body_start, section)) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).map_or(text.len(), |c| c.0);
        push_part(&mut parts, &text[body_start..end], section, line);
    }
    parts
}

fn push_part(parts: &mut Vec<Passage>, text: &str, section: Section, line: u32) {
    let text = text.trim();
    if !text.is_empty() {
        parts.push(Passage { section, in_abstract: true, heading: None, text: text.to_string(), line });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_upper_and_title_case_labels() {
        let parts =
            split_abstract("BACKGROUND: One. METHODS: Two (n = 3). RESULTS: Three. CONCLUSIONS: Four.", 7);
        let got: Vec<_> = parts.iter().map(|p| (p.section, p.text.as_str(), p.line)).collect();
        assert_eq!(
            got,
            [
                (Section::Background, "One.", 7),
                (Section::Methods, "Two (n = 3).", 7),
                (Section::Results, "Three.", 7),
                (Section::Conclusion, "Four.", 7)
            ]
        );
    }

    #[test]
    fn unlabelled_abstract_is_one_part_and_colons_in_text_are_not_labels() {
        let parts = split_abstract("Peer support matters: results show a lot. Findings show that x.", 1);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].section, Section::Abstract);
    }

    #[test]
    fn a_long_abstract_without_labels_is_one_part() {
        // Large on purpose: the split must stay linear (a quadratic one takes
        // minutes here); speed itself is measured by `make bench`, not asserted.
        let text = "Ab. ".repeat(250_000);
        let parts = split_abstract(&text, 1);
        assert_eq!(parts.len(), 1);
        let labelled = format!("{}METHODS: x.", "Ab. ".repeat(1000));
        assert_eq!(
            split_abstract(&labelled, 1).iter().map(|p| p.section).collect::<Vec<_>>(),
            [Section::Abstract, Section::Methods]
        );
    }

    #[test]
    fn method_singular_and_mixed_case_labels() {
        let parts = split_abstract("Background: A. Method: B. Results: C. Conclusion: D.", 1);
        assert_eq!(
            parts.iter().map(|p| p.section).collect::<Vec<_>>(),
            [Section::Background, Section::Methods, Section::Results, Section::Conclusion]
        );
    }

    #[test]
    fn labels_glued_to_the_sentence_before_are_still_labels() {
        let parts =
            split_abstract("Background: A in operation.Methods: B (n = 9).Results: C. e.g.Data: D.", 1);
        assert_eq!(
            parts.iter().map(|p| (p.section, p.text.as_str())).collect::<Vec<_>>(),
            [
                (Section::Background, "A in operation."),
                (Section::Methods, "B (n = 9)."),
                (Section::Results, "C. e.g.Data: D.")
            ]
        );
    }
}
