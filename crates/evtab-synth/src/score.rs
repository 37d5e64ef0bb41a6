//! Scores the pipeline's tables against a ground truth, as
//! `shared/spec/truth-format.md` describes: linking (pairs of documents put
//! in the same study, and exact document sets), bibliographic fields,
//! participant groups and themes.
//!
//! Counting rules, stated once here and printed with the table:
//! - Each truth study is compared with the output study that holds most of
//!   its documents (ties: the first in `studies.csv`); a study none of whose
//!   documents reached the output is compared with an empty row.
//! - A field whose truth is `null` scores only when the output cell is empty.
//! - Group and theme precision count the rows of each truth study's matched
//!   output study (so an output study that merged two truth studies counts
//!   its rows for both).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::truth::TruthStudy;

/// Case, accent, quote and punctuation folding for comparing text fields.
pub fn fold(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::with_capacity(ascii.len());
    for ch in ascii.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if ch == '\'' {
            // An apostrophe joins (`O'Brien` = `OBrien`), as quotes vanish.
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

/// Why tables could not be scored.
#[derive(Debug, thiserror::Error)]
pub enum ScoreError {
    /// A table could not be read.
    #[error("{path}: {source}")]
    Read {
        /// Which table.
        path: PathBuf,
        /// The CSV or I/O error.
        source: csv::Error,
    },
    /// A table lacks a column the scorer needs.
    #[error("{path}: no `{column}` column")]
    Column {
        /// Which table.
        path: PathBuf,
        /// The missing column.
        column: &'static str,
    },
}

/// Linking scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Linking {
    /// Pairs of documents in the same truth study.
    pub truth_pairs: u64,
    /// Pairs of (truth) documents in the same output study.
    pub output_pairs: u64,
    /// Pairs in the same study on both sides.
    pub correct_pairs: u64,
    /// Truth studies whose output study's `doc_ids` equal `docs` exactly.
    pub exact_sets: usize,
}

impl Linking {
    /// Pairwise precision (1 when the output pairs nothing).
    pub fn precision(&self) -> f64 {
        ratio(self.correct_pairs, self.output_pairs)
    }

    /// Pairwise recall (1 when the truth has no pairs).
    pub fn recall(&self) -> f64 {
        ratio(self.correct_pairs, self.truth_pairs)
    }
}

/// One bibliographic field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldScore {
    /// Column name.
    pub field: &'static str,
    /// Studies whose truth states the field.
    pub stated: usize,
    /// ... of which the output has the same value.
    pub stated_correct: usize,
    /// Studies whose truth is null.
    pub unstated: usize,
    /// ... of which the output is empty too.
    pub unstated_empty: usize,
}

impl FieldScore {
    /// Correct over all studies (a null truth is correct only with an empty output).
    pub fn accuracy(&self) -> f64 {
        ratio((self.stated_correct + self.unstated_empty) as u64, (self.stated + self.unstated) as u64)
    }

    /// Correct over the studies whose truth states the field.
    pub fn stated_accuracy(&self) -> f64 {
        ratio(self.stated_correct as u64, self.stated as u64)
    }
}

/// Precision and recall of a matched multiset.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SetScore {
    /// Items in the truth.
    pub truth: usize,
    /// Items in the output.
    pub output: usize,
    /// Items matched one to one.
    pub matched: usize,
}

impl SetScore {
    /// Matched over output items (1 when there are none).
    pub fn precision(&self) -> f64 {
        ratio(self.matched as u64, self.output as u64)
    }

    /// Matched over truth items (1 when there are none).
    pub fn recall(&self) -> f64 {
        ratio(self.matched as u64, self.truth as u64)
    }
}

/// One wrong value, for the reviewer's eye (`{:#}` prints them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// Field, `linking`, `groups` or `themes`.
    pub field: String,
    /// The truth study's documents.
    pub docs: String,
    /// What the truth says.
    pub truth: String,
    /// What the output says.
    pub output: String,
}

