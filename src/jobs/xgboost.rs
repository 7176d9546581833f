//! The XGBoost lab's job, all inside the worker so the page only draws: unpack the
//! table(s) sent with the job, prepare them (target, one-hot, split or validation
//! channel), train on the train channel (watching the validation channel), then score both
//! channels, compute the SageMaker-named metrics, the validation ROC curve and confusion
//! matrix, and TreeSHAP values.

use serde::{Deserialize, Serialize};

use crate::data::supervised::{self, PreparedMeta, SupervisedData, SupervisedSpec};
use crate::data::table_pack;
use crate::kernels::boosting::{
    fit_lightgbm_scored, fit_scored, BoostingData, Channel, LightGbmParams, Model, Objective,
    Params, Scored, ValidLightGbmParams, ValidParams,
};
use crate::kernels::metrics::{self, ConfusionMatrix, RocCurve};
use crate::kernels::{Control, Matrix, Partial, Progress};

/// Which ensemble the job trains: depth-wise (XGBoost), leaf-wise (LightGBM), or both on
/// the same data for the compare view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Booster {
    #[default]
    Xgboost,
    LightGbm,
    Compare,
}

/// The job; its attachment is the training table, then the validation table if
/// `validation_name` is set, packed by [`table_pack`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XgboostJob {
    pub spec: SupervisedSpec,
    /// The validation channel's dataset name, when a second table is attached.
    pub validation_name: Option<String>,
    pub booster: Booster,
    /// The hyperparameters; `objective` and `num_class` are filled in from the data.
    pub params: Params,
    /// The LightGBM-style hyperparameters (same filling in).
    pub lightgbm: LightGbmParams,
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
    #[serde(with = "crate::data::bulk::f64s")]
    pub train_predictions: Vec<f64>,
    #[serde(with = "crate::data::bulk::f64s")]
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
    /// Wall time of binning and boosting alone.
    pub fit_ms: f64,
    /// The LightGBM-style hyperparameters, when this model was grown leaf-wise.
    pub lightgbm: Option<LightGbmParams>,
    /// In the compare view: the LightGBM-style model trained on the same data (no SHAP).
    pub rival: Option<Box<XgboostOutcome>>,
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

/// Unpacks and prepares the attached table(s), then trains the chosen booster (or both).
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
    let objective = meta.target.objective;
    let num_class = (objective == Objective::Softprob).then_some(meta.target.classes.len());
    let mut params = job.params;
    (params.objective, params.num_class) = (objective, num_class);
    let mut lightgbm = job.lightgbm;
    (lightgbm.objective, lightgbm.num_class) = (objective, num_class);
    let uses = |b: Booster| job.booster == b || job.booster == Booster::Compare;
    let xgboost_params = if uses(Booster::Xgboost) {
        Some(params.validate().map_err(|e| e.to_string())?)
    } else {
        None
    };
    let lightgbm_params = if uses(Booster::LightGbm) {
        Some(lightgbm.validate().map_err(|e| e.to_string())?)
    } else {
        None
    };
    let early_stopping = (xgboost_params.is_some() && params.early_stopping_rounds.is_some())
        || (lightgbm_params.is_some() && lightgbm.early_stopping_rounds.is_some());
    if early_stopping && data.validation.is_none() {
        return Err(
            "early_stopping_rounds: needs validation rows (set validation_fraction above 0 or add a validation CSV)"
                .into(),
        );
    }
    let since_start = || now_ms() - started;
    let mut stage = Stage {
        inner: progress,
        offset: 0.0,
        scale: if job.booster == Booster::Compare {
            0.5
        } else {
            1.0
        },
        prefix: "",
    };
    let booster = match (&xgboost_params, &lightgbm_params) {
        (Some(valid), _) => Valid::Xgboost(valid),
        (None, Some(valid)) => Valid::LightGbm(valid),
        (None, None) => return Err("booster: nothing to train".into()),
    };
    let (scored, fit_ms) = timed_fit(&data, booster, now_ms, &mut stage)?;
    let timing = (since_start(), fit_ms);
    let mut first = outcome(&data, scored, &meta, timing, job.max_shap_rows, &mut stage)?;
    first.params = params.clone();
    if xgboost_params.is_none() {
        first.lightgbm = Some(lightgbm.clone());
    }
    if let (Booster::Compare, Some(valid)) = (job.booster, &lightgbm_params) {
        // The rival trains on the same matrices; its SHAP values are not needed.
        stage.offset = 0.5;
        stage.prefix = "lightgbm ";
        let (scored, fit_ms) = timed_fit(&data, Valid::LightGbm(valid), now_ms, &mut stage)?;
        let mut rival = outcome(&data, scored, &meta, (fit_ms, fit_ms), 0, &mut stage)?;
        rival.lightgbm = Some(lightgbm);
        rival.params = params;
        first.rival = Some(Box::new(rival));
    }
    Ok(first)
}

