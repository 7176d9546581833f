//! The hyperparameters, under SageMaker XGBoost's names and with its defaults; every input
//! reads from and writes to the URL query, and the parse errors are listed below them.

use leptos::prelude::*;

use super::params::{remove_in, set_in};
use super::Parsed;
use crate::jobs::xgboost::Booster;
use crate::kernels::boosting::{LightGbmParams, Params};

/// (name, default, step, what it does)
fn fields(d: &Params) -> Vec<(&'static str, String, &'static str, &'static str)> {
    vec![
        (
            "num_round",
            d.num_round.to_string(),
            "1",
            "Boosting rounds (trees per output).",
        ),
        (
            "eta",
            d.eta.to_string(),
            "0.01",
            "Learning rate: each tree's leaves are scaled by it; in (0, 1].",
        ),
        (
            "max_depth",
            d.max_depth.to_string(),
            "1",
            "Depth limit of each tree (≥ 1).",
        ),
        (
            "gamma",
            d.gamma.to_string(),
            "0.1",
            "A split must gain more than this (min_split_loss).",
        ),
        (
            "min_child_weight",
            d.min_child_weight.to_string(),
            "0.1",
            "Least hessian sum H in each child.",
        ),
        (
            "subsample",
            d.subsample.to_string(),
            "0.05",
            "Share of rows each round sees.",
        ),
        (
            "colsample_bytree",
            d.colsample_bytree.to_string(),
            "0.05",
            "Share of features each tree sees.",
        ),
        (
            "lambda",
            d.lambda.to_string(),
            "0.1",
            "L2 penalty on leaf weights (λ).",
        ),
        (
            "alpha",
            d.alpha.to_string(),
            "0.1",
            "L1 penalty on leaf weights (α).",
        ),
        (
            "scale_pos_weight",
            d.scale_pos_weight.to_string(),
            "0.1",
            "Weight of positive rows (binary).",
        ),
        (
            "max_bin",
            d.max_bin.to_string(),
            "1",
            "Quantile bins per feature (hist).",
        ),
        (
            "base_score",
            d.base_score.to_string(),
            "0.1",
            "Starting prediction (a probability for binary).",
        ),
        (
            "seed",
            d.seed.to_string(),
            "1",
            "Seed of row and column sampling.",
        ),
    ]
}

/// LightGBM's own hyperparameters (SageMaker LightGBM uses LightGBM's names); `max_depth`,
/// `max_bin`, `scale_pos_weight` and `seed` are shared with the XGBoost fields.
fn lightgbm_fields(d: &LightGbmParams) -> Vec<(&'static str, String, &'static str, &'static str)> {
    vec![
        ("num_boost_round", d.num_boost_round.to_string(), "1", "Boosting rounds."),
        ("learning_rate", d.learning_rate.to_string(), "0.01", "Shrinkage of each tree; in (0, 1]."),
        ("num_leaves", d.num_leaves.to_string(), "1", "Leaves per tree: trees grow leaf-wise, always splitting the leaf with the largest loss reduction, until they have this many."),
        ("max_depth", d.max_depth.to_string(), "1", "Depth limit on top of num_leaves (0: none)."),
        ("min_data_in_leaf", d.min_data_in_leaf.to_string(), "1", "Fewest rows in a leaf."),
        ("min_sum_hessian_in_leaf", d.min_sum_hessian_in_leaf.to_string(), "0.001", "Least hessian sum in a leaf."),
        ("feature_fraction", d.feature_fraction.to_string(), "0.05", "Share of features each tree sees."),
        ("bagging_fraction", d.bagging_fraction.to_string(), "0.05", "Share of rows drawn for a bag."),
        ("bagging_freq", d.bagging_freq.to_string(), "1", "Draw a new bag every this many rounds (0: no bagging)."),
        ("top_rate", d.top_rate.to_string(), "0.05", "GOSS: share of rows with the largest gradients, always kept."),
        ("other_rate", d.other_rate.to_string(), "0.05", "GOSS: share of the other rows sampled (their gradients scaled up to stay unbiased)."),
        ("lambda_l1", d.lambda_l1.to_string(), "0.1", "L1 penalty on leaf values."),
        ("lambda_l2", d.lambda_l2.to_string(), "0.1", "L2 penalty on leaf values."),
        ("min_gain_to_split", d.min_gain_to_split.to_string(), "0.1", "A split must gain more than this."),
        ("max_bin", d.max_bin.to_string(), "1", "Histogram bins per feature."),
        ("min_data_in_bin", d.min_data_in_bin.to_string(), "1", "Fewest rows in a bin (rare values are merged)."),
        ("seed", d.seed.to_string(), "1", "Seed of bagging, GOSS and feature sampling."),
    ]
}

