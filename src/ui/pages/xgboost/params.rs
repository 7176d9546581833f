//! The XGBoost lab's whole state as URL query parameters: the data choices (`dataset`,
//! `target`, `features`, the validation split or channel) and every hyperparameter under
//! its SageMaker XGBoost name. Parsing reports each bad value naming its parameter. Pure.

use super::data_choice::{boolean, number, whole};
use crate::data::supervised::SupervisedSpec;
use crate::jobs::xgboost::Booster;
use crate::kernels::boosting::{Boosting, EvalMetric, LightGbmParams, Objective, Params};

#[derive(Debug, Clone, PartialEq)]
pub struct LabParams {
    pub dataset: String,
    /// `None`: a column named like a label, else the last column.
    pub target: Option<String>,
    /// `None`: every other column (text columns left out).
    pub features: Option<Vec<String>>,
    /// `None`: detected from the target column.
    pub objective: Option<Objective>,
    /// A second dataset used as the validation channel (SageMaker's `validation`).
    pub validation: Option<String>,
    /// Share of rows held out for validation when there is no validation channel.
    pub validation_fraction: f64,
    pub split_seed: u64,
    /// Keep each class's share in both parts (classification only).
    pub stratify: bool,
    /// Depth-wise (XGBoost), leaf-wise (LightGBM) or both side by side.
    pub booster: Booster,
    /// The hyperparameters; `objective` and `num_class` are filled in from the data.
    pub xgb: Params,
    /// LightGBM's hyperparameters, under SageMaker LightGBM's (LightGBM's own) names. Names
    /// both algorithms use (`max_depth`, `max_bin`, `scale_pos_weight`,
    /// `early_stopping_rounds`, `seed`, the metric) set both.
    pub lgbm: LightGbmParams,
    pub view: ViewParams,
}

/// What the result views show: part of the link, so a shared link opens the same tree.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewParams {
    /// XGBoost's importance type: gain, weight, cover, total_gain, total_cover.
    pub importance: String,
    /// Boosting round (0-based) whose tree is drawn.
    pub tree: usize,
    /// Output (class) for multiclass trees and SHAP values.
    pub class: usize,
    /// Which SHAP row the waterfall explains (index among the explained rows).
    pub row: usize,
}

impl Default for ViewParams {
    fn default() -> Self {
        ViewParams {
            importance: "gain".into(),
            tree: 0,
            class: 0,
            row: 0,
        }
    }
}

pub const DEFAULT_DATASET: &str = "sample:breast_cancer";

impl LabParams {
    /// The data choices, as the shared supervised preparation takes them.
    pub fn spec(&self) -> SupervisedSpec {
        SupervisedSpec {
            target: self.target.clone(),
            features: self.features.clone(),
            objective: self.objective,
            validation_fraction: self.validation_fraction,
            split_seed: self.split_seed,
            stratify: self.stratify,
        }
    }
}

impl LabParams {
    /// The data choices, as the shared data form shows them.
    pub fn data(&self) -> super::data_choice::DataChoice {
        super::data_choice::DataChoice {
            dataset: self.dataset.clone(),
            validation: self.validation.clone(),
            spec: self.spec(),
        }
    }
}

impl Default for LabParams {
    fn default() -> Self {
        LabParams {
            dataset: DEFAULT_DATASET.into(),
            target: None,
            features: None,
            objective: None,
            validation: None,
            validation_fraction: 0.2,
            split_seed: 0,
            stratify: true,
            booster: Booster::Xgboost,
            xgb: Params::default(),
            lgbm: LightGbmParams::default(),
            view: ViewParams::default(),
        }
    }
}

