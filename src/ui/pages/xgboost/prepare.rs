//! From the lab's parameters and the chosen table(s) to the job the worker runs, plus what
//! the page needs afterwards to name columns, classes and rows. Runs on the main thread:
//! one pass over the chosen columns (a few ms for thousands of rows).

use std::sync::Arc;

use super::encode::{default_features, FeatureEncoding};
use super::params::LabParams;
use super::split::split;
use super::target::{default_target, TargetEncoding};
use crate::data::Table;
use crate::jobs::xgboost::XgboostJob;
use crate::kernels::boosting::{Objective, Params};

/// SHAP values are computed for at most this many rows (the beeswarm's points).
pub const MAX_SHAP_ROWS: usize = 1000;

/// Where the validation rows come from.
#[derive(Debug, Clone, PartialEq)]
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

/// Everything a finished run needs to be shown and exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub table: Arc<Table>,
    pub validation_table: Option<Arc<Table>>,
    pub target: TargetEncoding,
    /// Names of the matrix columns (`column=level` for one-hot columns).
    pub columns: Vec<String>,
    pub one_hot: Vec<(String, usize)>,
    /// Default features left out (text, too many categories).
    pub skipped: Vec<String>,
    pub train_rows: Vec<usize>,
    /// Rows of `validation_table` (a channel) or of `table` (a split).
    pub validation_rows: Vec<usize>,
    pub validation_source: ValidationSource,
    /// Rows dropped for a missing target: (train data, validation data).
    pub missing_target: (usize, usize),
    /// The hyperparameters as trained (objective and num_class filled in).
    pub params: Params,
}

/// The target the lab uses: the chosen one, else the default.
pub fn target_name(lab: &LabParams, table: &Table) -> Option<String> {
    lab.target.clone().or_else(|| default_target(table))
}

/// The feature columns the lab uses: the chosen ones, else every usable other column.
pub fn feature_names(lab: &LabParams, table: &Table, target: &str) -> (Vec<String>, Vec<String>) {
    match &lab.features {
        Some(list) => (list.clone(), Vec::new()),
        None => default_features(table, target),
    }
}

