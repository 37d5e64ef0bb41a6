//! Small line-level readers shared by the parsers.

/// The document's lines with their 1-based numbers.
pub(crate) fn numbered(text: &str) -> impl Iterator<Item = (u32, &str)> {
    text.split('\n').enumerate().map(|(i, line)| (u32::try_from(i + 1).unwrap_or(u32::MAX), line))
}

/// The first non-blank line, trimmed, with its number.
pub(crate) fn first_content_line(text: &str) -> Option<(u32, &str)> {
    numbered(text).map(|(n, l)| (n, l.trim())).find(|(_, l)| !l.is_empty())
}

/// Splits a printed author list (`A B¹, C D² and E F`, `A; B`, `A & B`) into names.
pub(crate) fn split_author_list(list: &str) -> Vec<String> {
    let normalised = list.replace(" and ", ", ").replace(" & ", ", ").replace(';', ",");
    normalised.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}
