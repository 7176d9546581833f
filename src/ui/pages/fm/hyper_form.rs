//! SageMaker factorization-machines hyperparameters; every input reads from and writes to
//! the URL query (an emptied input returns to the default).

use leptos::prelude::*;

use super::params::{remove_in, set_in};
use super::Parsed;
use crate::kernels::fm::FmParams;

#[component]
pub fn HyperForm(query: RwSignal<Vec<(String, String)>>, parsed: Parsed) -> impl IntoView {
    let d = FmParams::default();
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
                <input type="number" name=name step=step min="0" prop:value=raw(name, default)
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if v.is_empty() { remove_in(query, name) } else { set_in(query, name, v) }
                    } />
                <small>{help}</small>
            </label>
        }
    };
    view! {
        <div class="form fm-hyper">
            <label class="field">
                <span>"predictor_type"</span>
                <select name="predictor_type" prop:value=raw("predictor_type", "regressor".into())
                    on:change=move |ev| set_in(query, "predictor_type", event_target_value(&ev))>
                    <option value="regressor">"regressor (squared loss, RMSE)"</option>
                    <option value="binary_classifier">"binary_classifier (logistic loss)"</option>
                </select>
            </label>
            {number("num_factors", d.num_factors.to_string(), "1", "k, the length of each feature's vector; 0 leaves a linear model.")}
            {number("epochs", d.epochs.to_string(), "1", "Passes over the training rows.")}
            {number("mini_batch_size", d.mini_batch_size.to_string(), "1", "Rows per Adam step.")}
            <details class="more-params">
                <summary>"Learning rates, weight decay, initialization"</summary>
                {number("bias_lr", d.bias_lr.to_string(), "0.001", "Step size of the global bias w₀.")}
                {number("linear_lr", d.linear_lr.to_string(), "0.001", "Step size of the linear weights w.")}
                {number("factors_lr", d.factors_lr.to_string(), "0.001", "Step size of the factors V.")}
                {number("bias_wd", d.bias_wd.to_string(), "0.0001", "L2 penalty on w₀.")}
                {number("linear_wd", d.linear_wd.to_string(), "0.0001", "L2 penalty on w.")}
                {number("factors_wd", d.factors_wd.to_string(), "0.0001", "L2 penalty on V.")}
                {number("factors_init_sigma", d.factors_init_sigma.to_string(), "0.01", "V starts as N(0, σ²): the init scale.")}
                {number("clip_gradient", String::new(), "0.1", "Optional: clip every gradient entry to ±this.")}
                {number("seed", d.seed.to_string(), "1", "Seed of the initial factors and the shuffles.")}
            </details>
            <ul class="param-errors" data-testid="param-errors">
                {move || parsed.get().1.into_iter().map(|e| view! { <li class="error">{e}</li> }).collect::<Vec<_>>()}
            </ul>
        </div>
    }
}
