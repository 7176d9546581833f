//! One document's heaviest terms as bars: what makes it different from the rest.

use leptos::prelude::*;

use super::params::set_in;
use super::run::Fitted;
use super::svg::hbars;
use crate::ui::components::chart::Chart;

const BARS: usize = 15;

#[component]
pub fn DocTerms(
    fitted: Signal<Option<Fitted>>,
    doc: Signal<Option<String>>,
    query: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    // The chosen document, or the first one.
    let chosen = Signal::derive(move || {
        let fitted = fitted.get()?;
        let ids = &fitted.index.doc_ids;
        let at = doc
            .get()
            .and_then(|d| ids.iter().position(|i| *i == d))
            .unwrap_or(0);
        Some((at, ids.get(at)?.clone(), fitted))
    });
    let svg = Signal::derive(move || {
        chosen.get().map_or_else(String::new, |(at, id, f)| {
            hbars(
                &format!("Heaviest terms of {id}"),
                "tf-idf weight",
                &f.index.top_terms(at, BARS),
            )
        })
    });
    let options = move || {
        fitted
            .get()
            .map(|f| f.index.doc_ids.clone())
            .unwrap_or_default()
    };
    view! {
        <section class="tfidf-doc-terms">
            <h2>"A document's top terms"</h2>
            <label class="field inline">
                <span>"Document"</span>
                <select name="doc" data-testid="doc" prop:value=move || chosen.get().map(|c| c.1).unwrap_or_default()
                    on:change=move |ev| set_in(query, "doc", event_target_value(&ev))>
                    {move || options().into_iter().map(|id| view! { <option value=id.clone()>{id.clone()}</option> }).collect::<Vec<_>>()}
                </select>
            </label>
            {move || chosen.get().map(|(at, _, f)| {
                let tokens = f.index.doc_tokens.get(at).copied().unwrap_or(0);
                let empty = f.index.doc_top.get(at).is_none_or(|t| t.is_empty());
                view! {
                    <p class="muted">{if empty { "This document has no terms (empty, or only stop words / pruned terms).".to_string() } else { format!("{tokens} tokens.") }}</p>
                }
            })}
            <Show when=move || chosen.get().is_some_and(|(at, _, f)| f.index.doc_top.get(at).is_some_and(|t| !t.is_empty()))>
                <Chart svg=svg file_name="tfidf-document-terms.svg" caption="The document's largest weights." />
            </Show>
        </section>
    }
}
