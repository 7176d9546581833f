//! From the lab's parameters and a table to the Random Cut Forest job. Pure: no DOM.

use crate::data::transform::{feature_matrix, looks_like_label, FeatureError};
use crate::data::{Column, Table};
use crate::jobs::run_rcf::RcfJob;

use super::params::{LabParams, Target};

/// A column that just counts rows (0, 1, 2… or any constant step): a time index, not a
/// measurement. As a feature it would make every late point look new.
pub fn is_row_index(column: &Column) -> bool {
    let Column::Numeric(v) = column else {
        return false;
    };
    if v.len() < 3 || v.iter().any(|x| !x.is_finite()) {
        return false;
    }
    let step = v[1] - v[0];
    step > 0.0
        && v.windows(2)
            .all(|w| (w[1] - w[0] - step).abs() <= 1e-9 * step.abs())
}

/// The label column: the `target` parameter, or (when not given) a numeric column named
/// like a label.
pub fn target_name(lab: &LabParams, table: &Table) -> Option<String> {
    match &lab.target {
        Target::Off => None,
        Target::Column(c) => Some(c.clone()),
        Target::Auto => table
            .names
            .iter()
            .zip(&table.columns)
            .find(|(n, c)| looks_like_label(n) && matches!(c, Column::Numeric(_)))
            .map(|(n, _)| n.clone()),
    }
}

/// The features: the `features` parameter, else every numeric column that is not the
/// target, not named like a label and not a row counter.
pub fn feature_names(lab: &LabParams, table: &Table) -> Vec<String> {
    let target = target_name(lab, table);
    lab.features.clone().unwrap_or_else(|| {
        table
            .names
            .iter()
            .zip(&table.columns)
            .filter(|(n, c)| {
                matches!(c, Column::Numeric(_))
                    && Some(*n) != target.as_ref()
                    && !looks_like_label(n)
                    && !is_row_index(c)
            })
            .map(|(n, _)| n.clone())
            .collect()
    })
}

pub struct Prepared {
    pub features: Vec<String>,
    pub target: Option<String>,
    pub job: RcfJob,
}

pub fn prepare(lab: &LabParams, table: &Table) -> Result<Prepared, String> {
    let features = feature_names(lab, table);
    if features.is_empty() {
        return Err(FeatureError::NoNumericColumn.to_string());
    }
    let target = target_name(lab, table);
    if let Some(t) = target.as_ref().filter(|t| features.contains(t)) {
        return Err(format!(
            "features: \"{t}\" is the target (the label); it cannot also be a feature"
        ));
    }
    let (x, _) = feature_matrix(table, &features, false).map_err(|e| match e {
        FeatureError::MissingValues { .. } => {
            format!("{e}: Random Cut Forest needs every value (and a time series its every row)")
        }
        other => other.to_string(),
    })?;
    if x.rows() == 0 {
        return Err("the dataset has no rows".into());
    }
    lab.rcf.validate(x.rows()).map_err(|e| e.to_string())?;
    let labels = match &target {
        None => None,
        Some(t) => match table.column(t) {
            Some(Column::Numeric(v)) => Some(v.clone()),
            Some(_) => {
                return Err(format!(
                    "target: column \"{t}\" is not numeric; the label must be 0 (normal) or 1 (anomaly)"
                ))
            }
            None => return Err(format!("target: no column named \"{t}\"")),
        },
    };
    Ok(Prepared {
        features,
        target,
        job: RcfJob {
            x,
            params: lab.rcf.clone(),
            labels,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            names: vec!["t".into(), "value".into(), "label".into()],
            columns: vec![
                Column::Numeric(vec![0.0, 1.0, 2.0, 3.0]),
                Column::Numeric(vec![0.5, 0.1, 9.0, 0.2]),
                Column::Numeric(vec![0.0, 0.0, 1.0, 0.0]),
            ],
        }
    }

    #[test]
    fn the_time_index_and_the_label_are_not_features() {
        let t = table();
        let lab = LabParams {
            rcf: crate::kernels::rcf::RcfParams {
                shingle_size: 2,
                ..Default::default()
            },
            ..LabParams::default()
        };
        let prepared = prepare(&lab, &t).expect("prepared");
        assert_eq!(prepared.features, vec!["value"]);
        assert_eq!(prepared.target.as_deref(), Some("label"));
        assert_eq!(prepared.job.labels, Some(vec![0.0, 0.0, 1.0, 0.0]));
    }

    #[test]
    fn a_shingle_longer_than_the_series_is_named() {
        let err = prepare(&LabParams::default(), &table())
            .err()
            .expect("error");
        assert_eq!(
            err,
            "shingle_size must be between 1 and the length of the series (4); it is 8"
        );
        let lab = LabParams {
            target: Target::Column("value".into()),
            features: Some(vec!["value".into()]),
            ..LabParams::default()
        };
        assert!(prepare(&lab, &table())
            .err()
            .expect("error")
            .starts_with("features: \"value\" is the target"));
    }
}