/// Everything [`score`] measured.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Studies in the truth.
    pub truth_studies: usize,
    /// Documents in the truth.
    pub truth_docs: usize,
    /// Truth documents found in some output study.
    pub docs_in_output: usize,
    /// Rows of `studies.csv`.
    pub output_studies: usize,
    /// Linking.
    pub linking: Linking,
    /// Bibliographic fields, in truth-format order.
    pub fields: Vec<FieldScore>,
    /// Participant groups on (category, n).
    pub groups: SetScore,
    /// Themes (`kind` = `theme`) by word overlap.
    pub themes: SetScore,
    /// Up to five examples of each kind of error.
    pub mismatches: Vec<Mismatch>,
}

fn ratio(num: u64, den: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    if den == 0 { 1.0 } else { num as f64 / den as f64 }
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

/// A CSV table as rows of named cells.
struct Table {
    path: PathBuf,
    headers: Vec<String>,
    rows: Vec<csv::StringRecord>,
}

impl Table {
    fn read(dir: &Path, file: &str) -> Result<Table, ScoreError> {
        let path = dir.join(file);
        let mut reader = csv::Reader::from_path(&path)
            .map_err(|source| ScoreError::Read { path: path.clone(), source })?;
        let headers = reader
            .headers()
            .map_err(|source| ScoreError::Read { path: path.clone(), source })?
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .collect::<Result<Vec<_>, _>>()
            .map_err(|source| ScoreError::Read { path: path.clone(), source })?;
        Ok(Table { path, headers, rows })
    }

    fn column(&self, name: &'static str) -> Result<usize, ScoreError> {
        self.headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| ScoreError::Column { path: self.path.clone(), column: name })
    }
}

/// The bibliographic fields scored, with their truth value and how to compare.
const FIELDS: [&str; 8] =
    ["title", "first_author", "author_count", "year", "journal", "doi", "country", "n_participants"];

fn truth_value(study: &TruthStudy, field: &str) -> Option<String> {
    match field {
        "title" => study.title.clone(),
        "first_author" => study.first_author_family.clone(),
        "author_count" => study.author_count.map(|n| n.to_string()),
        "year" => study.year.map(|n| n.to_string()),
        "journal" => study.journal.clone(),
        "doi" => study.doi.clone(),
        "country" => study.country.clone(),
        "n_participants" => study.n_participants.map(|n| n.to_string()),
        _ => None,
    }
}

fn same_value(field: &str, truth: &str, output: &str) -> bool {
    match field {
        "doi" => truth.trim().eq_ignore_ascii_case(output.trim()),
        "author_count" | "year" | "n_participants" => {
            matches!((truth.trim().parse::<i64>(), output.trim().parse::<i64>()), (Ok(a), Ok(b)) if a == b)
        }
        _ => fold(truth) == fold(output),
    }
}

/// Whether two theme labels match: their word sets share at least 80% of
/// the longer one's words.
pub fn themes_match(a: &str, b: &str) -> bool {
    let wa: BTreeSet<String> = fold(a).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
    let wb: BTreeSet<String> = fold(b).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
    let longer = wa.len().max(wb.len());
    longer > 0 && 5 * wa.intersection(&wb).count() >= 4 * longer
}

