//! k-NN's own parameters (SageMaker's names where it has them) and the map's two features;
//! every input reads from and writes to the URL query, and parse errors are listed below.

use leptos::prelude::*;

use crate::ui::pages::xgboost::params::{remove_in, set_in};

type Query = RwSignal<Vec<(String, String)>>;

fn raw(query: Query, name: &'static str, default: &'static str) -> impl Fn() -> String + Clone {
    move || {
        query
            .with(|q| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
            .unwrap_or_else(|| default.to_string())
    }
}

/// Writes a value; the default (or an empty field) leaves the URL without it.
fn write(query: Query, name: &'static str, default: &'static str, value: String) {
    if value.trim().is_empty() || value == default {
        remove_in(query, name)
    } else {
        set_in(query, name, value)
    }
}

fn select(
    query: Query,
    name: &'static str,
    options: &'static [(&'static str, &'static str)],
    help: &'static str,
) -> impl IntoView {
    let default = options[0].0;
    let current = raw(query, name, default);
    view! {
        <label class="field">
            <span>{name}</span>
            <select name=name prop:value=current.clone()
                on:change=move |ev| write(query, name, default, event_target_value(&ev))>
                {options.iter().map(|(value, label)| {
                    let selected = current() == *value;
                    view! { <option value={*value} selected=selected>{*label}</option> }
                }).collect::<Vec<_>>()}
            </select>
            <small>{help}</small>
        </label>
    }
}

/// `predictor_type`, shown in the data form next to the detected task.
#[component]
pub fn PredictorSelect(query: Query) -> impl IntoView {
    select(
        query,
        "predictor_type",
        &[
            ("auto", "auto"),
            ("classifier", "classifier"),
            ("regressor", "regressor"),
        ],
        "classifier: majority vote of the k; regressor: their mean. auto: from the target.",
    )
}

#[component]
pub fn KnnForm(
    query: Query,
    columns: Signal<Vec<String>>,
    errors: Signal<Vec<String>>,
) -> impl IntoView {
    let number = move |name: &'static str,
                       default: &'static str,
                       placeholder: &'static str,
                       help: &'static str| {
        view! {
            <label class="field">
                <span>{name}</span>
                <input type="number" name=name step="1" min="1" placeholder=placeholder prop:value=raw(query, name, default)
                    on:change=move |ev| write(query, name, default, event_target_value(&ev)) />
                <small>{help}</small>
            </label>
        }
    };
    let axis = move |name: &'static str, fallback: usize| {
        let current = raw(query, name, "");
        let chosen_now = current.clone();
        view! {
            <label class="field">
                <span>{name}</span>
                <select name=name prop:value=move || {
                        let c = current();
                        if c.is_empty() { columns.get().get(fallback).cloned().unwrap_or_default() } else { c }
                    }
                    on:change=move |ev| set_in(query, name, event_target_value(&ev))>
                    {move || {
                        let chosen = chosen_now();
                        columns.get().into_iter().enumerate().map(|(i, c)| {
                            let selected = if chosen.is_empty() { i == fallback } else { c == chosen };
                            view! { <option value=c.clone() selected=selected>{c.clone()}</option> }
                        }).collect::<Vec<_>>()
                    }}
                </select>
            </label>
        }
    };
    let standardize = raw(query, "standardize", "true");
    view! {
        <details class="hyper" open>
            <summary>"k-NN (SageMaker k-NN names)"</summary>
            <div class="form">
                {number("k", "5", "5", "Neighbours that vote (or are averaged).")}
                {number("sample_size", "", "every row", "Training rows kept in the index (a seeded random sample).")}
                {select(query, "distance", &[("euclidean", "euclidean"), ("manhattan", "manhattan"), ("cosine", "cosine")], "How far apart two rows are.")}
                {select(query, "index_type", &[("kd_tree", "kd_tree"), ("brute_force", "brute_force")], "Same neighbours either way; only the time differs (see below).")}
                {number("seed", "0", "0", "Seed of the sample_size draw.")}
                <label class="check">
                    <input type="checkbox" name="standardize" prop:checked=move || standardize() == "true"
                        on:change=move |ev| set_in(query, "standardize", event_target_checked(&ev).to_string()) />
                    "standardize (z-score each feature with the training mean and standard deviation)"
                </label>
            </div>
        </details>
        <details class="hyper" open>
            <summary>"Decision-region map"</summary>
            <div class="form">
                {axis("map_x", 0)}
                {axis("map_y", 1)}
            </div>
        </details>
        <ul class="param-errors" data-testid="param-errors">
            {move || errors.get().into_iter().map(|e| view! { <li class="error">{e}</li> }).collect::<Vec<_>>()}
        </ul>
    }
}
