//! Key finding statements, for studies that name no themes: `Findings show
//! that X.` and `Our results show that X.` become the claim `X`, so the study
//! still reaches the matrix.

use std::sync::LazyLock;

use regex::Regex;

fn regex(pattern: &str) -> Regex {
    #[allow(clippy::expect_used)]
    Regex::new(pattern).expect("constant pattern compiles")
}

/// Lead-ins that announce a finding; the claim is what follows.
static FINDING_SIGNAL: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    [
        regex(
            r"(?is)^(?:(?:overall|finally|importantly|moreover|however|additionally|in\s+addition|in\s+summary|taken\s+together|together),?\s+)?(?:(?:the|our|these|this|study|key|main|qualitative)\s+){0,2}(?:findings?|results?|analysis|analyses|data|study|evaluation)\s+(?:also\s+|further\s+|clearly\s+)?(?:found|finds|find|show|showed|shown|shows|suggest|suggests|suggested|indicate|indicates|indicated|reveal|reveals|revealed|demonstrate|demonstrates|demonstrated|highlight|highlights|highlighted|illustrate|illustrates|illustrated|confirm|confirms|confirmed|point\s+to)\s+(?:that\s+)?(.+)$",
        ),
        regex(r"(?is)^(?:(?:overall|finally|importantly),?\s+)?we\s+(?:also\s+)?found\s+that\s+(.+)$"),
        regex(r"(?is)^it\s+was\s+(?:also\s+)?found\s+that\s+(.+)$"),
    ]
});

/// Sentences that describe the sample rather than a finding.
static SAMPLE_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?is)\b(?:were\s+interviewed|interviews?\s+were|took\s+part|participated|were\s+recruited|were\s+included|respondents|response\s+rate|focus\s+groups?\s+(?:were|with)|participants\s+(?:were|included|comprised))\b",
    )
});

/// The claim of a finding statement, without its lead-in and final stop.
pub(crate) fn finding_claim(sentence: &str) -> Option<String> {
    let sentence = sentence.trim();
    let claim = FINDING_SIGNAL.iter().find_map(|re| re.captures(sentence)?.get(1))?.as_str();
    let claim = claim.split_whitespace().collect::<Vec<_>>().join(" ");
    let claim = claim.trim_end_matches(['.', ';', ':']).trim().to_string();
    (claim.split_whitespace().count() >= 3).then_some(claim)
}

/// Whether a sentence reports who took part rather than what was found.
pub(crate) fn is_sample_sentence(sentence: &str) -> bool {
    SAMPLE_SENTENCE.is_match(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_lose_their_lead_in() {
        assert_eq!(
            finding_claim(
                "Findings show that peers connect with patients through sharing their own hardships and how \
                 they overcame them, rather than sharing similar health or social conditions."
            )
            .as_deref(),
            Some(
                "peers connect with patients through sharing their own hardships and how they overcame them, \
                 rather than sharing similar health or social conditions"
            )
        );
        assert_eq!(
            finding_claim(
                "Our results show that to establish a relationship of trust, a peer does not need to share \
                 similar health or social conditions."
            )
            .as_deref(),
            Some(
                "to establish a relationship of trust, a peer does not need to share similar health or social conditions"
            )
        );
        assert_eq!(
            finding_claim("Overall, the findings suggest that peer work is valued by clinicians.").as_deref(),
            Some("peer work is valued by clinicians")
        );
        assert_eq!(
            finding_claim("We found that peers\nfelt isolated.").as_deref(),
            Some("peers felt isolated")
        );
        assert_eq!(
            finding_claim("This study found that peers eased discharge.").as_deref(),
            Some("peers eased discharge")
        );
    }

    #[test]
    fn other_sentences_are_not_findings() {
        assert_eq!(finding_claim("Peers provide social support and coaching."), None);
        assert_eq!(finding_claim("The study was conducted in 2020."), None);
        assert_eq!(finding_claim("Results show that."), None);
        assert_eq!(finding_claim(""), None);
    }

    #[test]
    fn sample_sentences() {
        assert!(is_sample_sentence("Fourteen participants were interviewed: 6 people who use drugs."));
        assert!(!is_sample_sentence("Peers bridge the gap between health and social care."));
    }
}
