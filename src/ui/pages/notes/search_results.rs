//! Search hits: `[data-testid=results] [data-rank]`, each with `data-id` (the note's slug) and
//! `data-score`, best first, with a snippet of the best-matching section (query words marked)
//! and links to the sections that matched. Ranked by the TF-IDF index of [`NotesSearch`].

use leptos::prelude::*;

use super::read_marks::ReadMarks;
use super::search_index::NotesSearch;
use crate::notes::search::NoteHit;
use crate::ui::components::highlighted::SnippetText;
use crate::ui::components::notes::anchor_href;

/// Notes listed for a query.
const HITS_SHOWN: usize = 20;

/// Whether `query` is worth searching (anything but blanks).
pub fn is_search(query: &str) -> bool {
    !query.trim().is_empty()
}

#[component]
pub fn SearchResults(#[prop(into)] query: Signal<String>) -> impl IntoView {
    let search = expect_context::<NotesSearch>();
    // A query arriving with the page (`#/notes?q=…`) needs the index without a focus.
    Effect::new(move |_| {
        if query.with(|q| is_search(q)) {
            search.request();
        }
    });
    let hits = Memo::new(move |_| {
        let query = query.get();
        if !is_search(&query) {
            return None;
        }
        search
            .index
            .with(|index| index.as_ref().map(|index| index.search(&query, HITS_SHOWN)))
    });
    let status = move || {
        if let Some(error) = search.error.get() {
            return Some(
                view! { <p class="error" data-testid="search-error">{error}</p> }.into_any(),
            );
        }
        if !query.with(|q| is_search(q)) {
            return None;
        }
        match hits.with(|h| h.as_ref().map(Vec::is_empty)) {
            None => Some(view! { <p class="muted" data-testid="search-building">"Building the search index…"</p> }.into_any()),
            Some(true) => Some(view! {
                <p class="muted" data-testid="no-results">{format!("No notes match “{}”.", query.get())}</p>
            }.into_any()),
            Some(false) => None,
        }
    };
    view! {
        <ol class="search-results" data-testid="results" aria-live="polite">
            {move || hits.get().unwrap_or_default().into_iter().enumerate().map(|(index, hit)| view! { <HitItem rank={index + 1} hit=hit /> }).collect::<Vec<_>>()}
        </ol>
        {status}
    }
}

#[component]
fn HitItem(rank: usize, hit: NoteHit) -> impl IntoView {
    let marks = ReadMarks::use_marks();
    let slug = hit.slug.clone();
    let sections: Vec<_> = hit
        .sections
        .iter()
        .filter_map(|section| {
            let anchor = section.anchor.as_deref()?;
            Some(view! { <li><a href=anchor_href(&hit.slug, anchor)>{section.heading.clone()}</a></li> })
        })
        .collect();
    view! {
        <li data-rank=rank.to_string() data-id=hit.slug.clone() data-score=hit.score.to_string()>
            <a class="hit-title" href=format!("#/notes/{}", hit.slug)>{hit.title.clone()}</a>
            {move || marks.is_read(&slug).then(|| view! { <span class="read-mark" title="Read">"✓"</span> })}
            <SnippetText snippet=hit.snippet.clone() />
            {(!sections.is_empty()).then(|| view! { <ul class="hit-headings">{sections}</ul> })}
        </li>
    }
}
