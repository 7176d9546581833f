//! A file input for one SageMaker channel (`upload-train`, `upload-validation`): the CSV is
//! parsed in a worker like any upload, and its dataset id goes to `on_added`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;

use crate::ui::datasets::Datasets;

#[component]
pub fn ChannelUpload(
    testid: &'static str,
    label: &'static str,
    #[prop(into)] on_added: Callback<String>,
) -> impl IntoView {
    let datasets = expect_context::<Datasets>();
    let on_change = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        if let Some(file) = input.files().and_then(|l| l.get(0)) {
            datasets.upload(file, move |id| on_added.run(id));
        }
        input.set_value("");
    };
    view! {
        <label class="field channel-upload">
            <span>{label}</span>
            <input type="file" data-testid=testid accept=".csv,.tsv,.txt,text/csv" on:change=on_change />
        </label>
    }
}
