//! Gradient-boosted trees with XGBoost's `hist` semantics, and a LightGBM-style mode.
//!
//! Each round fits one regression tree per output to the loss's second-order expansion at
//! the current margins m: with gᵢ, hᵢ the first and second derivatives of the loss for row
//! i, a leaf holding rows I gets weight w = −ThresholdL1(Σg, α) / (Σh + λ) (times `eta`),
//! and a split of a node into L and R is worth
//! ThresholdL1(G_L, α)²/(H_L + λ) + ThresholdL1(G_R, α)²/(H_R + λ) − ThresholdL1(G, α)²/(H + λ)
//! (no ½, as in XGBoost's src/tree/param.h); it is made only if that is > `gamma` and both
//! children keep a hessian sum ≥ `min_child_weight`.
//!
//! Splits are searched on quantile bins (`max_bin` per feature: XGBoost's sketch, or
//! LightGBM's bins in the LightGBM mode), from per-node gradient histograms built with the
//! subtraction trick; missing values (NaN) learn a default direction per split. Trees grow
//! depthwise (XGBoost) or leaf-wise (`lossguide`; the LightGBM front end in [`lightgbm`]
//! with `num_leaves`, `min_data_in_leaf`, bagging and GOSS).
//!
//! Checked against xgboost 3.2 and lightgbm 4.7 (tests/fixtures/expected/xgboost.json):
//! breast-cancer test AUC and logloss, diabetes RMSE. Models export to XGBoost's JSON
//! format ([`export`]); scripts/xgboost_check verifies that xgboost loads them and
//! reproduces our predictions and TreeSHAP values.

mod binning;
mod config;
pub mod export;
mod grow;
mod histogram;
pub mod lightgbm;
mod lightgbm_bins;
mod metric;
mod model;
mod objective;
mod params;
mod partition;
mod sampling;
mod sketch;
mod split;
mod train;
mod tree;

#[cfg(test)]
mod fidelity_tests;
#[cfg(test)]
pub(crate) mod test_data;
#[cfg(test)]
mod train_tests;
#[cfg(test)]
mod xgboost_artifacts;

pub use config::GrowPolicy;
pub use lightgbm::{
    fit_lightgbm, fit_lightgbm_scored, Boosting, LightGbmParamError, LightGbmParams,
    ValidLightGbmParams,
};
pub use metric::EvalMetric;
pub use model::{FeatureImportance, MetricHistory, Model};
pub use objective::Objective;
pub use params::{ParamError, Params, ValidParams};
pub use train::{fit, fit_scored, BoostingData, Channel, Scored};
pub use tree::Tree;
