//! The Random Cut Forest parameter form: every input reads from and writes to the URL query.

use std::sync::Arc;

use leptos::prelude::*;

use super::params::{remove_in, set, set_in, LabParams, DEFAULT_SHINGLE};
use super::prepare::{feature_names, target_name};
use crate::data::Table;
use crate::ui::components::dataset_picker::DatasetPicker;
use crate::ui::components::feature_picker::FeaturePicker;

#[component]
pub fn Form(
    query: RwSignal<Vec<(String, String)>>,
    parsed: Memo<(LabParams, Vec<String>)>,
    table: Signal<Option<Arc<Table>>>,
) -> impl IntoView {
    let lab = move || parsed.get().0;
    let defaults = LabParams::default().rcf;
    let raw = move |name: &'static str, default: String| {
        move || {
            query
                .with(|q| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
                .unwrap_or_else(|| default.clone())
        }
    };
    let number = move |name: &'static str,
                       default: String,
                       step: &'static str,
                       help: &'static str| {
        view! {
            <label class="field">
                <span>{name}</span>
                <input type="number" name=name min="0" step=step prop:value=raw(name, default)
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if v.is_empty() { remove_in(query, name) } else { set_in(query, name, v) }
                    } />
                <small>{help}</small>
            </label>
        }
    };
    let chosen = Signal::derive(move || {
        table
            .get()
            .map(|t| feature_names(&lab(), &t))
            .unwrap_or_default()
    });
    let target = move || table.get().and_then(|t| target_name(&lab(), &t));
    let set_features = move |list: Vec<String>| set_in(query, "features", list.join(","));
    let numeric = move || table.get().map(|t| t.numeric_names()).unwrap_or_default();
    view! {
        <div class="form">
            <DatasetPicker selected=Signal::derive(move || lab().dataset) on_select=move |id: String| {
                query.update(|q| {
                    q.retain(|(k, _)| !["features", "target", "threshold"].contains(&k.as_str()));
                    set(q, "dataset", id);
                });
            } />
            <label class="field">
                <span>"target (label, optional)"</span>
                <select data-testid="target" name="target" prop:value=move || target().unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        query.update(|q| {
                            q.retain(|(k, _)| k != "features");
                            set(q, "target", v);
                        });
                    }>
                    <option value="">"(none: score only)"</option>
                    {move || {
                        let current = target().unwrap_or_default();
                        numeric().into_iter().map(|c| {
                            let selected = c == current;
                            view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
                        }).collect::<Vec<_>>()
                    }}
                </select>
                <small>"A 0/1 column (1 = anomaly): the forest never sees it; it only measures the scores (AUC)."</small>
            </label>
            <FeaturePicker table=table chosen=chosen on_change=set_features />
            {number("num_trees", defaults.num_trees.to_string(), "1", "Trees in the forest; the score is their mean.")}
            {number("num_samples_per_tree", defaults.num_samples_per_tree.to_string(), "1", "Reservoir sample size of each tree.")}
            {number("shingle_size", DEFAULT_SHINGLE.to_string(), "1", "Consecutive rows joined into one point; 1 scores rows on their own (tabular data).")}
            <label class="field">
                <span>"mode"</span>
                <select name="mode" prop:value=raw("mode", "batch".into())
                    on:change=move |ev| set_in(query, "mode", event_target_value(&ev))>
                    <option value="batch">"batch (sample everything, then score every row)"</option>
                    <option value="streaming">"streaming (score each point on arrival, then update the trees)"</option>
                </select>
            </label>
            {number("time_decay", defaults.time_decay.to_string(), "0.0001", "Recency bias of the reservoirs (0 = uniform sample).")}
            {number("seed", defaults.seed.to_string(), "1", "Seed of the samplers and the cuts.")}
            <ul class="param-errors" data-testid="param-errors">
                {move || parsed.get().1.into_iter().map(|e| view! { <li class="error">{e}</li> }).collect::<Vec<_>>()}
            </ul>
        </div>
    }
}
