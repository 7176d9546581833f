use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::model::{EpochMetrics, FmModel};
use super::params::{FmParams, FmValidParams, PredictorType};
use super::sparse::Csr;
use crate::kernels::metrics::{logloss, rmse};
use crate::kernels::{Control, KernelError, Partial, Progress};

/// Non-zeros between progress reports inside an epoch.
const WORK_PER_REPORT: usize = 100_000;

pub fn sigmoid(s: f64) -> f64 {
    if s >= 0.0 {
        1.0 / (1.0 + (-s).exp())
    } else {
        let e = s.exp();
        e / (1.0 + e)
    }
}

/// Lazy Adam: moments per parameter, updated only when a batch touches the parameter
/// (a one-hot row touches a handful of the features), bias-corrected with the global step.
struct Adam {
    first: Vec<f64>,
    second: Vec<f64>,
}

impl Adam {
    fn new(len: usize) -> Self {
        Adam {
            first: vec![0.0; len],
            second: vec![0.0; len],
        }
    }

    /// One step of parameter j with this group's (learning rate, weight decay).
    fn update(
        &mut self,
        j: usize,
        theta: &mut f64,
        grad: f64,
        (lr, wd): (f64, f64),
        step: i32,
        p: &FmParams,
    ) {
        let mut g = grad + wd * *theta;
        if let Some(c) = p.clip_gradient {
            g = g.clamp(-c, c);
        }
        // β₁, β₂ as Adam's paper (SageMaker does not expose them for this algorithm).
        self.first[j] = 0.9 * self.first[j] + 0.1 * g;
        self.second[j] = 0.999 * self.second[j] + 0.001 * g * g;
        let m = self.first[j] / (1.0 - 0.9f64.powi(step));
        let v = self.second[j] / (1.0 - 0.999f64.powi(step));
        *theta -= lr * m / (v.sqrt() + p.eps);
    }
}

fn check_labels(
    y: &[f64],
    rows: usize,
    predictor: PredictorType,
    channel: &str,
) -> Result<(), KernelError> {
    if y.len() != rows {
        return Err(KernelError::InvalidData(format!(
            "the {channel} data has {} labels for {rows} rows",
            y.len()
        )));
    }
    for (r, &label) in y.iter().enumerate() {
        let (ok, rule) = match predictor {
            PredictorType::Regressor => (label.is_finite(), "ratings must be finite numbers"),
            PredictorType::BinaryClassifier => {
                (label == 0.0 || label == 1.0, "binary labels must be 0 or 1")
            }
        };
        if !ok {
            return Err(KernelError::InvalidData(format!(
                "label of {channel} row {} is {label}; {rule}",
                r + 1
            )));
        }
    }
    Ok(())
}

/// RMSE or log loss of the model on (x, y).
fn quality(model: &FmModel, x: &Csr, y: &[f64]) -> Result<f64, KernelError> {
    let predicted = model.predict(x);
    let result = match model.params.predictor_type {
        PredictorType::Regressor => rmse(y, &predicted),
        PredictorType::BinaryClassifier => logloss(y, &predicted),
    };
    result.map_err(|e| KernelError::InvalidData(e.to_string()))
}

