//! From the lab's parameters and the chosen table(s) to the job the worker runs, plus what
//! the page needs afterwards to name columns, classes and rows.

use std::sync::Arc;

use super::params::{predictor_of, LabParams};
use crate::data::supervised::{self, PreparedMeta};
use crate::data::Table;
use crate::jobs::run_linear::LinearJob;
use crate::kernels::linear::LinearParams;

/// Everything a finished run needs to be shown and exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub table: Arc<Table>,
    pub validation_table: Option<Arc<Table>>,
    pub test_table: Option<Arc<Table>>,
    /// Rows of the test table that have a target, in the order they were scored.
    pub test_rows: Vec<usize>,
    pub meta: PreparedMeta,
    /// The hyperparameters as trained (predictor_type filled in from the data).
    pub params: LinearParams,
}

pub fn prepare(
    lab: &LabParams,
    table: Arc<Table>,
    validation_table: Option<(String, Arc<Table>)>,
    test_table: Option<(String, Arc<Table>)>,
) -> Result<(Prepared, LinearJob), String> {
    let channel = validation_table
        .as_ref()
        .map(|(name, t)| (name.as_str(), t.as_ref()));
    let (meta, data) = supervised::prepare(&lab.data().spec, &table, channel).map_err(|e| {
        // A forced task is this lab's predictor_type, not XGBoost's objective.
        match (lab.predictor_type, e.strip_prefix("objective: ")) {
            (Some(_), Some(rest)) => format!("predictor_type: {rest}"),
            _ => e,
        }
    })?;
    // The test channel goes through the same preparation as a validation channel would,
    // so it is encoded exactly like the training rows.
    let (test_rows, test) = match &test_table {
        Some((name, t)) => {
            let (m, d) = supervised::prepare(&lab.data().spec, &table, Some((name, t)))
                .map_err(|e| e.replace("validation", "test"))?;
            (m.validation_rows, d.validation)
        }
        None => (Vec::new(), None),
    };
    let mut params = lab.linear.clone();
    params.predictor_type = predictor_of(meta.target.objective);
    params.validate().map_err(|e| e.to_string())?;
    let job = LinearJob {
        train_x: data.train_x,
        train_y: data.train_y,
        validation: data.validation,
        test,
        params: params.clone(),
    };
    let prepared = Prepared {
        table,
        validation_table: validation_table.map(|(_, t)| t),
        test_table: test_table.map(|(_, t)| t),
        test_rows,
        meta,
        params,
    };
    Ok((prepared, job))
}
