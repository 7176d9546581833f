//! Type a term: its document frequency, idf, and the documents where it weighs most.

use leptos::prelude::*;

use super::params::set_in;
use super::run::Fitted;

/// Documents listed per term.
const TOP_DOCUMENTS: usize = 10;

#[component]
pub fn TermExplorer(
    fitted: Signal<Option<Fitted>>,
    term: Signal<String>,
    query: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let info = move || {
        let term = term.get();
        if term.trim().is_empty() {
            return None;
        }
        let fitted = fitted.get()?;
        Some((
            term.clone(),
            fitted.index.term_info(&term, TOP_DOCUMENTS),
            fitted,
        ))
    };
    view! {
        <section class="tfidf-explorer">
            <h2>"Term explorer"</h2>
            <label class="field inline">
                <span>"Term"</span>
                <input type="search" name="term" data-testid="term" placeholder="e.g. tariff" prop:value=move || term.get()
                    on:change=move |ev| set_in(query, "term", event_target_value(&ev)) />
            </label>
            {move || info().map(|(term, info, fitted)| match info {
                None => view! { <p class="muted" data-testid="term-info">{format!("\"{term}\" is not in the vocabulary (after lowercasing, stop words and pruning).")}</p> }.into_any(),
                Some(info) => {
                    let n = fitted.index.documents();
                    view! {
                        <div data-testid="term-info">
                            <dl class="term-stats">
                                <div><dt>"term"</dt><dd data-term=info.name.clone()>{info.name.clone()}</dd></div>
                                <div><dt>"df"</dt><dd data-df=info.df>{format!("{} of {n} documents", info.df)}</dd></div>
                                <div><dt>"idf"</dt><dd data-idf=info.idf.to_string()>{format!("{:.4}", info.idf)}</dd></div>
                            </dl>
                            <table class="term-docs">
                                <thead><tr><th>"document"</th><th>"weight"</th></tr></thead>
                                <tbody>
                                    {info.documents.iter().map(|&(doc, w)| {
                                        let id = fitted.index.doc_ids.get(doc).cloned().unwrap_or_default();
                                        let pick = id.clone();
                                        view! { <tr><td><button class="link" on:click=move |_| set_in(query, "doc", pick.clone())>{id}</button></td><td>{format!("{w:.4}")}</td></tr> }
                                    }).collect::<Vec<_>>()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                }
            })}
        </section>
    }
}
