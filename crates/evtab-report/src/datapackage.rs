//! `datapackage.json`: a Frictionless Data Package describing the CSVs.
//!
//! Built from the same frames the CSV writer writes (fixed tables typed by
//! [`schema`], the theme matrix by its actual columns), so the description
//! cannot drift from the files. Serialised from structs, whose field order
//! serde keeps, so the output is byte-stable.

use polars::prelude::{DataFrame, DataType};
use serde::Serialize;

use evtab_model::StudyField;

use crate::schema::{self, ColumnType};

#[derive(Serialize)]
struct Package {
    profile: &'static str,
    name: String,
    resources: Vec<Resource>,
}

#[derive(Serialize)]
struct Resource {
    name: String,
    path: String,
    profile: &'static str,
    format: &'static str,
    mediatype: &'static str,
    encoding: &'static str,
    dialect: Dialect,
    schema: Schema,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Dialect {
    delimiter: &'static str,
    line_terminator: &'static str,
    quote_char: &'static str,
    double_quote: bool,
    header: bool,
}

const CSV_DIALECT: Dialect =
    Dialect { delimiter: ",", line_terminator: "\n", quote_char: "\"", double_quote: true, header: true };

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Schema {
    fields: Vec<Field>,
    missing_values: [&'static str; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    primary_key: Vec<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    foreign_keys: Vec<ForeignKey>,
}

#[derive(Serialize)]
struct Field {
    name: String,
    #[serde(rename = "type")]
    kind: &'static str,
    /// What the column means (studies.csv: from the study schema).
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    constraints: Option<Constraints>,
}

#[derive(Serialize, Default)]
struct Constraints {
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum: Option<i64>,
    #[serde(rename = "enum", skip_serializing_if = "Option::is_none")]
    one_of: Option<Vec<&'static str>>,
}

#[derive(Serialize)]
struct ForeignKey {
    fields: Vec<&'static str>,
    reference: Reference,
}

#[derive(Serialize)]
struct Reference {
    resource: &'static str,
    fields: Vec<&'static str>,
}

/// Resource name of a table file (`studies.csv` → `studies`).
fn resource_name(file: &str) -> String {
    file.strip_suffix(".csv").unwrap_or(file).to_string()
}

/// Keys that hold by construction; a key that could repeat would make
/// validation fail on good data, so tables without one declare none.
fn primary_key(file: &str) -> Vec<&'static str> {
    match file {
        f if f == schema::STUDIES.file => vec!["study_id"],
        f if f == schema::AUTHORS.file => vec!["study_id", "position"],
        f if f == schema::THEMES.file => vec!["study_id", "theme_no"],
        f if f == schema::SOURCES.file => vec!["doc_id"],
        f if f == schema::THEME_MATRIX_FILE => vec!["synthesis_theme"],
        _ => Vec::new(),
    }
}

/// Joins the contract promises. Empty cells are missing values, which
/// Frictionless skips in foreign-key checks, so a flag or source row without
/// a study passes.
fn foreign_keys(file: &str, columns: &[&str], present: &[&str]) -> Vec<ForeignKey> {
    let mut keys = Vec::new();
    let mut link = |field: &'static str, target_file: &'static str, resource: &'static str| {
        if file != target_file && columns.contains(&field) && present.contains(&target_file) {
            keys.push(ForeignKey {
                fields: vec![field],
                reference: Reference { resource, fields: vec![field] },
            });
        }
    };
    link("study_id", schema::STUDIES.file, "studies");
    link("doc_id", schema::SOURCES.file, "sources");
    link("synthesis_theme", schema::THEME_MATRIX_FILE, "theme_matrix");
    keys
}

/// Value rules the contract states for a column, beyond its type.
fn constraints(file: &str, column: &str) -> Option<Constraints> {
    let at_least = |minimum| Some(Constraints { minimum: Some(minimum), ..Constraints::default() });
    let one_of =
        |values: Vec<&'static str>| Some(Constraints { one_of: Some(values), ..Constraints::default() });
    match (file, column) {
        (_, "position" | "theme_no" | "line" | "author_count") => at_least(1),
        (_, "n" | "n_participants" | "n_studies") => at_least(0),
        (f, "status") if f == schema::SOURCES.file => one_of(vec!["ok", "partial", "rejected"]),
        (f, "kind") if f == schema::THEMES.file => {
            one_of(vec![evtab_model::ThemeKind::Theme.name(), evtab_model::ThemeKind::Finding.name()])
        }
        (f, "severity") if f == schema::FLAGS.file => {
            use evtab_model::Severity;
            one_of(vec![Severity::Info.name(), Severity::Warning.name(), Severity::Error.name()])
        }
        _ => None,
    }
}

fn table_type(kind: ColumnType) -> &'static str {
    match kind {
        ColumnType::String => "string",
        ColumnType::Integer => "integer",
    }
}

