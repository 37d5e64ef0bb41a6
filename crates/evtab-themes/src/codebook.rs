//! The synthesis codebook: a TOML file the reviewer owns, one `[[theme]]`
//! table per synthesis theme. A codebook that cannot be trusted is refused
//! whole, with the file, line and problem, rather than silently matching less.
//!
//! ```toml
//! [[theme]]
//! id = "trust"
//! label = "Trust and relationship building"
//! definition = "Peers build or restore trust between service users and services."
//! terms = ["trust", "distrust", "rapport", "trusting relationship*"]
//! exclude = ["NHS Trust"]
//! ```
//!
//! Terms match whole words, ignoring case, accents and punctuation; a final
//! `*` lets the last word run on (`advoca*` matches `advocacy`, `advocate`).

use serde::Deserialize;
use toml::Spanned;

use crate::folding::fold;

/// One synthesis theme of the codebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodebookTheme {
    /// Short stable id, the `synthesis_theme` value in the outputs.
    pub id: String,
    /// Human label.
    pub label: String,
    /// One-line definition of what counts as support.
    pub definition: String,
    /// Terms and phrases whose presence supports the theme.
    pub terms: Vec<String>,
    /// Terms that cancel this theme's matches in the same sentence.
    pub exclude: Vec<String>,
}

/// The reviewer's synthesis themes, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Codebook {
    /// The themes, in the order the file gives them (the matrix's row order).
    pub themes: Vec<CodebookTheme>,
}

/// What is wrong with a codebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodebookProblem {
    /// The text is not valid TOML, or has a missing or unknown key.
    Syntax(String),
    /// Two themes share an id.
    DuplicateId(String),
    /// An id that is empty or not `[a-z0-9_-]`.
    BadId(String),
    /// A theme whose label or definition is empty.
    EmptyField {
        /// Theme id.
        id: String,
        /// `label` or `definition`.
        field: &'static str,
    },
    /// A theme with no terms.
    EmptyTerms(String),
    /// A term (or exclusion) with no letters or digits, or a `*` not at its end.
    BadTerm {
        /// Theme id.
        id: String,
        /// The term as written.
        term: String,
    },
    /// A file with no `[[theme]]` table.
    NoThemes,
}

impl std::fmt::Display for CodebookProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CodebookProblem::Syntax(message) => write!(f, "syntax error: {message}"),
            CodebookProblem::DuplicateId(id) => write!(f, "duplicate theme id \"{id}\""),
            CodebookProblem::BadId(id) => {
                write!(f, "theme id \"{id}\" must be non-empty lowercase letters, digits, `_` or `-`")
            }
            CodebookProblem::EmptyField { id, field } => write!(f, "theme \"{id}\" has an empty {field}"),
            CodebookProblem::EmptyTerms(id) => write!(f, "theme \"{id}\" has an empty term list"),
            CodebookProblem::BadTerm { id, term } => write!(
                f,
                "theme \"{id}\" has an unusable term \"{term}\" (no letters or digits, or `*` not at the end)"
            ),
            CodebookProblem::NoThemes => write!(f, "no [[theme]] tables"),
        }
    }
}

/// A refused codebook: which file, which line, what problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: {problem}")]
pub struct CodebookError {
    /// The file as given on the command line.
    pub path: String,
    /// 1-based line of the problem.
    pub line: u32,
    /// What is wrong.
    pub problem: CodebookProblem,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCodebook {
    #[serde(default)]
    #[allow(dead_code)]
    title: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    description: Option<String>,
    #[serde(default)]
    theme: Vec<RawTheme>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTheme {
    id: Spanned<String>,
    label: Spanned<String>,
    definition: Spanned<String>,
    terms: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
}

impl Codebook {
    /// Parses and checks a codebook; `path` is only used in error messages.
    pub fn parse(text: &str, path: &str) -> Result<Codebook, CodebookError> {
        let error = |offset: usize, problem: CodebookProblem| CodebookError {
            path: path.to_string(),
            line: line_of(text, offset),
            problem,
        };
        let raw: RawCodebook = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            error(offset, CodebookProblem::Syntax(e.message().trim().to_string()))
        })?;
        if raw.theme.is_empty() {
            return Err(error(0, CodebookProblem::NoThemes));
        }
        let mut themes: Vec<CodebookTheme> = Vec::new();
        for t in raw.theme {
            let id = t.id.get_ref().trim().to_string();
            let id_ok = !id.is_empty()
                && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
            if !id_ok {
                return Err(error(t.id.span().start, CodebookProblem::BadId(id)));
            }
            if themes.iter().any(|seen| seen.id == id) {
                return Err(error(t.id.span().start, CodebookProblem::DuplicateId(id)));
            }
            for (field, value) in [("label", &t.label), ("definition", &t.definition)] {
                if value.get_ref().trim().is_empty() {
                    return Err(error(
                        value.span().start,
                        CodebookProblem::EmptyField { id: id.clone(), field },
                    ));
                }
            }
            if t.terms.get_ref().is_empty() {
                return Err(error(t.terms.span().start, CodebookProblem::EmptyTerms(id)));
            }
            let mut terms = Vec::new();
            let mut exclude = Vec::new();
            for (list, out) in [(t.terms.get_ref(), &mut terms), (&t.exclude, &mut exclude)] {
                for term in list {
                    let written = term.get_ref().trim().to_string();
                    if !usable_term(&written) {
                        let problem = CodebookProblem::BadTerm { id: id.clone(), term: written };
                        return Err(error(term.span().start, problem));
                    }
                    if !out.contains(&written) {
                        out.push(written);
                    }
                }
            }
            themes.push(CodebookTheme {
                id,
                label: t.label.get_ref().trim().to_string(),
                definition: t.definition.get_ref().trim().to_string(),
                terms,
                exclude,
            });
        }
        Ok(Codebook { themes })
    }

