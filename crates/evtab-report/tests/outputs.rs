//! The companions of the CSVs (workbook, data package, HTML report), read
//! back from disk as a user's tools would read them.

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use evtab_model::{
    Author, Flag, FlagKind, ParticipantGroup, Severity, SourceFormat, SourceStatus, Study, ThemeEvidence,
};
use evtab_report::{RecordRow, SourceRow, Tables, build_frames, report_html, write_tables, write_workbook};

/// Made-up tables with values that try to become formulas or markup.
fn sample() -> Tables {
    let author = |family: &str| Author {
        family: family.into(),
        given: "Ann".into(),
        initials: "A".into(),
        raw: format!("{family}, Ann"),
    };
    let study = |id: &str, title: &str, n: Option<u32>| Study {
        study_id: id.into(),
        title: Some(title.into()),
        authors: vec![author("Doe"), author("Roe")],
        year: Some(2020),
        n_participants: n,
        country: Some("Utopia".into()),
        doc_ids: vec![format!("{id}.txt")],
        ..Study::default()
    };
    let evidence = |theme: &str, study: &str, sentence: &str| ThemeEvidence {
        synthesis_theme: theme.into(),
        study_id: study.into(),
        study_theme: "A theme".into(),
        doc_id: format!("{study}.txt"),
        evidence: sentence.into(),
        matched: "term".into(),
    };
    Tables {
        studies: vec![
            study("doe2020", "=HYPERLINK(\"http://example.invalid\",\"click\")", Some(12)),
            study("roe2020", "<script>alert(1)</script> & more", None),
        ],
        participants: vec![(
            "doe2020".into(),
            ParticipantGroup {
                group: "+people <who> use services".into(),
                category: "patient_or_service_user".into(),
                n: Some(12),
                method: Some("interview".into()),
                doc_id: "doe2020.txt".into(),
                line: 3,
                evidence: "Twelve \"people\" took part.".into(),
            },
        )],
        themes: Vec::new(),
        synthesis_themes: vec!["bridging".into(), "stigma".into()],
        synthesis_labels: vec![("bridging".into(), "Bridging & navigation".into())],
        theme_evidence: vec![
            evidence("bridging", "doe2020", "-peers bridged <gaps>"),
            evidence("bridging", "doe2020", "@peers linked people"),
            evidence("bridging", "roe2020", "peers helped navigate"),
        ],
        sources: vec![
            SourceRow {
                doc_id: "doe2020.txt".into(),
                format: Some(SourceFormat::Dspace),
                study_id: Some("doe2020".into()),
                record_id: None,
                status: SourceStatus::Ok,
                message: None,
            },
            SourceRow {
                doc_id: "roe2020.txt".into(),
                format: Some(SourceFormat::Fulltext),
                study_id: Some("roe2020".into()),
                record_id: None,
                status: SourceStatus::Ok,
                message: None,
            },
        ],
        provenance: Vec::new(),
        flags: vec![(
            String::new(),
            Flag {
                field: "doc".into(),
                severity: Severity::Warning,
                kind: FlagKind::Mismatch,
                message: "@SUM(A1:A2) looks like a formula".into(),
            },
        )],
        records: None,
    }
}

fn write_sample_workbook(path: &Path) {
    let frames = build_frames(&sample()).expect("frames");
    write_workbook(&frames, path).expect("workbook written");
}

fn column(range: &calamine::Range<Data>, name: &str) -> u32 {
    let width = u32::try_from(range.width()).expect("width");
    (0..width)
        .find(|&c| range.get_value((0, c)) == Some(&Data::String(name.into())))
        .unwrap_or_else(|| panic!("no column {name}"))
}

