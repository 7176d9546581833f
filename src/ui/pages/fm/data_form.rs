//! The data half of the form: dataset, target, the columns to one-hot encode, and the
//! validation rows (a held-out share, or a second CSV as SageMaker's validation channel).

use std::sync::Arc;

use leptos::prelude::*;

use super::params::{remove_in, set, set_in};
use super::prepare::{feature_names, target_name};
use super::Parsed;
use crate::data::{Column, Table};
use crate::kernels::fm::PredictorType;
use crate::ui::components::dataset_picker::DatasetPicker;
use crate::ui::datasets::Datasets;
use crate::ui::pages::xgboost::channel_upload::ChannelUpload;

/// Clears what depends on the columns of the old dataset.
fn choose_dataset(query: RwSignal<Vec<(String, String)>>, id: String) {
    query.update(|q| {
        q.retain(|(k, _)| !["target", "features", "embed", "binarize"].contains(&k.as_str()));
        set(q, "dataset", id);
    });
}

/// What a column becomes once one-hot encoded.
fn describe(column: &Column) -> String {
    match column {
        Column::Categorical { levels, .. } => format!(" (categorical, {} levels)", levels.len()),
        Column::Numeric(_) => " (numeric: each value becomes a category)".into(),
        Column::Text(_) => " (text: each value becomes a category)".into(),
    }
}

#[component]
pub fn DataForm(
    query: RwSignal<Vec<(String, String)>>,
    parsed: Parsed,
    table: Signal<Option<Arc<Table>>>,
) -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    let lab = move || parsed.get().0;
    let target = move || table.get().and_then(|t| target_name(&lab(), &t));
    let columns = move || table.get().map(|t| t.names.clone()).unwrap_or_default();
    let chosen = move || {
        let (Some(t), Some(target)) = (table.get(), target()) else {
            return Vec::new();
        };
        feature_names(&lab(), &t, &target)
    };
    let candidates = move || {
        let (Some(t), target) = (table.get(), target().unwrap_or_default()) else {
            return Vec::new();
        };
        t.names
            .iter()
            .zip(&t.columns)
            .filter(|(n, _)| **n != target)
            .map(|(n, c)| (n.clone(), describe(c)))
            .collect::<Vec<_>>()
    };
    let toggle_feature = move |name: String, on: bool| {
        let mut list = chosen();
        list.retain(|f| f != &name);
        if on {
            list.push(name);
        }
        let order = columns();
        list.sort_by_key(|f| order.iter().position(|o| o == f).unwrap_or(usize::MAX));
        set_in(query, "features", list.join(","));
    };
    let other_datasets = move || {
        let current = lab().dataset;
        datasets
            .list
            .get()
            .into_iter()
            .filter(|d| d.id != current)
            .map(|d| (d.id, d.name))
            .collect::<Vec<_>>()
    };
    let raw = move |name: &'static str, default: &'static str| {
        move || {
            query
                .with(|q| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
                .unwrap_or_else(|| default.to_string())
        }
    };
    let number = move |name: &'static str,
                       default: &'static str,
                       step: &'static str,
                       help: &'static str| {
        view! {
            <label class="field">
                <span>{name}</span>
                <input type="number" name=name step=step prop:value=raw(name, default)
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if v.is_empty() { remove_in(query, name) } else { set_in(query, name, v) }
                    } />
                <small>{help}</small>
            </label>
        }
    };
    let binary = move || lab().fm.predictor_type == PredictorType::BinaryClassifier;

    view! {
        <div class="form">
            <DatasetPicker selected=Signal::derive(move || lab().dataset) on_select=move |id: String| choose_dataset(query, id) />
            <label class="field">
                <span>"target"</span>
                <select data-testid="target" name="target" prop:value=move || target().unwrap_or_default()
                    on:change=move |ev| {
                        query.update(|q| {
                            q.retain(|(k, _)| !["features", "embed"].contains(&k.as_str()));
                            set(q, "target", event_target_value(&ev));
                        });
                    }>
                    {move || {
                        let current = target().unwrap_or_default();
                        columns().into_iter().map(|c| {
                            let selected = c == current;
                            view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
                        }).collect::<Vec<_>>()
                    }}
                </select>
                <small>"A rating (regressor) or a 0/1 click (binary_classifier)."</small>
            </label>
            <Show when=binary>
                {number("binarize", "", "0.5", "Optional: label = 1 when the target ≥ this (e.g. 4 turns ratings into likes).")}
            </Show>
            <fieldset class="features">
                <legend>"features (one-hot encoded)"</legend>
                {move || {
                    let picked = chosen();
                    candidates().into_iter().map(|(name, note)| {
                        let checked = picked.contains(&name);
                        let n = name.clone();
                        view! {
                            <label class="check"><input type="checkbox" prop:checked=checked
                                on:change=move |ev| toggle_feature(n.clone(), event_target_checked(&ev)) />{name}{note}</label>
                        }
                    }).collect::<Vec<_>>()
                }}
            </fieldset>
            <label class="field">
                <span>"embed"</span>
                <select name="embed" prop:value=move || lab().embed.unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if v.is_empty() { remove_in(query, "embed") } else { set_in(query, "embed", v) }
                    }>
                    <option value="">"second feature (the item)"</option>
                    {move || chosen().into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect::<Vec<_>>()}
                </select>
                <small>"Whose factor vectors to map in 2-D."</small>
            </label>
            <fieldset class="channels">
                <legend>"Validation rows"</legend>
                <label class="field">
                    <span>"validation"</span>
                    <select name="validation" prop:value=move || lab().validation.unwrap_or_default()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if v.is_empty() { remove_in(query, "validation") } else { set_in(query, "validation", v) }
                        }>
                        <option value="">"hold out part of the training data"</option>
                        {move || {
                            let current = lab().validation.unwrap_or_default();
                            other_datasets().into_iter().map(|(id, name)| {
                                let selected = id == current;
                                view! { <option value=id.clone() selected=selected>{format!("channel: {name}")}</option> }
                            }).collect::<Vec<_>>()
                        }}
                    </select>
                </label>
                <Show when=move || lab().validation.is_none()>
                    {number("validation_fraction", "0.2", "0.05", "Share of rows held out (0 = none).")}
                    {number("split_seed", "0", "1", "Seed of the shuffle.")}
                </Show>
                <ChannelUpload testid="upload-train" label="train channel CSV" on_added=move |id: String| choose_dataset(query, id) />
                <ChannelUpload testid="upload-validation" label="validation channel CSV" on_added=move |id: String| set_in(query, "validation", id) />
            </fieldset>
        </div>
    }
}