/// Scores the tables in `tables_dir` (`studies.csv`, `participants.csv`,
/// `themes.csv`) against the truth.
pub fn score(truth: &[TruthStudy], tables_dir: &Path) -> Result<Scores, ScoreError> {
    let studies = Table::read(tables_dir, "studies.csv")?;
    let participants = Table::read(tables_dir, "participants.csv")?;
    let themes = Table::read(tables_dir, "themes.csv")?;
    let doc_ids_col = studies.column("doc_ids")?;
    let study_id_col = studies.column("study_id")?;

    // Output studies and where each document went.
    let out_docs: Vec<BTreeSet<&str>> = studies
        .rows
        .iter()
        .map(|r| r.get(doc_ids_col).unwrap_or("").split("; ").filter(|d| !d.is_empty()).collect())
        .collect();
    let mut doc_out: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, docs) in out_docs.iter().enumerate() {
        for d in docs {
            doc_out.entry(d).or_insert(i);
        }
    }

    let mut s = Scores {
        truth_studies: truth.len(),
        truth_docs: truth.iter().map(|t| t.docs.len()).sum(),
        output_studies: studies.rows.len(),
        ..Scores::default()
    };
    let note = |s: &mut Scores, field: &str, t: &TruthStudy, truth: String, output: String| {
        if s.mismatches.iter().filter(|m| m.field == field).count() < 5 {
            s.mismatches.push(Mismatch { field: field.to_string(), docs: t.docs.join("; "), truth, output });
        }
    };

    // Linking.
    let mut cells: BTreeMap<(usize, usize), u64> = BTreeMap::new();
    let mut out_sizes: BTreeMap<usize, u64> = BTreeMap::new();
    let mut matched: Vec<Option<usize>> = Vec::with_capacity(truth.len());
    for (ti, t) in truth.iter().enumerate() {
        s.linking.truth_pairs += pairs(t.docs.len() as u64);
        let mut here: BTreeMap<usize, usize> = BTreeMap::new();
        for d in &t.docs {
            if let Some(&o) = doc_out.get(d.as_str()) {
                s.docs_in_output += 1;
                *cells.entry((o, ti)).or_default() += 1;
                *out_sizes.entry(o).or_default() += 1;
                *here.entry(o).or_default() += 1;
            }
        }
        // Most documents first, then the earliest row.
        let best = here.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(o, _)| *o);
        let exact = best.is_some_and(|o| {
            let want: BTreeSet<&str> = t.docs.iter().map(String::as_str).collect();
            out_docs[o] == want
        });
        if exact {
            s.linking.exact_sets += 1;
        } else {
            let got =
                best.map(|o| out_docs[o].iter().copied().collect::<Vec<_>>().join("; ")).unwrap_or_default();
            let split = here.len();
            note(
                &mut s,
                "linking",
                t,
                format!("{} documents", t.docs.len()),
                format!("in {split} output studies; best: {got}"),
            );
        }
        matched.push(best);
    }
    s.linking.output_pairs = out_sizes.values().map(|n| pairs(*n)).sum();
    s.linking.correct_pairs = cells.values().map(|n| pairs(*n)).sum();

    // Bibliographic fields.
    for field in FIELDS {
        let col = studies.column(field)?;
        let mut f = FieldScore { field, ..FieldScore::default() };
        for (t, m) in truth.iter().zip(&matched) {
            let output = m.and_then(|o| studies.rows[o].get(col)).unwrap_or("").trim().to_string();
            match truth_value(t, field) {
                Some(want) => {
                    f.stated += 1;
                    if same_value(field, &want, &output) {
                        f.stated_correct += 1;
                    } else {
                        note(&mut s, field, t, want, output);
                    }
                }
                None => {
                    f.unstated += 1;
                    if output.is_empty() {
                        f.unstated_empty += 1;
                    } else {
                        note(&mut s, field, t, "(null)".to_string(), output);
                    }
                }
            }
        }
        s.fields.push(f);
    }

    // Participant groups and themes, by output study id.
    let study_ids: Vec<&str> = studies.rows.iter().map(|r| r.get(study_id_col).unwrap_or("")).collect();
    let (p_study, p_category, p_n) =
        (participants.column("study_id")?, participants.column("category")?, participants.column("n")?);
    let mut groups_of: BTreeMap<&str, Vec<(String, Option<u32>)>> = BTreeMap::new();
    for r in &participants.rows {
        let n = r.get(p_n).and_then(|n| n.trim().parse::<u32>().ok());
        groups_of
            .entry(r.get(p_study).unwrap_or(""))
            .or_default()
            .push((r.get(p_category).unwrap_or("").to_string(), n));
    }
    let (t_study, t_kind, t_theme) =
        (themes.column("study_id")?, themes.column("kind")?, themes.column("theme")?);
    let mut themes_of: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in &themes.rows {
        if r.get(t_kind) == Some("theme") {
            themes_of.entry(r.get(t_study).unwrap_or("")).or_default().push(r.get(t_theme).unwrap_or(""));
        }
    }
    for (t, m) in truth.iter().zip(&matched) {
        let id = m.map_or("", |o| study_ids[o]);
        let empty_groups = Vec::new();
        let out_groups =
            if id.is_empty() { &empty_groups } else { groups_of.get(id).unwrap_or(&empty_groups) };
        let mut left: Vec<&(String, Option<u32>)> = out_groups.iter().collect();
        let mut hit = 0;
        for g in &t.groups {
            if let Some(k) = left.iter().position(|(c, n)| *c == g.category && *n == g.n) {
                left.remove(k);
                hit += 1;
            }
        }
        s.groups.truth += t.groups.len();
        s.groups.output += out_groups.len();
        s.groups.matched += hit;
        if hit != t.groups.len() || hit != out_groups.len() {
            let show = |items: Vec<String>| items.join(", ");
            note(
                &mut s,
                "groups",
                t,
                show(t.groups.iter().map(|g| format!("{} {:?} ({})", g.category, g.n, g.label)).collect()),
                show(out_groups.iter().map(|(c, n)| format!("{c} {n:?}")).collect()),
            );
        }

        let empty_themes = Vec::new();
        let out_themes =
            if id.is_empty() { &empty_themes } else { themes_of.get(id).unwrap_or(&empty_themes) };
        let mut left: Vec<&str> = out_themes.clone();
        let mut hit = 0;
        for label in &t.themes {
            if let Some(k) = left.iter().position(|o| themes_match(label, o)) {
                left.remove(k);
                hit += 1;
            }
        }
        s.themes.truth += t.themes.len();
        s.themes.output += out_themes.len();
        s.themes.matched += hit;
        if hit != t.themes.len() || hit != out_themes.len() {
            note(&mut s, "themes", t, t.themes.join(" | "), out_themes.join(" | "));
        }
    }
    Ok(s)
}

