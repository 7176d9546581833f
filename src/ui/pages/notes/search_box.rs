//! `input[data-testid=search]`: the query, updated as the reader types. Focusing it starts
//! building the search index, so it is usually ready by the first keystroke.

use leptos::prelude::*;

use super::search_index::NotesSearch;

#[component]
pub fn SearchBox(query: RwSignal<String>) -> impl IntoView {
    let search = expect_context::<NotesSearch>();
    view! {
        <input
            type="search"
            class="notes-search"
            data-testid="search"
            placeholder="Search notes"
            aria-label="Search notes"
            prop:value=move || query.get()
            on:focus=move |_| search.request()
            on:input=move |ev| query.set(event_target_value(&ev))
        />
    }
}
