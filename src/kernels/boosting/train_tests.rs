//! Behaviour of the boosting loop: curves, early stopping, cancellation, data errors,
//! multiclass, missing values, determinism and feature importance.

use super::test_data::{load_csv, load_split, Split};
use super::*;
use crate::kernels::{metrics, KernelError, Matrix, Partial, Recorder, Silent};

fn bc() -> Split {
    load_split("breast_cancer")
}

fn quick(num_round: usize) -> Params {
    Params {
        num_round,
        max_depth: 3,
        ..Params::default()
    }
}

fn train_only(s: &Split) -> BoostingData<'_> {
    BoostingData {
        train: Channel {
            features: &s.train_x,
            labels: &s.train_y,
        },
        validation: None,
    }
}

fn with_validation(s: &Split) -> BoostingData<'_> {
    BoostingData {
        train: Channel {
            features: &s.train_x,
            labels: &s.train_y,
        },
        validation: Some(Channel {
            features: &s.test_x,
            labels: &s.test_y,
        }),
    }
}

#[test]
fn every_round_reports_each_metric_of_each_channel_as_a_curve_point() {
    let s = bc();
    let params = Params {
        eval_metric: vec![EvalMetric::Auc, EvalMetric::Logloss],
        ..quick(4)
    };
    let mut recorder = Recorder::default();
    let model = fit(
        &with_validation(&s),
        &params.validate().unwrap(),
        &mut recorder,
    )
    .unwrap();
    let names: Vec<&str> = model.history.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "train:auc",
            "train:logloss",
            "validation:auc",
            "validation:logloss"
        ]
    );
    assert!(model.history.iter().all(|h| h.values.len() == 4));
    let points: Vec<(String, f64)> = recorder
        .partials
        .iter()
        .filter_map(|p| match p {
            Partial::CurvePoint { series, x, .. } => Some((series.clone(), *x)),
            _ => None,
        })
        .collect();
    assert_eq!(points.len(), 16);
    assert_eq!(points[15], ("validation:logloss".to_string(), 4.0));
    assert_eq!(recorder.fractions.last(), Some(&1.0));
    // training logloss falls round after round
    let train_loss = &model.history[1].values;
    assert!(train_loss.windows(2).all(|w| w[1] < w[0]), "{train_loss:?}");
}

#[test]
fn early_stopping_keeps_the_best_round() {
    let s = bc();
    let params = Params {
        eta: 0.5,
        eval_metric: vec![EvalMetric::Logloss],
        early_stopping_rounds: Some(3),
        ..quick(300)
    };
    let model = fit(
        &with_validation(&s),
        &params.validate().unwrap(),
        &mut Silent,
    )
    .unwrap();
    let validation = &model.history[1].values;
    let rounds_run = validation.len();
    assert!(rounds_run < 300, "stopped after {rounds_run} rounds");
    assert_eq!(rounds_run, model.best_iteration + 1 + 3);
    let best = validation.iter().copied().fold(f64::INFINITY, f64::min);
    assert_eq!(validation[model.best_iteration], best);
    assert_eq!(model.trees.len(), model.best_iteration + 1);
}

#[test]
fn a_stop_request_cancels_training() {
    let s = bc();
    let mut recorder = Recorder {
        stop_after: Some(3),
        ..Recorder::default()
    };
    let result = fit(
        &train_only(&s),
        &quick(50).validate().unwrap(),
        &mut recorder,
    );
    assert_eq!(result.unwrap_err(), KernelError::Cancelled);
    assert_eq!(recorder.fractions.len(), 3);
}

#[test]
fn bad_data_is_refused_with_a_message_naming_the_problem() {
    let s = bc();
    let valid = quick(2).validate().unwrap();
    let narrow = Matrix::new(2, 3, vec![0.0; 6]).unwrap();
    let mismatch = BoostingData {
        train: Channel {
            features: &s.train_x,
            labels: &s.train_y,
        },
        validation: Some(Channel {
            features: &narrow,
            labels: &[0.0, 1.0],
        }),
    };
    let err = fit(&mismatch, &valid, &mut Silent).unwrap_err().to_string();
    assert!(
        err.contains("validation channel has 3 feature columns"),
        "{err}"
    );

    let ones = vec![1.0; s.train_y.len()];
    let one_class = BoostingData {
        train: Channel {
            features: &s.train_x,
            labels: &ones,
        },
        validation: None,
    };
    let err = fit(&one_class, &valid, &mut Silent)
        .unwrap_err()
        .to_string();
    assert!(err.contains("only one class"), "{err}");

    let stopping = Params {
        early_stopping_rounds: Some(5),
        ..quick(2)
    }
    .validate()
    .unwrap();
    let err = fit(&train_only(&s), &stopping, &mut Silent)
        .unwrap_err()
        .to_string();
    assert!(err.contains("early_stopping_rounds"), "{err}");

    let empty = Matrix::new(0, 3, Vec::new()).unwrap();
    let no_rows = BoostingData {
        train: Channel {
            features: &empty,
            labels: &[],
        },
        validation: None,
    };
    assert_eq!(
        fit(&no_rows, &valid, &mut Silent).unwrap_err(),
        KernelError::NoRows
    );
}