impl fmt::Display for Scores {
    /// A table; the alternate form (`{:#}`) adds examples of each error.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let l = &self.linking;
        writeln!(
            f,
            "Evaluation: {} truth studies, {} documents; {} of them in {} output studies",
            self.truth_studies, self.truth_docs, self.docs_in_output, self.output_studies
        )?;
        writeln!(f)?;
        writeln!(f, "{:<36}{:>10}{:>10}{:>9}", "linking", "correct", "of", "score")?;
        writeln!(
            f,
            "{:<36}{:>10}{:>10}{:>9.4}",
            "  pairwise precision",
            l.correct_pairs,
            l.output_pairs,
            l.precision()
        )?;
        writeln!(
            f,
            "{:<36}{:>10}{:>10}{:>9.4}",
            "  pairwise recall",
            l.correct_pairs,
            l.truth_pairs,
            l.recall()
        )?;
        #[allow(clippy::cast_precision_loss)]
        let exact = ratio(l.exact_sets as u64, self.truth_studies as u64);
        writeln!(
            f,
            "{:<36}{:>10}{:>10}{:>9.4}",
            "  studies with exact document sets", l.exact_sets, self.truth_studies, exact
        )?;
        writeln!(f)?;
        writeln!(
            f,
            "{:<18}{:>9}{:>9}{:>9}{:>12}{:>10}{:>9}",
            "field", "accuracy", "stated", "correct", "acc(stated)", "unstated", "spurious"
        )?;
        for s in &self.fields {
            writeln!(
                f,
                "  {:<16}{:>9.4}{:>9}{:>9}{:>12.4}{:>10}{:>9}",
                s.field,
                s.accuracy(),
                s.stated,
                s.stated_correct,
                s.stated_accuracy(),
                s.unstated,
                s.unstated - s.unstated_empty
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "{:<36}{:>10}{:>10}{:>10}{:>10}{:>10}",
            "", "matched", "truth", "output", "precision", "recall"
        )?;
        for (name, set) in [
            ("participant groups (category, n)", &self.groups),
            ("themes (kind=theme, 80% words)", &self.themes),
        ] {
            writeln!(
                f,
                "{:<36}{:>10}{:>10}{:>10}{:>10.4}{:>10.4}",
                name,
                set.matched,
                set.truth,
                set.output,
                set.precision(),
                set.recall()
            )?;
        }
        writeln!(f)?;
        writeln!(
            f,
            "Each truth study is compared with the output study holding most of its documents. A null truth\n\
             field is correct only when the output cell is empty (`spurious` counts the others); `acc(stated)`\n\
             counts only studies whose documents state the field. Text fields are compared after folding case,\n\
             accents, quotes and punctuation; numbers and DOIs exactly."
        )?;
        if f.alternate() && !self.mismatches.is_empty() {
            writeln!(f)?;
            writeln!(f, "Examples of errors (up to five of each kind):")?;
            for m in &self.mismatches {
                writeln!(
                    f,
                    "  [{}] {}\n      truth:  {}\n      output: {}",
                    m.field, m.docs, m.truth, m.output
                )?;
            }
        }
        Ok(())
    }
}

