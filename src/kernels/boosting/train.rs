//! The boosting loop shared by the XGBoost and LightGBM front ends: each round computes
//! gradients at the current margins, grows one tree per output on the binned matrix,
//! adds its leaves to the margins, reports the metrics of each channel as curve points,
//! and stops early when the validation metric stops improving.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::binning::BinnedMatrix;
use super::config::TrainConfig;
use super::grow::Grower;
use super::histogram::{GradPair, HistogramPool};
use super::model::{transform, transform_in_place, MetricHistory, Model};
use super::objective::{gradients, Objective};
use super::params::ValidParams;
use super::partition::RowPartition;
use super::sampling::{apply_to_gradients, plan_round, FeatureSampler, RowPlan};
use crate::kernels::{Control, KernelError, Matrix, Partial, Progress};

/// Features and labels of one channel.
#[derive(Debug, Clone, Copy)]
pub struct Channel<'a> {
    pub features: &'a Matrix,
    pub labels: &'a [f64],
}

/// The training channel and, optionally, the validation channel (as SageMaker's).
#[derive(Debug, Clone, Copy)]
pub struct BoostingData<'a> {
    pub train: Channel<'a>,
    pub validation: Option<Channel<'a>>,
}

fn check_data(data: &BoostingData, cfg: &TrainConfig) -> Result<(), KernelError> {
    let train = data.train;
    if train.features.rows() == 0 {
        return Err(KernelError::NoRows);
    }
    if train.features.cols() == 0 {
        return Err(KernelError::NoFeatures);
    }
    for (name, channel) in
        std::iter::once(("train", train)).chain(data.validation.map(|v| ("validation", v)))
    {
        if channel.labels.len() != channel.features.rows() {
            return Err(KernelError::InvalidData(format!(
                "the {name} channel has {} rows but {} labels",
                channel.features.rows(),
                channel.labels.len()
            )));
        }
        if channel.features.cols() != train.features.cols() {
            return Err(KernelError::InvalidData(format!(
                "the validation channel has {} feature columns but the train channel has {}; they must match",
                channel.features.cols(),
                train.features.cols()
            )));
        }
        cfg.objective.check_labels(channel.labels, cfg.outputs)?;
    }
    if cfg.objective == Objective::BinaryLogistic {
        let positives = train.labels.iter().filter(|&&y| y == 1.0).count();
        if positives == 0 || positives == train.labels.len() {
            let class = if positives == 0 { 0 } else { 1 };
            return Err(KernelError::InvalidData(format!(
                "the target has only one class ({class}) in the train channel; binary:logistic needs rows of both 0 and 1"
            )));
        }
    }
    if cfg.early_stopping_rounds.is_some() && data.validation.is_none() {
        return Err(KernelError::InvalidData(
            "early_stopping_rounds needs a validation channel to watch".to_string(),
        ));
    }
    Ok(())
}

/// LightGBM's `boost_from_average`: the label mean (binary: its logit; softprob: the log
/// of each class's share).
fn average_margin(objective: Objective, labels: &[f64], outputs: usize) -> Vec<f64> {
    let n = labels.len().max(1) as f64;
    match objective {
        Objective::BinaryLogistic => {
            let p = (labels.iter().sum::<f64>() / n).clamp(1e-15, 1.0 - 1e-15);
            vec![(p / (1.0 - p)).ln()]
        }
        Objective::SquaredError => vec![labels.iter().sum::<f64>() / n],
        Objective::Softprob => (0..outputs)
            .map(|k| {
                let share = labels.iter().filter(|&&y| y as usize == k).count() as f64 / n;
                share.max(1e-15).ln()
            })
            .collect(),
    }
}

