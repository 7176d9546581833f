//! The parameter form: every input reads from and writes to the URL query.

use std::sync::Arc;

use leptos::prelude::*;

use super::params::{set_in, LabParams};
use crate::data::transform::default_features;
use crate::data::Table;
use crate::kernels::kmeans::Distance;
use crate::ui::components::dataset_picker::DatasetPicker;
use crate::ui::components::feature_picker::FeaturePicker;

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
    let defaults = LabParams::default().kmeans;
    let lab = move || parsed.get().0;
    let chosen = Signal::derive(move || {
        lab().features.unwrap_or_else(|| {
            table
                .get()
                .map(|t| default_features(&t))
                .unwrap_or_default()
        })
    });
    let set_features = move |list: Vec<String>| set_in(query, "features", list.join(","));
    let number = move |name: &'static str,
                       label: &'static str,
                       default: String,
                       min: &'static str,
                       step: &'static str,
                       help: &'static str| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="number" name=name min=min step=step prop:value=raw(name, default)
                    on:change=move |ev| set_in(query, name, event_target_value(&ev)) />
                <small>{help}</small>
            </label>
        }
    };
    view! {
        <div class="form">
            <DatasetPicker selected=Signal::derive(move || lab().dataset) on_select=move |id: String| {
                query.update(|q| {
                    q.retain(|(k, _)| !["features", "x", "y", "drop_missing"].contains(&k.as_str()));
                    super::params::set(q, "dataset", id);
                });
            } />
            <FeaturePicker table=table chosen=chosen on_change=set_features />
            {number("k", "k (clusters)", defaults.k.to_string(), "1", "1", "How many centroids.")}
            <label class="field">
                <span>"init_method"</span>
                <select name="init_method" prop:value=raw("init_method", "kmeans++".into())
                    on:change=move |ev| set_in(query, "init_method", event_target_value(&ev))>
                    <option value="kmeans++">"kmeans++ (spread out)"</option>
                    <option value="random">"random rows"</option>
                </select>
            </label>
            <label class="field">
                <span>"distance"</span>
                <select name="distance" prop:value=raw("distance", "euclidean".into())
                    on:change=move |ev| set_in(query, "distance", event_target_value(&ev))>
                    <option value="euclidean">"euclidean (mean update)"</option>
                    <option value="manhattan">"manhattan (median update)"</option>
                </select>
            </label>
            <Show when=move || lab().kmeans.distance == Distance::Manhattan>
                <p class="note">"With Manhattan distance each centroid moves to the per-dimension median of its points: the median minimises a sum of absolute differences, just as the mean minimises a sum of squares, so J keeps decreasing."</p>
            </Show>
            {number("max_iter", "max_iter", defaults.max_iter.to_string(), "1", "1", "Upper bound on assign/update steps per init.")}
            {number("tol", "tol (ε)", defaults.tol.to_string(), "0", "any", "Stop when no centroid moves farther than ε.")}
            {number("n_init", "n_init", defaults.n_init.to_string(), "1", "1", "Restarts; the lowest J is kept.")}
            {number("seed", "seed", defaults.seed.to_string(), "0", "1", "Same seed, same result.")}
            <label class="check">
                <input type="checkbox" name="standardize" prop:checked=move || lab().standardize
                    on:change=move |ev| set_in(query, "standardize", event_target_checked(&ev).to_string()) />
                "standardize (z-score each feature first)"
            </label>
            <ul class="param-errors" data-testid="param-errors">
                {move || parsed.get().1.into_iter().map(|e| view! { <li class="error">{e}</li> }).collect::<Vec<_>>()}
            </ul>
        </div>
    }
}