/// One format's per-document figures: for each field, how many documents
/// gave a value, how many of those were right, and how many gave nothing
/// although their study's truth states the field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormatScore {
    /// Format name as in `sources.csv`.
    pub format: String,
    /// Truth documents of this format.
    pub documents: usize,
    /// ... of which were rejected (no study in the output).
    pub rejected: usize,
    /// Per field of [`FIELDS`]: (given, correct, empty while stated).
    pub fields: Vec<(&'static str, usize, usize, usize)>,
}

/// What each document says alone, by format: scores the tables of a run
/// with linking off (`evtab run --no-link`), where every document is its
/// own study, against the truth of the study the document belongs to.
///
/// A document is right on a field when the value it gives is the study's;
/// one that gives no value is counted apart (`empty`), since a document
/// need not state everything its study's other documents state.
pub fn score_documents(truth: &[TruthStudy], tables_dir: &Path) -> Result<Vec<FormatScore>, ScoreError> {
    let studies = Table::read(tables_dir, "studies.csv")?;
    let sources = Table::read(tables_dir, "sources.csv")?;
    let (doc_col, format_col) = (sources.column("doc_id")?, sources.column("format")?);
    let format_of: BTreeMap<&str, &str> = sources
        .rows
        .iter()
        .map(|r| (r.get(doc_col).unwrap_or(""), r.get(format_col).unwrap_or("")))
        .collect();
    let doc_ids_col = studies.column("doc_ids")?;
    let row_of: BTreeMap<&str, usize> =
        studies.rows.iter().enumerate().map(|(i, r)| (r.get(doc_ids_col).unwrap_or(""), i)).collect();
    let columns: Vec<usize> = FIELDS.iter().map(|f| studies.column(f)).collect::<Result<_, _>>()?;
    let mut by_format: BTreeMap<String, FormatScore> = BTreeMap::new();
    for t in truth {
        for doc in &t.docs {
            // A record of an export file is `file#n`; its format is the file's row's or its own.
            let format = format_of
                .get(doc.as_str())
                .or_else(|| format_of.get(doc.split('#').next().unwrap_or("")))
                .filter(|f| !f.is_empty())
                .map_or("(unrecognised)", |f| *f)
                .to_string();
            let entry = by_format.entry(format.clone()).or_insert_with(|| FormatScore {
                format,
                fields: FIELDS.iter().map(|f| (*f, 0, 0, 0)).collect(),
                ..FormatScore::default()
            });
            entry.documents += 1;
            let Some(&row) = row_of.get(doc.as_str()) else {
                entry.rejected += 1;
                continue;
            };
            for ((field, col), tally) in FIELDS.iter().zip(&columns).zip(entry.fields.iter_mut()) {
                let output = studies.rows[row].get(*col).unwrap_or("").trim();
                let want = truth_value(t, field);
                if output.is_empty() {
                    tally.3 += usize::from(want.is_some());
                } else {
                    tally.1 += 1;
                    tally.2 += usize::from(want.is_some_and(|w| same_value(field, &w, output)));
                }
            }
        }
    }
    Ok(by_format.into_values().collect())
}

/// The per-format table `evtab eval --each-document` prints.
pub fn render_format_scores(scores: &[FormatScore]) -> String {
    let mut out = String::new();
    let head: Vec<String> = FIELDS.iter().map(|f| format!("{:>14}", short(f))).collect();
    out.push_str(&format!("{:<16}{:>5}{:>5}{}\n", "format", "docs", "rej", head.join("")));
    for s in scores {
        let cells: Vec<String> = s
            .fields
            .iter()
            .map(|(_, given, correct, empty)| {
                let cell = if *given == 0 { "-".to_string() } else { format!("{correct}/{given}") };
                format!("{:>14}", if *empty > 0 { format!("{cell} +{empty}") } else { cell })
            })
            .collect();
        out.push_str(&format!("{:<16}{:>5}{:>5}{}\n", s.format, s.documents, s.rejected, cells.join("")));
    }
    out.push_str(
        "Each document read alone (`run --no-link`): right/given values per field, and `+k` documents that\n\
         gave nothing although their study's truth states the field (a document need not state everything).\n",
    );
    out
}