#[test]
fn workbook_has_a_sheet_per_table_numbers_as_numbers_and_formulas_as_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("evidence_tables.xlsx");
    write_sample_workbook(&path);
    let mut book: Xlsx<_> = open_workbook(&path).expect("workbook opens");
    let frames = build_frames(&sample()).expect("frames");
    let expected: Vec<String> =
        frames.iter().map(|(f, _)| f.strip_suffix(".csv").expect("csv file").to_string()).collect();
    assert_eq!(book.sheet_names(), expected);

    let studies = book.worksheet_range("studies").expect("studies sheet");
    assert_eq!(studies.get_value((0, 0)), Some(&Data::String("study_id".into())));
    assert_eq!(studies.height(), 3, "header and two studies");
    let title = column(&studies, "title");
    assert_eq!(
        studies.get_value((1, title)),
        Some(&Data::String("=HYPERLINK(\"http://example.invalid\",\"click\")".into())),
        "a formula-looking title must be stored as text"
    );
    let count = column(&studies, "author_count");
    assert_eq!(studies.get_value((1, count)), Some(&Data::Float(2.0)), "integers are numbers");
    let n = column(&studies, "n_participants");
    assert_eq!(studies.get_value((1, n)), Some(&Data::Float(12.0)));
    assert!(matches!(studies.get_value((2, n)), None | Some(Data::Empty)), "missing stays blank");

    let flags = book.worksheet_range("flags").expect("flags sheet");
    let message = column(&flags, "message");
    assert_eq!(flags.get_value((1, message)), Some(&Data::String("@SUM(A1:A2) looks like a formula".into())));

    let matrix = book.worksheet_range("theme_matrix").expect("matrix sheet");
    assert_eq!(matrix.get_value((0, 1)), Some(&Data::String("doe2020".into())));
    assert_eq!(matrix.get_value((1, 1)), Some(&Data::Float(1.0)));

    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).expect("formula range");
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "sheet {sheet} holds a formula");
    }
}

#[test]
fn workbook_bytes_are_the_same_on_every_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
    write_sample_workbook(&a);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    write_sample_workbook(&b);
    assert!(std::fs::read(&a).expect("a") == std::fs::read(&b).expect("b"), "workbooks differ");
}

#[test]
fn write_tables_puts_package_workbook_and_report_beside_the_csvs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("staging");
    std::fs::create_dir(&out).expect("folder");
    let written = write_tables(&sample(), &out, "my-review").expect("written");
    let mut on_disk: Vec<String> = std::fs::read_dir(&out)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed = written.clone();
    listed.sort();
    assert_eq!(on_disk, listed, "write_tables names every file it wrote, and writes nothing else");
    for file in ["studies.csv", "datapackage.json", "evidence_tables.xlsx", "report.html"] {
        assert!(out.join(file).is_file(), "{file} missing");
    }
    let package: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("datapackage.json")).expect("package"))
            .expect("json");
    assert_eq!(package["name"], "my-review");
    let paths: Vec<&str> = package["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .filter_map(|r| r["path"].as_str())
        .collect();
    for path in &paths {
        assert!(out.join(path).is_file(), "package names {path}, which was not written");
    }
    assert_eq!(paths.len(), 9);
}

#[test]
fn report_escapes_document_text_and_links_each_supported_cell_to_its_evidence() {
    let html = report_html(&sample(), &sample().synthesis_labels);
    // Written where a person (and `make check-report`) can open it.
    let sample_path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sample-report.html");
    std::fs::write(&sample_path, &html).expect("sample report written");

    assert!(!html.contains("<script>"), "markup from a document must be escaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more"));
    for fetch in ["src=", "<link", "@import", "url(", "<script"] {
        assert!(!html.contains(fetch), "the page must load nothing: found {fetch}");
    }
    assert!(html.contains("Bridging &amp; navigation"), "codebook label used");
    assert!(html.contains(">stigma<") || html.contains("stigma</text>"), "unlabelled theme shown by id");
    // doe2020 has two evidence sentences for bridging, roe2020 one.
    assert!(html.contains("href=\"#ev-bridging--doe2020\""));
    assert!(html.contains("id=\"ev-bridging--doe2020\""));
    assert!(html.contains("id=\"ev-bridging--roe2020\""));
    assert!(!html.contains("#ev-stigma--"), "no link where there is no evidence");
    assert!(html.contains("Bridging &amp; navigation × doe2020: 2 evidence sentence(s)"));
    assert!(html.contains("&lt;gaps&gt;"));
    assert_eq!(html, report_html(&sample(), &sample().synthesis_labels), "deterministic");
}