/// Adds a new tree's output for `output` to every training row: rows in the tree read
/// their leaf from the partition, rows left out of the round (bagging, GOSS) walk it.
fn add_tree_to_train(
    tree: &super::tree::Tree,
    partition: &RowPartition,
    plan: &RowPlan,
    binned: &BinnedMatrix,
    margins: &mut [f64],
    outputs: usize,
    output: usize,
) {
    for leaf in (0..tree.node_count()).filter(|&n| tree.is_leaf(n)) {
        let value = tree.leaf_value[leaf];
        for &r in partition.node_rows(leaf) {
            margins[r as usize * outputs + output] += value;
        }
    }
    let in_round = match plan {
        RowPlan::All => return,
        RowPlan::Subset(rows) | RowPlan::Weighted { rows, .. } => rows,
    };
    let mut in_tree = vec![false; binned.rows];
    for &r in in_round {
        in_tree[r as usize] = true;
    }
    for row in (0..binned.rows).filter(|&r| !in_tree[r]) {
        let leaf = tree.leaf_of_binned(|f| {
            let code = binned.code(row, f);
            (code, code >= binned.n_bins(f))
        });
        margins[row * outputs + output] += tree.leaf_value[leaf];
    }
}

struct EarlyStopping {
    rounds: usize,
    maximize: bool,
    best: f64,
    best_round: usize,
}

impl EarlyStopping {
    /// Records this round's score; true when training should stop.
    fn update(&mut self, round: usize, score: f64) -> bool {
        let better = if self.maximize {
            score > self.best
        } else {
            score < self.best
        };
        if better || round == 0 {
            self.best = score;
            self.best_round = round;
        }
        round - self.best_round >= self.rounds
    }
}

/// Trains a gradient-boosted ensemble with XGBoost's semantics (see the module docs).
pub fn fit(
    data: &BoostingData,
    params: &ValidParams,
    progress: &mut dyn Progress,
) -> Result<Model, KernelError> {
    train(data, &params.config, progress)
}

/// A trained model with the final margins (row-major, `rows × outputs`) of the rows it
/// trained and validated on, so a caller need not score them again: that is 200,000 rows ×
/// 100 trees, seconds in wasm, for numbers the training loop already holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    pub model: Model,
    pub train_margins: Vec<f64>,
    /// Empty without a validation channel.
    pub validation_margins: Vec<f64>,
}

impl Scored {
    /// The margins as predictions (probabilities, or values for regression).
    pub fn predictions(&self) -> (Vec<f64>, Vec<f64>) {
        let (objective, k) = (self.model.objective, self.model.outputs);
        (
            transform(objective, k, self.train_margins.clone()),
            transform(objective, k, self.validation_margins.clone()),
        )
    }
}

/// [`fit`], keeping the channels' final margins.
pub fn fit_scored(
    data: &BoostingData,
    params: &ValidParams,
    progress: &mut dyn Progress,
) -> Result<Scored, KernelError> {
    train_scored(data, &params.config, progress)
}

pub(crate) fn train(
    data: &BoostingData,
    cfg: &TrainConfig,
    progress: &mut dyn Progress,
) -> Result<Model, KernelError> {
    train_scored(data, cfg, progress).map(|scored| scored.model)
}

