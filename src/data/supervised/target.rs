//! The target column → labels: the task it looks like (binary, multiclass, regression),
//! the objective (detected or the user's), the class names, and the rows whose target is
//! missing (dropped and counted). Pure.

use serde::{Deserialize, Serialize};

use crate::data::transform::looks_like_label;
use crate::data::{Column, Table};
use crate::kernels::boosting::Objective;

/// A numeric target with integer values and at most this many distinct values is taken
/// for classes; more, and it is a regression target.
const MAX_DETECTED_CLASSES: usize = 10;
/// Softprob trains one tree per class per round: more classes than this is not a lab run.
pub const MAX_CLASSES: usize = 100;

/// The default target: a column named like a label (`label`, `target`, `class`, `y`),
/// else the last column.
pub fn default_target(table: &Table) -> Option<String> {
    table
        .names
        .iter()
        .find(|n| looks_like_label(n) && !n.eq_ignore_ascii_case("id"))
        .or(table.names.last())
        .cloned()
}

/// Distinct non-missing values of a column as class keys (their CSV text), ordered by
/// value for numbers and alphabetically for text.
fn class_keys(column: &Column) -> Vec<String> {
    let rows = 0..column.len();
    match column {
        Column::Numeric(values) => {
            let mut distinct: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
            distinct.sort_by(f64::total_cmp);
            distinct.dedup();
            distinct
                .into_iter()
                .map(crate::data::table::format_number)
                .collect()
        }
        _ => {
            let mut keys: Vec<String> = rows
                .filter(|&r| !column.is_missing(r))
                .map(|r| column.display(r))
                .collect();
            keys.sort();
            keys.dedup();
            keys
        }
    }
}

/// How many distinct (non-missing) values a column has: its classes if it were a target.
pub fn class_count(column: &Column) -> usize {
    class_keys(column).len()
}

/// The objective a target column suggests.
pub fn detect_objective(column: &Column) -> Objective {
    let keys = class_keys(column);
    match column {
        Column::Numeric(values) => {
            let integers = values.iter().all(|v| v.is_nan() || v.fract() == 0.0);
            match keys.len() {
                2 => Objective::BinaryLogistic,
                n if integers && n > 2 && n <= MAX_DETECTED_CLASSES => Objective::Softprob,
                _ => Objective::SquaredError,
            }
        }
        _ if keys.len() == 2 => Objective::BinaryLogistic,
        _ => Objective::Softprob,
    }
}

pub fn task_name(objective: Objective) -> &'static str {
    match objective {
        Objective::BinaryLogistic => "binary classification",
        Objective::Softprob => "multiclass classification",
        Objective::SquaredError => "regression",
    }
}

/// How target cells become labels; built on the train channel, applied to validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetEncoding {
    pub name: String,
    pub objective: Objective,
    /// Class `i`'s key (its CSV text); empty for regression.
    pub classes: Vec<String>,
}

/// Labels of the rows that have a target, and those rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Labels {
    pub values: Vec<f64>,
    pub rows: Vec<usize>,
    pub missing: usize,
}

impl TargetEncoding {
    pub fn new(
        table: &Table,
        name: &str,
        chosen: Option<Objective>,
    ) -> Result<TargetEncoding, String> {
        let column = table
            .column(name)
            .ok_or_else(|| format!("target: no column named \"{name}\""))?;
        let objective = chosen.unwrap_or_else(|| detect_objective(column));
        let keys = class_keys(column);
        if keys.len() < 2 {
            return Err(format!(
                "target: \"{name}\" has only one class ({}); there is nothing to learn",
                keys.first().map_or("no values", String::as_str)
            ));
        }
        let classes = match objective {
            Objective::SquaredError => {
                if column.as_numeric().is_none() {
                    return Err(format!(
                        "objective: reg:squarederror needs a numeric target; \"{name}\" is {}",
                        column.kind().name()
                    ));
                }
                Vec::new()
            }
            Objective::BinaryLogistic if keys.len() > 2 => {
                return Err(format!(
                    "objective: binary:logistic needs a target with two classes; \"{name}\" has {}",
                    keys.len()
                ))
            }
            _ if keys.len() > MAX_CLASSES => {
                return Err(format!(
                    "target: \"{name}\" has {} distinct values; at most {MAX_CLASSES} classes can be trained (train a numeric target as regression: objective reg:squarederror in the boosting lab, criterion mse or mae in the tree labs)",
                    keys.len()
                ))
            }
            _ => keys,
        };
        Ok(TargetEncoding {
            name: name.to_string(),
            objective,
            classes,
        })
    }

