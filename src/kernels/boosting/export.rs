//! The ways out of the browser: the model as XGBoost's JSON model format (dmlc/xgboost
//! doc/model.schema, as xgboost 3.x saves it), the hyperparameters as the JSON a SageMaker
//! built-in XGBoost training job takes, and predictions / SHAP values as CSV.
//!
//! XGBoost's predictor assumes a node's right child is its left child + 1; our trees
//! allocate children in pairs, so node ids carry over unchanged. Thresholds, leaf values
//! and covers are written as `f32`, XGBoost's storage type; the base score is written in
//! XGBoost's output space (a probability for `binary:logistic`, margins for softprob).

use serde_json::{json, Value};

use super::lightgbm::{Boosting, LightGbmParams};
use super::model::Model;
use super::objective::{sigmoid, Objective};
use super::params::Params;
use super::tree::{Tree, NO_CHILD};

/// XGBoost's marker for "no parent" (the root), `std::numeric_limits<int>::max()`.
const ROOT_PARENT: i64 = 2_147_483_647;

fn tree_json(tree: &Tree, id: usize, num_features: usize) -> Value {
    let n = tree.node_count();
    let child = |c: u32| if c == NO_CHILD { -1 } else { c as i64 };
    let leaf = |i: usize| tree.is_leaf(i);
    json!({
        "base_weights": (0..n).map(|i| if leaf(i) { tree.leaf_value[i] as f32 } else { tree.base_weight[i] as f32 }).collect::<Vec<_>>(),
        "categories": [], "categories_nodes": [], "categories_segments": [], "categories_sizes": [],
        "default_left": tree.default_left.iter().map(|&d| d as u8).collect::<Vec<_>>(),
        "id": id,
        "left_children": tree.left.iter().map(|&c| child(c)).collect::<Vec<_>>(),
        "loss_changes": tree.loss_change.iter().map(|&l| l as f32).collect::<Vec<_>>(),
        "parents": tree.parent.iter().map(|&p| if p == NO_CHILD { ROOT_PARENT } else { p as i64 }).collect::<Vec<_>>(),
        "right_children": tree.right.iter().map(|&c| child(c)).collect::<Vec<_>>(),
        "split_conditions": (0..n).map(|i| if leaf(i) { tree.leaf_value[i] as f32 } else { tree.threshold[i] as f32 }).collect::<Vec<_>>(),
        "split_indices": (0..n).map(|i| if leaf(i) { 0 } else { tree.feature[i] }).collect::<Vec<_>>(),
        "split_type": vec![0; n],
        "sum_hessian": tree.cover.iter().map(|&c| c as f32).collect::<Vec<_>>(),
        "tree_param": {
            "num_deleted": "0",
            "num_feature": num_features.to_string(),
            "num_nodes": n.to_string(),
            "size_leaf_vector": "1"
        }
    })
}

/// `[5E-1]`-style vector text of XGBoost's `base_score`.
fn base_score_text(model: &Model) -> String {
    let scores: Vec<String> = model
        .base_margin
        .iter()
        .map(|&m| {
            let s = if model.objective == Objective::BinaryLogistic {
                sigmoid(m)
            } else {
                m
            };
            format!("{:E}", s as f32)
        })
        .collect();
    format!("[{}]", scores.join(","))
}

/// The model in XGBoost's JSON format; `feature_names` (optional) must have one name per
/// feature.
pub fn to_xgboost_json(model: &Model, feature_names: Option<&[String]>) -> Value {
    let k = model.outputs.max(1);
    let trees: Vec<Value> = model
        .trees
        .iter()
        .enumerate()
        .map(|(i, t)| tree_json(t, i, model.num_features))
        .collect();
    let rounds = model.trees.len() / k;
    let objective = match model.objective {
        Objective::Softprob => {
            json!({"name": "multi:softprob", "softmax_multiclass_param": {"num_class": k.to_string()}})
        }
        other => json!({"name": other.name(), "reg_loss_param": {"scale_pos_weight": "1"}}),
    };
    let names: Vec<String> = feature_names
        .filter(|n| n.len() == model.num_features)
        .map(<[String]>::to_vec)
        .unwrap_or_default();
    let types: Vec<&str> = if names.is_empty() {
        Vec::new()
    } else {
        vec!["float"; model.num_features]
    };
    json!({
        "learner": {
            "attributes": {},
            "feature_names": names,
            "feature_types": types,
            "gradient_booster": {
                "model": {
                    "cats": {"enc": [], "feature_segments": [], "sorted_idx": []},
                    "gbtree_model_param": {"num_parallel_tree": "1", "num_trees": model.trees.len().to_string()},
                    "iteration_indptr": (0..=rounds).map(|r| r * k).collect::<Vec<_>>(),
                    "tree_info": (0..model.trees.len()).map(|i| i % k).collect::<Vec<_>>(),
                    "trees": trees
                },
                "name": "gbtree"
            },
            "learner_model_param": {
                "base_score": base_score_text(model),
                "boost_from_average": "0",
                "num_class": if model.objective == Objective::Softprob { k.to_string() } else { "0".to_string() },
                "num_feature": model.num_features.to_string(),
                "num_target": "1"
            },
            "objective": objective
        },
        "version": [3, 2, 0]
    })
}