fn short(field: &str) -> &str {
    match field {
        "first_author" => "1st_author",
        "author_count" => "n_authors",
        "n_participants" => "n_total",
        other => other,
    }
}

/// Deduplication scores of one labelled export, record by record, in the
/// form of the ASySD benchmark: a redundant record counts as found when it
/// is merged with another member of its true group, and a false merge is
/// each extra true group inside one output study. Records not in the
/// output stand alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dedup {
    /// Records in the truth.
    pub records: u64,
    /// Records of the truth found in the output.
    pub records_read: u64,
    /// Records beyond the first of each true group.
    pub redundant: u64,
    /// Redundant records merged with their group.
    pub found: u64,
    /// Extra true groups inside output studies.
    pub false_merges: u64,
    /// Linking's pairwise figures over the same records.
    pub pairs: Linking,
}

impl Dedup {
    /// Share of redundant records found.
    pub fn sensitivity(&self) -> f64 {
        ratio(self.found, self.redundant)
    }

    /// One minus false merges over the records that are not redundant ones found or missed.
    pub fn specificity(&self) -> f64 {
        let negatives = self.records - self.redundant;
        ratio(negatives.saturating_sub(self.false_merges), negatives)
    }
}

impl std::fmt::Display for Dedup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "records {:>6} (read {:>6}), redundant {:>5}: sensitivity {:.4}, specificity {:.4}, pairwise precision {:.4}, recall {:.4}",
            self.records,
            self.records_read,
            self.redundant,
            self.sensitivity(),
            self.specificity(),
            self.pairs.precision(),
            self.pairs.recall()
        )
    }
}

/// Scores a run's linking against labelled duplicate groups (every true
/// group listed, singletons included).
pub fn score_dedup(truth: &[TruthStudy], tables_dir: &Path) -> Result<Dedup, ScoreError> {
    let studies = Table::read(tables_dir, "studies.csv")?;
    let doc_ids_col = studies.column("doc_ids")?;
    let mut cluster_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, row) in studies.rows.iter().enumerate() {
        for d in row.get(doc_ids_col).unwrap_or("").split("; ").filter(|d| !d.is_empty()) {
            cluster_of.insert(d, i);
        }
    }
    let mut s = Dedup::default();
    let mut alone = studies.rows.len();
    let mut groups_in: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    let mut members: BTreeMap<usize, u64> = BTreeMap::new();
    for (g, t) in truth.iter().enumerate() {
        let mut clusters = BTreeSet::new();
        for d in &t.docs {
            s.records += 1;
            let c = match cluster_of.get(d.as_str()) {
                Some(&c) => {
                    s.records_read += 1;
                    c
                }
                None => {
                    alone += 1;
                    alone
                }
            };
            clusters.insert(c);
            groups_in.entry(c).or_default().insert(g);
            *members.entry(c).or_default() += 1;
        }
        let size = t.docs.len() as u64;
        s.redundant += size.saturating_sub(1);
        s.found += size - clusters.len() as u64;
        s.pairs.truth_pairs += pairs(size);
    }
    s.false_merges = groups_in.values().map(|g| g.len() as u64 - 1).sum();
    s.pairs.output_pairs = members.values().map(|&n| pairs(n)).sum();
    // Pairs within a true group and within one output study.
    let mut cells: BTreeMap<(usize, usize), u64> = BTreeMap::new();
    let mut alone = studies.rows.len();
    for (g, t) in truth.iter().enumerate() {
        for d in &t.docs {
            let c = cluster_of.get(d.as_str()).copied().unwrap_or_else(|| {
                alone += 1;
                alone
            });
            *cells.entry((c, g)).or_default() += 1;
        }
    }
    s.pairs.correct_pairs = cells.values().map(|&n| pairs(n)).sum();
    Ok(s)
}
