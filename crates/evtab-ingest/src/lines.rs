//! Small line-level readers shared by the parsers.

/// The document's lines with their 1-based numbers.
pub(crate) fn numbered(text: &str) -> impl Iterator<Item = (u32, &str)> {
    text.split('\n').enumerate().map(|(i, line)| (u32::try_from(i + 1).unwrap_or(u32::MAX), line))
}
