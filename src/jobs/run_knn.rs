//! The k-NN lab's job: build the index on the train channel, predict the validation
//! channel (this is where k-NN spends its time), time the other index on the same queries
//! so the page can show why one is faster, and predict a grid over two features for the
//! decision-region map. Everything heavy happens here, in the worker.

use serde::{Deserialize, Serialize};

use crate::kernels::knn::{fit, IndexType, KnnModel, KnnParams, PredictorType};
use crate::kernels::metrics::{self, ConfusionMatrix, RocCurve};
use crate::kernels::progress::Scaled;
use crate::kernels::{Control, Matrix, Progress, Silent};

/// The other index is timed on at most this many queries (brute force on a big channel
/// would otherwise double the run).
const MAX_TIMED_QUERIES: usize = 500;
/// At most this many training points are sent back to be drawn on the map.
const MAX_MAP_POINTS: usize = 2000;

/// Which two features (matrix columns) the decision-region map spans, and its grid size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MapSpec {
    pub x: usize,
    pub y: usize,
    pub resolution: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnnJob {
    pub train_x: Matrix,
    pub train_y: Vec<f64>,
    pub validation: Option<(Matrix, Vec<f64>)>,
    pub params: KnnParams,
    pub map: Option<MapSpec>,
}

/// One index's cost: building it and answering queries (mean per query).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct IndexTiming {
    pub index: IndexType,
    pub build_ms: f64,
    pub query_ms: f64,
    pub queries: usize,
}

/// A k-NN on the two map features predicted over a grid: `predictions[j * resolution + i]`
/// is the cell at x step i, y step j (y from bottom to top).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegionMap {
    pub spec: MapSpec,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    pub predictions: Vec<f64>,
    /// (x, y, target) of the indexed training rows (evenly thinned to `MAX_MAP_POINTS`).
    pub points: Vec<(f64, f64, f64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KnnOutcome {
    pub index_rows: usize,
    pub n_classes: usize,
    pub validation_predicted: Vec<f64>,
    pub metrics: Vec<(String, f64)>,
    pub confusion: Option<ConfusionMatrix>,
    /// Binary classifiers: the ROC of the share of neighbours voting 1.
    pub roc: Option<RocCurve>,
    /// The chosen index first, then the other one.
    pub timings: Vec<IndexTiming>,
    pub map: Option<RegionMap>,
}

fn timed_fit(
    x: &Matrix,
    y: &[f64],
    params: &KnnParams,
    now_ms: &dyn Fn() -> f64,
    progress: &mut dyn Progress,
) -> Result<(KnnModel, f64), String> {
    let valid = params.validate(x.rows()).map_err(|e| e.to_string())?;
    let started = now_ms();
    let model = fit(x, y, &valid, progress).map_err(|e| e.to_string())?;
    Ok((model, now_ms() - started))
}

fn rows_of(x: &Matrix, rows: usize) -> Option<Matrix> {
    let cols = x.cols();
    Matrix::new(rows, cols, x.values()[..rows * cols].to_vec())
}

fn channel_metrics(
    model: &KnnModel,
    x: &Matrix,
    truth: &[f64],
    predicted: &[f64],
) -> (
    Vec<(String, f64)>,
    Option<ConfusionMatrix>,
    Option<RocCurve>,
) {
    let mut out = Vec::new();
    let mut put = |name: &str, value: Result<f64, metrics::MetricError>| {
        if let Ok(v) = value {
            out.push((format!("validation:{name}"), v));
        }
    };
    match model.params.predictor_type {
        PredictorType::Regressor => {
            put("rmse", metrics::rmse(truth, predicted));
            put("mae", metrics::mae(truth, predicted));
            put("r2", metrics::r2(truth, predicted));
            (out, None, None)
        }
        PredictorType::Classifier => {
            let classes = model
                .n_classes
                .max(truth.iter().map(|&t| t as usize + 1).max().unwrap_or(0));
            let as_class = |v: &[f64]| v.iter().map(|&c| c as usize).collect::<Vec<usize>>();
            let confusion =
                metrics::confusion_matrix(&as_class(truth), &as_class(predicted), classes).ok();
            put(
                "accuracy",
                metrics::accuracy(&as_class(truth), &as_class(predicted)),
            );
            let mut roc = None;
            if classes == 2 {
                if let Some(c) = &confusion {
                    put("precision", Ok(c.binary_precision()));
                    put("recall", Ok(c.binary_recall()));
                    put("f1", Ok(c.binary_f1()));
                }
                let k = model.params.k as f64;
                let share: Vec<f64> = (0..x.rows())
                    .map(|r| model.class_votes(x.row(r)).get(1).copied().unwrap_or(0) as f64 / k)
                    .collect();
                put("auc", metrics::roc_auc(truth, &share));
                roc = metrics::roc_curve(truth, &share).ok();
            }
            (out, confusion, roc)
        }
    }
}

fn region_map(
    job: &KnnJob,
    spec: MapSpec,
    progress: &mut dyn Progress,
) -> Result<Option<RegionMap>, String> {
    let x = &job.train_x;
    if spec.x >= x.cols() || spec.y >= x.cols() || spec.x == spec.y || spec.resolution < 2 {
        return Ok(None);
    }
    let (xs, ys) = (x.column(spec.x), x.column(spec.y));
    let range = |v: &[f64]| {
        let (lo, hi) = v
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &a| {
                (lo.min(a), hi.max(a))
            });
        let pad = ((hi - lo) * 0.05).max(1e-9);
        (lo - pad, hi + pad)
    };
    let (x_range, y_range) = (range(&xs), range(&ys));
    let pairs: Vec<f64> = xs.iter().zip(&ys).flat_map(|(&a, &b)| [a, b]).collect();
    let plane = Matrix::new(x.rows(), 2, pairs).ok_or("could not gather the map features")?;
    let valid = job
        .params
        .validate(plane.rows())
        .map_err(|e| e.to_string())?;
    let model = fit(&plane, &job.train_y, &valid, &mut Silent).map_err(|e| e.to_string())?;
    let n = spec.resolution;
    let step = |(lo, hi): (f64, f64), i: usize| lo + (hi - lo) * (i as f64 + 0.5) / n as f64;
    let grid: Vec<f64> = (0..n)
        .flat_map(|j| (0..n).flat_map(move |i| [step(x_range, i), step(y_range, j)]))
        .collect();
    let grid = Matrix::new(n * n, 2, grid).ok_or("could not build the map grid")?;
    let predictions = model
        .predict_all(&grid, progress)
        .map_err(|e| e.to_string())?;
    let kept = &model.training_rows;
    let stride = kept.len().div_ceil(MAX_MAP_POINTS).max(1);
    let points = kept
        .iter()
        .step_by(stride)
        .map(|&r| (xs[r], ys[r], job.train_y[r]))
        .collect();
    Ok(Some(RegionMap {
        spec,
        x_range,
        y_range,
        predictions,
        points,
    }))
}

