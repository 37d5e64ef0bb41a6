//! Abbreviations a document defines, written out in the sentences we read,
//! so that `6 hospitalized PWUD` reads as `6 hospitalized people who use drugs`.

use std::collections::BTreeMap;

use evtab_model::SourceRecord;
use evtab_text::{AbbreviationDefinition, abbreviation_definitions, abbreviation_glossary};

/// Short form (case as written) -> long form, for one document.
#[derive(Debug, Clone, Default)]
pub(crate) struct AbbreviationMap {
    long_forms: BTreeMap<String, String>,
}

impl AbbreviationMap {
    /// Every definition in the document's passages (any section, the
    /// `Abbreviations` list included); the first definition of a short form wins.
    pub(crate) fn from_record(record: &SourceRecord) -> Self {
        let mut map = AbbreviationMap::default();
        for passage in &record.passages {
            for def in abbreviation_definitions(&passage.text) {
                map.add(&def);
            }
        }
        for passage in &record.passages {
            for def in abbreviation_glossary(&passage.text) {
                map.add(&def);
            }
        }
        map
    }

    #[cfg(test)]
    pub(crate) fn from_definitions(defs: &[(&str, &str)]) -> Self {
        let mut map = AbbreviationMap::default();
        for (short, long) in defs {
            map.add(&AbbreviationDefinition { short: short.to_string(), long: long.to_string() });
        }
        map
    }

    fn add(&mut self, def: &AbbreviationDefinition) {
        let long = lower_initial_capital(&def.long);
        let short = def.short.trim();
        if short.is_empty() || long.is_empty() {
            return;
        }
        self.long_forms.entry(short.to_string()).or_insert_with(|| long.clone());
        // `HCPs` defined: `HCP` is one provider; `HCP` defined: `HCPs` are several.
        let plural_short =
            short.strip_suffix('s').filter(|s| s.chars().last().is_some_and(char::is_uppercase));
        match plural_short {
            Some(singular) => {
                if let Some(stem) = long.strip_suffix('s') {
                    self.long_forms.entry(singular.to_string()).or_insert_with(|| stem.to_string());
                }
            }
            None => {
                if short.chars().last().is_some_and(char::is_uppercase) && !long.ends_with('s') {
                    self.long_forms.entry(format!("{short}s")).or_insert_with(|| format!("{long}s"));
                }
            }
        }
    }

    /// Writes out the short forms in `sentence`: a bracket holding only a
    /// defined short form is dropped (`people who use drugs (PWUD)`), and each
    /// short form standing as a word is replaced by its long form.
    pub(crate) fn expand(&self, sentence: &str) -> String {
        if self.long_forms.is_empty() {
            return sentence.to_string();
        }
        let without_definitions = self.drop_definition_brackets(sentence);
        let mut out = String::with_capacity(without_definitions.len() + 32);
        let mut word_start: Option<usize> = None;
        let text = without_definitions.as_str();
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            if c.is_alphanumeric() {
                word_start.get_or_insert(i);
                continue;
            }
            if let Some(start) = word_start.take() {
                let word = &text[start..i];
                match self.long_forms.get(word) {
                    Some(long) => out.push_str(long),
                    None => out.push_str(word),
                }
            }
            if i < text.len() {
                out.push(c);
            }
        }
        out
    }

    fn drop_definition_brackets(&self, sentence: &str) -> String {
        let mut out = String::with_capacity(sentence.len());
        let mut rest = sentence;
        while let Some(open) = rest.find('(') {
            let Some(close_rel) = rest[open..].find(')') else { break };
            let close = open + close_rel;
            let inner = &rest[open + 1..close];
            let mut parts = inner.splitn(2, [';', ',']);
            let first = parts.next().unwrap_or("").trim();
            let remainder = parts.next().map(str::trim).unwrap_or("");
            if self.long_forms.contains_key(first) {
                out.push_str(rest[..open].trim_end());
                if !remainder.is_empty() {
                    out.push_str(" (");
                    out.push_str(remainder);
                    out.push(')');
                }
            } else {
                out.push_str(&rest[..=close]);
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// `People who use drugs` -> `people who use drugs`, but `HIV clinic` and
/// `HepCare staff` keep their capitals.
fn lower_initial_capital(text: &str) -> String {
    let text = text.trim();
    let first_word = text.split_whitespace().next().unwrap_or("");
    let mut chars = first_word.chars();
    let initial_only = chars.next().is_some_and(char::is_uppercase) && chars.all(|c| !c.is_uppercase());
    if !initial_only {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    if let Some(c) = chars.next() {
        out.extend(c.to_lowercase());
    }
    out.extend(chars);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use evtab_model::{Passage, Section, SourceFormat};

    #[test]
    fn expands_defined_short_forms_and_their_plurals() {
        let map = AbbreviationMap::from_definitions(&[
            ("PWUD", "People who use drugs"),
            ("HCPs", "Healthcare providers"),
            ("APSWs", "advanced peer support workers"),
        ]);
        assert_eq!(
            map.expand("6 hospitalized PWUD, 3 HCPs and an HCP."),
            "6 hospitalized people who use drugs, 3 healthcare providers and an healthcare provider."
        );
        assert_eq!(
            map.expand("interviews with APSWs and APSW participants"),
            "interviews with advanced peer support workers and advanced peer support worker participants"
        );
        assert_eq!(map.expand("PWUDS and xPWUD stay"), "PWUDS and xPWUD stay");
    }

    #[test]
    fn drops_definition_brackets_but_keeps_counts() {
        let map = AbbreviationMap::from_definitions(&[("PSWs", "peer support workers")]);
        assert_eq!(
            map.expand("experienced peer support workers (PSWs) were"),
            "experienced peer support workers were"
        );
        assert_eq!(
            map.expand("peer support workers (PSWs; n = 5) and (n = 3)"),
            "peer support workers (n = 5) and (n = 3)"
        );
        assert_eq!(map.expand("unclosed (PSWs and"), "unclosed (peer support workers and");
    }

    #[test]
    fn collects_definitions_from_every_passage() {
        let mut record = SourceRecord::new("doc.txt", SourceFormat::Fulltext);
        let passage = |text: &str, section| Passage {
            section,
            in_abstract: false,
            heading: None,
            text: text.to_string(),
            line: 1,
        };
        record.passages.push(passage("People who use drugs (PWUD) present often.", Section::Background));
        record
            .passages
            .push(passage("PWID: People who inject drugs; HCPs: Healthcare providers.", Section::BackMatter));
        let map = AbbreviationMap::from_record(&record);
        assert_eq!(
            map.expand("PWUD, PWID and HCPs"),
            "people who use drugs, people who inject drugs and healthcare providers"
        );
    }
}
