//! The factorization-machines job: one-hot rows in, an FM and its linear baseline (the same
//! model with num_factors = 0) out, with predictions, SageMaker-named metrics and the 2-D
//! map of one column's factor vectors.

use serde::{Deserialize, Serialize};

use crate::kernels::fm::{self, Csr, EpochMetrics, FmModel, FmParams, PredictorType};
use crate::kernels::metrics::{accuracy, logloss, rmse, roc_auc};
use crate::kernels::pca::{self, PcaParams};
use crate::kernels::{Control, Matrix, Partial, Progress, Silent};

/// A categorical column as the page encoded it: one code per row (`None`: missing, or a
/// validation level the training rows never had) and how many levels it has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CodedColumn {
    pub codes: Vec<Option<u32>>,
    pub levels: usize,
}

/// One channel: its columns (in feature order) and its labels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FmChannel {
    pub columns: Vec<CodedColumn>,
    pub labels: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FmJob {
    pub train: FmChannel,
    pub validation: Option<FmChannel>,
    pub params: FmParams,
    /// Which feature column's factor vectors to map in 2-D (usually the item column).
    pub embed_column: Option<usize>,
}

/// The 2-D map of one column's factor vectors: PCA of its levels' v_i.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Embedding {
    pub column: usize,
    /// (x, y) per level, in level order.
    pub points: Vec<(f64, f64)>,
    /// Each level's linear weight w_i (its popularity), to colour the map.
    pub linear: Vec<f64>,
    pub explained_variance_ratio: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FmOutcome {
    pub history: Vec<EpochMetrics>,
    pub baseline_history: Vec<EpochMetrics>,
    /// (SageMaker-style name, value), e.g. `validation:rmse`; the baseline's are prefixed
    /// `linear_baseline:`.
    pub metrics: Vec<(String, f64)>,
    pub train_predictions: Vec<f64>,
    pub validation_predictions: Vec<f64>,
    pub baseline_train_predictions: Vec<f64>,
    pub baseline_validation_predictions: Vec<f64>,
    pub embedding: Option<Embedding>,
    pub features: usize,
    pub train_nnz: usize,
    pub fit_ms: f64,
}

/// Column c's feature indices start after those of columns 0..c; a missing code adds no
/// feature, so such a row has one non-zero fewer.
pub fn to_csr(columns: &[CodedColumn]) -> Result<Csr, String> {
    let rows = columns.first().map_or(0, |c| c.codes.len());
    let cols: usize = columns.iter().map(|c| c.levels).sum();
    let mut lists = vec![Vec::with_capacity(columns.len()); rows];
    let mut offset = 0;
    for column in columns {
        if column.codes.len() != rows {
            return Err("every categorical column must have one value per row".into());
        }
        for (list, code) in lists.iter_mut().zip(&column.codes) {
            if let Some(c) = code.filter(|&c| (c as usize) < column.levels) {
                list.push((offset + c as usize, 1.0));
            }
        }
        offset += column.levels;
    }
    Csr::from_rows(cols, &lists).map_err(|e| e.to_string())
}

/// Forwards a sub-task's reports onto `offset..offset + scale`, its curve series renamed
/// with `prefix` (Scaled would drop them).
struct Stage<'a> {
    inner: &'a mut dyn Progress,
    offset: f64,
    scale: f64,
    prefix: &'static str,
}

impl Progress for Stage<'_> {
    fn report(&mut self, fraction: f64, message: &str, partial: Option<Partial>) -> Control {
        let partial = partial.map(|p| match p {
            Partial::CurvePoint { series, x, y } => Partial::CurvePoint {
                series: format!("{}{series}", self.prefix),
                x,
                y,
            },
            other => other,
        });
        let message = format!("{}{message}", self.prefix);
        self.inner
            .report(self.offset + fraction * self.scale, &message, partial)
    }
}

