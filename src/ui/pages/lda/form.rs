//! The LDA parameter form: every input reads from and writes to the URL query.

use leptos::prelude::*;

use super::params::LabParams;
use crate::ui::pages::tfidf::params::set_in;

#[component]
pub fn Form(
    query: RwSignal<Vec<(String, String)>>,
    parsed: Memo<(LabParams, Vec<String>)>,
) -> impl IntoView {
    let raw = move |name: &'static str, default: String| {
        move || {
            query
                .with(|q| q.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
                .unwrap_or_else(|| default.clone())
        }
    };
    let d = LabParams::default().lda;
    let field = move |name: &'static str, default: String, help: &'static str| {
        view! {
            <label class="field">
                <span>{name}</span>
                <input type="text" inputmode="decimal" name=name prop:value=raw(name, default)
                    on:change=move |ev| set_in(query, name, event_target_value(&ev)) />
                <small>{help}</small>
            </label>
        }
    };
    view! {
        <div class="form">
            {field("num_topics", d.num_topics.to_string(), "How many topics (SageMaker: num_topics).")}
            {field("alpha0", d.alpha0.to_string(), "Sum of the document-topic prior; each topic gets alpha0 / num_topics. Small: documents use few topics.")}
            {field("beta", d.beta.to_string(), "Topic-word prior per word. Small: topics use few words.")}
            {field("iterations", d.iterations.to_string(), "Gibbs sweeps over every word of the corpus.")}
            {field("seed", d.seed.to_string(), "Same seed, same topics.")}
            <label class="check">
                <input type="checkbox" name="stop_words" prop:checked=move || parsed.get().0.lda.stop_words
                    on:change=move |ev| set_in(query, "stop_words", event_target_checked(&ev).to_string()) />
                "stop_words: drop English stop words"
            </label>
            {field("min_df", d.min_df.to_string(), "Keep words in at least this many documents (or fraction).")}
            {field("max_df", d.max_df.to_string(), "Drop words in more documents than this (count or fraction).")}
        </div>
    }
}
