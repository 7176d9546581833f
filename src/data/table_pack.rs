//! Tables packed into one byte stream, to travel to a worker as a job's attachment (a
//! `Blob` the browser copies natively) instead of being serialized cell by cell on the
//! main thread. Layout: a little-endian `u32` header length, the header (postcard: each
//! table's skeleton and row count), then every table's numeric columns as `f64` and
//! categorical columns as `u32` codes, little-endian, in column order. The page builds
//! the same stream from typed arrays; [`pack`] is its native twin, for tests.

use serde::{Deserialize, Serialize};

use super::table::{Column, Table};
use super::table_parts::{join_columns, ColumnBuffer, MISSING_CODE};

#[derive(Serialize, Deserialize)]
struct Header {
    /// (skeleton with empty numeric and categorical columns, rows)
    tables: Vec<(Table, usize)>,
}

/// The cells of one numeric or categorical column, as they are laid out after the header.
pub enum CellSlice<'a> {
    F64(&'a [f64]),
    Codes(&'a [Option<u32>]),
}

/// `table` without its bulky cells (text columns stay: they travel in the header).
fn skeleton(table: &Table) -> Table {
    let columns = table
        .columns
        .iter()
        .map(|column| match column {
            Column::Numeric(_) => Column::Numeric(Vec::new()),
            Column::Categorical { levels, .. } => Column::Categorical {
                codes: Vec::new(),
                levels: levels.clone(),
            },
            Column::Text(cells) => Column::Text(cells.clone()),
        })
        .collect();
    Table {
        names: table.names.clone(),
        columns,
    }
}

/// The length prefix and header of the stream.
pub fn pack_header(tables: &[&Table]) -> Result<Vec<u8>, String> {
    let header = Header {
        tables: tables.iter().map(|t| (skeleton(t), t.rows())).collect(),
    };
    let body = postcard::to_allocvec(&header).map_err(|e| format!("packing tables: {e}"))?;
    let length = u32::try_from(body.len()).map_err(|_| "packing tables: header too large")?;
    let mut out = length.to_le_bytes().to_vec();
    out.extend_from_slice(&body);
    Ok(out)
}

/// The cell blocks that follow the header, in stream order.
pub fn cell_slices(table: &Table) -> impl Iterator<Item = CellSlice<'_>> {
    table.columns.iter().filter_map(|column| match column {
        Column::Numeric(values) => Some(CellSlice::F64(values)),
        Column::Categorical { codes, .. } => Some(CellSlice::Codes(codes)),
        Column::Text(_) => None,
    })
}

/// The whole stream (the page builds it from typed arrays instead).
pub fn pack(tables: &[&Table]) -> Result<Vec<u8>, String> {
    let mut out = pack_header(tables)?;
    for table in tables {
        for slice in cell_slices(table) {
            match slice {
                CellSlice::F64(values) => {
                    values
                        .iter()
                        .for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
                }
                CellSlice::Codes(codes) => codes.iter().for_each(|c| {
                    out.extend_from_slice(&c.unwrap_or(MISSING_CODE).to_le_bytes());
                }),
            }
        }
    }
    Ok(out)
}

/// Reads the stream back into tables, checking every length.
pub fn unpack(bytes: &[u8]) -> Result<Vec<Table>, String> {
    let broken = |what: &str| format!("the tables sent with the job are damaged ({what})");
    let length_bytes: [u8; 4] = bytes
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| broken("no header"))?;
    let length = u32::from_le_bytes(length_bytes) as usize;
    let header_bytes = bytes
        .get(4..4 + length)
        .ok_or_else(|| broken("short header"))?;
    let header: Header = postcard::from_bytes(header_bytes).map_err(|_| broken("header"))?;
    let mut rest = &bytes[4 + length..];
    let mut take = |n: usize| -> Result<&[u8], String> {
        if rest.len() < n {
            return Err(broken("short cells"));
        }
        let (head, tail) = rest.split_at(n);
        rest = tail;
        Ok(head)
    };
    let mut tables = Vec::with_capacity(header.tables.len());
    for (skeleton, rows) in header.tables {
        let mut buffers = Vec::new();
        for column in &skeleton.columns {
            match column {
                Column::Numeric(_) => {
                    let cells = take(rows * 8)?
                        .chunks_exact(8)
                        .map(|c| f64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
                        .collect();
                    buffers.push(ColumnBuffer::F64(cells));
                }
                Column::Categorical { .. } => {
                    let cells = take(rows * 4)?
                        .chunks_exact(4)
                        .map(|c| u32::from_le_bytes(c.try_into().unwrap_or([0; 4])))
                        .collect();
                    buffers.push(ColumnBuffer::U32(cells));
                }
                Column::Text(_) => {}
            }
        }
        tables.push(join_columns(skeleton, buffers)?);
    }
    if !rest.is_empty() {
        return Err(broken("bytes left over"));
    }
    Ok(tables)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: usize) -> Table {
        Table {
            names: vec!["x".into(), "colour".into(), "note".into()],
            columns: vec![
                Column::Numeric((0..rows).map(|i| i as f64 * 0.5).collect()),
                Column::Categorical {
                    codes: (0..rows)
                        .map(|i| (i % 3 != 2).then_some(i as u32 % 2))
                        .collect(),
                    levels: vec!["red".into(), "blue".into()],
                },
                Column::Text((0..rows).map(|i| Some(format!("t{i}"))).collect()),
            ],
        }
    }

    #[test]
    fn tables_come_back_cell_for_cell() {
        let (a, b) = (table(7), table(3));
        let back = unpack(&pack(&[&a, &b]).unwrap()).unwrap();
        assert_eq!(back, vec![a, b]);
    }

    #[test]
    fn truncated_or_padded_streams_are_refused() {
        let bytes = pack(&[&table(4)]).unwrap();
        assert!(unpack(&bytes[..bytes.len() - 1]).is_err());
        let mut padded = bytes.clone();
        padded.push(0);
        assert!(unpack(&padded).unwrap_err().contains("left over"));
        assert!(unpack(&bytes[..2]).unwrap_err().contains("no header"));
    }
}