/// Every name this lab reads, in the order the form shows them.
pub const KNOWN: [&str; 43] = [
    "booster",
    "dataset",
    "target",
    "features",
    "validation",
    "validation_fraction",
    "split_seed",
    "stratify",
    "objective",
    "num_round",
    "eta",
    "gamma",
    "max_depth",
    "min_child_weight",
    "subsample",
    "colsample_bytree",
    "lambda",
    "alpha",
    "scale_pos_weight",
    "max_bin",
    "base_score",
    "eval_metric",
    "early_stopping_rounds",
    "seed",
    "num_boost_round",
    "learning_rate",
    "num_leaves",
    "min_data_in_leaf",
    "min_sum_hessian_in_leaf",
    "feature_fraction",
    "bagging_fraction",
    "bagging_freq",
    "boosting",
    "top_rate",
    "other_rate",
    "lambda_l1",
    "lambda_l2",
    "min_gain_to_split",
    "min_data_in_bin",
    "importance_type",
    "tree",
    "class",
    "row",
];

pub fn parse_objective(value: &str) -> Result<Option<Objective>, String> {
    match value.trim() {
        "" | "auto" => Ok(None),
        "binary:logistic" => Ok(Some(Objective::BinaryLogistic)),
        "reg:squarederror" => Ok(Some(Objective::SquaredError)),
        "multi:softprob" => Ok(Some(Objective::Softprob)),
        other => Err(format!(
            "objective: \"{other}\" must be auto, binary:logistic, multi:softprob or reg:squarederror"
        )),
    }
}

fn parse_metrics(value: &str) -> Result<Vec<EvalMetric>, String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|m| {
            serde_json::from_value(serde_json::Value::String(m.to_string())).map_err(|_| {
                format!("eval_metric: \"{m}\" must be one of auc, error, logloss, rmse, mae, merror, mlogloss")
            })
        })
        .collect()
}

fn list(value: &str) -> Option<Vec<String>> {
    let items: Vec<String> = value
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    (!items.is_empty()).then_some(items)
}

fn read_one(p: &mut LabParams, name: &str, value: &str) -> Result<(), String> {
    let (x, l) = (&mut p.xgb, &mut p.lgbm);
    match name {
        "booster" => {
            p.booster = match value {
                "xgboost" => Booster::Xgboost,
                "lightgbm" => Booster::LightGbm,
                "compare" => Booster::Compare,
                _ => {
                    return Err(format!(
                        "booster: \"{value}\" must be xgboost, lightgbm or compare"
                    ))
                }
            }
        }
        "dataset" => p.dataset = value.to_string(),
        "target" => p.target = Some(value.to_string()).filter(|v| !v.is_empty()),
        "features" => p.features = list(value),
        "validation" => p.validation = Some(value.to_string()).filter(|v| !v.is_empty()),
        "validation_fraction" => {
            let v = number(name, value)?;
            if !(0.0..1.0).contains(&v) {
                return Err(format!(
                    "validation_fraction must be at least 0 and below 1 (got {value})"
                ));
            }
            p.validation_fraction = v;
        }
        "split_seed" => p.split_seed = whole(name, value)? as u64,
        "stratify" => p.stratify = boolean(name, value)?,
        "objective" => p.objective = parse_objective(value)?,
        "num_round" => x.num_round = whole(name, value)?,
        "eta" => x.eta = number(name, value)?,
        "gamma" => x.gamma = number(name, value)?,
        "max_depth" => (x.max_depth, l.max_depth) = (whole(name, value)?, whole(name, value)?),
        "min_child_weight" => x.min_child_weight = number(name, value)?,
        "subsample" => x.subsample = number(name, value)?,
        "colsample_bytree" => x.colsample_bytree = number(name, value)?,
        "lambda" => x.lambda = number(name, value)?,
        "alpha" => x.alpha = number(name, value)?,
        "scale_pos_weight" => {
            (x.scale_pos_weight, l.scale_pos_weight) = (number(name, value)?, number(name, value)?)
        }
        "max_bin" => (x.max_bin, l.max_bin) = (whole(name, value)?, whole(name, value)?),
        "base_score" => x.base_score = number(name, value)?,
        "eval_metric" => (x.eval_metric, l.metric) = (parse_metrics(value)?, parse_metrics(value)?),
        "early_stopping_rounds" => {
            x.early_stopping_rounds = match value.trim() {
                "" => None,
                v => Some(whole(name, v)?),
            };
            l.early_stopping_rounds = x.early_stopping_rounds;
        }
        "seed" => (x.seed, l.seed) = (whole(name, value)? as u64, whole(name, value)? as u64),
        "num_boost_round" => l.num_boost_round = whole(name, value)?,
        "learning_rate" => l.learning_rate = number(name, value)?,
        "num_leaves" => l.num_leaves = whole(name, value)?,
        "min_data_in_leaf" => l.min_data_in_leaf = whole(name, value)?,
        "min_sum_hessian_in_leaf" => l.min_sum_hessian_in_leaf = number(name, value)?,
        "feature_fraction" => l.feature_fraction = number(name, value)?,
        "bagging_fraction" => l.bagging_fraction = number(name, value)?,
        "bagging_freq" => l.bagging_freq = whole(name, value)?,
        "boosting" => {
            l.boosting = match value {
                "gbdt" => Boosting::Gbdt,
                "goss" => Boosting::Goss,
                _ => return Err(format!("boosting: \"{value}\" must be gbdt or goss")),
            }
        }
        "top_rate" => l.top_rate = number(name, value)?,
        "other_rate" => l.other_rate = number(name, value)?,
        "lambda_l1" => l.lambda_l1 = number(name, value)?,
        "lambda_l2" => l.lambda_l2 = number(name, value)?,
        "min_gain_to_split" => l.min_gain_to_split = number(name, value)?,
        "min_data_in_bin" => l.min_data_in_bin = whole(name, value)?,
        "importance_type" => {
            p.view.importance = match value {
                "gain" | "weight" | "cover" | "total_gain" | "total_cover" => value.to_string(),
                _ => {
                    return Err(format!(
                        "importance_type: \"{value}\" must be gain, weight, cover, total_gain or total_cover"
                    ))
                }
            }
        }
        "tree" => p.view.tree = whole(name, value)?,
        "class" => p.view.class = whole(name, value)?,
        "row" => p.view.row = whole(name, value)?,
        other => {
            return Err(format!(
                "unknown parameter \"{other}\" (this lab reads: {})",
                KNOWN.join(", ")
            ))
        }
    }
    Ok(())
}