fn frame_type(dtype: &DataType) -> &'static str {
    if dtype.is_integer() { "integer" } else { "string" }
}

/// The package for the given frames, as pretty JSON with a final newline.
/// Fixed tables take their columns and types from [`schema::ALL`]; the theme
/// matrix, whose study columns vary by run, from its frame (study cells are
/// 0 or 1).
pub fn datapackage_json(package_name: &str, frames: &[(&str, DataFrame)]) -> String {
    let present: Vec<&str> = frames.iter().map(|(f, _)| *f).collect();
    let resources = frames
        .iter()
        .map(|(file, df)| {
            let fields: Vec<Field> = match schema::ALL.iter().find(|s| s.file == *file) {
                Some(table) => table
                    .columns
                    .iter()
                    .map(|c| Field {
                        name: c.name.to_string(),
                        kind: table_type(c.kind),
                        description: (*file == schema::STUDIES.file)
                            .then(|| StudyField::from_column(c.name).map(StudyField::meaning))
                            .flatten(),
                        constraints: constraints(file, c.name),
                    })
                    .collect(),
                None => df
                    .columns()
                    .iter()
                    .map(|c| {
                        let name = c.name().as_str();
                        let kind = frame_type(c.dtype());
                        let cell =
                            *file == schema::THEME_MATRIX_FILE && kind == "integer" && name != "n_studies";
                        let constraints = if cell {
                            Some(Constraints { minimum: Some(0), maximum: Some(1), one_of: None })
                        } else {
                            constraints(file, name)
                        };
                        Field { name: name.to_string(), kind, description: None, constraints }
                    })
                    .collect(),
            };
            let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
            let schema = Schema {
                missing_values: [""],
                primary_key: primary_key(file),
                foreign_keys: foreign_keys(file, &names, &present),
                fields,
            };
            Resource {
                name: resource_name(file),
                path: (*file).to_string(),
                profile: "tabular-data-resource",
                format: "csv",
                mediatype: "text/csv",
                encoding: "utf-8",
                dialect: CSV_DIALECT,
                schema,
            }
        })
        .collect();
    let package = Package { profile: "tabular-data-package", name: package_slug(package_name), resources };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut json = serde_json::to_string_pretty(&package).unwrap_or_default();
    json.push('\n');
    json
}

/// Package names must be lowercase `[a-z0-9._-]`.
fn package_slug(name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| c.to_ascii_lowercase())
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') { c } else { '-' })
        .collect();
    if slug.is_empty() { "evidence-tables".to_string() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frames::{Tables, build_frames};

    fn package() -> serde_json::Value {
        let tables = Tables {
            studies: vec![evtab_model::Study { study_id: "a2020".into(), ..Default::default() }],
            synthesis_themes: vec!["t1".into()],
            ..Tables::default()
        };
        let frames = build_frames(&tables).expect("frames");
        serde_json::from_str(&datapackage_json("Peer Support", &frames)).expect("valid JSON")
    }

    fn resource<'a>(p: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
        p["resources"].as_array().and_then(|r| r.iter().find(|r| r["name"] == name)).expect("resource")
    }

    #[test]
    fn every_fixed_table_is_described_with_its_schema_columns() {
        let p = package();
        assert_eq!(p["name"], "peer-support");
        for table in schema::ALL {
            let r = resource(&p, &resource_name(table.file));
            assert_eq!(r["path"], table.file);
            let names: Vec<&str> = r["schema"]["fields"]
                .as_array()
                .expect("fields")
                .iter()
                .filter_map(|f| f["name"].as_str())
                .collect();
            let expected: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
            assert_eq!(names, expected, "{}", table.file);
            assert_eq!(r["schema"]["missingValues"], serde_json::json!([""]));
        }
    }

    #[test]
    fn matrix_has_a_column_per_study_and_keys_point_at_studies() {
        let p = package();
        let matrix = resource(&p, "theme_matrix");
        let fields = &matrix["schema"]["fields"];
        assert_eq!(fields[1]["name"], "a2020");
        assert_eq!(fields[1]["type"], "integer");
        assert_eq!(fields[1]["constraints"]["maximum"], 1);
        assert_eq!(matrix["schema"]["primaryKey"], serde_json::json!(["synthesis_theme"]));
        let flags = resource(&p, "flags");
        assert_eq!(flags["schema"]["foreignKeys"][0]["reference"]["resource"], "studies");
        assert!(resource(&p, "studies")["schema"].get("foreignKeys").is_none());
        let authors = resource(&p, "authors");
        assert_eq!(authors["schema"]["fields"][1]["type"], "integer");
    }

    #[test]
    fn output_is_stable() {
        let tables = Tables::default();
        let frames = build_frames(&tables).expect("frames");
        assert_eq!(datapackage_json("x", &frames), datapackage_json("x", &frames));
    }
}
