//! A table taken apart for the trip between threads and into storage: the bulky cells
//! (numbers and category codes) as flat buffers that the browser can transfer or store
//! without serializing, and everything else (names, kinds, levels, text) as a small
//! skeleton table whose numeric and categorical columns are empty.

use super::table::{Column, Table};

/// The cells of one numeric column, or one categorical column's codes.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnBuffer {
    /// Numeric cells, NaN for missing.
    F64(Vec<f64>),
    /// Category codes, [`MISSING_CODE`] for missing.
    U32(Vec<u32>),
}

/// The code that stands for a missing category in a [`ColumnBuffer::U32`].
pub const MISSING_CODE: u32 = u32::MAX;

/// Moves the cells of every numeric and categorical column out of `table`, in column order.
pub fn split_columns(table: &mut Table) -> Vec<ColumnBuffer> {
    table
        .columns
        .iter_mut()
        .filter_map(|column| match column {
            Column::Numeric(values) => Some(ColumnBuffer::F64(std::mem::take(values))),
            Column::Categorical { codes, .. } => {
                let flat = codes.iter().map(|c| c.unwrap_or(MISSING_CODE)).collect();
                *codes = Vec::new();
                Some(ColumnBuffer::U32(flat))
            }
            Column::Text(_) => None,
        })
        .collect()
}

/// Puts the buffers back into the skeleton they were split from, checking that every
/// column gets a buffer of its kind and that all columns have the same length.
pub fn join_columns(mut skeleton: Table, buffers: Vec<ColumnBuffer>) -> Result<Table, String> {
    let mut buffers = buffers.into_iter();
    for (name, column) in skeleton.names.iter().zip(skeleton.columns.iter_mut()) {
        match column {
            // Text columns travel inside the skeleton.
            Column::Text(_) => {}
            Column::Numeric(values) => match buffers.next() {
                Some(ColumnBuffer::F64(cells)) => *values = cells,
                _ => return Err(format!("stored column {name} is missing its numbers")),
            },
            Column::Categorical { codes, levels } => match buffers.next() {
                Some(ColumnBuffer::U32(cells)) => {
                    let level_count = levels.len() as u32;
                    *codes = cells
                        .into_iter()
                        .map(|c| (c < level_count).then_some(c))
                        .collect();
                }
                _ => return Err(format!("stored column {name} is missing its categories")),
            },
        }
    }
    if buffers.next().is_some() {
        return Err("the stored table has more columns than names".to_string());
    }
    let rows = skeleton.rows();
    match skeleton.columns.iter().position(|c| c.len() != rows) {
        Some(i) => Err(format!(
            "stored column {} has {} rows, not {rows}",
            skeleton.names[i],
            skeleton.columns[i].len()
        )),
        None => Ok(skeleton),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            names: vec!["x".into(), "colour".into(), "note".into()],
            columns: vec![
                Column::Numeric(vec![1.5, f64::NAN, 3.0]),
                Column::Categorical {
                    codes: vec![Some(1), None, Some(0)],
                    levels: vec!["red".into(), "blue".into()],
                },
                Column::Text(vec![Some("a".into()), None, Some("c".into())]),
            ],
        }
    }

    #[test]
    fn split_then_join_gives_the_table_back() {
        let mut skeleton = table();
        let buffers = split_columns(&mut skeleton);
        assert_eq!(buffers.len(), 2);
        assert_eq!(buffers[1], ColumnBuffer::U32(vec![1, MISSING_CODE, 0]));
        let joined = join_columns(skeleton, buffers).unwrap();
        // NaN != NaN, so compare the displayed cells.
        let original = table();
        for row in 0..3 {
            for c in 0..3 {
                assert_eq!(
                    joined.columns[c].display(row),
                    original.columns[c].display(row)
                );
            }
        }
        assert!(joined.columns[0].is_missing(1) && joined.columns[1].is_missing(1));
    }

    #[test]
    fn mismatched_buffers_are_refused_with_the_column_name() {
        let mut skeleton = table();
        let mut buffers = split_columns(&mut skeleton);
        buffers.swap(0, 1);
        let err = join_columns(skeleton.clone(), buffers).unwrap_err();
        assert!(err.contains("column x"), "{err}");
        let short = vec![
            ColumnBuffer::F64(vec![1.0]),
            ColumnBuffer::U32(vec![0, 1, 0]),
        ];
        let err = join_columns(skeleton, short).unwrap_err();
        assert!(err.contains("rows"), "{err}");
    }
}
