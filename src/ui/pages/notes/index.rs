//! `#/notes`: search, the library by group, and "My notes" with the import box. The query is
//! kept in the address (`#/notes?q=…`) so a search can be shared.

use leptos::prelude::*;

use super::group_jumps::GroupJumps;
use super::import::ImportNotes;
use super::library_list::LibraryList;
use super::my_notes_list::MyNotesList;
use super::read_marks::ReadMarks;
use super::search_box::SearchBox;
use super::search_results::{is_search, SearchResults};
use crate::ui::route::{replace_query, Location};

#[component]
pub fn NotesIndex() -> impl IntoView {
    ReadMarks::provide();
    let location = expect_context::<ReadSignal<Location>>();
    let query = RwSignal::new(
        location
            .get_untracked()
            .param("q")
            .unwrap_or_default()
            .to_string(),
    );
    Effect::new(move |_| {
        let q = query.get();
        let params = if q.is_empty() {
            Vec::new()
        } else {
            vec![("q".to_string(), q)]
        };
        replace_query("/notes", &params);
    });
    let searching = move || query.with(|q| is_search(q));
    view! {
        <div class="notes-index">
            <h1>"Notes"</h1>
            <p class="lead">
                "The syllabus of machine-learning engineering on AWS, one topic per note, with the formulas and flowcharts. "
                "Mark notes as read as you go, or import your own markdown notes."
            </p>
            <div class="notes-search-bar">
                <SearchBox query=query />
            </div>
            <div hidden=move || !searching()>
                <SearchResults query=query />
            </div>
            <div hidden=searching>
                <GroupJumps />
                <LibraryList />
            </div>
            <section class="notes-group my-notes-section" data-group="my-notes">
                <h2>"My notes"</h2>
                <ImportNotes />
                <MyNotesList />
            </section>
        </div>
    }
}
