//! The hyperparameters under SageMaker linear learner's names and with its defaults; every
//! input reads from and writes to the URL query, and the parse errors are listed below.

use leptos::prelude::*;

use crate::kernels::linear::LinearParams;
use crate::ui::pages::xgboost::params::{remove_in, set_in};

type Query = RwSignal<Vec<(String, String)>>;

fn raw(query: Query, name: &'static str, default: String) -> impl Fn() -> String + Clone {
    move || {
        query
            .with(|q| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
            .unwrap_or_else(|| default.clone())
    }
}

/// A value the kernel may choose ("auto"): empty or "auto" removes it from the URL.
fn write_or_auto(query: Query, name: &'static str, value: String) {
    match value.trim() {
        "" | "auto" => remove_in(query, name),
        v => set_in(query, name, v.to_string()),
    }
}

fn select(
    query: Query,
    name: &'static str,
    default: &'static str,
    options: &'static [&'static str],
    help: &'static str,
) -> impl IntoView {
    let current = raw(query, name, default.to_string());
    view! {
        <label class="field">
            <span>{name}</span>
            <select name=name prop:value=current.clone()
                on:change=move |ev| write_or_auto(query, name, event_target_value(&ev))>
                {options.iter().map(|o| {
                    let selected = current() == *o;
                    view! { <option value={*o} selected=selected>{*o}</option> }
                }).collect::<Vec<_>>()}
            </select>
            <small>{help}</small>
        </label>
    }
}

fn number(
    query: Query,
    name: &'static str,
    default: String,
    step: &'static str,
    help: &'static str,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{name}</span>
            <input type="number" name=name step=step prop:value=raw(query, name, default)
                on:change=move |ev| set_in(query, name, event_target_value(&ev)) />
            <small>{help}</small>
        </label>
    }
}

fn auto(query: Query, name: &'static str, help: &'static str) -> impl IntoView {
    view! {
        <label class="field">
            <span>{name}</span>
            <input type="text" inputmode="decimal" name=name placeholder="auto" prop:value=raw(query, name, String::new())
                on:change=move |ev| write_or_auto(query, name, event_target_value(&ev)) />
            <small>{help}</small>
        </label>
    }
}

fn check(query: Query, name: &'static str, default: bool, help: &'static str) -> impl IntoView {
    let on = raw(query, name, default.to_string());
    view! {
        <label class="check" title=help>
            <input type="checkbox" name=name prop:checked=move || on() == "true"
                on:change=move |ev| set_in(query, name, event_target_checked(&ev).to_string()) />
            {name}
        </label>
    }
}

/// `predictor_type`, shown in the data form next to the detected task.
#[component]
pub fn PredictorSelect(query: Query) -> impl IntoView {
    select(
        query,
        "predictor_type",
        "auto",
        &[
            "auto",
            "binary_classifier",
            "multiclass_classifier",
            "regressor",
        ],
        "auto: from the target (two classes, more, or numbers).",
    )
}

#[component]
pub fn HyperForm(query: Query, errors: Signal<Vec<String>>) -> impl IntoView {
    let d = LinearParams::default();
    view! {
        <details class="hyper" open>
            <summary>"Model selection (SageMaker linear learner names)"</summary>
            <div class="form">
                {number(query, "num_models", d.num_models.to_string(), "1", "Models trained together, each with its own learning_rate, l1 and wd when those are auto.")}
                {select(query, "binary_classifier_model_selection_criteria", "accuracy",
                    &["accuracy", "f1", "precision_at_target_recall", "recall_at_target_precision", "loss_function"],
                    "How the winner and its decision threshold are picked on the validation rows (binary_classifier).")}
                {number(query, "target_recall", d.target_recall.to_string(), "0.05", "For precision_at_target_recall.")}
                {number(query, "target_precision", d.target_precision.to_string(), "0.05", "For recall_at_target_precision.")}
            </div>
        </details>
        <details class="hyper" open>
            <summary>"Training"</summary>
            <div class="form">
                {select(query, "optimizer", "adam", &["adam", "adagrad", "sgd"], "Step rule for each mini-batch.")}
                {auto(query, "learning_rate", "auto: spread over the models (log scale).")}
                {auto(query, "l1", "L1 penalty l1·Σ|w|: pushes weights to exactly zero. auto: half the models 0.")}
                {auto(query, "wd", "L2 penalty ½·wd·Σw² (weight decay). auto: spread over the models.")}
                {number(query, "mini_batch_size", d.mini_batch_size.to_string(), "1", "Rows per gradient step.")}
                {number(query, "epochs", d.epochs.to_string(), "1", "Passes over the (reshuffled) training rows.")}
                {number(query, "early_stopping_patience", d.early_stopping_patience.to_string(), "1", "Epochs without improvement before a model stops.")}
                {number(query, "early_stopping_tolerance", d.early_stopping_tolerance.to_string(), "0.001", "Relative loss improvement that counts.")}
                {number(query, "seed", d.seed.to_string(), "1", "Seed of the shuffles and of the auto values.")}
                {select(query, "normalize_label", "auto", &["auto", "true", "false"], "z-score a regression target (auto: yes for regressor).")}
                <div class="checks">
                    {check(query, "normalize_data", d.normalize_data, "z-score each feature with the training mean and standard deviation")}
                    {check(query, "use_bias", d.use_bias, "learn an intercept")}
                    {check(query, "balance_multiclass_weights", d.balance_multiclass_weights, "weight classes equally in a multiclass loss")}
                </div>
            </div>
        </details>
        <ul class="param-errors" data-testid="param-errors">
            {move || errors.get().into_iter().map(|e| view! { <li class="error">{e}</li> }).collect::<Vec<_>>()}
        </ul>
    }
}
