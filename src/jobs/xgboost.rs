//! The XGBoost lab's job, all inside the worker so the page only draws: unpack the
//! table(s) sent with the job, prepare them (target, one-hot, split or validation
//! channel), train on the train channel (watching the validation channel), then score both
//! channels, compute the SageMaker-named metrics, the validation ROC curve and confusion
//! matrix, and TreeSHAP values.

use serde::{Deserialize, Serialize};

use crate::data::supervised::{self, PreparedMeta, SupervisedData, SupervisedSpec};
use crate::data::table_pack;
use crate::kernels::boosting::{fit_scored, BoostingData, Channel, Model, Objective, Params};
use crate::kernels::metrics::{self, ConfusionMatrix, RocCurve};
use crate::kernels::{Control, Matrix, Progress};

/// The job; its attachment is the training table, then the validation table if
/// `validation_name` is set, packed by [`table_pack`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XgboostJob {
    pub spec: SupervisedSpec,
    /// The validation channel's dataset name, when a second table is attached.
    pub validation_name: Option<String>,
    /// The hyperparameters; `objective` and `num_class` are filled in from the data.
    pub params: Params,
    /// SHAP values are computed for at most this many rows of the validation channel
    /// (the train channel when there is none), evenly spaced.
    pub max_shap_rows: usize,
}

/// SHAP values of some rows of one channel: `values[output][i]` has one value per feature
/// and, last, the base value; row `i` is row `rows[i]` of `channel`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShapValues {
    pub channel: String,
    pub rows: Vec<usize>,
    /// The feature values of those rows (for colouring and labelling the plots).
    pub features: Vec<Vec<f64>>,
    pub values: Vec<Vec<Vec<f64>>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XgboostOutcome {
    pub model: Model,
    /// `rows × outputs` (class probabilities for softprob, P(y = 1) for binary, values for
    /// regression).
    pub train_predictions: Vec<f64>,
    pub validation_predictions: Vec<f64>,
    /// `(name, value)` named as SageMaker logs them (`validation:auc`).
    pub metrics: Vec<(String, f64)>,
    pub roc: Option<RocCurve>,
    pub confusion: Option<ConfusionMatrix>,
    pub shap: ShapValues,
    /// How the table was prepared (column names, classes, rows).
    pub meta: PreparedMeta,
    /// Wall time in the worker from receiving the tables to the trained model: unpacking,
    /// preparing, binning and boosting (the part real XGBoost's `train` is compared with).
    pub train_ms: f64,
    /// The hyperparameters as trained (objective and num_class filled in).
    pub params: Params,
}

/// Rows of a channel's predictions → predicted class (argmax, or P > 0.5 for binary).
pub fn predicted_classes(objective: Objective, predictions: &[f64], outputs: usize) -> Vec<usize> {
    match objective {
        Objective::Softprob => predictions
            .chunks(outputs.max(1))
            .map(|row| {
                row.iter()
                    .enumerate()
                    .max_by(|a, b| a.1.total_cmp(b.1))
                    .map_or(0, |(k, _)| k)
            })
            .collect(),
        _ => predictions.iter().map(|&p| usize::from(p > 0.5)).collect(),
    }
}

/// Every metric that applies to the objective, for one channel.
fn channel_metrics(
    channel: &str,
    objective: Objective,
    labels: &[f64],
    predictions: &[f64],
    outputs: usize,
) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let mut put = |name: &str, value: Result<f64, metrics::MetricError>| {
        if let Ok(v) = value {
            out.push((format!("{channel}:{name}"), v));
        }
    };
    match objective {
        Objective::BinaryLogistic => {
            put("auc", metrics::roc_auc(labels, predictions));
            put("logloss", metrics::logloss(labels, predictions));
            let truth: Vec<usize> = labels.iter().map(|&y| usize::from(y == 1.0)).collect();
            let predicted = predicted_classes(objective, predictions, 1);
            let accuracy = metrics::accuracy(&truth, &predicted);
            put("accuracy", accuracy.clone());
            put("error", accuracy.map(|a| 1.0 - a));
        }
        Objective::SquaredError => {
            put("rmse", metrics::rmse(labels, predictions));
            put("mae", metrics::mae(labels, predictions));
            put("r2", metrics::r2(labels, predictions));
        }
        Objective::Softprob => {
            let truth: Vec<usize> = labels.iter().map(|&y| y as usize).collect();
            let rows: Vec<Vec<f64>> = predictions
                .chunks(outputs.max(1))
                .map(<[f64]>::to_vec)
                .collect();
            put("merror", metrics::merror(&truth, &rows));
            put("mlogloss", metrics::mlogloss(&truth, &rows));
            let predicted = predicted_classes(objective, predictions, outputs);
            put("accuracy", metrics::accuracy(&truth, &predicted));
        }
    }
    out
}