pub fn run(
    job: KnnJob,
    now_ms: &dyn Fn() -> f64,
    progress: &mut dyn Progress,
) -> Result<KnnOutcome, String> {
    let params = &job.params;
    let mut stage = Scaled {
        inner: &mut *progress,
        offset: 0.0,
        scale: 0.1,
    };
    let (model, build_ms) = timed_fit(&job.train_x, &job.train_y, params, now_ms, &mut stage)?;
    let mut outcome = KnnOutcome {
        index_rows: model.training_rows.len(),
        n_classes: model.n_classes,
        validation_predicted: Vec::new(),
        metrics: Vec::new(),
        confusion: None,
        roc: None,
        timings: Vec::new(),
        map: None,
    };
    if let Some((vx, vy)) = &job.validation {
        let started = now_ms();
        let mut stage = Scaled {
            inner: &mut *progress,
            offset: 0.1,
            scale: 0.6,
        };
        outcome.validation_predicted = model
            .predict_all(vx, &mut stage)
            .map_err(|e| e.to_string())?;
        outcome.timings.push(IndexTiming {
            index: params.index_type,
            build_ms,
            query_ms: (now_ms() - started) / vx.rows().max(1) as f64,
            queries: vx.rows(),
        });
        if progress.report(0.7, "timing the other index", None) == Control::Stop {
            return Err("cancelled".into());
        }
        let other = KnnParams {
            index_type: match params.index_type {
                IndexType::BruteForce => IndexType::KdTree,
                IndexType::KdTree => IndexType::BruteForce,
            },
            ..params.clone()
        };
        let (other_model, other_build) =
            timed_fit(&job.train_x, &job.train_y, &other, now_ms, &mut Silent)?;
        let queries = vx.rows().min(MAX_TIMED_QUERIES);
        let sample = rows_of(vx, queries).ok_or("could not gather the timed queries")?;
        let started = now_ms();
        other_model
            .predict_all(&sample, &mut Silent)
            .map_err(|e| e.to_string())?;
        outcome.timings.push(IndexTiming {
            index: other.index_type,
            build_ms: other_build,
            query_ms: (now_ms() - started) / queries.max(1) as f64,
            queries,
        });
        let (metrics, confusion, roc) =
            channel_metrics(&model, vx, vy, &outcome.validation_predicted);
        (outcome.metrics, outcome.confusion, outcome.roc) = (metrics, confusion, roc);
    }
    if let Some(spec) = job.map {
        let mut stage = Scaled {
            inner: &mut *progress,
            offset: 0.75,
            scale: 0.25,
        };
        outcome.map = region_map(&job, spec, &mut stage)?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifier_job_scores_times_both_indexes_and_maps_regions() {
        let rows: Vec<Vec<f64>> = (0..80)
            .map(|i| vec![f64::from(i % 10), f64::from(i / 10), 0.5])
            .collect();
        let y: Vec<f64> = (0..80).map(|i| f64::from(i % 10 >= 5)).collect();
        let x = Matrix::from_rows(&rows).expect("matrix");
        let job = KnnJob {
            train_x: x.clone(),
            train_y: y.clone(),
            validation: Some((x, y)),
            params: KnnParams {
                k: 3,
                ..KnnParams::default()
            },
            map: Some(MapSpec {
                x: 0,
                y: 1,
                resolution: 10,
            }),
        };
        let out = run(job, &|| 0.0, &mut Silent).expect("run");
        let accuracy = out.metrics.iter().find(|m| m.0 == "validation:accuracy");
        assert_eq!(accuracy.map(|m| m.1), Some(1.0));
        assert_eq!(out.timings.len(), 2);
        assert_ne!(out.timings[0].index, out.timings[1].index);
        let map = out.map.expect("map");
        assert_eq!(map.predictions.len(), 100);
        // Left half of the grid is class 0, right half class 1.
        assert_eq!((map.predictions[0], map.predictions[9]), (0.0, 1.0));
    }

    #[test]
    fn k_larger_than_the_rows_is_named() {
        let x = Matrix::from_rows(&[vec![0.0], vec![1.0]]).expect("matrix");
        let job = KnnJob {
            train_x: x,
            train_y: vec![0.0, 1.0],
            validation: None,
            params: KnnParams::default(),
            map: None,
        };
        let err = run(job, &|| 0.0, &mut Silent).unwrap_err();
        assert!(err.starts_with("k must be between 1 and the number of rows in the index (2)"));
    }
}
