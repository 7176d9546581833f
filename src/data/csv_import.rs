//! CSV → [`Table`]: delimiter sniffing, header detection, per-column type inference,
//! and errors that name the line, the column or the byte.
//!
//! Columns are built in one pass: each starts numeric (8 bytes a cell) and falls back to
//! a dictionary of strings on its first non-number, so a 100 MB numeric file needs about
//! its own size again in memory, not several times it.

use std::collections::HashMap;
use std::io::{self, Read};

use thiserror::Error;

use super::table::{format_number, Column, Table};
use utf8_reader::{count_newlines, invalid_at, Utf8Reader};

mod utf8_reader;

/// Files larger than this are refused before parsing.
pub const MAX_BYTES: usize = 300 * 1024 * 1024;

/// A string column with more distinct values than this stops being a dictionary.
const MAX_LEVELS: usize = 5_000;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum CsvError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is {size_mb:.1} MB; the limit is {limit_mb} MB")]
    TooLarge { size_mb: f64, limit_mb: usize },
    #[error("the file is not valid UTF-8: invalid byte at offset {offset} (line {line}); save it as UTF-8 and try again")]
    InvalidUtf8 { offset: usize, line: usize },
    #[error("line {line}: expected {expected} fields (as in the first row) but found {found}")]
    Ragged {
        line: u64,
        expected: u64,
        found: u64,
    },
    #[error("line {line}: {message}")]
    Malformed { line: u64, message: String },
    #[error("the file has a header but no data rows")]
    NoRows,
    #[error("parsing was cancelled")]
    Cancelled,
}

#[derive(Debug, Clone, Default)]
pub struct CsvOptions {
    /// Force a delimiter instead of sniffing it.
    pub delimiter: Option<u8>,
    /// Force header on/off instead of detecting it.
    pub has_header: Option<bool>,
}

/// What the parse found, for the user: which delimiter, whether a header was detected.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvReport {
    pub delimiter: u8,
    pub has_header: bool,
    pub blank_lines_skipped: bool,
}

const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Picks the candidate that splits the first lines (outside quotes) into the same
/// number of fields, preferring the most fields; `,` when none splits anything.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (b',', 0usize, 0usize); // (delimiter, consistent lines, fields)
    for &candidate in &CANDIDATES {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| count_outside_quotes(l, candidate))
            .collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first == 0 {
            continue;
        }
        let consistent = counts.iter().filter(|&&c| c == first).count();
        if (consistent, first) > (best.1, best.2) {
            best = (candidate, consistent, first);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut inside = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                inside = !inside;
            }
            !inside && b == delimiter
        })
        .count()
}

fn is_missing(cell: &str) -> bool {
    matches!(
        cell,
        "" | "NA" | "N/A" | "n/a" | "NaN" | "nan" | "null" | "NULL" | "None" | "?"
    )
}

fn parse_number(cell: &str) -> Option<f64> {
    cell.parse::<f64>().ok().filter(|v| v.is_finite())
}

enum Builder {
    Numeric(Vec<f64>),
    Strings {
        codes: Vec<Option<u32>>,
        levels: Vec<String>,
        index: HashMap<String, u32>,
    },
    Text(Vec<Option<String>>),
}

impl Builder {
    fn push(&mut self, raw: &str) {
        let cell = raw.trim();
        match self {
            Builder::Numeric(values) => {
                if is_missing(cell) {
                    values.push(f64::NAN);
                } else if let Some(v) = parse_number(cell) {
                    values.push(v);
                } else {
                    self.become_strings();
                    self.push(raw);
                }
            }
            Builder::Strings {
                codes,
                levels,
                index,
            } => {
                if is_missing(cell) {
                    codes.push(None);
                    return;
                }
                if let Some(&code) = index.get(cell) {
                    codes.push(Some(code));
                } else if levels.len() < MAX_LEVELS {
                    let code = levels.len() as u32;
                    levels.push(cell.to_string());
                    index.insert(cell.to_string(), code);
                    codes.push(Some(code));
                } else {
                    self.become_text();
                    self.push(raw);
                }
            }
            Builder::Text(values) => values.push((!is_missing(cell)).then(|| cell.to_string())),
        }
    }

    fn become_strings(&mut self) {
        if let Builder::Numeric(values) = self {
            let mut strings = Builder::Strings {
                codes: Vec::new(),
                levels: Vec::new(),
                index: HashMap::new(),
            };
            for v in values.iter() {
                strings.push(&if v.is_nan() {
                    String::new()
                } else {
                    format_number(*v)
                });
            }
            *self = strings;
        }
    }

    fn become_text(&mut self) {
        if let Builder::Strings { codes, levels, .. } = self {
            let values = codes
                .iter()
                .map(|c| c.map(|c| levels[c as usize].clone()))
                .collect();
            *self = Builder::Text(values);
        }
    }

    /// Dictionary columns with nearly one value per row are free text, not categories.
    fn finish(self) -> Column {
        match self {
            Builder::Numeric(values) => Column::Numeric(values),
            Builder::Strings { codes, levels, .. } => {
                let present = codes.iter().filter(|c| c.is_some()).count();
                if levels.len() > 50 && levels.len() * 2 > present {
                    let values = codes
                        .into_iter()
                        .map(|c| c.map(|c| levels[c as usize].clone()))
                        .collect();
                    Column::Text(values)
                } else {
                    Column::Categorical { codes, levels }
                }
            }
            Builder::Text(values) => Column::Text(values),
        }
    }
}