#[component]
pub fn HyperForm(query: RwSignal<Vec<(String, String)>>, parsed: Parsed) -> impl IntoView {
    let raw = move |name: &'static str, default: String| {
        move || {
            query
                .with(|q| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
                .unwrap_or_else(|| default.clone())
        }
    };
    let number_inputs = move |list: Vec<(&'static str, String, &'static str, &'static str)>| {
        list.into_iter()
            .map(|(name, default, step, help)| {
                view! {
                    <label class="field">
                        <span>{name}</span>
                        <input type="number" name=name step=step prop:value=raw(name, default)
                            on:change=move |ev| set_in(query, name, event_target_value(&ev)) />
                        <small>{help}</small>
                    </label>
                }
            })
            .collect::<Vec<_>>()
    };
    let booster = move || parsed.get().0.booster;
    let booster_name = move || {
        match booster() {
            Booster::Xgboost => "xgboost",
            Booster::LightGbm => "lightgbm",
            Booster::Compare => "compare",
        }
        .to_string()
    };
    let boosting = move || raw("boosting", "gbdt".into())();
    let optional = move |name: &'static str, kind: &'static str, help: &'static str| {
        view! {
            <label class="field">
                <span>{name}</span>
                <input type=kind name=name prop:value=raw(name, String::new()) placeholder="off"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if v.trim().is_empty() { remove_in(query, name) } else { set_in(query, name, v) }
                    } />
                <small>{help}</small>
            </label>
        }
    };
    view! {
        <label class="field">
            <span>"booster"</span>
            <select name="booster" prop:value=booster_name
                on:change=move |ev| set_in(query, "booster", event_target_value(&ev))>
                <option value="xgboost">"XGBoost: depth-wise trees"</option>
                <option value="lightgbm">"LightGBM: leaf-wise trees"</option>
                <option value="compare">"Compare both on the same data"</option>
            </select>
            <small>"XGBoost splits every node of a level before going deeper; LightGBM always splits the one leaf that reduces the loss most, so its trees are lopsided and reach a loss with fewer leaves."</small>
        </label>
        <Show when=move || booster() != Booster::LightGbm>
        <details class="hyper" open>
            <summary>"XGBoost hyperparameters (SageMaker XGBoost names)"</summary>
            <div class="form">
                {number_inputs(fields(&Params::default()))}
                {optional("eval_metric", "text", "Comma-separated; default per objective. auc, error, logloss (binary) · rmse, mae (regression) · merror, mlogloss (multiclass).")}
                {optional("early_stopping_rounds", "number", "Stop when the last eval_metric on validation has not improved for this many rounds.")}
            </div>
        </details>
        </Show>
        <Show when=move || booster() != Booster::Xgboost>
        <details class="hyper" open>
            <summary>"LightGBM hyperparameters (SageMaker LightGBM names)"</summary>
            <div class="form">
                <label class="field">
                    <span>"boosting"</span>
                    <select name="boosting" prop:value=boosting
                        on:change=move |ev| set_in(query, "boosting", event_target_value(&ev))>
                        <option value="gbdt">"gbdt"</option>
                        <option value="goss">"goss (gradient-based one-side sampling)"</option>
                    </select>
                    <small>"GOSS keeps the rows with large gradients and samples the rest; set bagging_freq to 0 with it."</small>
                </label>
                {number_inputs(lightgbm_fields(&LightGbmParams::default()))}
                <Show when=move || booster() == Booster::LightGbm>
                    {optional("early_stopping_rounds", "number", "Stop when the validation metric has not improved for this many rounds.")}
                </Show>
            </div>
        </details>
        </Show>
        <ul class="param-errors" data-testid="param-errors">
            {move || parsed.get().1.into_iter().map(|e| view! { <li class="error">{e}</li> }).collect::<Vec<_>>()}
        </ul>
    }
}