#[test]
fn softprob_separates_the_blobs() {
    let (_, rows, labels) = load_csv("blobs_2d");
    let x = Matrix::from_rows(&rows).unwrap();
    let params = Params {
        objective: Objective::Softprob,
        num_class: Some(5),
        ..quick(8)
    };
    let data = BoostingData {
        train: Channel {
            features: &x,
            labels: &labels,
        },
        validation: None,
    };
    let model = fit(&data, &params.validate().unwrap(), &mut Silent).unwrap();
    assert_eq!((model.trees.len(), model.outputs), (40, 5));
    let probs = model.predict(&x);
    assert!(probs
        .chunks(5)
        .all(|p| (p.iter().sum::<f64>() - 1.0).abs() < 1e-12));
    let error = model.history[0].values.last().copied().unwrap();
    let merror = EvalMetric::Merror.evaluate(&labels, &probs, 5);
    assert!(merror < 0.1, "training merror {merror}");
    assert!(error < 0.5, "training mlogloss {error}");
}

#[test]
fn missing_values_are_routed_not_dropped() {
    let s = bc();
    let mut holes = s.train_x.clone().into_values();
    for (i, v) in holes.iter_mut().enumerate() {
        if i % 7 == 0 {
            *v = f64::NAN;
        }
    }
    let x = Matrix::new(s.train_x.rows(), s.train_x.cols(), holes).unwrap();
    let data = BoostingData {
        train: Channel {
            features: &x,
            labels: &s.train_y,
        },
        validation: None,
    };
    let model = fit(&data, &quick(20).validate().unwrap(), &mut Silent).unwrap();
    let learned_left = model
        .trees
        .iter()
        .flat_map(|t| t.default_left.iter())
        .filter(|&&d| d)
        .count();
    assert!(learned_left > 0, "some splits send missing values left");
    let auc = metrics::roc_auc(&s.test_y, &model.predict(&s.test_x)).unwrap();
    assert!(auc > 0.95, "AUC {auc}");
}

#[test]
fn the_same_seed_gives_the_same_model_and_sampling_follows_it() {
    let s = bc();
    let sampled = |seed| {
        let params = Params {
            subsample: 0.7,
            colsample_bytree: 0.6,
            colsample_bynode: 0.8,
            seed,
            ..quick(5)
        };
        fit(&train_only(&s), &params.validate().unwrap(), &mut Silent).unwrap()
    };
    assert_eq!(sampled(1), sampled(1));
    assert_ne!(sampled(1).trees, sampled(2).trees);
}

#[test]
fn feature_importance_counts_splits_gain_and_cover() {
    let s = bc();
    let model = fit(&train_only(&s), &quick(10).validate().unwrap(), &mut Silent).unwrap();
    let importance = model.feature_importance();
    let splits: usize = model
        .trees
        .iter()
        .map(|t| t.node_count() - t.leaf_count())
        .sum();
    assert_eq!(importance.iter().map(|f| f.weight).sum::<usize>(), splits);
    let top = importance
        .iter()
        .max_by(|a, b| a.total_gain.total_cmp(&b.total_gain))
        .unwrap();
    assert!(top.gain > 0.0 && top.cover > 0.0);
    assert!((top.gain * top.weight as f64 - top.total_gain).abs() < 1e-9);
}

#[test]
fn the_margins_kept_from_training_equal_scoring_again() {
    // With subsampling (rows outside the sample are routed by bin codes) and with early
    // stopping (the margins must drop the rounds after the best one).
    let s = bc();
    for params in [
        Params {
            subsample: 0.7,
            colsample_bytree: 0.8,
            ..quick(20)
        },
        Params {
            eta: 0.5,
            eval_metric: vec![EvalMetric::Logloss],
            early_stopping_rounds: Some(3),
            ..quick(300)
        },
    ] {
        let scored = fit_scored(
            &with_validation(&s),
            &params.validate().unwrap(),
            &mut Silent,
        )
        .unwrap();
        let close = |a: &[f64], b: &[f64]| {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 1e-12)
        };
        let model = &scored.model;
        assert!(close(
            &scored.train_margins,
            &model.predict_margin(&s.train_x)
        ));
        assert!(close(
            &scored.validation_margins,
            &model.predict_margin(&s.test_x)
        ));
        assert_eq!(scored.predictions().1, model.predict(&s.test_x));
    }
}
