//! Feature columns → the boosting matrix: numeric columns as they are (missing stays NaN,
//! so each split learns a default direction), categorical columns one-hot encoded (one
//! 0/1 column per level; a missing category is NaN in all of them). Built on the train
//! channel and applied unchanged to the validation channel. Pure.

use serde::{Deserialize, Serialize};

use crate::data::{Column, ColumnKind, Table};
use crate::kernels::Matrix;

/// More levels than this would add too many columns to one-hot encode.
pub const MAX_LEVELS: usize = 64;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Encoded {
    Numeric { column: String },
    OneHot { column: String, level: String },
}

impl Encoded {
    /// The matrix column's name: the column, or `column=level`.
    pub fn name(&self) -> String {
        match self {
            Encoded::Numeric { column } => column.clone(),
            Encoded::OneHot { column, level } => format!("{column}={level}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureEncoding {
    pub columns: Vec<Encoded>,
    /// `(column, levels)` of each one-hot encoded column, for the page to say so.
    pub one_hot: Vec<(String, usize)>,
}

/// Levels that occur in the column, in the table's level order.
fn used_levels(codes: &[Option<u32>], levels: &[String]) -> Vec<String> {
    let mut seen = vec![false; levels.len()];
    for c in codes.iter().flatten() {
        if let Some(s) = seen.get_mut(*c as usize) {
            *s = true;
        }
    }
    levels
        .iter()
        .zip(seen)
        .filter(|(_, s)| *s)
        .map(|(l, _)| l.clone())
        .collect()
}

/// The default features: every column but the target, except text columns and
/// categorical columns with too many levels (returned second, to be mentioned).
pub fn default_features(table: &Table, target: &str) -> (Vec<String>, Vec<String>) {
    let (mut used, mut skipped) = (Vec::new(), Vec::new());
    for (name, column) in table.names.iter().zip(&table.columns) {
        if name == target {
            continue;
        }
        let usable = match column {
            Column::Numeric(_) => true,
            Column::Categorical { codes, levels } => used_levels(codes, levels).len() <= MAX_LEVELS,
            Column::Text(_) => false,
        };
        if usable {
            used.push(name.clone());
        } else {
            skipped.push(name.clone());
        }
    }
    (used, skipped)
}

impl FeatureEncoding {
    pub fn new(table: &Table, features: &[String], target: &str) -> Result<Self, String> {
        let mut out = FeatureEncoding {
            columns: Vec::new(),
            one_hot: Vec::new(),
        };
        for name in features {
            if name == target {
                return Err(format!(
                    "features: \"{name}\" is the target; it cannot also be a feature"
                ));
            }
            match table.column(name) {
                None => return Err(format!("features: no column named \"{name}\"")),
                Some(Column::Numeric(_)) => out.columns.push(Encoded::Numeric {
                    column: name.clone(),
                }),
                Some(Column::Categorical { codes, levels }) => {
                    let used = used_levels(codes, levels);
                    if used.len() > MAX_LEVELS {
                        return Err(format!(
                            "features: \"{name}\" has {} categories; at most {MAX_LEVELS} can be one-hot encoded",
                            used.len()
                        ));
                    }
                    out.one_hot.push((name.clone(), used.len()));
                    out.columns
                        .extend(used.into_iter().map(|level| Encoded::OneHot {
                            column: name.clone(),
                            level,
                        }));
                }
                Some(Column::Text(_)) => {
                    return Err(format!(
                        "features: \"{name}\" is free text; it cannot be a feature"
                    ))
                }
            }
        }
        if out.columns.is_empty() {
            return Err(
                "features: no usable feature column (choose at least one numeric or categorical column besides the target)"
                    .into(),
            );
        }
        Ok(out)
    }

    pub fn names(&self) -> Vec<String> {
        self.columns.iter().map(Encoded::name).collect()
    }

    /// The matrix of `rows` of `table` (`channel` names the data in errors).
    pub fn matrix(&self, table: &Table, rows: &[usize], channel: &str) -> Result<Matrix, String> {
        let d = self.columns.len();
        let mut values = vec![0.0; rows.len() * d];
        for (j, encoded) in self.columns.iter().enumerate() {
            let (name, wanted) = match encoded {
                Encoded::Numeric { column } => (column, ColumnKind::Numeric),
                Encoded::OneHot { column, .. } => (column, ColumnKind::Categorical),
            };
            let column = table
                .column(name)
                .ok_or_else(|| format!("features: the {channel} data has no column \"{name}\""))?;
            if column.kind() != wanted {
                return Err(format!(
                    "features: \"{name}\" is {} in the {channel} data but {} in the train data",
                    column.kind().name(),
                    wanted.name()
                ));
            }
            match (encoded, column) {
                (Encoded::Numeric { .. }, Column::Numeric(v)) => {
                    for (i, &r) in rows.iter().enumerate() {
                        values[i * d + j] = v[r];
                    }
                }
                (Encoded::OneHot { level, .. }, Column::Categorical { codes, levels }) => {
                    // Levels are matched by text: the validation file has its own dictionary.
                    let code = levels.iter().position(|l| l == level).map(|c| c as u32);
                    for (i, &r) in rows.iter().enumerate() {
                        values[i * d + j] = match codes[r] {
                            None => f64::NAN,
                            Some(c) => f64::from(Some(c) == code),
                        };
                    }
                }
                _ => {}
            }
        }
        Matrix::new(rows.len(), d, values)
            .ok_or_else(|| format!("features: could not build the {channel} matrix"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            names: vec!["a".into(), "colour".into(), "note".into(), "y".into()],
            columns: vec![
                Column::Numeric(vec![1.0, f64::NAN, 3.0]),
                Column::Categorical {
                    codes: vec![Some(1), Some(0), None],
                    levels: vec!["red".into(), "blue".into(), "never".into()],
                },
                Column::Text(vec![Some("x".into()), None, Some("z".into())]),
                Column::Numeric(vec![0.0, 1.0, 0.0]),
            ],
        }
    }

    #[test]
    fn one_hot_encodes_used_levels_and_keeps_missing_as_nan() {
        let t = table();
        let (features, skipped) = default_features(&t, "y");
        assert_eq!(features, vec!["a".to_string(), "colour".to_string()]);
        assert_eq!(skipped, vec!["note".to_string()]);
        let enc = FeatureEncoding::new(&t, &features, "y").unwrap();
        assert_eq!(enc.names(), vec!["a", "colour=red", "colour=blue"]);
        assert_eq!(enc.one_hot, vec![("colour".to_string(), 2)]);
        let m = enc.matrix(&t, &[0, 1, 2], "train").unwrap();
        assert_eq!(m.row(0), &[1.0, 0.0, 1.0]);
        assert!(m.get(1, 0).is_nan());
        assert_eq!(&m.row(1)[1..], &[1.0, 0.0]);
        assert!(m.get(2, 1).is_nan() && m.get(2, 2).is_nan());
    }

    #[test]
    fn errors_name_the_column() {
        let t = table();
        let e = FeatureEncoding::new(&t, &["note".into()], "y").unwrap_err();
        assert!(e.contains("\"note\" is free text"), "{e}");
        let e = FeatureEncoding::new(&t, &[], "y").unwrap_err();
        assert!(e.starts_with("features: no usable feature"), "{e}");
        let enc = FeatureEncoding::new(&t, &["a".into()], "y").unwrap();
        let other = Table {
            names: vec!["b".into()],
            columns: vec![Column::Numeric(vec![1.0])],
        };
        let e = enc.matrix(&other, &[0], "validation").unwrap_err();
        assert_eq!(e, "features: the validation data has no column \"a\"");
    }
}
