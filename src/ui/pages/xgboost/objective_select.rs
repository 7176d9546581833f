//! XGBoost's task override: `objective` (auto = detected from the target column).

use leptos::prelude::*;

use super::params::{remove_in, set_in};

#[component]
pub fn ObjectiveSelect(query: RwSignal<Vec<(String, String)>>) -> impl IntoView {
    let current = move || {
        query
            .with(|q| {
                q.iter()
                    .find(|(k, _)| k == "objective")
                    .map(|(_, v)| v.clone())
            })
            .unwrap_or_else(|| "auto".into())
    };
    view! {
        <label class="field">
            <span>"objective"</span>
            <select name="objective" prop:value=current
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if v == "auto" { remove_in(query, "objective") } else { set_in(query, "objective", v) }
                }>
                <option value="auto">"auto (from the target)"</option>
                <option value="binary:logistic">"binary:logistic"</option>
                <option value="multi:softprob">"multi:softprob"</option>
                <option value="reg:squarederror">"reg:squarederror"</option>
            </select>
        </label>
    }
}