pub(crate) fn train_scored(
    data: &BoostingData,
    cfg: &TrainConfig,
    progress: &mut dyn Progress,
) -> Result<Scored, KernelError> {
    check_data(data, cfg)?;
    let (train, k) = (data.train, cfg.outputs);
    let n = train.features.rows();
    let binned = BinnedMatrix::build(train.features, cfg.max_bin, cfg.binning);
    if progress.report(
        0.0,
        &format!(
            "binned {n} rows into at most {} bins per feature",
            cfg.max_bin
        ),
        None,
    ) == Control::Stop
    {
        return Err(KernelError::Cancelled);
    }
    let base_margin = if cfg.boost_from_average {
        average_margin(cfg.objective, train.labels, k)
    } else {
        cfg.base_margin.clone()
    };
    let mut margins: Vec<f64> = base_margin.iter().copied().cycle().take(n * k).collect();
    let mut valid_margins: Vec<f64> = data
        .validation
        .map(|v| {
            base_margin
                .iter()
                .copied()
                .cycle()
                .take(v.features.rows() * k)
                .collect()
        })
        .unwrap_or_default();
    let mut channels: Vec<(&str, Channel)> = vec![("train", train)];
    channels.extend(data.validation.map(|v| ("validation", v)));
    let mut history: Vec<MetricHistory> = channels
        .iter()
        .flat_map(|(c, _)| {
            cfg.metrics.iter().map(move |m| MetricHistory {
                name: format!("{c}:{}", m.name()),
                values: Vec::new(),
            })
        })
        .collect();
    let mut stopping = cfg
        .early_stopping_rounds
        .zip(cfg.metrics.last())
        .map(|(rounds, m)| EarlyStopping {
            rounds,
            maximize: m.maximize(),
            best: f64::NAN,
            best_round: 0,
        });

    let mut rng = ChaCha8Rng::seed_from_u64(cfg.seed);
    let mut pool = HistogramPool::default();
    let mut features = FeatureSampler::new(
        binned.features,
        cfg.colsample_bytree,
        cfg.colsample_bylevel,
        cfg.colsample_bynode,
    );
    let mut partition = RowPartition::default();
    let mut all_grads: Vec<GradPair> = vec![[0.0; 2]; n * k];
    let mut grads: Vec<GradPair> = vec![[0.0; 2]; n];
    let mut plan = RowPlan::All;
    let mut trees = Vec::with_capacity(cfg.num_round * k);
    let mut predictions: Vec<f64> = Vec::with_capacity(n * k);

    for round in 0..cfg.num_round {
        gradients(
            cfg.objective,
            cfg.scale_pos_weight,
            train.labels,
            &margins,
            k,
            &mut all_grads,
        );
        plan = plan_round(&cfg.rows, round, n, &all_grads, k, &plan, &mut rng);
        let plan_rows = plan.rows(n);
        for output in 0..k {
            for (g, all) in grads
                .iter_mut()
                .zip(all_grads.iter().skip(output).step_by(k))
            {
                *g = *all;
            }
            apply_to_gradients(&cfg.rows, &plan, &mut grads, &mut rng);
            partition.reset(plan_rows.iter().copied());
            features.start_tree(&mut rng);
            let mut grower = Grower {
                binned: &binned,
                cfg: &cfg.growth,
                pool: &mut pool,
                features: &mut features,
                rng: &mut rng,
            };
            let tree = grower.grow(&grads, &mut partition);
            add_tree_to_train(&tree, &partition, &plan, &binned, &mut margins, k, output);
            if let Some(v) = data.validation {
                for i in 0..v.features.rows() {
                    valid_margins[i * k + output] += tree.predict_row(v.features.row(i));
                }
            }
            trees.push(tree);
        }

        let fraction = (round + 1) as f64 / cfg.num_round as f64;
        let message = format!("round {} of {}", round + 1, cfg.num_round);
        let mut last_validation_score = f64::NAN;
        let mut series = history.iter_mut();
        for (channel_name, channel) in &channels {
            let m = if *channel_name == "train" {
                &margins
            } else {
                &valid_margins
            };
            predictions.clear();
            predictions.extend_from_slice(m);
            transform_in_place(cfg.objective, k, &mut predictions);
            for metric in &cfg.metrics {
                let value = metric.evaluate(channel.labels, &predictions, k);
                last_validation_score = value;
                if let Some(h) = series.next() {
                    h.values.push(value);
                    let point = Partial::CurvePoint {
                        series: h.name.clone(),
                        x: (round + 1) as f64,
                        y: value,
                    };
                    if progress.report(fraction, &message, Some(point)) == Control::Stop {
                        return Err(KernelError::Cancelled);
                    }
                }
            }
        }
        if let Some(stop) = stopping.as_mut() {
            if stop.update(round, last_validation_score) {
                break;
            }
        }
    }
    // With early stopping the model ends at its best round (as xgboost's scikit-learn
    // interface predicts); otherwise it keeps every round.
    let best_iteration = match &stopping {
        Some(s) => s.best_round,
        None => cfg.num_round - 1,
    };
    let trained = trees.len();
    trees.truncate((best_iteration + 1) * k);
    let model = Model {
        objective: cfg.objective,
        num_features: binned.features,
        outputs: k,
        base_margin,
        trees,
        best_iteration,
        history,
    };
    if model.trees.len() < trained {
        // The margins include rounds past the best one: score again with the kept trees.
        margins = model.predict_margin(train.features);
        if let Some(v) = data.validation {
            valid_margins = model.predict_margin(v.features);
        }
    }
    Ok(Scored {
        model,
        train_margins: margins,
        validation_margins: valid_margins,
    })
}
