//! Reviewer overrides: corrections that survive every re-run.
//!
//! `pipelines/<name>.overrides.csv` has the columns
//! `study_id, field, value, reviewer, note`. `field` is a `studies.csv`
//! column (`country`, `n_participants`, ...), or a cell of a multi-row table:
//! `participants.<k>.<column>` for the k-th group of the study (1-based, in
//! `participants.csv` order; k one past the last adds a group) and
//! `themes.<theme_no>.<column>`; the value `DELETE` on `participants.<k>` or
//! `themes.<theme_no>` removes that row. The overridden value wins, the
//! provenance row says `override:<reviewer>`, and an override whose study or
//! field no longer exists becomes a flag instead of being dropped.

use std::path::Path;

use evtab_model::{
    Flag, FlagKind, ParticipantGroup, Provenance, Severity, StudyField, StudyTheme, ThemeKind,
};
use evtab_report::Tables;

use crate::config::ConfigError;

/// One line of the overrides file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// The study.
    pub study_id: String,
    /// The field (see the module docs).
    pub field: String,
    /// The corrected value.
    pub value: String,
    /// Who made the correction.
    pub reviewer: String,
    /// Why.
    pub note: String,
    /// 1-based line in the file.
    pub line: u32,
}

const PARTICIPANT_FIELDS: &[&str] = &["group", "category", "n", "method"];
const THEME_FIELDS: &[&str] = &["kind", "theme", "parent"];

/// Reads and checks an overrides file (syntax and field names, not studies).
pub fn read_overrides(path: &Path) -> Result<Vec<Override>, ConfigError> {
    let invalid = |message: String| ConfigError::Invalid { path: path.to_path_buf(), message };
    let mut reader =
        csv::ReaderBuilder::new().trim(csv::Trim::All).from_path(path).map_err(|e| invalid(e.to_string()))?;
    let headers = reader.headers().map_err(|e| invalid(e.to_string()))?.clone();
    let expected = ["study_id", "field", "value", "reviewer", "note"];
    if headers.iter().collect::<Vec<_>>() != expected {
        return Err(invalid(format!("line 1: the header must be `{}`", expected.join(","))));
    }
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| invalid(e.to_string()))?;
        let line = record.position().map_or(0, |p| u32::try_from(p.line()).unwrap_or(u32::MAX));
        let cell = |i: usize| record.get(i).unwrap_or("").to_string();
        let o = Override {
            study_id: cell(0),
            field: cell(1),
            value: cell(2),
            reviewer: cell(3),
            note: cell(4),
            line,
        };
        if o.study_id.is_empty() || o.field.is_empty() || o.reviewer.is_empty() {
            return Err(invalid(format!("line {line}: study_id, field and reviewer must not be empty")));
        }
        target(&o.field).map_err(|problem| invalid(format!("line {line}: {problem}")))?;
        out.push(o);
    }
    Ok(out)
}

/// What an override's field names.
enum Target<'a> {
    Study(StudyField),
    Participant(usize, Option<&'a str>),
    Theme(u32, Option<&'a str>),
}

fn target(field: &str) -> Result<Target<'_>, String> {
    let parts: Vec<&str> = field.split('.').collect();
    match parts.as_slice() {
        [column] => match StudyField::from_column(column) {
            Some(field) if field.is_settable() => Ok(Target::Study(field)),
            Some(_) => Err(format!(
                "`{column}` is derived from the documents and cannot be set; correct a document instead"
            )),
            None => Err(format!("`{field}` is not a field an override can set")),
        },
        ["participants", k, rest @ ..] => {
            let k: usize = k
                .parse()
                .ok()
                .filter(|k| *k >= 1)
                .ok_or(format!("`{field}`: the group number must be 1 or more"))?;
            match rest {
                [] => Ok(Target::Participant(k, None)),
                [column] if PARTICIPANT_FIELDS.contains(column) => Ok(Target::Participant(k, Some(column))),
                _ => Err(format!("`{field}`: participants columns are {}", PARTICIPANT_FIELDS.join(", "))),
            }
        }
        ["themes", n, rest @ ..] => {
            let n: u32 = n
                .parse()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or(format!("`{field}`: the theme number must be 1 or more"))?;
            match rest {
                [] => Ok(Target::Theme(n, None)),
                [column] if THEME_FIELDS.contains(column) => Ok(Target::Theme(n, Some(column))),
                _ => Err(format!("`{field}`: themes columns are {}", THEME_FIELDS.join(", "))),
            }
        }
        _ => Err(format!("`{field}` is not a field an override can set")),
    }
}