/// The hyperparameters of a SageMaker built-in LightGBM training job (LightGBM's own names,
/// every value a string).
pub fn sagemaker_lightgbm_hyperparameters(params: &LightGbmParams) -> Value {
    let p = params;
    let objective = match p.objective {
        Objective::BinaryLogistic => "binary",
        Objective::SquaredError => "regression",
        Objective::Softprob => "multiclass",
    };
    let boosting = match p.boosting {
        Boosting::Gbdt => "gbdt",
        Boosting::Goss => "goss",
    };
    let mut pairs = vec![
        ("objective", objective.to_string()),
        ("num_boost_round", p.num_boost_round.to_string()),
        ("learning_rate", p.learning_rate.to_string()),
        ("num_leaves", p.num_leaves.to_string()),
        // LightGBM writes "no limit" as −1.
        (
            "max_depth",
            if p.max_depth == 0 {
                "-1".to_string()
            } else {
                p.max_depth.to_string()
            },
        ),
        ("min_data_in_leaf", p.min_data_in_leaf.to_string()),
        (
            "min_sum_hessian_in_leaf",
            p.min_sum_hessian_in_leaf.to_string(),
        ),
        ("feature_fraction", p.feature_fraction.to_string()),
        ("bagging_fraction", p.bagging_fraction.to_string()),
        ("bagging_freq", p.bagging_freq.to_string()),
        ("boosting", boosting.to_string()),
        ("lambda_l1", p.lambda_l1.to_string()),
        ("lambda_l2", p.lambda_l2.to_string()),
        ("min_gain_to_split", p.min_gain_to_split.to_string()),
        ("max_delta_step", p.max_delta_step.to_string()),
        ("scale_pos_weight", p.scale_pos_weight.to_string()),
        ("max_bin", p.max_bin.to_string()),
        ("seed", p.seed.to_string()),
    ];
    if p.boosting == Boosting::Goss {
        pairs.push(("top_rate", p.top_rate.to_string()));
        pairs.push(("other_rate", p.other_rate.to_string()));
    }
    if let Some(k) = p.num_class {
        pairs.push(("num_class", k.to_string()));
    }
    if let Some(rounds) = p.early_stopping_rounds {
        pairs.push(("early_stopping_rounds", rounds.to_string()));
    }
    Value::Object(
        pairs
            .into_iter()
            .map(|(k, v)| (k.to_string(), Value::String(v)))
            .collect(),
    )
}

/// The hyperparameters of a SageMaker built-in XGBoost training job (every value a
/// string, as SageMaker's `HyperParameters` map requires).
pub fn sagemaker_hyperparameters(params: &Params) -> Value {
    let p = params;
    let mut map = serde_json::Map::new();
    let mut put = |name: &str, value: String| {
        map.insert(name.to_string(), Value::String(value));
    };
    put("objective", p.objective.name().to_string());
    put("num_round", p.num_round.to_string());
    put("eta", p.eta.to_string());
    put("gamma", p.gamma.to_string());
    put("max_depth", p.max_depth.to_string());
    put("min_child_weight", p.min_child_weight.to_string());
    put("max_delta_step", p.max_delta_step.to_string());
    put("subsample", p.subsample.to_string());
    put("colsample_bytree", p.colsample_bytree.to_string());
    put("colsample_bylevel", p.colsample_bylevel.to_string());
    put("colsample_bynode", p.colsample_bynode.to_string());
    put("lambda", p.lambda.to_string());
    put("alpha", p.alpha.to_string());
    put("scale_pos_weight", p.scale_pos_weight.to_string());
    put("tree_method", "hist".to_string());
    put("max_bin", p.max_bin.to_string());
    put(
        "grow_policy",
        serde_json::to_value(p.grow_policy)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
    );
    put("max_leaves", p.max_leaves.to_string());
    put("base_score", p.base_score.to_string());
    put("seed", p.seed.to_string());
    if !p.eval_metric.is_empty() {
        put(
            "eval_metric",
            p.eval_metric
                .iter()
                .map(|m| m.name())
                .collect::<Vec<_>>()
                .join(","),
        );
    }
    if let Some(rounds) = p.early_stopping_rounds {
        put("early_stopping_rounds", rounds.to_string());
    }
    if let Some(k) = p.num_class {
        put("num_class", k.to_string());
    }
    Value::Object(map)
}

