//! The linear learner lab's job: train `num_models` linear models together (their loss
//! curves stream to the page as they go), keep the one the selection criterion prefers,
//! then score both channels with `kernels::metrics` so the page only draws.

use serde::{Deserialize, Serialize};

use crate::kernels::linear::{fit, Dataset, LinearModel, LinearParams, PredictorType};
use crate::kernels::metrics::{self, ConfusionMatrix, RocCurve};
use crate::kernels::{Control, Matrix, Progress};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinearJob {
    pub train_x: Matrix,
    pub train_y: Vec<f64>,
    pub validation: Option<(Matrix, Vec<f64>)>,
    /// SageMaker's `test` channel: scored only, never used for training or selection.
    pub test: Option<(Matrix, Vec<f64>)>,
    pub params: LinearParams,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinearOutcome {
    pub model: LinearModel,
    /// `rows × outputs` scores of the chosen model: the prediction (regressor), P(1)
    /// (binary) or every class's probability (multiclass).
    pub train_scores: Vec<f64>,
    pub validation_scores: Vec<f64>,
    /// The predicted value or class of each row (binary: at the chosen threshold).
    pub train_predicted: Vec<f64>,
    pub validation_predicted: Vec<f64>,
    pub test_scores: Vec<f64>,
    pub test_predicted: Vec<f64>,
    /// `(name, value)` named as SageMaker logs them (`validation:accuracy`).
    pub metrics: Vec<(String, f64)>,
    pub roc: Option<RocCurve>,
    pub confusion: Option<ConfusionMatrix>,
}

fn score(model: &LinearModel, x: &Matrix) -> (Vec<f64>, Vec<f64>) {
    let scores = (0..x.rows())
        .flat_map(|r| model.predict_scores(x.row(r)))
        .collect();
    let predicted = (0..x.rows()).map(|r| model.predict(x.row(r))).collect();
    (scores, predicted)
}

fn prefixed(
    channel: &str,
    metrics: Vec<(String, f64)>,
) -> impl Iterator<Item = (String, f64)> + '_ {
    metrics
        .into_iter()
        .map(move |(name, value)| (format!("{channel}:{name}"), value))
}

pub fn run(job: LinearJob, progress: &mut dyn Progress) -> Result<LinearOutcome, String> {
    let valid = job.params.validate().map_err(|e| e.to_string())?;
    let train = Dataset {
        x: &job.train_x,
        y: &job.train_y,
    };
    let validation = job.validation.as_ref().map(|(x, y)| Dataset { x, y });
    let model = fit(train, validation, &valid, progress).map_err(|e| e.to_string())?;
    if progress.report(1.0, "scoring the channels", None) == Control::Stop {
        return Err("cancelled".into());
    }
    let error = |e: crate::kernels::KernelError| e.to_string();
    let mut metrics: Vec<(String, f64)> = prefixed(
        "train",
        model.evaluate(&job.train_x, &job.train_y).map_err(error)?,
    )
    .collect();
    let (train_scores, train_predicted) = score(&model, &job.train_x);
    let (mut validation_scores, mut validation_predicted) = (Vec::new(), Vec::new());
    let (mut roc, mut confusion) = (None, None);
    if let Some((vx, vy)) = &job.validation {
        metrics.extend(prefixed(
            "validation",
            model.evaluate(vx, vy).map_err(error)?,
        ));
        (validation_scores, validation_predicted) = score(&model, vx);
        let predictor = model.params.predictor_type;
        if predictor == PredictorType::BinaryClassifier {
            roc = metrics::roc_curve(vy, &validation_scores).ok();
        }
        if predictor != PredictorType::Regressor {
            let classes = model.classes.max(2);
            let truth: Vec<usize> = vy.iter().map(|&y| y as usize).collect();
            let predicted: Vec<usize> = validation_predicted.iter().map(|&p| p as usize).collect();
            confusion = metrics::confusion_matrix(&truth, &predicted, classes).ok();
        }
    }
    let (mut test_scores, mut test_predicted) = (Vec::new(), Vec::new());
    if let Some((tx, ty)) = &job.test {
        metrics.extend(prefixed("test", model.evaluate(tx, ty).map_err(error)?));
        (test_scores, test_predicted) = score(&model, tx);
    }
    Ok(LinearOutcome {
        model,
        train_scores,
        validation_scores,
        train_predicted,
        validation_predicted,
        test_scores,
        test_predicted,
        metrics,
        roc,
        confusion,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::Silent;

    #[test]
    fn binary_job_names_metrics_by_channel_and_draws_roc_and_confusion() {
        let rows: Vec<Vec<f64>> = (0..60).map(|i| vec![f64::from(i % 13), 1.0]).collect();
        let y: Vec<f64> = (0..60).map(|i| f64::from(i % 13 > 6)).collect();
        let x = Matrix::from_rows(&rows).expect("matrix");
        let job = LinearJob {
            train_x: x.clone(),
            train_y: y.clone(),
            validation: Some((x.clone(), y.clone())),
            test: Some((x, y)),
            params: LinearParams {
                mini_batch_size: 10,
                num_models: 2,
                ..LinearParams::default()
            },
        };
        let out = run(job, &mut Silent).expect("run");
        let names: Vec<&str> = out.metrics.iter().map(|m| m.0.as_str()).collect();
        for name in [
            "train:accuracy",
            "validation:accuracy",
            "validation:auc",
            "test:accuracy",
        ] {
            assert!(names.contains(&name), "{name} in {names:?}");
        }
        assert_eq!(out.confusion.map(|c| c.total()), Some(60));
        assert!(out.roc.is_some());
        assert_eq!(out.validation_scores.len(), 60);
    }
}
