//! From the lab's parameters and the chosen table(s) to the job the worker runs, plus what
//! the page needs afterwards to name columns, classes and rows.

use std::sync::Arc;

use super::params::LabParams;
use crate::data::supervised::{self, PreparedMeta};
use crate::data::Table;
use crate::jobs::xgboost::XgboostJob;
use crate::kernels::boosting::{Objective, Params};

/// SHAP values are computed for at most this many rows (the beeswarm's points).
pub const MAX_SHAP_ROWS: usize = 1000;

/// Everything a finished run needs to be shown and exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub table: Arc<Table>,
    pub validation_table: Option<Arc<Table>>,
    pub meta: PreparedMeta,
    /// The hyperparameters as trained (objective and num_class filled in).
    pub params: Params,
}

pub fn prepare(
    lab: &LabParams,
    table: Arc<Table>,
    validation_table: Option<(String, Arc<Table>)>,
) -> Result<(Prepared, XgboostJob), String> {
    let channel = validation_table
        .as_ref()
        .map(|(name, t)| (name.as_str(), t.as_ref()));
    let (meta, data) = supervised::prepare(&lab.spec(), &table, channel)?;
    let mut params = lab.xgb.clone();
    params.objective = meta.target.objective;
    params.num_class =
        (meta.target.objective == Objective::Softprob).then_some(meta.target.classes.len());
    params.validate().map_err(|e| e.to_string())?;
    if params.early_stopping_rounds.is_some() && data.validation.is_none() {
        return Err(
            "early_stopping_rounds: needs validation rows (set validation_fraction above 0 or add a validation CSV)"
                .into(),
        );
    }
    let job = XgboostJob {
        train_x: data.train_x,
        train_y: data.train_y,
        validation: data.validation,
        params: params.clone(),
        max_shap_rows: MAX_SHAP_ROWS,
    };
    let prepared = Prepared {
        table,
        validation_table: validation_table.map(|(_, t)| t),
        meta,
        params,
    };
    Ok((prepared, job))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Column;

    #[test]
    fn eval_metric_must_suit_the_detected_objective() {
        let table = Arc::new(Table {
            names: vec!["a".into(), "label".into()],
            columns: vec![
                Column::Numeric((0..20).map(f64::from).collect()),
                Column::Numeric((0..20).map(|i| f64::from(i % 2)).collect()),
            ],
        });
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
        let e = prepare(&lab, table, None).unwrap_err();
        assert!(e.starts_with("eval_metric merror"), "{e}");
    }
}