pub fn prepare(
    lab: &LabParams,
    table: Arc<Table>,
    validation_table: Option<(String, Arc<Table>)>,
) -> Result<(Prepared, XgboostJob), String> {
    let target_name =
        target_name(lab, &table).ok_or_else(|| "target: the dataset has no columns".to_string())?;
    let target = TargetEncoding::new(&table, &target_name, lab.objective)?;
    let (features, skipped) = feature_names(lab, &table, &target_name);
    let encoding = FeatureEncoding::new(&table, &features, &target_name)?;
    let labels = target.labels(&table, "train")?;

    let mut params = lab.xgb.clone();
    params.objective = target.objective;
    params.num_class = (target.objective == Objective::Softprob).then_some(target.classes.len());
    params.validate().map_err(|e| e.to_string())?;

    let (train_pos, valid_pos, source, valid_table, valid_missing) = match validation_table {
        Some((name, vt)) => {
            let v = target.labels(&vt, "validation")?;
            let rows = v.rows.clone();
            let train_pos: Vec<usize> = (0..labels.rows.len()).collect();
            (
                train_pos,
                rows,
                ValidationSource::Channel { name },
                Some((vt, v)),
                0,
            )
        }
        None => {
            let strata = (lab.stratify && target.objective != Objective::SquaredError)
                .then_some(labels.values.as_slice());
            let (t, v) = split(
                labels.rows.len(),
                lab.validation_fraction,
                lab.split_seed,
                strata,
            );
            let source = if lab.validation_fraction > 0.0 {
                ValidationSource::Split {
                    fraction: lab.validation_fraction,
                }
            } else {
                ValidationSource::None
            };
            (t, v, source, None, 0)
        }
    };
    let train_rows: Vec<usize> = train_pos.iter().map(|&i| labels.rows[i]).collect();
    let train_y: Vec<f64> = train_pos.iter().map(|&i| labels.values[i]).collect();
    let train_x = encoding.matrix(&table, &train_rows, "train")?;
    if train_y.is_empty() {
        return Err("target: no rows are left for training".into());
    }
    if target.objective != Objective::SquaredError {
        let first = train_y[0];
        if train_y.iter().all(|&y| y == first) {
            return Err(format!(
                "target: the training rows of \"{}\" all have one class ({}); use more data or another split",
                target.name,
                target.classes.get(first as usize).cloned().unwrap_or_default()
            ));
        }
    }
    let (validation_rows, validation, validation_table, missing_valid) = match valid_table {
        Some((vt, v)) => {
            let x = encoding.matrix(&vt, &v.rows, "validation")?;
            (v.rows.clone(), Some((x, v.values)), Some(vt), v.missing)
        }
        None if !valid_pos.is_empty() => {
            let rows: Vec<usize> = valid_pos.iter().map(|&i| labels.rows[i]).collect();
            let y: Vec<f64> = valid_pos.iter().map(|&i| labels.values[i]).collect();
            let x = encoding.matrix(&table, &rows, "validation")?;
            (rows, Some((x, y)), None, valid_missing)
        }
        None => (Vec::new(), None, None, valid_missing),
    };
    if params.early_stopping_rounds.is_some() && validation.is_none() {
        return Err(
            "early_stopping_rounds: needs validation rows (set validation_fraction above 0 or add a validation CSV)"
                .into(),
        );
    }
    let job = XgboostJob {
        train_x,
        train_y,
        validation,
        params: params.clone(),
        max_shap_rows: MAX_SHAP_ROWS,
    };
    let prepared = Prepared {
        table,
        validation_table,
        columns: encoding.names(),
        one_hot: encoding.one_hot,
        skipped,
        train_rows,
        validation_rows,
        validation_source: source,
        missing_target: (labels.missing, missing_valid),
        params,
        target,
    };
    Ok((prepared, job))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Column;

    fn table() -> Arc<Table> {
        Arc::new(Table {
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
        })
    }

    #[test]
    fn binary_split_one_hot_and_missing_target() {
        let (p, job) = prepare(&LabParams::default(), table(), None).unwrap();
        assert_eq!(p.target.objective, Objective::BinaryLogistic);
        assert_eq!(p.columns, vec!["a", "colour=red", "colour=blue"]);
        assert_eq!(p.missing_target, (1, 0));
        assert_eq!(p.train_rows.len() + p.validation_rows.len(), 19);
        assert_eq!(job.train_x.cols(), 3);
        assert!(job.validation.is_some());
    }

    #[test]
    fn validation_channel_replaces_the_split_and_checks_columns() {
        let other = Arc::new(Table {
            names: vec!["a".into(), "label".into()],
            columns: vec![Column::Numeric(vec![1.0]), Column::Numeric(vec![1.0])],
        });
        let e = prepare(
            &LabParams::default(),
            table(),
            Some(("v.csv".into(), other)),
        )
        .unwrap_err();
        assert_eq!(e, "features: the validation data has no column \"colour\"");
        let (p, job) = prepare(
            &LabParams::default(),
            table(),
            Some(("v.csv".into(), table())),
        )
        .unwrap();
        assert_eq!(p.train_rows.len(), 19);
        assert_eq!(job.validation.map(|v| v.1.len()), Some(19));
    }

    #[test]
    fn eval_metric_must_suit_the_detected_objective() {
        let lab = LabParams {
            xgb: Params {
                eval_metric: vec![
                    crate::kernels::boosting::EvalMetric::Rmse,
                    crate::kernels::boosting::EvalMetric::Merror,
                ],
                ..Params::default()
            },
            ..LabParams::default()
        };
        let e = prepare(&lab, table(), None).unwrap_err();
        assert!(e.starts_with("eval_metric merror"), "{e}");
    }
}
