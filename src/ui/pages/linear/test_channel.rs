//! SageMaker's `test` channel: a dataset scored with the chosen model and threshold after
//! selection, never trained or selected on, so `test:` metrics are an honest estimate
//! (the validation rows picked the model, which flatters `validation:` metrics).

use leptos::prelude::*;

use crate::ui::datasets::Datasets;
use crate::ui::pages::xgboost::channel_upload::ChannelUpload;
use crate::ui::pages::xgboost::params::{remove_in, set_in};

#[component]
pub fn TestChannel(
    query: RwSignal<Vec<(String, String)>>,
    #[prop(into)] current: Signal<Option<String>>,
    #[prop(into)] dataset: Signal<String>,
) -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    let others = move || {
        let train = dataset.get();
        datasets
            .list
            .get()
            .into_iter()
            .filter(|d| d.id != train)
            .map(|d| (d.id, d.name))
            .collect::<Vec<_>>()
    };
    view! {
        <fieldset class="channels">
            <legend>"Test rows"</legend>
            <label class="field">
                <span>"test"</span>
                <select name="test" prop:value=move || current.get().unwrap_or_default()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if v.is_empty() { remove_in(query, "test") } else { set_in(query, "test", v) }
                    }>
                    <option value="">"none"</option>
                    {move || {
                        let chosen = current.get().unwrap_or_default();
                        others().into_iter().map(|(id, name)| {
                            let selected = id == chosen;
                            view! { <option value=id.clone() selected=selected>{format!("channel: {name}")}</option> }
                        }).collect::<Vec<_>>()
                    }}
                </select>
                <small>"Scored after selection only: test: metrics are the honest estimate."</small>
            </label>
            <ChannelUpload testid="upload-test" label="test channel CSV" on_added=move |id: String| set_in(query, "test", id) />
        </fieldset>
    }
}
