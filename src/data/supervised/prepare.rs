//! From the lab's data choices and the chosen table(s) to the training matrices, plus what
//! the page needs afterwards to name columns, classes and rows.

use serde::{Deserialize, Serialize};

use super::encode::{default_features, FeatureEncoding};
use super::split::split;
use super::target::{default_target, TargetEncoding};
use crate::data::Table;
use crate::kernels::boosting::Objective;
use crate::kernels::Matrix;

/// The data half of a supervised lab's parameters (each lab reads these from its URL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupervisedSpec {
    /// The target column; `None` picks [`default_target`].
    pub target: Option<String>,
    /// The feature columns; `None` takes every usable column but the target.
    pub features: Option<Vec<String>>,
    /// The task as a boosting objective; `None` detects it from the target column.
    pub objective: Option<Objective>,
    /// Share of rows held out for validation when there is no validation table.
    pub validation_fraction: f64,
    pub split_seed: u64,
    /// Keep each class's share in both parts (classification only).
    pub stratify: bool,
}

impl Default for SupervisedSpec {
    fn default() -> Self {
        SupervisedSpec {
            target: None,
            features: None,
            objective: None,
            validation_fraction: 0.2,
            split_seed: 0,
            stratify: true,
        }
    }
}

/// Where the validation rows come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ValidationSource {
    /// Held out of the training table.
    Split {
        fraction: f64,
    },
    /// A second dataset (SageMaker's validation channel), by name.
    Channel {
        name: String,
    },
    None,
}

/// The matrices a learner trains on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupervisedData {
    pub train_x: Matrix,
    pub train_y: Vec<f64>,
    pub validation: Option<(Matrix, Vec<f64>)>,
}

/// How the table became those matrices: small, so it travels back from the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PreparedMeta {
    pub target: TargetEncoding,
    /// Names of the matrix columns (`column=level` for one-hot columns).
    pub columns: Vec<String>,
    pub one_hot: Vec<(String, usize)>,
    /// Default features left out (text, too many categories).
    pub skipped: Vec<String>,
    #[serde(with = "crate::data::bulk::usizes")]
    pub train_rows: Vec<usize>,
    /// Rows of the validation table (a channel) or of the training table (a split).
    #[serde(with = "crate::data::bulk::usizes")]
    pub validation_rows: Vec<usize>,
    pub validation_source: ValidationSource,
    /// Rows dropped for a missing target: (train data, validation data).
    pub missing_target: (usize, usize),
    /// Columns of the validation channel that the training data does not have (ignored).
    #[serde(default)]
    pub extra_validation_columns: Vec<String>,
}

/// The target the lab uses: the chosen one, else the default.
pub fn target_name(spec: &SupervisedSpec, table: &Table) -> Option<String> {
    spec.target.clone().or_else(|| default_target(table))
}

/// The feature columns the lab uses: the chosen ones, else every usable other column.
pub fn feature_names(
    spec: &SupervisedSpec,
    table: &Table,
    target: &str,
) -> (Vec<String>, Vec<String>) {
    match &spec.features {
        Some(list) => (list.clone(), Vec::new()),
        None => default_features(table, target),
    }
}

