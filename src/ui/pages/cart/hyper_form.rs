//! The tree (and forest) hyperparameters under scikit-learn's names; every input reads
//! from and writes to the URL query, and the parse errors are listed below them.

use leptos::prelude::*;

use super::params::{LabKind, LabParams};
use crate::ui::pages::xgboost::params::{remove_in, set_in};

#[component]
pub fn HyperForm(
    kind: LabKind,
    query: RwSignal<Vec<(String, String)>>,
    parsed: Memo<(LabParams, Vec<String>)>,
) -> impl IntoView {
    let defaults = LabParams::new(kind);
    let raw = move |name: &'static str, default: String| {
        move || {
            query
                .with(|q| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
                .unwrap_or_else(|| default.clone())
        }
    };
    // An emptied field goes back to the default (for max_depth: no limit).
    let write = move |name: &'static str, value: String| {
        if value.trim().is_empty() {
            remove_in(query, name)
        } else {
            set_in(query, name, value)
        }
    };
    let number =
        move |name: &'static str, default: String, step: &'static str, help: &'static str| {
            view! {
                <label class="field">
                    <span>{name}</span>
                    <input type="number" name=name step=step prop:value=raw(name, default)
                        on:change=move |ev| write(name, event_target_value(&ev)) />
                    <small>{help}</small>
                </label>
            }
        };
    let depth_default = defaults
        .max_depth
        .map(|d| d.to_string())
        .unwrap_or_default();
    let depth_help = match kind {
        LabKind::Tree => "Deepest level (root = 0); empty = no limit.",
        LabKind::Forest => "Deepest level of each tree; empty = grow until pure.",
    };
    let forest_fields = (kind == LabKind::Forest).then(|| {
        view! {
            {number("num_trees", defaults.num_trees.to_string(), "1", "Trees in the forest (1 to 2000).")}
            <label class="check">
                <input type="checkbox" name="bootstrap" prop:checked=move || parsed.get().0.bootstrap
                    on:change=move |ev| set_in(query, "bootstrap", event_target_checked(&ev).to_string()) />
                "bootstrap (each tree draws its rows with replacement; the rows left out score it: out-of-bag error)"
            </label>
            {number("max_samples", defaults.max_samples.to_string(), "0.05", "Rows drawn per tree, as a share of the training rows.")}
        }
    });
    view! {
        <details class="hyper" open>
            <summary>"Hyperparameters (scikit-learn names)"</summary>
            <div class="form">
                {forest_fields}
                <label class="field">
                    <span>"criterion"</span>
                    <select name="criterion" prop:value=raw("criterion", "auto".into())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if v == "auto" { remove_in(query, "criterion") } else { set_in(query, "criterion", v) }
                        }>
                        <option value="auto">"auto (gini for classes, mse for numbers)"</option>
                        <option value="gini">"gini: 1 − Σ p²"</option>
                        <option value="entropy">"entropy: −Σ p log₂ p"</option>
                        <option value="misclassification">"misclassification: 1 − max p"</option>
                        <option value="mse">"mse (regression, leaves predict the mean)"</option>
                        <option value="mae">"mae (regression, leaves predict the median)"</option>
                    </select>
                </label>
                {number("max_depth", depth_default, "1", depth_help)}
                {number("min_samples_split", defaults.min_samples_split.to_string(), "1", "A node with fewer rows stays a leaf (≥ 2).")}
                {number("min_samples_leaf", defaults.min_samples_leaf.to_string(), "1", "Each child keeps at least this many rows (≥ 1).")}
                {number("min_impurity_decrease", defaults.min_impurity_decrease.to_string(), "0.001", "Split only if N_t/N · (I − N_L/N_t·I_L − N_R/N_t·I_R) reaches this.")}
                <label class="field">
                    <span>"max_features"</span>
                    <input type="text" name="max_features" prop:value=raw("max_features", defaults.max_features.name())
                        on:change=move |ev| write("max_features", event_target_value(&ev)) />
                    <small>"Features tried per split: sqrt, log2, all, or a fraction such as 0.5."</small>
                </label>
                {number("seed", "0".into(), "1", "Seeds feature order (ties), feature draws and bootstrap draws.")}
            </div>
        </details>
        <ul class="param-errors" data-testid="param-errors">
            {move || parsed.get().1.into_iter().map(|e| view! { <li class="error">{e}</li> }).collect::<Vec<_>>()}
        </ul>
    }
}