fn channel_metrics(
    out: &mut Vec<(String, f64)>,
    prefix: &str,
    channel: &str,
    predictor: PredictorType,
    y: &[f64],
    predicted: &[f64],
) {
    if y.is_empty() {
        return;
    }
    match predictor {
        PredictorType::Regressor => {
            if let Ok(v) = rmse(y, predicted) {
                out.push((format!("{prefix}{channel}:rmse"), v));
            }
        }
        PredictorType::BinaryClassifier => {
            // Classes at SageMaker's default 0.5 cut on the predicted probability.
            let classes = |values: &[f64]| -> Vec<usize> {
                values.iter().map(|v| usize::from(*v >= 0.5)).collect()
            };
            if let Ok(v) = accuracy(&classes(y), &classes(predicted)) {
                out.push((format!("{prefix}{channel}:accuracy"), v));
            }
            if let Ok(v) = logloss(y, predicted) {
                out.push((format!("{prefix}{channel}:logloss"), v));
            }
            if let Ok(v) = roc_auc(y, predicted) {
                out.push((format!("{prefix}{channel}:auc"), v));
            }
        }
    }
}

/// PCA (2 components) of the chosen column's factor vectors; `None` when k < 2 or the
/// column has fewer than 3 levels.
fn embedding(model: &FmModel, columns: &[CodedColumn], column: usize) -> Option<Embedding> {
    let k = model.num_factors();
    let levels = columns.get(column)?.levels;
    if k < 2 || levels < 3 {
        return None;
    }
    let offset: usize = columns[..column].iter().map(|c| c.levels).sum();
    let values: Vec<f64> = (offset..offset + levels)
        .flat_map(|i| model.factor(i).to_vec())
        .collect();
    let x = Matrix::new(levels, k, values)?;
    let valid = PcaParams {
        num_components: 2,
        ..PcaParams::default()
    }
    .validate(levels, k)
    .ok()?;
    let pca_model = pca::fit(&x, &valid, &mut Silent).ok()?;
    let projected = pca_model.transform(&x).ok()?;
    Some(Embedding {
        column,
        points: (0..levels)
            .map(|r| (projected.get(r, 0), projected.get(r, 1)))
            .collect(),
        linear: model.linear[offset..offset + levels].to_vec(),
        explained_variance_ratio: pca_model.explained_variance_ratio.clone(),
    })
}

