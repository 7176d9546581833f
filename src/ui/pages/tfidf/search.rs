//! Search: rank the documents for a query with the notes' simple algorithm (sum of the
//! document's weights of the query's terms) or cosine similarity, with highlighted snippets.
//!
//! Runs on the page against the fitted index: a query reads only its terms' postings, and
//! snippets are cut from the ten hits, so no query does corpus-sized work.

use leptos::prelude::*;

use super::params::set_in;
use super::run::Fitted;
use crate::kernels::tfidf::SearchScoring;
use crate::text::snippet;
use crate::ui::components::highlighted::SnippetText;

const HITS: usize = 10;
const SNIPPET_BYTES: usize = 260;

#[component]
pub fn Search(
    fitted: Signal<Option<Fitted>>,
    text: Signal<String>,
    scoring: Signal<SearchScoring>,
    query: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    // What is typed, searched as the user types; the URL follows on change.
    let typed = RwSignal::new(text.get_untracked());
    Effect::new(move |_| typed.set(text.get()));
    let hits = Memo::new(move |_| {
        let q = typed.get();
        let fitted = fitted.get()?;
        if q.trim().is_empty() {
            return None;
        }
        let hits = fitted.index.search(&q, scoring.get(), HITS);
        let words = fitted.index.params.analyzer().tokens(&q);
        let shown: Vec<(usize, String, f64, crate::text::Snippet)> = hits
            .into_iter()
            .map(|hit| {
                let body = fitted
                    .corpus
                    .documents
                    .get(hit.document)
                    .map_or("", |d| d.text.as_str());
                let cut = snippet(body, &words, SNIPPET_BYTES);
                (hit.document, hit.id, hit.score, cut)
            })
            .collect();
        Some(shown)
    });
    view! {
        <section class="tfidf-search">
            <h2>"Search"</h2>
            <div class="search-row">
                <input type="search" name="q" data-testid="search" placeholder="Search the corpus, e.g. income tax"
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                    on:change=move |ev| set_in(query, "q", event_target_value(&ev)) />
                <select name="scoring" aria-label="scoring" prop:value=move || { if scoring.get() == SearchScoring::Cosine { "cosine" } else { "sum" } }
                    on:change=move |ev| set_in(query, "scoring", event_target_value(&ev))>
                    <option value="sum">"sum of weights (the notes' algorithm)"</option>
                    <option value="cosine">"cosine similarity"</option>
                </select>
            </div>
            {move || hits.get().map(|hits| {
                if hits.is_empty() {
                    return view! { <p class="muted" data-testid="results">"No document contains a term of this query."</p> }.into_any();
                }
                view! {
                    <ol class="search-results" data-testid="results">
                        {hits.into_iter().enumerate().map(|(rank, (_, id, score, cut))| {
                            let pick = id.clone();
                            view! {
                                <li data-rank=rank + 1 data-id=id.clone() data-score=score.to_string()>
                                    <div class="hit-head">
                                        <button class="link" on:click=move |_| set_in(query, "doc", pick.clone())>{id.clone()}</button>
                                        <span class="muted">{format!("score {score:.4}")}</span>
                                    </div>
                                    <SnippetText snippet=cut />
                                </li>
                            }
                        }).collect::<Vec<_>>()}
                    </ol>
                }.into_any()
            })}
        </section>
    }
}