    /// Labels of one table (`channel` names it in errors): class index or value.
    pub fn labels(&self, table: &Table, channel: &str) -> Result<Labels, String> {
        let column = table
            .column(&self.name)
            .ok_or_else(|| format!("target: the {channel} data has no column \"{}\"", self.name))?;
        let mut out = Labels {
            values: Vec::with_capacity(column.len()),
            rows: Vec::with_capacity(column.len()),
            missing: 0,
        };
        for row in 0..column.len() {
            if column.is_missing(row) {
                out.missing += 1;
                continue;
            }
            let value = if self.classes.is_empty() {
                match column {
                    Column::Numeric(v) => v[row],
                    _ => {
                        return Err(format!(
                            "target: \"{}\" in the {channel} data is not numeric",
                            self.name
                        ))
                    }
                }
            } else {
                let key = column.display(row);
                match self.classes.iter().position(|c| *c == key) {
                    Some(i) => i as f64,
                    None => {
                        return Err(format!(
                            "target: the {channel} data has class \"{key}\" in \"{}\", which the train data does not have",
                            self.name
                        ))
                    }
                }
            };
            out.values.push(value);
            out.rows.push(row);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(target: Column) -> Table {
        Table {
            names: vec!["x".into(), "label".into()],
            columns: vec![Column::Numeric(vec![1.0; target.len()]), target],
        }
    }

    #[test]
    fn detects_binary_multiclass_and_regression() {
        let binary = Column::Numeric(vec![0.0, 1.0, 1.0, f64::NAN]);
        assert_eq!(detect_objective(&binary), Objective::BinaryLogistic);
        let classes = Column::Numeric(vec![1.0, 2.0, 3.0, 2.0]);
        assert_eq!(detect_objective(&classes), Objective::Softprob);
        let values = Column::Numeric(vec![1.5, 2.0, 3.0, 2.0]);
        assert_eq!(detect_objective(&values), Objective::SquaredError);
        let text = Column::Categorical {
            codes: vec![Some(0), Some(1), Some(0)],
            levels: vec!["M".into(), "B".into()],
        };
        assert_eq!(detect_objective(&text), Objective::BinaryLogistic);
    }

    #[test]
    fn missing_targets_are_dropped_and_counted_and_classes_map_by_text() {
        let t = table(Column::Categorical {
            codes: vec![Some(0), None, Some(1), Some(0)],
            levels: vec!["M".into(), "B".into()],
        });
        let enc = TargetEncoding::new(&t, "label", None).unwrap();
        assert_eq!(enc.classes, vec!["B".to_string(), "M".to_string()]);
        let labels = enc.labels(&t, "train").unwrap();
        assert_eq!(labels.values, vec![1.0, 0.0, 1.0]);
        assert_eq!((labels.rows, labels.missing), (vec![0, 2, 3], 1));
    }

    #[test]
    fn one_class_and_wrong_objective_are_refused_by_name() {
        let one = table(Column::Numeric(vec![1.0, 1.0]));
        let e = TargetEncoding::new(&one, "label", None).unwrap_err();
        assert!(e.starts_with("target: \"label\" has only one class"), "{e}");
        let three = table(Column::Numeric(vec![1.0, 2.0, 3.0]));
        let e = TargetEncoding::new(&three, "label", Some(Objective::BinaryLogistic)).unwrap_err();
        assert!(e.starts_with("objective: binary:logistic"), "{e}");
        let e = TargetEncoding::new(&three, "nope", None).unwrap_err();
        assert!(e.starts_with("target: no column"), "{e}");
    }

    #[test]
    fn unseen_validation_class_names_the_target() {
        let train = table(Column::Numeric(vec![0.0, 1.0]));
        let valid = table(Column::Numeric(vec![0.0, 2.0]));
        let enc = TargetEncoding::new(&train, "label", None).unwrap();
        let e = enc.labels(&valid, "validation").unwrap_err();
        assert!(e.contains("class \"2\""), "{e}");
    }
}