/// Mini-batch lazy-Adam training of ŷ = w₀ + Σ w_i x_i + Σ_{i<j} ⟨v_i, v_j⟩ x_i x_j.
/// ∂ŷ/∂w₀ = 1, ∂ŷ/∂w_i = x_i, ∂ŷ/∂v_if = x_i (s_f − v_if x_i) with s_f = Σ_j v_jf x_j;
/// the loss slope is ŷ − y (squared loss) or σ(ŷ) − y (logistic loss).
pub fn fit(
    x: &Csr,
    y: &[f64],
    validation: Option<(&Csr, &[f64])>,
    valid: &FmValidParams,
    progress: &mut dyn Progress,
) -> Result<FmModel, KernelError> {
    let params = valid.get().clone();
    let (rows, d, k) = (x.rows(), x.cols(), params.num_factors);
    if rows == 0 {
        return Err(KernelError::NoRows);
    }
    if d == 0 {
        return Err(KernelError::NoFeatures);
    }
    check_labels(y, rows, params.predictor_type, "train")?;
    if let Some((vx, vy)) = validation {
        check_labels(vy, vx.rows(), params.predictor_type, "validation")?;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
    let factors = (0..d * k)
        .map(|_| params.factors_init_sigma * standard_normal(&mut rng))
        .collect();
    let mut model = FmModel {
        params: params.clone(),
        bias: 0.0,
        linear: vec![0.0; d],
        factors,
        history: Vec::new(),
    };
    let (mut adam_bias, mut adam_linear, mut adam_factors) =
        (Adam::new(1), Adam::new(d), Adam::new(d * k));
    let mut grad_linear = vec![0.0; d];
    let mut grad_factors = vec![0.0; d * k];
    let mut touched = vec![false; d];
    let mut touched_list = Vec::new();
    let mut sums = vec![0.0; k];
    let mut order: Vec<usize> = (0..rows).collect();
    let (mut step, mut work) = (0i32, 0usize);
    for epoch in 1..=params.epochs {
        order.shuffle(&mut rng);
        for batch in order.chunks(params.mini_batch_size) {
            let scale = 1.0 / batch.len() as f64;
            let mut grad_bias = 0.0;
            for &r in batch {
                let (indices, values) = x.row(r);
                let score = model.raw_score(indices, values, &mut sums);
                let slope = scale
                    * match params.predictor_type {
                        PredictorType::Regressor => score - y[r],
                        PredictorType::BinaryClassifier => sigmoid(score) - y[r],
                    };
                grad_bias += slope;
                for (&i, &xi) in indices.iter().zip(values) {
                    if !touched[i] {
                        touched[i] = true;
                        touched_list.push(i);
                    }
                    grad_linear[i] += slope * xi;
                    for f in 0..k {
                        grad_factors[i * k + f] +=
                            slope * xi * (sums[f] - model.factors[i * k + f] * xi);
                    }
                }
                work += indices.len().max(1);
            }
            step = step.saturating_add(1);
            adam_bias.update(
                0,
                &mut model.bias,
                grad_bias,
                (params.bias_lr, params.bias_wd),
                step,
                &params,
            );
            for &i in &touched_list {
                let group = (params.linear_lr, params.linear_wd);
                adam_linear.update(
                    i,
                    &mut model.linear[i],
                    grad_linear[i],
                    group,
                    step,
                    &params,
                );
                let factor_group = (params.factors_lr, params.factors_wd);
                for (f, g) in grad_factors[i * k..(i + 1) * k].iter_mut().enumerate() {
                    let j = i * k + f;
                    adam_factors.update(j, &mut model.factors[j], *g, factor_group, step, &params);
                    *g = 0.0;
                }
                grad_linear[i] = 0.0;
                touched[i] = false;
            }
            touched_list.clear();
            if work >= WORK_PER_REPORT {
                work = 0;
                let message = format!("epoch {epoch} of {}", params.epochs);
                if progress.report((epoch - 1) as f64 / params.epochs as f64, &message, None)
                    == Control::Stop
                {
                    return Err(KernelError::Cancelled);
                }
            }
        }
        let train = quality(&model, x, y)?;
        let validation = validation
            .map(|(vx, vy)| quality(&model, vx, vy))
            .transpose()?;
        model.history.push(EpochMetrics {
            epoch,
            train,
            validation,
        });
        let (series, validation_series) = match params.predictor_type {
            PredictorType::Regressor => ("train rmse", "validation rmse"),
            PredictorType::BinaryClassifier => ("train logloss", "validation logloss"),
        };
        // The validation point goes first, in its own report, so a lab can draw both curves live.
        if let Some(v) = validation {
            let point = Partial::CurvePoint {
                series: validation_series.into(),
                x: epoch as f64,
                y: v,
            };
            let message = format!(
                "epoch {epoch} of {}: {validation_series} {v:.4}",
                params.epochs
            );
            if progress.report(epoch as f64 / params.epochs as f64, &message, Some(point))
                == Control::Stop
            {
                return Err(KernelError::Cancelled);
            }
        }
        let point = Partial::CurvePoint {
            series: series.into(),
            x: epoch as f64,
            y: train,
        };
        let message = format!("epoch {epoch} of {}: {series} {train:.4}", params.epochs);
        if progress.report(epoch as f64 / params.epochs as f64, &message, Some(point))
            == Control::Stop
        {
            return Err(KernelError::Cancelled);
        }
    }
    Ok(model)
}

/// A standard normal draw by Box–Muller (rand 0.8 alone has no normal distribution).
pub fn standard_normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = 1.0 - rng.gen::<f64>();
    let u2: f64 = rng.gen();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}
