//! From the lab's parameters and a table (plus an optional validation channel) to the FM
//! job: the chosen columns dictionary-encoded (the worker one-hot encodes them), the labels,
//! and the train / validation rows. Pure: no DOM.

use std::collections::HashMap;
use std::sync::Arc;

use super::params::LabParams;
use crate::data::supervised::split;
use crate::data::table::format_number;
use crate::data::{Column, Table};
use crate::jobs::run_fm::{CodedColumn, FmChannel, FmJob};
use crate::kernels::fm::PredictorType;

/// Names that read as the thing to predict.
const TARGET_NAMES: [&str; 6] = ["rating", "click", "clicked", "label", "target", "y"];

/// The target: the `target` parameter, else a column named like a rating or label, else
/// the last numeric column.
pub fn target_name(lab: &LabParams, table: &Table) -> Option<String> {
    if let Some(t) = &lab.target {
        return Some(t.clone());
    }
    let numeric = table.numeric_names();
    numeric
        .iter()
        .find(|n| TARGET_NAMES.contains(&n.to_ascii_lowercase().as_str()))
        .or(numeric.last())
        .cloned()
}

/// The columns to one-hot encode: the `features` parameter, else every categorical column
/// but the target.
pub fn feature_names(lab: &LabParams, table: &Table, target: &str) -> Vec<String> {
    lab.features.clone().unwrap_or_else(|| {
        table
            .names
            .iter()
            .zip(&table.columns)
            .filter(|(n, c)| *n != target && matches!(c, Column::Categorical { .. }))
            .map(|(n, _)| n.clone())
            .collect()
    })
}

/// A column's values as category names and codes (numbers and text become categories).
fn categories(column: &Column) -> (Vec<Option<u32>>, Vec<String>) {
    match column {
        Column::Categorical { codes, levels } => (codes.clone(), levels.clone()),
        Column::Numeric(values) => {
            let mut distinct: Vec<f64> = values.iter().copied().filter(|v| !v.is_nan()).collect();
            distinct.sort_by(f64::total_cmp);
            distinct.dedup();
            let codes = values
                .iter()
                .map(|v| {
                    distinct
                        .binary_search_by(|d| d.total_cmp(v))
                        .ok()
                        .map(|c| c as u32)
                })
                .collect();
            (codes, distinct.into_iter().map(format_number).collect())
        }
        Column::Text(values) => {
            let mut index: HashMap<&str, u32> = HashMap::new();
            let mut levels = Vec::new();
            let codes = values
                .iter()
                .map(|v| {
                    v.as_deref().map(|s| {
                        *index.entry(s).or_insert_with(|| {
                            levels.push(s.to_string());
                            levels.len() as u32 - 1
                        })
                    })
                })
                .collect();
            (codes, levels)
        }
    }
}

/// Codes of `column` in the training levels' numbering; a level training never saw is `None`.
fn recode(column: &Column, train_levels: &[String]) -> Vec<Option<u32>> {
    let index: HashMap<&str, u32> = train_levels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u32))
        .collect();
    let (codes, levels) = categories(column);
    let mapped: Vec<Option<u32>> = levels
        .iter()
        .map(|l| index.get(l.as_str()).copied())
        .collect();
    codes
        .iter()
        .map(|c| c.and_then(|c| mapped.get(c as usize).copied().flatten()))
        .collect()
}

/// Everything a finished run needs to be shown and exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub features: Vec<String>,
    pub target: String,
    /// Per feature, its categories (the one-hot columns, in order).
    pub levels: Vec<Vec<String>>,
    /// Table rows of the training rows and of the validation rows (in the validation
    /// channel's table when there is one).
    pub train_rows: Vec<usize>,
    pub validation_rows: Vec<usize>,
    pub train_labels: Vec<f64>,
    pub validation_labels: Vec<f64>,
    pub validation_channel: bool,
    pub predictor: PredictorType,
}

fn labels(lab: &LabParams, table: &Table, target: &str) -> Result<Vec<f64>, String> {
    let values = match table.column(target) {
        Some(Column::Numeric(v)) => v,
        Some(_) => {
            return Err(format!(
                "target: column \"{target}\" is not numeric (a rating, or 0/1 for a click)"
            ))
        }
        None => return Err(format!("target: no column named \"{target}\"")),
    };
    if let Some(r) = values.iter().position(|v| v.is_nan()) {
        return Err(format!(
            "target: row {} of \"{target}\" is missing; every row needs a rating or click",
            r + 1
        ));
    }
    Ok(match (lab.fm.predictor_type, lab.binarize) {
        (PredictorType::BinaryClassifier, Some(cut)) => values
            .iter()
            .map(|v| f64::from(u8::from(*v >= cut)))
            .collect(),
        _ => values.clone(),
    })
}

