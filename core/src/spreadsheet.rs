//! The spreadsheet formats exports are written in: CSV (UTF-8 with a byte-order mark, so Excel
//! reads Chinese right) and XLSX (`rust_xlsxwriter` in its constant-memory mode: each row goes to
//! a temporary file as it is written, and the finished workbook is zipped straight into any
//! writer, so a large export never sits in memory).
//!
//! Both neutralise text that a spreadsheet would take for a formula: a cell beginning with `=`,
//! `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe (OWASP's advice), and an
//! import takes the apostrophe off again ([`restore`]).

use crate::error::CoreError;
use std::borrow::Cow;
use std::io::Write;

/// What Excel needs to read a CSV file as UTF-8.
pub const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// The characters that make a spreadsheet read a cell as a formula (or run one through DDE).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `text`, with an apostrophe before it if a spreadsheet would read it as a formula.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// The text [`neutralise`] was given: an apostrophe it added is taken off; any other stays.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// One cell of a row: text, or a whole number (a spreadsheet keeps numbers as numbers).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(i64),
    Empty,
}

fn internal(error: impl std::fmt::Display) -> CoreError {
    CoreError::Internal(anyhow::anyhow!("writing a spreadsheet: {error}"))
}

/// CSV rows, encoded page by page: the first call carries the byte-order mark and the header.
pub struct CsvEncoder {
    started: bool,
    columns: &'static [&'static str],
}

impl CsvEncoder {
    pub fn new(columns: &'static [&'static str]) -> Self {
        Self { started: false, columns }
    }

    /// The bytes of these rows (after the mark and the header, the first time).
    pub fn encode(&mut self, rows: &[Vec<Cell>]) -> Result<Vec<u8>, CoreError> {
        let mut out = Vec::with_capacity(rows.len() * 256 + 512);
        if !self.started {
            out.extend_from_slice(BYTE_ORDER_MARK);
        }
        {
            let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(&mut out);
            if !self.started {
                writer.write_record(self.columns).map_err(internal)?;
                self.started = true;
            }
            for row in rows {
                writer
                    .write_record(row.iter().map(|cell| match cell {
                        Cell::Text(text) => neutralise(text).into_owned(),
                        Cell::Number(number) => number.to_string(),
                        Cell::Empty => String::new(),
                    }))
                    .map_err(internal)?;
            }
            writer.flush().map_err(internal)?;
        }
        Ok(out)
    }
}

/// An XLSX workbook of one sheet, its rows written as they come.
pub struct XlsxBook {
    book: rust_xlsxwriter::Workbook,
    next_row: u32,
}

impl XlsxBook {
    /// A workbook whose one sheet, `sheet_name`, starts with the header (in bold, frozen).
    pub fn new(sheet_name: &str, columns: &[&str]) -> Result<Self, CoreError> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let bold = rust_xlsxwriter::Format::new().set_bold();
        let sheet = book.add_worksheet_with_constant_memory().map_err(internal)?;
        sheet.set_name(sheet_name).map_err(internal)?;
        for (column, name) in (0u16..).zip(columns) {
            sheet.write_string_with_format(0, column, *name, &bold).map_err(internal)?;
            sheet.set_column_width(column, 18).map_err(internal)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(internal)?;
        Ok(Self { book, next_row: 1 })
    }

    /// Appends rows below those written.
    pub fn write(&mut self, rows: &[Vec<Cell>]) -> Result<(), CoreError> {
        let sheet = self.book.worksheet_from_index(0).map_err(internal)?;
        for row in rows {
            for (column, cell) in (0u16..).zip(row) {
                match cell {
                    // Always a string, never a formula; neutralised too, for whoever re-saves it
                    // as CSV.
                    Cell::Text(text) => {
                        sheet.write_string(self.next_row, column, neutralise(text)).map_err(internal)?;
                    }
                    Cell::Number(number) => {
                        // Whole numbers of a catalogue (years, minutes) are exact as f64.
                        #[allow(clippy::cast_precision_loss)]
                        sheet.write_number(self.next_row, column, *number as f64).map_err(internal)?;
                    }
                    Cell::Empty => {}
                }
            }
            self.next_row += 1;
        }
        Ok(())
    }

    /// Zips the workbook into `writer`, as it goes (no seeking: it may be a network stream).
    pub fn finish(mut self, writer: impl Write + Send) -> Result<(), CoreError> {
        self.book.save_to_writer(writer).map_err(internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored_and_nothing_else_is_touched() {
        for dangerous in ["=1+1", "+86 571 0000", "-2", "@SUM(A1)", "\tx", "\rx"] {
            let safe = neutralise(dangerous);
            assert_eq!(safe, format!("'{dangerous}"));
            assert_eq!(restore(&safe), dangerous);
        }
        assert_eq!(neutralise("西湖 Films"), "西湖 Films");
        assert_eq!(restore("'quoted'"), "'quoted'");
        assert_eq!(restore("plain"), "plain");
    }

    #[test]
    fn the_first_page_carries_the_mark_and_the_header_and_quotes_what_needs_it() {
        let mut encoder = CsvEncoder::new(&["a", "b"]);
        let first = encoder.encode(&[vec![Cell::Text("x, y".into()), Cell::Number(7)]]).unwrap_or_default();
        assert_eq!(first, b"\xEF\xBB\xBFa,b\r\n\"x, y\",7\r\n");
        let second = encoder.encode(&[vec![Cell::Empty, Cell::Text("=cmd".into())]]).unwrap_or_default();
        assert_eq!(second, b",'=cmd\r\n");
    }
}
