//! Where the objects of a JSON text stand, for line provenance: serde_json
//! gives values, not positions, so the text is scanned once, strings
//! skipped, for the objects that open at one depth.

/// An object of a JSON text: the 1-based line its `{` is on and its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ObjectSpan {
    pub line: u32,
    pub start: usize,
    pub end: usize,
}

/// The objects that open at `depth` (0: the text's own value, 1: the items
/// of a top-level array), in order. `first_line` is the line `text` starts
/// on; the scan stops where the value at depth 0 closes.
pub(crate) fn object_spans(text: &str, depth: i32, first_line: u32) -> Vec<ObjectSpan> {
    let mut spans: Vec<ObjectSpan> = Vec::new();
    let (mut level, mut line, mut in_string, mut escaped) = (0i32, first_line, false, false);
    for (at, ch) in text.char_indices() {
        if ch == '\n' {
            line = line.saturating_add(1);
        }
        if in_string {
            match (escaped, ch) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => in_string = true,
            '{' | '[' => {
                if ch == '{' && level == depth {
                    spans.push(ObjectSpan { line, start: at, end: at });
                }
                level += 1;
            }
            '}' | ']' => {
                level -= 1;
                if ch == '}'
                    && level == depth
                    && let Some(last) = spans.last_mut()
                {
                    last.end = at + 1;
                }
                if level == 0 && depth > 0 {
                    break;
                }
            }
            _ => {}
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_at_a_depth_with_their_lines_strings_skipped() {
        let text = "[\n {\"a\": \"{not an object\"},\n {\"b\": [{\"c\": 1}]}\n]";
        let spans = object_spans(text, 1, 1);
        assert_eq!(spans.iter().map(|s| s.line).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(&text[spans[1].start..spans[1].end], "{\"b\": [{\"c\": 1}]}");
        assert_eq!(object_spans("{\"x\": 1}", 0, 5).iter().map(|s| s.line).collect::<Vec<_>>(), [5]);
    }
}
