//! Comparing two wordings of a theme (an abstract's label and a subheading,
//! or two documents' lists) by their content words, so `system barriers`
//! and `Overcoming systemic barriers` are recognised as one theme.

use crate::folding::fold;

/// English function words that carry no theme content.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "to", "for", "with", "within", "between", "as", "by",
    "at", "from", "into", "their", "its", "this", "that", "these", "those", "be", "being", "is", "are",
    "was", "were", "our", "his", "her", "them", "they", "it", "s",
];

/// Content words of a label, folded, with a plural `s` removed.
pub(crate) fn content_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in fold(text).split(' ') {
        if word.is_empty() || FUNCTION_WORDS.contains(&word) {
            continue;
        }
        let stem = singular(word);
        if !words.contains(&stem) {
            words.push(stem);
        }
    }
    words
}

fn singular(word: &str) -> String {
    if let Some(base) = word.strip_suffix("ies").filter(|b| b.len() >= 3) {
        return format!("{base}y");
    }
    match word.strip_suffix('s') {
        Some(base) if base.len() >= 3 && !base.ends_with('s') => base.to_string(),
        _ => word.to_string(),
    }
}

/// Two content words are the same when equal or when one extends the other
/// by a short suffix (`system`/`systemic`, `train`/`training`).
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 4 && long.starts_with(short) && long.len() - short.len() <= 3
}

/// How alike two wordings are, from 0 to 1: the mean of the shared share of
/// the shorter and of the longer content-word set. Also returns the shared
/// share of the shorter, which callers use as a floor.
pub(crate) fn similarity(a: &str, b: &str) -> (f64, f64) {
    let words_a = content_words(a);
    let words_b = content_words(b);
    let (small, large) =
        if words_a.len() <= words_b.len() { (&words_a, &words_b) } else { (&words_b, &words_a) };
    if small.is_empty() {
        return (0.0, 0.0);
    }
    let shared = small.iter().filter(|w| large.iter().any(|l| same_word(w, l))).count();
    #[allow(clippy::cast_precision_loss)]
    let (of_small, of_large) = (shared as f64 / small.len() as f64, shared as f64 / large.len() as f64);
    ((of_small + of_large) / 2.0, of_small)
}

/// Whether two wordings name the same theme (tolerating an added qualifier
/// such as `Ongoing` or `between HCPs and PWUD`).
pub(crate) fn same_theme(a: &str, b: &str) -> bool {
    let (score, of_small) = similarity(a, b);
    score >= 0.6 && of_small >= 0.75
}

/// Whether two wordings are the same text up to case, accents and punctuation.
pub(crate) fn same_wording(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}

/// Pairs each label with at most one heading (best similarity first, ties to
/// the earlier label and heading); returns, per label, the heading index.
pub(crate) fn pair_labels(labels: &[&str], headings: &[&str], floor: f64) -> Vec<Option<usize>> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (li, label) in labels.iter().enumerate() {
        for (hi, heading) in headings.iter().enumerate() {
            let (score, of_small) = similarity(label, heading);
            if score >= floor && of_small >= 0.5 {
                candidates.push((score, li, hi));
            }
        }
    }
    candidates.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut paired = vec![None; labels.len()];
    let mut heading_used = vec![false; headings.len()];
    for (_, li, hi) in candidates {
        if paired[li].is_none() && !heading_used[hi] {
            paired[li] = Some(hi);
            heading_used[hi] = true;
        }
    }
    paired
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_drop_function_words_and_plurals() {
        assert_eq!(
            content_words("Contributions of shared experiences"),
            ["contribution", "shared", "experience"]
        );
        assert_eq!(content_words("the role of the  Qualities"), ["role", "quality"]);
        assert!(content_words("of the and").is_empty());
    }

    #[test]
    fn recognises_reworded_headings() {
        assert!(same_theme("overcoming system barriers", "Overcoming systemic barriers"));
        assert!(same_theme("training and mentorship", "Ongoing training and peer mentorship"));
        assert!(same_theme("restoring trust between HCPs and PWUD", "Restoring trust"));
        assert!(same_theme("contributions of shared experiences", "Contribution of shared experience"));
        assert!(!same_theme("personal stability", "intrinsic qualities"));
        assert!(!same_theme("advocacy", "establishing boundaries"));
        assert!(!same_theme("", "advocacy"));
    }

    #[test]
    fn pairs_best_matches_first() {
        let labels = ["peer workers acting as a bridge", "functions of this bridge"];
        let headings = ["The Core: Peer support workers as a bridge", "Functions of the bridge"];
        assert_eq!(pair_labels(&labels, &headings, 0.5), [Some(0), Some(1)]);
        assert_eq!(pair_labels(&["advocacy"], &["Personal stability"], 0.5), [None]);
    }
}