/// One booster's validated hyperparameters.
enum Valid<'a> {
    Xgboost(&'a ValidParams),
    LightGbm(&'a ValidLightGbmParams),
}

/// Fits one booster on the prepared matrices; also returns the fit's wall time in ms.
fn timed_fit(
    data: &SupervisedData,
    booster: Valid,
    now_ms: &dyn Fn() -> f64,
    progress: &mut dyn Progress,
) -> Result<(Scored, f64), String> {
    let started = now_ms();
    let scored = match booster {
        Valid::Xgboost(valid) => fit_scored(&channels(data), valid, progress),
        Valid::LightGbm(valid) => fit_lightgbm_scored(&channels(data), valid, progress),
    };
    let fit_ms = now_ms() - started;
    Ok((scored.map_err(|e| e.to_string())?, fit_ms))
}

/// A fit's progress inside a job that may run two: its 0..1 mapped onto
/// `offset..offset + scale`, its curve series renamed with `prefix`.
struct Stage<'a> {
    inner: &'a mut dyn Progress,
    offset: f64,
    scale: f64,
    prefix: &'static str,
}

impl Progress for Stage<'_> {
    fn report(&mut self, fraction: f64, message: &str, partial: Option<Partial>) -> Control {
        let partial = partial.map(|p| match p {
            Partial::CurvePoint { series, x, y } if !self.prefix.is_empty() => {
                Partial::CurvePoint {
                    series: format!("{}{series}", self.prefix),
                    x,
                    y,
                }
            }
            other => other,
        });
        let message = format!("{}{message}", self.prefix);
        self.inner
            .report(self.offset + fraction * self.scale, &message, partial)
    }
}

/// The prepared matrices as the boosting kernel takes them.
fn channels(data: &SupervisedData) -> BoostingData<'_> {
    BoostingData {
        train: Channel {
            features: &data.train_x,
            labels: &data.train_y,
        },
        validation: data.validation.as_ref().map(|(x, y)| Channel {
            features: x,
            labels: y,
        }),
    }
}

/// A trained model → predictions, the SageMaker-named metrics of both channels, the
/// validation ROC curve and confusion matrix, and SHAP values of up to `max_shap_rows`.
/// `timing` is (ms from the job's start to the trained model, ms of the fit alone).
fn outcome(
    data: &SupervisedData,
    scored: Scored,
    meta: &PreparedMeta,
    timing: (f64, f64),
    max_shap_rows: usize,
    progress: &mut dyn Progress,
) -> Result<XgboostOutcome, String> {
    let (train_x, train_y, validation) = (&data.train_x, &data.train_y, &data.validation);
    let (train_predictions, validation_predictions) = scored.predictions();
    let model = scored.model;
    let (objective, k) = (model.objective, model.outputs);
    if progress.report(1.0, "measuring the channels", None) == Control::Stop {
        return Err("cancelled".into());
    }
    let mut metrics = channel_metrics("train", objective, train_y, &train_predictions, k);
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
    let (channel, x) = match validation {
        Some((vx, _)) if vx.rows() > 0 => ("validation", vx),
        _ => ("train", train_x),
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
        meta: meta.clone(),
        train_ms: timing.0,
        fit_ms: timing.1,
        params: Params::default(),
        lightgbm: None,
        rival: None,
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
            booster: Booster::Xgboost,
            lightgbm: LightGbmParams::default(),
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
            booster: Booster::Xgboost,
            lightgbm: LightGbmParams::default(),
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
    fn compare_trains_both_boosters_on_the_same_rows() {
        let x: Vec<f64> = (0..60).map(|i| ((i * 7) % 13) as f64).collect();
        let y: Vec<f64> = x.iter().map(|&v| f64::from(v > 6.0)).collect();
        let table = crate::data::Table {
            names: vec!["x".into(), "label".into()],
            columns: vec![
                crate::data::Column::Numeric(x),
                crate::data::Column::Numeric(y),
            ],
        };
        let job = XgboostJob {
            spec: SupervisedSpec::default(),
            validation_name: None,
            booster: Booster::Compare,
            params: Params {
                num_round: 4,
                ..Params::default()
            },
            lightgbm: LightGbmParams {
                num_boost_round: 6,
                min_data_in_leaf: 1,
                ..LightGbmParams::default()
            },
            max_shap_rows: 5,
        };
        let packed = table_pack::pack(&[&table]).unwrap();
        let mut recorder = crate::kernels::Recorder::default();
        let out = run(job, &packed, &|| 0.0, &mut recorder).unwrap();
        assert_eq!(out.model.rounds(), 4);
        assert!(out.lightgbm.is_none());
        let rival = out.rival.expect("the LightGBM model");
        assert_eq!(rival.model.rounds(), 6);
        assert_eq!(rival.lightgbm.map(|l| l.num_boost_round), Some(6));
        assert!(rival.shap.rows.is_empty());
        assert_eq!(rival.meta, out.meta);
        // The second half of the progress belongs to LightGBM, its curves renamed.
        assert!(recorder.partials.iter().any(|p| matches!(p,
            Partial::CurvePoint { series, .. } if series.starts_with("lightgbm "))));
        assert!(recorder.fractions.iter().all(|f| (0.0..=1.0).contains(f)));
    }

    #[test]
    fn sample_rows_spreads_evenly() {
        assert_eq!(sample_rows(3, 5), vec![0, 1, 2]);
        assert_eq!(sample_rows(10, 5), vec![0, 2, 4, 6, 8]);
    }
}
