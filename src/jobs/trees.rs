//! The decision-tree and random-forest labs' jobs. A tree trains, scores both channels and
//! explains the validation rows in one job. A forest is grown in chunks of trees, one job
//! per worker (tree i depends only on the data, the params and i, so the chunks merge into
//! exactly the forest one job would grow with the same seed); a last job merges them,
//! scores, draws the out-of-bag curve and explains.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::xgboost::{sample_rows, ShapValues};
use crate::kernels::forest::{self, oob_error_curve, ForestChunk, ForestModel, ForestParams};
use crate::kernels::metrics::{self, ConfusionMatrix, RocCurve};
use crate::kernels::shap::ensemble_shap_rows;
use crate::kernels::tree::{self, DecisionTree, Task, TreeOutput, TreeParams};
use crate::kernels::{Control, KernelError, Matrix, Progress};

/// Train and validation rows as the worker receives them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreeData {
    pub train_x: Matrix,
    pub train_y: Vec<f64>,
    pub validation: Option<(Matrix, Vec<f64>)>,
    /// Number of classes of the target (0 for regression): predictions have this width
    /// even when a class is missing from the training rows.
    pub n_classes: usize,
    /// SHAP values are computed for at most this many rows, evenly spaced.
    pub max_shap_rows: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreeJob {
    pub data: TreeData,
    pub params: TreeParams,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForestChunkJob {
    pub train_x: Matrix,
    pub train_y: Vec<f64>,
    pub params: ForestParams,
    pub trees: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForestMergeJob {
    pub data: TreeData,
    pub params: ForestParams,
    pub chunks: Vec<ForestChunk>,
}

/// What both labs show after a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Values per row: class probabilities (`n_classes`) or the prediction (1).
    pub width: usize,
    pub train_predictions: Vec<f64>,
    pub validation_predictions: Vec<f64>,
    /// `(name, value)` named as SageMaker logs them (`validation:accuracy`).
    pub metrics: Vec<(String, f64)>,
    pub roc: Option<RocCurve>,
    pub confusion: Option<ConfusionMatrix>,
    /// Probability of class 1 (binary), of each class (multiclass), or the value.
    pub shap: ShapValues,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TreeOutcome {
    pub tree: DecisionTree,
    pub evaluation: Evaluation,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForestOutcome {
    pub forest: ForestModel,
    /// Out-of-bag error after 1, 2, … trees (empty without bootstrap).
    pub oob_curve: Vec<f64>,
    pub evaluation: Evaluation,
}

/// A kernel error as the page expects it ("cancelled" is not shown as an error).
fn message(e: KernelError) -> String {
    match e {
        KernelError::Cancelled => "cancelled".to_string(),
        other => other.to_string(),
    }
}

/// Predicted class of each row of probabilities: the first largest (NumPy's argmax).
pub fn predicted_classes(predictions: &[f64], width: usize) -> Vec<usize> {
    predictions
        .chunks(width.max(1))
        .map(|p| (0..p.len()).fold(0, |b, k| if p[k] > p[b] { k } else { b }))
        .collect()
}

fn channel_metrics(
    channel: &str,
    task: Task,
    labels: &[f64],
    predictions: &[f64],
    width: usize,
) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let mut put = |name: &str, value: Result<f64, metrics::MetricError>| {
        if let Ok(v) = value {
            out.push((format!("{channel}:{name}"), v));
        }
    };
    match task {
        Task::Regression => {
            put("rmse", metrics::rmse(labels, predictions));
            put("mae", metrics::mae(labels, predictions));
            put("r2", metrics::r2(labels, predictions));
        }
        Task::Classification => {
            let truth: Vec<usize> = labels.iter().map(|&y| y as usize).collect();
            let predicted = predicted_classes(predictions, width);
            let accuracy = metrics::accuracy(&truth, &predicted);
            put("accuracy", accuracy.clone());
            put("error", accuracy.map(|a| 1.0 - a));
            if width == 2 {
                let p1: Vec<f64> = predictions.chunks(2).map(|p| p[1]).collect();
                put("auc", metrics::roc_auc(labels, &p1));
                put("logloss", metrics::logloss(labels, &p1));
                if let Ok(cm) = metrics::confusion_matrix(&truth, &predicted, 2) {
                    put("precision", Ok(cm.binary_precision()));
                    put("recall", Ok(cm.binary_recall()));
                    put("f1", Ok(cm.binary_f1()));
                }
            } else {
                let rows: Vec<Vec<f64>> = predictions
                    .chunks(width.max(1))
                    .map(<[f64]>::to_vec)
                    .collect();
                put("mlogloss", metrics::mlogloss(&truth, &rows));
            }
        }
    }
    out
}

/// Predictions of every row of `x`, `width` values each.
fn predict_all(
    x: &Matrix,
    width: usize,
    task: Task,
    proba: impl Fn(&[f64]) -> Vec<f64>,
    value: impl Fn(&[f64]) -> f64,
) -> Vec<f64> {
    let mut out = Vec::with_capacity(x.rows() * width);
    for i in 0..x.rows() {
        let row = x.row(i);
        match task {
            Task::Regression => out.push(value(row)),
            Task::Classification => {
                let mut p = proba(row);
                p.resize(width, 0.0);
                out.extend(p);
            }
        }
    }
    out
}

/// Scores both channels and explains the validation rows (the training rows without
/// them); `trees` with `scale` make the model's output (1 / num_trees for a forest).
fn evaluate(
    data: &TreeData,
    task: Task,
    trees: &[DecisionTree],
    proba: impl Fn(&[f64]) -> Vec<f64>,
    value: impl Fn(&[f64]) -> f64,
    progress: &mut dyn Progress,
) -> Result<Evaluation, String> {
    if progress.report(1.0, "scoring the channels", None) == Control::Stop {
        return Err("cancelled".into());
    }
    let width = match task {
        Task::Regression => 1,
        Task::Classification => data.n_classes.max(2),
    };
    let train_predictions = predict_all(&data.train_x, width, task, &proba, &value);
    let mut metrics = channel_metrics("train", task, &data.train_y, &train_predictions, width);
    let (mut roc, mut confusion, mut validation_predictions) = (None, None, Vec::new());
    if let Some((vx, vy)) = &data.validation {
        validation_predictions = predict_all(vx, width, task, &proba, &value);
        metrics.extend(channel_metrics(
            "validation",
            task,
            vy,
            &validation_predictions,
            width,
        ));
        if task == Task::Classification {
            let truth: Vec<usize> = vy.iter().map(|&y| y as usize).collect();
            let predicted = predicted_classes(&validation_predictions, width);
            confusion = metrics::confusion_matrix(&truth, &predicted, width).ok();
            if width == 2 {
                let p1: Vec<f64> = validation_predictions.chunks(2).map(|p| p[1]).collect();
                roc = metrics::roc_curve(vy, &p1).ok();
            }
        }
    }
    let (channel, x) = match &data.validation {
        Some((vx, _)) if vx.rows() > 0 => ("validation", vx),
        _ => ("train", &data.train_x),
    };
    let rows = sample_rows(x.rows(), data.max_shap_rows);
    let features: Vec<Vec<f64>> = rows.iter().map(|&r| x.row(r).to_vec()).collect();
    // Binary: explain P(class 1) only (P(class 0) mirrors it).
    let outputs: Vec<usize> = match (task, width) {
        (Task::Regression, _) => vec![0],
        (_, 2) => vec![1],
        _ => (0..width).collect(),
    };
    let scale = 1.0 / trees.len().max(1) as f64;
    let mut values = Vec::with_capacity(outputs.len());
    for class in outputs {
        let message = format!("SHAP values of {} rows", rows.len());
        if progress.report(1.0, &message, None) == Control::Stop {
            return Err("cancelled".into());
        }
        let explained: Vec<TreeOutput> = trees
            .iter()
            .map(|tree| TreeOutput { tree, class, scale })
            .collect();
        let refs: Vec<&TreeOutput> = explained.iter().collect();
        values.push(ensemble_shap_rows(
            &refs,
            0.0,
            features.iter().map(Vec::as_slice),
            x.cols(),
        ));
    }
    Ok(Evaluation {
        width,
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
    })
}

pub fn run_tree(job: TreeJob, progress: &mut dyn Progress) -> Result<TreeOutcome, String> {
    let valid = job.params.validate().map_err(|e| e.to_string())?;
    let tree =
        tree::fit(&job.data.train_x, &job.data.train_y, &valid, progress).map_err(message)?;
    let task = tree.task();
    let evaluation = evaluate(
        &job.data,
        task,
        std::slice::from_ref(&tree),
        |row| tree.predict_proba_row(row),
        |row| tree.predict_row(row),
        progress,
    )?;
    Ok(TreeOutcome { tree, evaluation })
}

pub fn run_forest_chunk(
    job: ForestChunkJob,
    progress: &mut dyn Progress,
) -> Result<ForestChunk, String> {
    let valid = job.params.validate().map_err(|e| e.to_string())?;
    forest::fit_chunk(&job.train_x, &job.train_y, &valid, job.trees, progress).map_err(message)
}

pub fn run_forest_merge(
    job: ForestMergeJob,
    progress: &mut dyn Progress,
) -> Result<ForestOutcome, String> {
    let valid = job.params.validate().map_err(|e| e.to_string())?;
    let data = job.data;
    let forest = forest::merge(&valid, &data.train_y, job.chunks).map_err(|e| e.to_string())?;
    if progress.report(1.0, "out-of-bag error per tree", None) == Control::Stop {
        return Err("cancelled".into());
    }
    let oob_curve = oob_error_curve(&forest, &valid, &data.train_x, &data.train_y)
        .map_err(|e| e.to_string())?;
    let evaluation = evaluate(
        &data,
        forest.task(),
        &forest.trees,
        |row| forest.predict_proba_row(row),
        |row| forest.predict_row(row),
        progress,
    )?;
    Ok(ForestOutcome {
        forest,
        oob_curve,
        evaluation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::tree::Criterion;
    use crate::kernels::Silent;

    fn data() -> TreeData {
        let x: Vec<f64> = (0..80).map(|i| ((i * 7) % 13) as f64).collect();
        let x = Matrix::new(40, 2, x).unwrap();
        let y: Vec<f64> = (0..40).map(|i| f64::from(((i * 7) % 13) > 6)).collect();
        TreeData {
            train_x: x.clone(),
            train_y: y.clone(),
            validation: Some((x, y)),
            n_classes: 2,
            max_shap_rows: 10,
        }
    }

    #[test]
    fn tree_job_reports_metrics_confusion_and_local_accurate_shap() {
        let out = run_tree(
            TreeJob {
                data: data(),
                params: TreeParams::default(),
            },
            &mut Silent,
        )
        .unwrap();
        let names: Vec<&str> = out
            .evaluation
            .metrics
            .iter()
            .map(|m| m.0.as_str())
            .collect();
        for n in [
            "train:accuracy",
            "validation:accuracy",
            "validation:auc",
            "validation:error",
        ] {
            assert!(names.contains(&n), "{n} in {names:?}");
        }
        assert_eq!(
            out.evaluation.confusion.as_ref().map(|c| c.total()),
            Some(40)
        );
        let d = data();
        for (i, &r) in out.evaluation.shap.rows.iter().enumerate() {
            let sum: f64 = out.evaluation.shap.values[0][i].iter().sum();
            let p1 = out.tree.predict_proba_row(d.train_x.row(r))[1];
            assert!((sum - p1).abs() < 1e-9);
        }
    }

    #[test]
    fn forest_chunks_merge_into_the_one_job_forest() {
        let d = data();
        let params = ForestParams {
            num_trees: 6,
            ..ForestParams::default()
        };
        let chunk = |trees: Range<usize>| {
            run_forest_chunk(
                ForestChunkJob {
                    train_x: d.train_x.clone(),
                    train_y: d.train_y.clone(),
                    params: params.clone(),
                    trees,
                },
                &mut Silent,
            )
            .unwrap()
        };
        let merged = run_forest_merge(
            ForestMergeJob {
                data: d.clone(),
                params: params.clone(),
                chunks: vec![chunk(3..6), chunk(0..3)],
            },
            &mut Silent,
        )
        .unwrap();
        let single = run_forest_merge(
            ForestMergeJob {
                data: d.clone(),
                params: params.clone(),
                chunks: vec![chunk(0..6)],
            },
            &mut Silent,
        )
        .unwrap();
        assert_eq!(merged, single);
        assert_eq!(merged.oob_curve.len(), 6);
        let regression = run_tree(
            TreeJob {
                data: TreeData { n_classes: 0, ..d },
                params: TreeParams {
                    criterion: Criterion::Mse,
                    ..TreeParams::default()
                },
            },
            &mut Silent,
        )
        .unwrap();
        assert!(regression
            .evaluation
            .metrics
            .iter()
            .any(|m| m.0 == "validation:rmse"));
    }
}