/// Parses a whole CSV file held in memory. `on_progress(fraction)` is called every few
/// thousand rows; returning `false` cancels.
pub fn parse_csv(
    bytes: &[u8],
    options: &CsvOptions,
    on_progress: &mut dyn FnMut(f64) -> bool,
) -> Result<(Table, CsvReport), CsvError> {
    parse_csv_from(bytes, bytes.len() as u64, options, on_progress)
}

/// How much of the file is read first to sniff the delimiter and estimate the row count.
const HEAD_BYTES: usize = 64 * 1024;

/// Parses a CSV file of `len` bytes as it streams from `source`, so the file itself never
/// has to sit in memory next to the table built from it.
pub fn parse_csv_from(
    source: impl Read,
    len: u64,
    options: &CsvOptions,
    on_progress: &mut dyn FnMut(f64) -> bool,
) -> Result<(Table, CsvReport), CsvError> {
    if len > MAX_BYTES as u64 {
        return Err(CsvError::TooLarge {
            size_mb: len as f64 / 1048576.0,
            limit_mb: MAX_BYTES / 1048576,
        });
    }
    let mut checked = Utf8Reader::new(source);
    let mut head = Vec::with_capacity(HEAD_BYTES);
    (&mut checked)
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| io_error(&e))?;
    let head_is_whole_file = head.len() < HEAD_BYTES;
    let bom = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let head_text = valid_prefix(&head[bom..]);
    if head_is_whole_file && head_text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| sniff_delimiter(head_text));
    let estimated_rows = estimate_rows(head_text, len, head_is_whole_file);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(io::Cursor::new(&head[bom..]).chain(checked));
    let mut records = reader.records();
    let first = match records.next() {
        Some(r) => r.map_err(|e| to_csv_error(&e))?,
        None => return Err(CsvError::Empty),
    };
    let first_cells: Vec<String> = first.iter().map(|c| c.trim().to_string()).collect();
    let has_header = options.has_header.unwrap_or_else(|| {
        let numeric = first_cells
            .iter()
            .filter(|c| parse_number(c).is_some())
            .count();
        let missing = first_cells.iter().filter(|c| is_missing(c)).count();
        !(numeric > 0 && numeric + missing == first_cells.len())
    });
    let mut builders: Vec<Builder> = (0..first_cells.len())
        .map(|_| Builder::Numeric(Vec::with_capacity(estimated_rows)))
        .collect();
    if !has_header {
        builders
            .iter_mut()
            .zip(first.iter())
            .for_each(|(b, cell)| b.push(cell));
    }
    let total = len.max(1) as f64;
    let mut rows_read = 0usize;
    let mut blank_lines_skipped = false;
    for record in records {
        let record = record.map_err(|e| to_csv_error(&e))?;
        if record.len() == 1 && record[0].trim().is_empty() && builders.len() > 1 {
            blank_lines_skipped = true;
            continue;
        }
        if record.len() != builders.len() {
            return Err(CsvError::Ragged {
                line: record.position().map_or(0, |p| p.line()),
                expected: builders.len() as u64,
                found: record.len() as u64,
            });
        }
        builders
            .iter_mut()
            .zip(record.iter())
            .for_each(|(b, cell)| b.push(cell));
        rows_read += 1;
        if rows_read.is_multiple_of(8192) {
            let at = record.position().map_or(0, |p| p.byte()) as f64;
            if !on_progress(at / total) {
                return Err(CsvError::Cancelled);
            }
        }
    }
    let names = if has_header {
        unique_names(&first_cells)
    } else {
        default_names(first_cells.len())
    };
    let table = Table {
        names,
        columns: builders.into_iter().map(Builder::finish).collect(),
    };
    if table.rows() == 0 {
        return Err(CsvError::NoRows);
    }
    on_progress(1.0);
    Ok((
        table,
        CsvReport {
            delimiter,
            has_header,
            blank_lines_skipped,
        },
    ))
}

/// The longest prefix that is whole UTF-8 (the head may end inside a character).
fn valid_prefix(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
    }
}

/// Rows to reserve per column, from the head's bytes per line: reserving up front keeps
/// each column at its final size instead of doubling (and briefly holding two copies).
fn estimate_rows(head: &str, len: u64, head_is_whole_file: bool) -> usize {
    let lines = count_newlines(head.as_bytes()) + 1;
    if head_is_whole_file {
        return lines;
    }
    let per_line = head.len().max(1) as f64 / lines as f64;
    ((len as f64 / per_line) * 1.02) as usize
}

fn io_error(error: &io::Error) -> CsvError {
    match invalid_at(error) {
        Some(at) => CsvError::InvalidUtf8 {
            offset: at.offset,
            line: at.line,
        },
        None => CsvError::Malformed {
            line: 0,
            message: error.to_string(),
        },
    }
}

fn default_names(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("column_{i}")).collect()
}

/// Blank header cells become `column_i`; repeated names get `_2`, `_3`…
fn unique_names(cells: &[String]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(cells.len());
    for (i, cell) in cells.iter().enumerate() {
        let base = if cell.is_empty() {
            format!("column_{}", i + 1)
        } else {
            cell.clone()
        };
        let mut name = base.clone();
        let mut n = 2;
        while names.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        names.push(name);
    }
    names
}

fn to_csv_error(error: &csv::Error) -> CsvError {
    match error.kind() {
        csv::ErrorKind::Io(e) => io_error(e),
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => CsvError::Ragged {
            line: pos.as_ref().map_or(0, |p| p.line()),
            expected: *expected_len,
            found: *len,
        },
        _ => CsvError::Malformed {
            line: error.position().map_or(0, |p| p.line()),
            message: error.to_string(),
        },
    }
}

#[cfg(test)]
mod tests;