#[test]
fn a_table_wider_than_excel_gets_a_note_instead_of_failing_the_run() {
    let mut tables = sample();
    let template = tables.studies[0].clone();
    tables.studies =
        (0..16_400).map(|i| Study { study_id: format!("s{i:05}"), ..template.clone() }).collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("wide.xlsx");
    let frames = build_frames(&tables).expect("frames");
    write_workbook(&frames, &path).expect("a too-wide matrix does not fail the workbook");
    let mut workbook: Xlsx<_> = open_workbook(&path).expect("workbook opens");
    let matrix = workbook.worksheet_range("theme_matrix").expect("theme_matrix sheet");
    let note = matrix.get_value((0, 0)).map(ToString::to_string).unwrap_or_default();
    assert!(
        note.contains("more than an Excel sheet holds") && note.contains("open theme_matrix.csv"),
        "{note}"
    );
    let studies = workbook.worksheet_range("studies").expect("studies sheet");
    assert_eq!(studies.height(), 16_401, "tables within the limits are written whole");
}

fn record(doc: &str, position: u32, field: &'static str, value: &str, normalised: Option<&str>) -> RecordRow {
    RecordRow {
        doc_id: doc.into(),
        format: SourceFormat::Dspace,
        study_id: Some(doc.trim_end_matches(".txt").into()),
        position,
        field,
        value: value.into(),
        normalised: normalised.map(Into::into),
        line: position + 10,
    }
}

#[test]
fn records_are_written_as_parquet_that_reads_back_row_for_row() {
    use polars::prelude::{ParquetReader, SerReader};
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("tables");
    std::fs::create_dir(&out).expect("folder");
    // Rows out of order: the file is sorted by document and position.
    let records = vec![
        record("roe2020.txt", 1, "doi", "https://doi.org/10.1/ABC", Some("10.1/abc")),
        record("doe2020.txt", 2, "date", "spring", None),
        record("doe2020.txt", 1, "title", "Peer “work”", Some("peer work")),
    ];
    let tables = Tables { records: Some(records), ..sample() };
    let written = write_tables(&tables, &out, "tables").expect("written");
    assert!(written.iter().any(|f| f == "records.parquet"));
    let file = std::fs::File::open(out.join("records.parquet")).expect("records.parquet");
    let df = ParquetReader::new(file).finish().expect("reads as Parquet");
    let names: Vec<&str> = df.get_column_names().into_iter().map(|n| n.as_str()).collect();
    assert_eq!(names, ["doc_id", "format", "study_id", "position", "field", "value", "normalised", "line"]);
    let text = |column: &str| -> Vec<Option<String>> {
        df.column(column).expect(column).str().expect("text").iter().map(|v| v.map(str::to_string)).collect()
    };
    assert_eq!(
        text("doc_id"),
        [Some("doe2020.txt".into()), Some("doe2020.txt".into()), Some("roe2020.txt".into())]
    );
    assert_eq!(text("field"), [Some("title".into()), Some("date".into()), Some("doi".into())]);
    assert_eq!(text("value")[0].as_deref(), Some("Peer “work”"));
    assert_eq!(text("normalised"), [Some("peer work".into()), None, Some("10.1/abc".into())]);
    let lines: Vec<Option<i64>> = df.column("line").expect("line").i64().expect("integers").iter().collect();
    assert_eq!(lines, [Some(11), Some(12), Some(11)]);
    assert!(std::fs::read_to_string(out.join("datapackage.json")).expect("package").contains("studies.csv"));
    assert!(!std::fs::read_to_string(out.join("datapackage.json")).expect("package").contains("records"));
}

/// The contract's studies table is the study schema, column for column.
#[test]
fn docs_tables_md_describes_every_study_column_as_the_schema_does() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/tables.md"))
        .expect("docs/tables.md");
    let section = docs.split("### studies.csv").nth(1).expect("studies section");
    let section = section.split("\n### ").next().unwrap_or(section);
    let rows: Vec<(String, String)> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| ")?.strip_suffix(" |").map(str::to_string))
        .filter_map(|l| l.split_once(" | ").map(|(a, b)| (a.to_string(), b.to_string())))
        .filter(|(column, _)| column != "column")
        .collect();
    let schema: Vec<(String, String)> = evtab_model::StudyField::ALL
        .iter()
        .map(|f| (f.column().to_string(), f.meaning().to_string()))
        .collect();
    assert_eq!(rows, schema, "docs/tables.md and StudyField disagree");
}
