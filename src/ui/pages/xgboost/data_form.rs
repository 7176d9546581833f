//! The data half of a supervised lab's form: dataset, target (with the detected task and,
//! as children, the lab's task override), features, and the validation rows (a split, or a
//! second CSV as SageMaker's validation channel). Every input reads from and writes to the
//! URL query. Shared by the XGBoost, linear learner and k-NN labs.

use std::sync::Arc;

use leptos::prelude::*;

use super::channel_upload::ChannelUpload;
use super::data_choice::DataChoice;
use super::params::{remove_in, set, set_in};
use crate::data::supervised::MAX_LEVELS;
use crate::data::supervised::{detect_objective, task_name, TargetEncoding};
use crate::data::supervised::{feature_names, target_name};
use crate::data::{Column, Table};
use crate::ui::components::dataset_picker::DatasetPicker;
use crate::ui::datasets::Datasets;

/// Parameters that name columns or depend on the target, per lab (`objective` in XGBoost,
/// `predictor_type` in the linear learner and k-NN, the map axes in k-NN).
const TARGET_DEPENDENT: [&str; 5] = ["features", "objective", "predictor_type", "map_x", "map_y"];

/// Clears what depends on the columns of the old dataset.
fn choose_dataset(query: RwSignal<Vec<(String, String)>>, id: String) {
    query.update(|q| {
        q.retain(|(k, _)| k != "target" && k != "row" && !TARGET_DEPENDENT.contains(&k.as_str()));
        set(q, "dataset", id);
    });
}

/// `missing_note` says what the lab does with a missing feature value; `children` is the
/// lab's task override (XGBoost's `objective`, the others' `predictor_type`).
/// `objective_names` adds XGBoost's name of the detected task ("binary:logistic"), which
/// means something only in the boosting lab.
#[component]
pub fn DataForm(
    query: RwSignal<Vec<(String, String)>>,
    #[prop(into)] data: Signal<DataChoice>,
    table: Signal<Option<Arc<Table>>>,
    missing_note: &'static str,
    #[prop(optional)] objective_names: bool,
    children: Children,
) -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    let lab = move || data.get();
    let raw = move |name: &'static str, default: String| {
        move || {
            query
                .with(|q| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
                .unwrap_or_else(|| default.clone())
        }
    };
    let target = move || table.get().and_then(|t| target_name(&lab().spec, &t));
    let columns = move || table.get().map(|t| t.names.clone()).unwrap_or_default();
    let task = move || {
        let (t, name) = (table.get()?, target()?);
        let column = t.column(&name)?;
        let detected = detect_objective(column);
        let classes = TargetEncoding::new(&t, &name, Some(detected))
            .map(|e| e.classes)
            .unwrap_or_default();
        let shown: Vec<String> = classes.iter().take(6).cloned().collect();
        let more = if classes.len() > 6 { ", …" } else { "" };
        let name = if objective_names {
            format!("{} ({})", task_name(detected), detected.name())
        } else {
            task_name(detected).to_string()
        };
        Some(if classes.is_empty() {
            format!("Detected: {name}")
        } else {
            format!("Detected: {name}, classes {}{more}", shown.join(", "))
        })
    };
    // Every column but the target that can be a feature, with what it becomes.
    let candidates = move || {
        let Some(t) = table.get() else {
            return Vec::new();
        };
        let target = target().unwrap_or_default();
        t.names
            .iter()
            .zip(&t.columns)
            .filter(|(n, _)| **n != target)
            .filter_map(|(n, c)| match c {
                Column::Numeric(_) => Some((n.clone(), String::new())),
                Column::Categorical { levels, .. } if levels.len() <= MAX_LEVELS => Some((
                    n.clone(),
                    format!(" (categorical, {} levels)", levels.len()),
                )),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    let chosen = move || {
        let (Some(t), Some(target)) = (table.get(), target()) else {
            return Vec::new();
        };
        feature_names(&lab().spec, &t, &target).0
    };
    let toggle_feature = move |name: String, on: bool| {
        let mut list = chosen();
        list.retain(|f| f != &name);
        if on {
            list.push(name);
        }
        // Keep the table's column order so links stay stable.
        let order = columns();
        list.sort_by_key(|f| order.iter().position(|o| o == f).unwrap_or(usize::MAX));
        set_in(query, "features", list.join(","));
    };
    let one_hot_note = move || {
        let t = table.get()?;
        let cats: Vec<String> = chosen()
            .iter()
            .filter_map(|f| match t.column(f) {
                Some(Column::Categorical { levels, .. }) => {
                    Some(format!("{f} ({} levels)", levels.len()))
                }
                _ => None,
            })
            .collect();
        (!cats.is_empty()).then(|| {
            format!(
                "Categorical columns are one-hot encoded (one 0/1 column per level): {}.",
                cats.join(", ")
            )
        })
    };
    let missing_values_note = move || {
        let t = table.get()?;
        let with_missing: Vec<String> = chosen()
            .into_iter()
            .filter(|f| {
                t.column(f)
                    .is_some_and(|c| (0..c.len()).any(|r| c.is_missing(r)))
            })
            .collect();
        (!with_missing.is_empty()).then(|| {
            format!(
                "Missing values in {} {missing_note}",
                with_missing.join(", ")
            )
        })
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
    let split_mode = move || lab().validation.is_none();
    let number = move |name: &'static str,
                       label: &'static str,
                       default: String,
                       step: &'static str,
                       help: &'static str| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="number" name=name step=step prop:value=raw(name, default)
                    on:change=move |ev| set_in(query, name, event_target_value(&ev)) />
                <small>{help}</small>
            </label>
        }
    };

    view! {
        <div class="form">
            <DatasetPicker selected=Signal::derive(move || lab().dataset) on_select=move |id: String| choose_dataset(query, id) />
            <label class="field">
                <span>"target"</span>
                <select data-testid="target" name="target" prop:value=move || target().unwrap_or_default()
                    on:change=move |ev| {
                        query.update(|q| {
                            q.retain(|(k, _)| !TARGET_DEPENDENT.contains(&k.as_str()));
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
                <small data-testid="task">{move || task().unwrap_or_default()}</small>
            </label>
            {children()}
            <fieldset class="features">
                <legend>"features"</legend>
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
            {move || one_hot_note().map(|n| view! { <p class="note" data-testid="one-hot-note">{n}</p> })}
            {move || missing_values_note().map(|n| view! { <p class="note">{n}</p> })}
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
                <Show when=split_mode>
                    {number("validation_fraction", "validation_fraction", "0.2".into(), "0.05", "Share of rows held out (0 = none).")}
                    {number("split_seed", "split_seed", "0".into(), "1", "Seed of the shuffle.")}
                    <label class="check">
                        <input type="checkbox" name="stratify" prop:checked=move || lab().spec.stratify
                            on:change=move |ev| set_in(query, "stratify", event_target_checked(&ev).to_string()) />
                        "stratify (keep class shares)"
                    </label>
                </Show>
                <ChannelUpload testid="upload-train" label="train channel CSV" on_added=move |id: String| choose_dataset(query, id) />
                <ChannelUpload testid="upload-validation" label="validation channel CSV" on_added=move |id: String| set_in(query, "validation", id) />
            </fieldset>
        </div>
    }
}