pub fn prepare(
    lab: &LabParams,
    table: &Table,
    validation: Option<&Arc<Table>>,
) -> Result<(Prepared, FmJob), String> {
    let target = target_name(lab, table).ok_or(
        "target: the dataset has no numeric column to predict (a rating, or 0/1 for a click)",
    )?;
    let features = feature_names(lab, table, &target);
    if features.is_empty() {
        return Err("features: factorization machines need at least one categorical column (for example user and item); choose the columns to one-hot encode".into());
    }
    if features.contains(&target) {
        return Err(format!(
            "features: \"{target}\" is the target; it cannot also be a feature"
        ));
    }
    let mut columns = Vec::with_capacity(features.len());
    let mut levels = Vec::with_capacity(features.len());
    for name in &features {
        let column = table
            .column(name)
            .ok_or_else(|| format!("features: no column named \"{name}\""))?;
        let (codes, names) = categories(column);
        columns.push(codes);
        levels.push(names);
    }
    let y = labels(lab, table, &target)?;
    let coded = |codes: &[Option<u32>], rows: &[usize], levels: usize| CodedColumn {
        codes: rows.iter().map(|&r| codes[r]).collect(),
        levels,
    };
    let (train_rows, held_rows) = match validation {
        Some(_) => ((0..table.rows()).collect(), Vec::new()),
        None => split(table.rows(), lab.validation_fraction, lab.split_seed, None),
    };
    if train_rows.is_empty() {
        return Err("the dataset has no rows to train on".into());
    }
    let channel = |rows: &[usize]| FmChannel {
        columns: columns
            .iter()
            .zip(&levels)
            .map(|(codes, l)| coded(codes, rows, l.len()))
            .collect(),
        labels: rows.iter().map(|&r| y[r]).collect(),
    };
    let train = channel(&train_rows);
    let (validation_channel, validation_rows) = match validation {
        Some(v) => {
            let mut coded_columns = Vec::with_capacity(features.len());
            for (name, l) in features.iter().zip(&levels) {
                let column = v.column(name).ok_or_else(|| {
                    format!("validation: the validation channel has no column \"{name}\"")
                })?;
                coded_columns.push(CodedColumn {
                    codes: recode(column, l),
                    levels: l.len(),
                });
            }
            let labels = labels(lab, v, &target).map_err(|e| format!("validation channel: {e}"))?;
            (
                Some(FmChannel {
                    columns: coded_columns,
                    labels,
                }),
                (0..v.rows()).collect(),
            )
        }
        None if held_rows.is_empty() => (None, Vec::new()),
        None => (Some(channel(&held_rows)), held_rows),
    };
    let embed_column = match &lab.embed {
        Some(name) => Some(
            features
                .iter()
                .position(|f| f == name)
                .ok_or_else(|| format!("embed: \"{name}\" is not one of the features"))?,
        ),
        None => Some(usize::from(features.len() > 1)),
    };
    let prepared = Prepared {
        train_labels: train.labels.clone(),
        validation_labels: validation_channel
            .as_ref()
            .map(|c| c.labels.clone())
            .unwrap_or_default(),
        features,
        target,
        levels,
        train_rows,
        validation_rows,
        validation_channel: validation.is_some(),
        predictor: lab.fm.predictor_type,
    };
    let job = FmJob {
        train,
        validation: validation_channel,
        params: lab.fm.clone(),
        embed_column,
    };
    Ok((prepared, job))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            names: vec!["user".into(), "item".into(), "rating".into()],
            columns: vec![
                Column::Categorical {
                    codes: vec![Some(0), Some(1), Some(0), Some(1), Some(0)],
                    levels: vec!["a".into(), "b".into()],
                },
                Column::Numeric(vec![10.0, 20.0, 20.0, 30.0, 10.0]),
                Column::Numeric(vec![1.0, 5.0, 3.0, 4.0, 2.0]),
            ],
        }
    }

    #[test]
    fn defaults_pick_the_rating_and_the_categorical_columns() {
        let t = table();
        let lab = LabParams::default();
        assert_eq!(target_name(&lab, &t).as_deref(), Some("rating"));
        assert_eq!(feature_names(&lab, &t, "rating"), vec!["user"]);
        let lab = LabParams {
            features: Some(vec!["user".into(), "item".into()]),
            validation_fraction: 0.4,
            ..LabParams::default()
        };
        let (prepared, job) = prepare(&lab, &t, None).expect("prepared");
        assert_eq!(prepared.levels[1], vec!["10", "20", "30"]);
        assert_eq!(
            (job.train.labels.len(), prepared.validation_rows.len()),
            (3, 2)
        );
        assert_eq!(job.embed_column, Some(1));
    }

    #[test]
    fn errors_name_the_parameter() {
        let t = Table {
            names: vec!["x".into(), "rating".into()],
            columns: vec![
                Column::Numeric(vec![1.0, 2.0]),
                Column::Numeric(vec![1.0, 2.0]),
            ],
        };
        let err = prepare(&LabParams::default(), &t, None).unwrap_err();
        assert!(err
            .starts_with("features: factorization machines need at least one categorical column"));
        let lab = LabParams {
            features: Some(vec!["nope".into()]),
            ..LabParams::default()
        };
        assert_eq!(
            prepare(&lab, &t, None).unwrap_err(),
            "features: no column named \"nope\""
        );
    }

    #[test]
    fn a_validation_channel_uses_the_training_levels() {
        let t = table();
        let v = Arc::new(Table {
            names: t.names.clone(),
            columns: vec![
                Column::Categorical {
                    codes: vec![Some(0), Some(1)],
                    levels: vec!["b".into(), "z".into()],
                },
                Column::Numeric(vec![30.0, 40.0]),
                Column::Numeric(vec![2.0, 3.0]),
            ],
        });
        let lab = LabParams {
            features: Some(vec!["user".into(), "item".into()]),
            ..LabParams::default()
        };
        let (_, job) = prepare(&lab, &t, Some(&v)).expect("prepared");
        let validation = job.validation.expect("validation");
        assert_eq!(validation.columns[0].codes, vec![Some(1), None]);
        assert_eq!(validation.columns[1].codes, vec![Some(2), None]);
        assert_eq!(job.train.labels.len(), 5);
    }
}
