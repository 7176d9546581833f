//! From the lab's parameters and the chosen table(s) to the job the worker runs, plus what
//! the page needs afterwards to name columns, classes and rows.

use std::sync::Arc;

use super::params::LabParams;
use crate::data::supervised::{self, PreparedMeta};
use crate::data::Table;
use crate::jobs::run_knn::{KnnJob, MapSpec};
use crate::kernels::boosting::Objective;
use crate::kernels::knn::{KnnParams, PredictorType};

/// Cells per side of the decision-region grid.
pub const MAP_RESOLUTION: usize = 60;

/// Everything a finished run needs to be shown and exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub table: Arc<Table>,
    pub validation_table: Option<Arc<Table>>,
    pub meta: PreparedMeta,
    pub params: KnnParams,
    /// The map's two feature names (matrix columns), when there are two features.
    pub map_features: Option<(String, String)>,
}

/// The map's columns: the chosen ones (each must be a feature) or the first two.
fn map_columns(lab: &LabParams, columns: &[String]) -> Result<Option<(usize, usize)>, String> {
    let find = |param: &str, name: &Option<String>, default: usize| match name {
        Some(n) => columns
            .iter()
            .position(|c| c == n)
            .map(Some)
            .ok_or_else(|| {
                format!(
                    "{param}: \"{n}\" is not one of the features ({})",
                    columns.join(", ")
                )
            }),
        None => Ok((default < columns.len()).then_some(default)),
    };
    let x = find("map_x", &lab.map_x, 0)?;
    let y = find("map_y", &lab.map_y, 1)?;
    match (x, y) {
        (Some(x), Some(y)) if x == y => Err(format!(
            "map_y: the map needs two different features; both are \"{}\"",
            columns[x]
        )),
        (Some(x), Some(y)) => Ok(Some((x, y))),
        _ => Ok(None),
    }
}

pub fn prepare(
    lab: &LabParams,
    table: Arc<Table>,
    validation_table: Option<(String, Arc<Table>)>,
) -> Result<(Prepared, KnnJob), String> {
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
    let mut params = lab.knn.clone();
    params.predictor_type = match meta.target.objective {
        Objective::SquaredError => PredictorType::Regressor,
        _ => PredictorType::Classifier,
    };
    params
        .validate(data.train_x.rows())
        .map_err(|e| e.to_string())?;
    let map = map_columns(lab, &meta.columns)?;
    let map_features = map.map(|(x, y)| (meta.columns[x].clone(), meta.columns[y].clone()));
    let job = KnnJob {
        train_x: data.train_x,
        train_y: data.train_y,
        validation: data.validation,
        params: params.clone(),
        map: map.map(|(x, y)| MapSpec {
            x,
            y,
            resolution: MAP_RESOLUTION,
        }),
    };
    let prepared = Prepared {
        table,
        validation_table: validation_table.map(|(_, t)| t),
        meta,
        params,
        map_features,
    };
    Ok((prepared, job))
}