/// Reads every parameter; unknown names and unreadable values are reported, not ignored.
/// Rules that need the data (eval_metric against the detected objective, base_score for a
/// regression target) are checked again when the job is prepared.
pub fn parse(query: &[(String, String)]) -> (LabParams, Vec<String>) {
    let mut p = LabParams::default();
    let mut errors = Vec::new();
    for (name, value) in query {
        if let Err(e) = read_one(&mut p, name, value) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        let mut probe = p.xgb.clone();
        probe.objective = p.objective.unwrap_or(Objective::BinaryLogistic);
        probe.num_class = Some(2);
        if p.objective.is_none() {
            probe.eval_metric.clear();
            probe.base_score = 0.5;
        }
        let mut lgbm_probe = p.lgbm.clone();
        (lgbm_probe.objective, lgbm_probe.num_class) = (probe.objective, probe.num_class);
        if p.objective.is_none() {
            lgbm_probe.metric.clear();
        }
        let checks = [
            (p.booster != Booster::LightGbm)
                .then(|| probe.validate().err().map(|e| e.to_string()))
                .flatten(),
            (p.booster != Booster::Xgboost)
                .then(|| lgbm_probe.validate().err().map(|e| e.to_string()))
                .flatten(),
        ];
        errors.extend(checks.into_iter().flatten());
    }
    (p, errors)
}

/// Sets one parameter in a query, keeping the others in order.
pub fn set(query: &mut Vec<(String, String)>, name: &str, value: String) {
    match query.iter_mut().find(|(k, _)| k == name) {
        Some(pair) => pair.1 = value,
        None => query.push((name.to_string(), value)),
    }
}

