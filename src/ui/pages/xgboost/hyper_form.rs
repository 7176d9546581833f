//! The hyperparameters, under SageMaker XGBoost's names and with its defaults; every input
//! reads from and writes to the URL query, and the parse errors are listed below them.

use leptos::prelude::*;

use super::params::{remove_in, set_in};
use super::Parsed;
use crate::kernels::boosting::Params;

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

#[component]
pub fn HyperForm(query: RwSignal<Vec<(String, String)>>, parsed: Parsed) -> impl IntoView {
    let raw = move |name: &'static str, default: String| {
        move || {
            query
                .with(|q| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
                .unwrap_or_else(|| default.clone())
        }
    };
    let inputs = fields(&Params::default())
        .into_iter()
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
        .collect::<Vec<_>>();
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
        <details class="hyper" open>
            <summary>"Hyperparameters (SageMaker XGBoost names)"</summary>
            <div class="form">
                {inputs}
                {optional("eval_metric", "text", "Comma-separated; default per objective. auc, error, logloss (binary) · rmse, mae (regression) · merror, mlogloss (multiclass).")}
                {optional("early_stopping_rounds", "number", "Stop when the last eval_metric on validation has not improved for this many rounds.")}
            </div>
        </details>
        <ul class="param-errors" data-testid="param-errors">
            {move || parsed.get().1.into_iter().map(|e| view! { <li class="error">{e}</li> }).collect::<Vec<_>>()}
        </ul>
    }
}