/// Applies overrides to the built tables; `source` names the overrides file in provenance.
pub fn apply_overrides(tables: &mut Tables, overrides: &[Override], source: &str) {
    for o in overrides {
        let result = if tables.studies.iter().any(|s| s.study_id == o.study_id) {
            match target(&o.field) {
                Ok(Target::Study(column)) => set_study_field(tables, o, column),
                Ok(Target::Participant(k, column)) => set_participant(tables, o, k, column),
                Ok(Target::Theme(n, column)) => set_theme(tables, o, n, column),
                Err(problem) => Err(problem),
            }
        } else {
            Err(format!("study {} does not exist (any more)", o.study_id))
        };
        match result {
            Ok(()) => tables.provenance.push((
                o.study_id.clone(),
                Provenance {
                    field: o.field.clone(),
                    value: o.value.clone(),
                    doc_id: source.to_string(),
                    line: o.line,
                    rule: format!("override:{}", o.reviewer),
                },
            )),
            Err(problem) => tables.flags.push((
                if problem.contains("does not exist") { String::new() } else { o.study_id.clone() },
                Flag {
                    field: o.field.clone(),
                    severity: Severity::Warning,
                    kind: FlagKind::Missing,
                    message: format!(
                        "override on line {} of {source} by {} was not applied: {problem}",
                        o.line, o.reviewer
                    ),
                },
            )),
        }
    }
}

fn set_study_field(tables: &mut Tables, o: &Override, field: StudyField) -> Result<(), String> {
    let Some(study) = tables.studies.iter_mut().find(|s| s.study_id == o.study_id) else {
        return Err(format!("study {} does not exist (any more)", o.study_id));
    };
    study.set(field, (!o.value.is_empty()).then(|| o.value.clone()))
}

fn set_participant(tables: &mut Tables, o: &Override, k: usize, column: Option<&str>) -> Result<(), String> {
    let indices: Vec<usize> = tables
        .participants
        .iter()
        .enumerate()
        .filter(|(_, (id, _))| *id == o.study_id)
        .map(|(i, _)| i)
        .collect();
    match (column, indices.get(k - 1)) {
        (None, Some(&i)) if o.value == "DELETE" => {
            tables.participants.remove(i);
            Ok(())
        }
        (None, _) => Err(format!("`{}` takes the value DELETE and an existing group", o.field)),
        (Some(column), Some(&i)) => set_group_column(&mut tables.participants[i].1, column, &o.value),
        (Some(column), None) if k == indices.len() + 1 => {
            let mut group = ParticipantGroup {
                group: String::new(),
                category: "other".to_string(),
                n: None,
                method: None,
                doc_id: String::new(),
                line: o.line,
                evidence: format!("added by reviewer {}: {}", o.reviewer, o.note),
            };
            set_group_column(&mut group, column, &o.value)?;
            let at = indices.last().map_or(tables.participants.len(), |i| i + 1);
            tables.participants.insert(at, (o.study_id.clone(), group));
            Ok(())
        }
        (Some(_), None) => Err(format!("study {} has no participant group {k}", o.study_id)),
    }
}

fn set_group_column(group: &mut ParticipantGroup, column: &str, value: &str) -> Result<(), String> {
    match column {
        "group" => group.group = value.to_string(),
        "category" => group.category = value.to_string(),
        "method" => group.method = (!value.is_empty()).then(|| value.to_string()),
        "n" => {
            group.n = if value.is_empty() {
                None
            } else {
                Some(value.parse().map_err(|_| format!("`{value}` is not a whole number"))?)
            }
        }
        _ => return Err(format!("`{column}` is not a participants column")),
    }
    Ok(())
}

fn set_theme(tables: &mut Tables, o: &Override, n: u32, column: Option<&str>) -> Result<(), String> {
    let position = tables.themes.iter().position(|(id, t)| *id == o.study_id && t.theme_no == n);
    match (column, position) {
        (None, Some(i)) if o.value == "DELETE" => {
            tables.themes.remove(i);
            Ok(())
        }
        (None, _) => Err(format!("`{}` takes the value DELETE and an existing theme", o.field)),
        (Some(column), Some(i)) => set_theme_column(&mut tables.themes[i].1, column, &o.value),
        (Some(column), None) => {
            let last = tables
                .themes
                .iter()
                .filter(|(id, _)| *id == o.study_id)
                .map(|(_, t)| t.theme_no)
                .max()
                .unwrap_or(0);
            if n != last + 1 {
                return Err(format!("study {} has no theme {n}", o.study_id));
            }
            let mut theme = StudyTheme {
                theme_no: n,
                kind: ThemeKind::Theme,
                theme: String::new(),
                parent: None,
                doc_id: String::new(),
                line: o.line,
                evidence: format!("added by reviewer {}: {}", o.reviewer, o.note),
            };
            set_theme_column(&mut theme, column, &o.value)?;
            tables.themes.push((o.study_id.clone(), theme));
            Ok(())
        }
    }
}

fn set_theme_column(theme: &mut StudyTheme, column: &str, value: &str) -> Result<(), String> {
    match column {
        "theme" => theme.theme = value.to_string(),
        "parent" => theme.parent = (!value.is_empty()).then(|| value.to_string()),
        "kind" => {
            theme.kind = match value {
                "theme" => ThemeKind::Theme,
                "finding" => ThemeKind::Finding,
                _ => return Err(format!("kind must be `theme` or `finding`, not `{value}`")),
            }
        }
        _ => return Err(format!("`{column}` is not a themes column")),
    }
    Ok(())
}
