//! The PCA parameter form: every input reads from and writes to the URL query.

use std::sync::Arc;

use leptos::prelude::*;

use super::params::LabParams;
use crate::data::transform::default_features;
use crate::data::Table;
use crate::kernels::pca::AlgorithmMode;
use crate::ui::components::dataset_picker::DatasetPicker;
use crate::ui::components::feature_picker::FeaturePicker;
use crate::ui::pages::kmeans::params::{set, set_in};

#[component]
pub fn Form(
    query: RwSignal<Vec<(String, String)>>,
    parsed: Memo<(LabParams, Vec<String>)>,
    table: Signal<Option<Arc<Table>>>,
) -> impl IntoView {
    let raw = move |name: &'static str, default: String| {
        move || {
            query
                .with(|q| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
                .unwrap_or_else(|| default.clone())
        }
    };
    let defaults = LabParams::default().pca;
    let lab = move || parsed.get().0;
    let chosen = Signal::derive(move || {
        lab().features.unwrap_or_else(|| {
            table
                .get()
                .map(|t| default_features(&t))
                .unwrap_or_default()
        })
    });
    let number =
        move |name: &'static str, default: String, min: &'static str, help: &'static str| {
            view! {
                <label class="field">
                    <span>{name}</span>
                    <input type="number" name=name min=min step="1" prop:value=raw(name, default)
                        on:change=move |ev| set_in(query, name, event_target_value(&ev)) />
                    <small>{help}</small>
                </label>
            }
        };
    let check = move |name: &'static str, on: fn(&LabParams) -> bool, label: &'static str| {
        view! {
            <label class="check">
                <input type="checkbox" name=name prop:checked=move || on(&lab())
                    on:change=move |ev| set_in(query, name, event_target_checked(&ev).to_string()) />
                {label}
            </label>
        }
    };
    let set_features = move |list: Vec<String>| set_in(query, "features", list.join(","));
    view! {
        <div class="form">
            <DatasetPicker selected=Signal::derive(move || lab().dataset) on_select=move |id: String| {
                query.update(|q| {
                    q.retain(|(k, _)| !["features", "colour", "drop_missing"].contains(&k.as_str()));
                    set(q, "dataset", id);
                });
            } />
            <FeaturePicker table=table chosen=chosen on_change=set_features />
            {number("num_components", defaults.num_components.to_string(), "1", "Principal components to keep.")}
            <label class="field">
                <span>"algorithm_mode"</span>
                <select name="algorithm_mode" prop:value=raw("algorithm_mode", "regular".into())
                    on:change=move |ev| set_in(query, "algorithm_mode", event_target_value(&ev))>
                    <option value="regular">"regular (covariance + eigendecomposition)"</option>
                    <option value="randomized">"randomized (sketch + small SVD)"</option>
                </select>
            </label>
            {check("subtract_mean", |l| l.pca.subtract_mean, "subtract_mean (centre each feature)")}
            {check("standardize", |l| l.pca.standardize, "standardize (divide by each feature's std)")}
            <Show when=move || lab().pca.algorithm_mode == AlgorithmMode::Randomized>
                {number("extra_components", defaults.extra_components.to_string(), "-1", "Oversampling of the sketch; −1 means max(10, num_components).")}
                {number("power_iterations", defaults.power_iterations.to_string(), "0", "Each pass sharpens the gap between kept and dropped directions.")}
                {number("seed", defaults.seed.to_string(), "0", "The random test matrix's seed.")}
            </Show>
            <ul class="param-errors" data-testid="param-errors">
                {move || parsed.get().1.into_iter().map(|e| view! { <li class="error">{e}</li> }).collect::<Vec<_>>()}
            </ul>
        </div>
    }
}