/// Evenly spaced row indices, at most `max` of `n`.
pub fn sample_rows(n: usize, max: usize) -> Vec<usize> {
    if n <= max {
        return (0..n).collect();
    }
    (0..max).map(|i| i * n / max.max(1)).collect()
}

/// Unpacks and prepares the attached table(s), then trains.
pub fn run(
    job: XgboostJob,
    packed: &[u8],
    now_ms: &dyn Fn() -> f64,
    progress: &mut dyn Progress,
) -> Result<XgboostOutcome, String> {
    let started = now_ms();
    if progress.report(0.0, "preparing the data", None) == Control::Stop {
        return Err("cancelled".into());
    }
    let tables = table_pack::unpack(packed)?;
    let (table, validation) = match (&job.validation_name, tables.as_slice()) {
        (None, [table]) => (table, None),
        (Some(name), [table, validation]) => (table, Some((name.as_str(), validation))),
        _ => return Err("the job did not get the tables it expected".into()),
    };
    let (meta, data) = supervised::prepare(&job.spec, table, validation)?;
    drop(tables);
    let mut params = job.params;
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
    train(
        data,
        meta,
        params,
        job.max_shap_rows,
        &|| now_ms() - started,
        progress,
    )
}

/// Trains on prepared matrices, then scores, explains and measures.
pub fn train(
    data: SupervisedData,
    meta: PreparedMeta,
    params: Params,
    max_shap_rows: usize,
    elapsed_ms: &dyn Fn() -> f64,
    progress: &mut dyn Progress,
) -> Result<XgboostOutcome, String> {
    let valid = params.validate().map_err(|e| e.to_string())?;
    let SupervisedData {
        train_x,
        train_y,
        validation,
    } = data;
    let boosting = BoostingData {
        train: Channel {
            features: &train_x,
            labels: &train_y,
        },
        validation: validation.as_ref().map(|(x, y)| Channel {
            features: x,
            labels: y,
        }),
    };
    let scored = fit_scored(&boosting, &valid, progress).map_err(|e| e.to_string())?;
    let train_ms = elapsed_ms();
    let (train_predictions, validation_predictions) = scored.predictions();
    let model = scored.model;
    let (objective, k) = (model.objective, model.outputs);
    if progress.report(1.0, "measuring the channels", None) == Control::Stop {
        return Err("cancelled".into());
    }
    let mut metrics = channel_metrics("train", objective, &train_y, &train_predictions, k);
    let (mut roc, mut confusion) = (None, None);
    if let Some((_, vy)) = &validation {
        metrics.extend(channel_metrics(
            "validation",
            objective,
            vy,
            &validation_predictions,
            k,
        ));
        if objective == Objective::BinaryLogistic {
            roc = metrics::roc_curve(vy, &validation_predictions).ok();
        }
        if objective != Objective::SquaredError {
            let classes = if objective == Objective::Softprob {
                k
            } else {
                2
            };
            let truth: Vec<usize> = vy.iter().map(|&y| y as usize).collect();
            let predicted = predicted_classes(objective, &validation_predictions, k);
            confusion = metrics::confusion_matrix(&truth, &predicted, classes).ok();
        }
    }
    let (channel, x) = match &validation {
        Some((vx, _)) if vx.rows() > 0 => ("validation", vx),
        _ => ("train", &train_x),
    };
    let rows = sample_rows(x.rows(), max_shap_rows);
    let features: Vec<Vec<f64>> = rows.iter().map(|&r| x.row(r).to_vec()).collect();
    let picked = Matrix::new(rows.len(), x.cols(), features.concat())
        .ok_or_else(|| "could not gather the SHAP rows".to_string())?;
    let mut values = Vec::with_capacity(k);
    for output in 0..k {
        let message = format!("SHAP values of {} rows", rows.len());
        if progress.report(1.0, &message, None) == Control::Stop {
            return Err("cancelled".into());
        }
        values.push(model.shap_values(&picked, output));
    }
    Ok(XgboostOutcome {
        model,
        train_predictions,
        validation_predictions,
        metrics,
        roc,
        confusion,
        shap: ShapValues {
            channel: channel.to_string(),
            rows,
            features,
            values,
        },
        meta,
        train_ms,
        params,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::Silent;

    #[test]
    fn binary_job_reports_sagemaker_metrics_roc_confusion_and_shap() {
        // One feature column, a label column; the same table is also the validation channel.
        let x: Vec<f64> = (0..40).map(|i| ((i * 7) % 13) as f64).collect();
        let y: Vec<f64> = x.iter().map(|&v| f64::from(v > 6.0)).collect();
        let table = crate::data::Table {
            names: vec!["x".into(), "label".into()],
            columns: vec![
                crate::data::Column::Numeric(x.clone()),
                crate::data::Column::Numeric(y),
            ],
        };
        let packed = table_pack::pack(&[&table, &table]).unwrap();
        let job = XgboostJob {
            spec: SupervisedSpec::default(),
            validation_name: Some("same.csv".into()),
            params: Params {
                num_round: 5,
                ..Params::default()
            },
            max_shap_rows: 10,
        };
        let out = run(job, &packed, &|| 0.0, &mut Silent).unwrap();
        assert_eq!(out.params.objective, Objective::BinaryLogistic);
        assert_eq!(out.meta.columns, vec!["x"]);
        let x = Matrix::new(40, 1, x).unwrap();
        let names: Vec<&str> = out.metrics.iter().map(|m| m.0.as_str()).collect();
        for n in [
            "train:auc",
            "validation:auc",
            "validation:logloss",
            "validation:accuracy",
            "validation:error",
        ] {
            assert!(names.contains(&n), "{n} in {names:?}");
        }
        assert!(out.roc.is_some());
        assert_eq!(out.confusion.as_ref().map(|c| c.total()), Some(40));
        assert_eq!(out.shap.rows.len(), 10);
        let margins = out.model.predict_margin(&x);
        for (i, &r) in out.shap.rows.iter().enumerate() {
            let sum: f64 = out.shap.values[0][i].iter().sum();
            assert!((sum - margins[r]).abs() < 1e-9);
        }
    }

    #[test]
    fn early_stopping_without_validation_rows_names_the_parameter() {
        let table = crate::data::Table {
            names: vec!["x".into(), "label".into()],
            columns: vec![
                crate::data::Column::Numeric((0..20).map(f64::from).collect()),
                crate::data::Column::Numeric((0..20).map(|i| f64::from(i % 2)).collect()),
            ],
        };
        let job = XgboostJob {
            spec: SupervisedSpec {
                validation_fraction: 0.0,
                ..SupervisedSpec::default()
            },
            validation_name: None,
            params: Params {
                early_stopping_rounds: Some(3),
                ..Params::default()
            },
            max_shap_rows: 10,
        };
        let packed = table_pack::pack(&[&table]).unwrap();
        let e = run(job, &packed, &|| 0.0, &mut Silent).unwrap_err();
        assert!(e.starts_with("early_stopping_rounds"), "{e}");
    }

    #[test]
    fn sample_rows_spreads_evenly() {
        assert_eq!(sample_rows(3, 5), vec![0, 1, 2]);
        assert_eq!(sample_rows(10, 5), vec![0, 2, 4, 6, 8]);
    }
}