/// Fits the FM (first 80 % of the progress bar) and its linear baseline (the rest).
pub fn run(
    job: FmJob,
    now_ms: &dyn Fn() -> f64,
    progress: &mut dyn Progress,
) -> Result<FmOutcome, String> {
    let valid = job.params.validate().map_err(|e| e.to_string())?;
    let baseline_valid = FmParams {
        num_factors: 0,
        ..job.params.clone()
    }
    .validate()
    .map_err(|e| e.to_string())?;
    let x = to_csr(&job.train.columns)?;
    let validation = job
        .validation
        .as_ref()
        .map(|v| to_csr(&v.columns).map(|vx| (vx, v.labels.clone())))
        .transpose()?;
    let validation_ref = validation.as_ref().map(|(vx, vy)| (vx, vy.as_slice()));
    let started = now_ms();
    let model = fm::fit(
        &x,
        &job.train.labels,
        validation_ref,
        &valid,
        &mut Stage {
            inner: &mut *progress,
            offset: 0.0,
            scale: 0.8,
            prefix: "",
        },
    )
    .map_err(|e| e.to_string())?;
    let fit_ms = now_ms() - started;
    let baseline = fm::fit(
        &x,
        &job.train.labels,
        validation_ref,
        &baseline_valid,
        &mut Stage {
            inner: &mut *progress,
            offset: 0.8,
            scale: 0.2,
            prefix: "linear ",
        },
    )
    .map_err(|e| e.to_string())?;
    let predictor = job.params.predictor_type;
    let (vx, vy) = match &validation {
        Some((vx, vy)) => (Some(vx), vy.as_slice()),
        None => (None, &[][..]),
    };
    let predict_validation = |m: &FmModel| vx.map(|vx| m.predict(vx)).unwrap_or_default();
    let outcome = FmOutcome {
        train_predictions: model.predict(&x),
        validation_predictions: predict_validation(&model),
        baseline_train_predictions: baseline.predict(&x),
        baseline_validation_predictions: predict_validation(&baseline),
        embedding: job
            .embed_column
            .and_then(|c| embedding(&model, &job.train.columns, c)),
        features: x.cols(),
        train_nnz: x.nnz(),
        fit_ms,
        metrics: Vec::new(),
        history: model.history,
        baseline_history: baseline.history,
    };
    let mut metrics = Vec::new();
    for (prefix, train_p, valid_p) in [
        (
            "",
            &outcome.train_predictions,
            &outcome.validation_predictions,
        ),
        (
            "linear_baseline:",
            &outcome.baseline_train_predictions,
            &outcome.baseline_validation_predictions,
        ),
    ] {
        channel_metrics(
            &mut metrics,
            prefix,
            "train",
            predictor,
            &job.train.labels,
            train_p,
        );
        channel_metrics(&mut metrics, prefix, "validation", predictor, vy, valid_p);
    }
    Ok(FmOutcome { metrics, ..outcome })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::fm::RatingsSample;

    /// Every fifth rating held out for validation, the rest for training.
    fn channel(sample: &RatingsSample, held_out: bool) -> FmChannel {
        let rows: Vec<&(usize, usize, f64)> = sample
            .ratings
            .iter()
            .enumerate()
            .filter(|(r, _)| (r % 5 == 0) == held_out)
            .map(|(_, rating)| rating)
            .collect();
        let coded = |codes: Vec<Option<u32>>, levels: usize| CodedColumn { codes, levels };
        FmChannel {
            columns: vec![
                coded(
                    rows.iter().map(|r| Some(r.0 as u32)).collect(),
                    sample.users,
                ),
                coded(
                    rows.iter().map(|r| Some(r.1 as u32)).collect(),
                    sample.items,
                ),
            ],
            labels: rows.iter().map(|r| r.2).collect(),
        }
    }

    /// public/samples/ratings.csv is exactly `RatingsSample::lab_sample()`, as the lab says;
    /// `WRITE_RATINGS_SAMPLE=1 cargo test --lib shipped_ratings` rewrites it.
    #[test]
    fn the_shipped_ratings_sample_is_the_generated_one() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/samples/ratings.csv");
        let generated = RatingsSample::lab_sample().to_csv();
        if std::env::var_os("WRITE_RATINGS_SAMPLE").is_some() {
            std::fs::write(path, &generated).expect("write the sample");
        }
        let shipped = std::fs::read_to_string(path).expect("read the sample");
        assert!(
            shipped == generated,
            "public/samples/ratings.csv differs from lab_sample()"
        );
    }

    #[test]
    fn missing_codes_drop_their_feature() {
        let csr = to_csr(&[
            CodedColumn {
                codes: vec![Some(1), None],
                levels: 2,
            },
            CodedColumn {
                codes: vec![Some(0), Some(2)],
                levels: 3,
            },
        ])
        .expect("csr");
        assert_eq!((csr.rows(), csr.cols(), csr.nnz()), (2, 5, 3));
        assert_eq!(csr.row(1).0, &[4]);
    }

    #[test]
    fn the_fm_beats_its_linear_baseline_on_the_sample() {
        let sample = RatingsSample::lab_sample();
        let (train, validation) = (channel(&sample, false), channel(&sample, true));
        let outcome = run(
            FmJob {
                train,
                validation: Some(validation),
                params: FmParams {
                    epochs: 4,
                    ..FmParams::default()
                },
                embed_column: Some(1),
            },
            &|| 0.0,
            &mut Silent,
        )
        .expect("run");
        let get = |name: &str| {
            outcome
                .metrics
                .iter()
                .find(|(n, _)| n == name)
                .map(|m| m.1)
                .expect(name)
        };
        assert!(get("validation:rmse") < get("linear_baseline:validation:rmse"));
        let embedding = outcome.embedding.expect("embedding");
        assert_eq!(embedding.points.len(), sample.items);
    }
}