    /// Parses a codebook that has no file name (errors say `codebook`).
    pub fn from_toml_str(text: &str) -> Result<Codebook, CodebookError> {
        Codebook::parse(text, "codebook")
    }
}

/// A term must keep some letters or digits when folded, and may only end in `*`.
fn usable_term(term: &str) -> bool {
    let body = term.strip_suffix('*').unwrap_or(term);
    !body.contains('*') && !fold(body).is_empty()
}

fn line_of(text: &str, offset: usize) -> u32 {
    let offset = offset.min(text.len());
    let newlines = text.as_bytes()[..offset].iter().filter(|&&b| b == b'\n').count();
    u32::try_from(newlines + 1).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
title = "test"

[[theme]]
id = "trust"
label = "Trust"
definition = "Peers build trust."
terms = ["trust", "rapport", "advoca*"]
exclude = ["NHS Trust"]

[[theme]]
id = "pay"
label = "Pay"
definition = "Peers are paid."
terms = ["salary", "salary"]
"#;

    fn refused(text: &str) -> CodebookError {
        match Codebook::parse(text, "pipelines/bad.codebook.toml") {
            Ok(_) => panic!("accepted a bad codebook:\n{text}"),
            Err(e) => e,
        }
    }

    #[test]
    fn parses_a_good_codebook() {
        let codebook = Codebook::parse(GOOD, "good.toml").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(codebook.themes.len(), 2);
        assert_eq!(codebook.themes[0].id, "trust");
        assert_eq!(codebook.themes[0].terms, ["trust", "rapport", "advoca*"]);
        assert_eq!(codebook.themes[0].exclude, ["NHS Trust"]);
        // Repeated terms are kept once.
        assert_eq!(codebook.themes[1].terms, ["salary"]);
    }

    #[test]
    fn syntax_error_names_file_and_line() {
        let text = "[[theme]]\nid = \"trust\"\nlabel = \"Trust\nterms = []\n";
        let e = refused(text);
        assert!(matches!(e.problem, CodebookProblem::Syntax(_)), "{e}");
        assert_eq!(e.line, 3);
        assert!(e.to_string().starts_with("pipelines/bad.codebook.toml:3: syntax error"), "{e}");
    }

    #[test]
    fn duplicate_id_is_refused_at_the_second_id() {
        let text = GOOD.replace("id = \"pay\"", "id = \"trust\"");
        let e = refused(&text);
        assert_eq!(e.problem, CodebookProblem::DuplicateId("trust".into()));
        assert_eq!(e.line, 12);
        assert_eq!(e.to_string(), "pipelines/bad.codebook.toml:12: duplicate theme id \"trust\"");
    }

    #[test]
    fn empty_term_list_is_refused() {
        let text = GOOD.replace("terms = [\"salary\", \"salary\"]", "terms = [\n]");
        let e = refused(&text);
        assert_eq!(e.problem, CodebookProblem::EmptyTerms("pay".into()));
        assert_eq!(e.line, 15);
        assert!(e.to_string().contains("empty term list"));
    }

    #[test]
    fn other_bad_codebooks_are_refused() {
        let missing_terms = "[[theme]]\nid = \"a\"\nlabel = \"A\"\ndefinition = \"d\"\n";
        assert!(matches!(refused(missing_terms).problem, CodebookProblem::Syntax(m) if m.contains("terms")));
        let unknown_key = GOOD.replace("exclude =", "exclud =");
        let e = refused(&unknown_key);
        assert!(matches!(e.problem, CodebookProblem::Syntax(_)));
        assert_eq!(e.line, 9);
        assert_eq!(refused("title = \"x\"\n").problem, CodebookProblem::NoThemes);
        assert_eq!(refused("").problem, CodebookProblem::NoThemes);
        let bad_id = GOOD.replace("id = \"pay\"", "id = \"Pay Theme\"");
        assert_eq!(refused(&bad_id).problem, CodebookProblem::BadId("Pay Theme".into()));
        let blank_term = GOOD.replace("\"rapport\"", "\" — \"");
        assert!(matches!(refused(&blank_term).problem, CodebookProblem::BadTerm { .. }));
        let inner_star = GOOD.replace("\"rapport\"", "\"rap*port\"");
        assert_eq!(refused(&inner_star).line, 8);
        let empty_label = GOOD.replace("label = \"Pay\"", "label = \"  \"");
        assert_eq!(
            refused(&empty_label).problem,
            CodebookProblem::EmptyField { id: "pay".into(), field: "label" }
        );
        let wrong_type = GOOD.replace("terms = [\"salary\", \"salary\"]", "terms = \"salary\"");
        assert!(matches!(refused(&wrong_type).problem, CodebookProblem::Syntax(_)));
    }
}