/// Sets one parameter in the lab's query signal (which writes the URL).
pub fn set_in(query: leptos::prelude::RwSignal<Vec<(String, String)>>, name: &str, value: String) {
    use leptos::prelude::Update;
    query.update(|q| set(q, name, value));
}

/// Removes one parameter (back to its default).
pub fn remove_in(query: leptos::prelude::RwSignal<Vec<(String, String)>>, name: &str) {
    use leptos::prelude::Update;
    query.update(|q| q.retain(|(k, _)| k != name));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_sagemaker_names() {
        let (p, errors) = parse(&q(&[
            ("num_round", "50"),
            ("eta", "0.1"),
            ("lambda", "2"),
            ("alpha", "0.5"),
            ("eval_metric", "auc,logloss"),
            ("early_stopping_rounds", "5"),
            ("objective", "binary:logistic"),
            ("target", "label"),
            ("features", "a, b"),
            ("validation_fraction", "0.3"),
            ("stratify", "false"),
        ]));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((p.xgb.num_round, p.xgb.eta, p.xgb.lambda), (50, 0.1, 2.0));
        assert_eq!(
            p.xgb.eval_metric,
            vec![EvalMetric::Auc, EvalMetric::Logloss]
        );
        assert_eq!(p.xgb.early_stopping_rounds, Some(5));
        assert_eq!(p.objective, Some(Objective::BinaryLogistic));
        assert_eq!(p.features, Some(vec!["a".into(), "b".into()]));
        assert_eq!((p.validation_fraction, p.stratify), (0.3, false));
    }

    #[test]
    fn invalid_values_name_the_parameter() {
        let first = |pairs: &[(&str, &str)]| parse(&q(pairs)).1.first().cloned().unwrap();
        assert!(first(&[("eta", "0")]).starts_with("eta must be"));
        assert!(first(&[("eta", "1.5")]).starts_with("eta must be"));
        assert!(first(&[("num_round", "0")]).starts_with("num_round"));
        assert!(first(&[("max_depth", "0")]).starts_with("max_depth"));
        assert!(first(&[("eta", "abc")]).starts_with("eta: \"abc\""));
        assert!(first(&[("objective", "rank:pairwise")]).starts_with("objective:"));
        assert!(first(&[("eval_metric", "ndcg")]).starts_with("eval_metric:"));
        assert!(first(&[("validation_fraction", "1")]).starts_with("validation_fraction"));
        assert!(first(&[("bogus", "1")]).starts_with("unknown parameter \"bogus\""));
    }

    #[test]
    fn lightgbm_names_and_shared_names() {
        let (p, errors) = parse(&q(&[
            ("booster", "lightgbm"),
            ("num_leaves", "31"),
            ("learning_rate", "0.05"),
            ("boosting", "goss"),
            ("bagging_freq", "0"),
            ("max_depth", "4"),
        ]));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(p.booster, Booster::LightGbm);
        assert_eq!((p.lgbm.num_leaves, p.lgbm.learning_rate), (31, 0.05));
        assert_eq!(p.lgbm.boosting, Boosting::Goss);
        assert_eq!((p.lgbm.max_depth, p.xgb.max_depth), (4, 4));
        let first = |pairs: &[(&str, &str)]| parse(&q(pairs)).1.first().cloned().unwrap();
        assert!(first(&[("booster", "catboost")]).starts_with("booster:"));
        assert!(first(&[("booster", "lightgbm"), ("num_leaves", "1")]).starts_with("num_leaves"));
        // GOSS with bagging on is LightGBM's own error; only checked when LightGBM trains.
        let goss = [("boosting", "goss")];
        assert!(parse(&q(&goss)).1.is_empty());
        assert!(first(&[("booster", "compare"), goss[0]]).contains("goss"));
    }

    #[test]
    fn auto_objective_defers_data_dependent_rules() {
        // A regression base_score and metric are fine until the target is known.
        let (_, errors) = parse(&q(&[("base_score", "150"), ("eval_metric", "rmse")]));
        assert!(errors.is_empty(), "{errors:?}");
    }
}