/// Encodes `table` (and the validation channel `(name, table)`, if any) as `spec` says.
pub fn prepare(
    spec: &SupervisedSpec,
    table: &Table,
    validation_table: Option<(&str, &Table)>,
) -> Result<(PreparedMeta, SupervisedData), String> {
    let target_name =
        target_name(spec, table).ok_or_else(|| "target: the dataset has no columns".to_string())?;
    let target = TargetEncoding::new(table, &target_name, spec.objective)?;
    let (features, skipped) = feature_names(spec, table, &target_name);
    let encoding = FeatureEncoding::new(table, &features, &target_name)?;
    let labels = target.labels(table, "train")?;
    let classify = target.objective != Objective::SquaredError;

    let (train_pos, valid_pos, source, channel) = match validation_table {
        Some((name, vt)) => {
            let v = target.labels(vt, "validation")?;
            let train_pos: Vec<usize> = (0..labels.rows.len()).collect();
            let source = ValidationSource::Channel {
                name: name.to_string(),
            };
            (train_pos, Vec::new(), source, Some((vt, v)))
        }
        None => {
            let strata = (spec.stratify && classify).then_some(labels.values.as_slice());
            let (t, v) = split(
                labels.rows.len(),
                spec.validation_fraction,
                spec.split_seed,
                strata,
            );
            let source = if spec.validation_fraction > 0.0 {
                ValidationSource::Split {
                    fraction: spec.validation_fraction,
                }
            } else {
                ValidationSource::None
            };
            (t, v, source, None)
        }
    };
    let train_rows: Vec<usize> = train_pos.iter().map(|&i| labels.rows[i]).collect();
    let train_y: Vec<f64> = train_pos.iter().map(|&i| labels.values[i]).collect();
    if train_y.is_empty() {
        return Err("target: no rows are left for training".into());
    }
    if classify {
        let first = train_y[0];
        if train_y.iter().all(|&y| y == first) {
            return Err(format!(
                "target: the training rows of \"{}\" all have one class ({}); use more data or another split",
                target.name,
                target.classes.get(first as usize).cloned().unwrap_or_default()
            ));
        }
    }
    let train_x = encoding.matrix(table, &train_rows, "train")?;
    let (validation_rows, validation, missing_valid) = match channel {
        Some((vt, v)) => {
            let x = encoding.matrix(vt, &v.rows, "validation")?;
            (v.rows, Some((x, v.values)), v.missing)
        }
        None if !valid_pos.is_empty() => {
            let rows: Vec<usize> = valid_pos.iter().map(|&i| labels.rows[i]).collect();
            let y: Vec<f64> = valid_pos.iter().map(|&i| labels.values[i]).collect();
            let x = encoding.matrix(table, &rows, "validation")?;
            (rows, Some((x, y)), 0)
        }
        None => (Vec::new(), None, 0),
    };
    let extra_validation_columns = validation_table
        .map(|(_, vt)| {
            vt.names
                .iter()
                .filter(|n| table.column(n).is_none())
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let meta = PreparedMeta {
        extra_validation_columns,
        columns: encoding.names(),
        one_hot: encoding.one_hot,
        skipped,
        train_rows,
        validation_rows,
        validation_source: source,
        missing_target: (labels.missing, missing_valid),
        target,
    };
    let data = SupervisedData {
        train_x,
        train_y,
        validation,
    };
    Ok((meta, data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Column;

    pub(crate) fn table() -> Table {
        Table {
            names: vec!["a".into(), "colour".into(), "label".into()],
            columns: vec![
                Column::Numeric((0..20).map(f64::from).collect()),
                Column::Categorical {
                    codes: (0..20).map(|i| Some(i % 2)).collect(),
                    levels: vec!["red".into(), "blue".into()],
                },
                Column::Numeric(
                    (0..20)
                        .map(|i| if i == 3 { f64::NAN } else { f64::from(i % 2) })
                        .collect(),
                ),
            ],
        }
    }

    #[test]
    fn binary_split_one_hot_and_missing_target() {
        let (meta, data) = prepare(&SupervisedSpec::default(), &table(), None).unwrap();
        assert_eq!(meta.target.objective, Objective::BinaryLogistic);
        assert_eq!(meta.columns, vec!["a", "colour=red", "colour=blue"]);
        assert_eq!(meta.missing_target, (1, 0));
        assert_eq!(meta.train_rows.len() + meta.validation_rows.len(), 19);
        assert_eq!(data.train_x.cols(), 3);
        assert!(data.validation.is_some());
    }

    #[test]
    fn validation_channel_replaces_the_split_and_checks_columns() {
        let other = Table {
            names: vec!["a".into(), "label".into()],
            columns: vec![Column::Numeric(vec![1.0]), Column::Numeric(vec![1.0])],
        };
        let spec = SupervisedSpec::default();
        let e = prepare(&spec, &table(), Some(("v.csv", &other))).unwrap_err();
        assert_eq!(e, "features: the validation data has no column \"colour\"");
        let (meta, data) = prepare(&spec, &table(), Some(("v.csv", &table()))).unwrap();
        assert_eq!(meta.train_rows.len(), 19);
        assert_eq!(data.validation.map(|v| v.1.len()), Some(19));
        assert!(meta.extra_validation_columns.is_empty());
        // A column only the validation file has is named, so the page can say it was ignored.
        let mut wider = table();
        wider.names.push("note".into());
        wider
            .columns
            .push(Column::Numeric((0..20).map(f64::from).collect()));
        let (meta, _) = prepare(&spec, &table(), Some(("v.csv", &wider))).unwrap();
        assert_eq!(meta.extra_validation_columns, vec!["note".to_string()]);
    }
}