/// A CSV with a header line and one line per row of `rows`.
pub fn to_csv(header: &[String], rows: &[Vec<f64>]) -> String {
    let mut out = header.join(",");
    out.push('\n');
    for row in rows {
        let cells: Vec<String> = row.iter().map(|v| format!("{v:?}")).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// SHAP values as CSV: one column per feature, then `bias` (the base value).
pub fn shap_csv(feature_names: &[String], shap_rows: &[Vec<f64>]) -> String {
    let mut header = feature_names.to_vec();
    header.push("bias".to_string());
    to_csv(&header, shap_rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::boosting::{fit, BoostingData, Channel, Params};
    use crate::kernels::{Matrix, Silent};

    fn small_model(objective: Objective, num_class: Option<usize>) -> Model {
        let x: Vec<f64> = (0..60).map(|i| ((i * 7) % 13) as f64).collect();
        let m = Matrix::new(30, 2, x).unwrap();
        let y: Vec<f64> = (0..30).map(|i| (i % 3) as f64).collect();
        let y = if objective == Objective::BinaryLogistic {
            y.iter().map(|&v| (v > 0.0) as u8 as f64).collect()
        } else {
            y
        };
        let params = Params {
            objective,
            num_class,
            num_round: 3,
            max_depth: 2,
            ..Params::default()
        };
        let data = BoostingData {
            train: Channel {
                features: &m,
                labels: &y,
            },
            validation: None,
        };
        fit(&data, &params.validate().unwrap(), &mut Silent).unwrap()
    }

    #[test]
    fn trees_keep_right_equal_left_plus_one_and_counts_match() {
        let model = small_model(Objective::Softprob, Some(3));
        let json = to_xgboost_json(&model, None);
        let booster = &json["learner"]["gradient_booster"]["model"];
        assert_eq!(booster["trees"].as_array().unwrap().len(), 9);
        assert_eq!(booster["tree_info"], json!([0, 1, 2, 0, 1, 2, 0, 1, 2]));
        assert_eq!(booster["iteration_indptr"], json!([0, 3, 6, 9]));
        assert_eq!(
            json["learner"]["learner_model_param"]["base_score"],
            "[5E-1,5E-1,5E-1]"
        );
        for tree in booster["trees"].as_array().unwrap() {
            let left = tree["left_children"].as_array().unwrap();
            let right = tree["right_children"].as_array().unwrap();
            for (l, r) in left.iter().zip(right) {
                let (l, r) = (l.as_i64().unwrap(), r.as_i64().unwrap());
                assert!(l == -1 && r == -1 || r == l + 1, "left {l} right {r}");
            }
            assert_eq!(tree["tree_param"]["num_nodes"], left.len().to_string());
        }
    }

    #[test]
    fn binary_base_score_is_a_probability_and_names_are_kept() {
        let model = small_model(Objective::BinaryLogistic, None);
        let names = vec!["a".to_string(), "b".to_string()];
        let json = to_xgboost_json(&model, Some(&names));
        assert_eq!(
            json["learner"]["learner_model_param"]["base_score"],
            "[5E-1]"
        );
        assert_eq!(json["learner"]["feature_names"], json!(["a", "b"]));
        assert_eq!(json["learner"]["objective"]["name"], "binary:logistic");
    }

    #[test]
    fn sagemaker_hyperparameters_are_strings_with_sagemaker_names() {
        let p = Params {
            early_stopping_rounds: Some(10),
            eval_metric: vec![crate::kernels::boosting::EvalMetric::Auc],
            ..Params::default()
        };
        let h = sagemaker_hyperparameters(&p);
        assert_eq!(h["num_round"], "100");
        assert_eq!(h["eta"], "0.3");
        assert_eq!(h["lambda"], "1");
        assert_eq!(h["eval_metric"], "auc");
        assert_eq!(h["early_stopping_rounds"], "10");
        assert!(h.as_object().unwrap().values().all(Value::is_string));
    }

    #[test]
    fn lightgbm_hyperparameters_use_lightgbm_names() {
        let p = LightGbmParams {
            boosting: Boosting::Goss,
            max_depth: 0,
            ..LightGbmParams::default()
        };
        let h = sagemaker_lightgbm_hyperparameters(&p);
        assert_eq!(h["objective"], "binary");
        assert_eq!(h["num_leaves"], "64");
        assert_eq!(h["max_depth"], "-1");
        assert_eq!(h["boosting"], "goss");
        assert_eq!(h["top_rate"], "0.2");
        assert!(h.as_object().unwrap().values().all(Value::is_string));
    }

    #[test]
    fn csv_has_a_header_and_round_trip_numbers() {
        let text = shap_csv(&["x".to_string()], &[vec![0.1, -2.0]]);
        assert_eq!(text, "x,bias\n0.1,-2.0\n");
    }
}
