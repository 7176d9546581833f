//! The reader's sidebar: search, then the library's groups (the current note's group open) and
//! "My notes".

use leptos::prelude::*;

use super::my_notes::MyNotes;
use super::search_box::SearchBox;
use super::search_results::{is_search, SearchResults};
use super::sidebar_group::SidebarGroup;
use crate::notes::Library;

#[component]
pub fn Sidebar(current: String) -> impl IntoView {
    let library = Library::builtin();
    let my_notes = expect_context::<MyNotes>();
    let query = RwSignal::new(String::new());
    let searching = move || query.with(|q| is_search(q));
    let current_group = library.get(&current).map(|note| note.group);
    let groups: Vec<_> = library
        .groups()
        .iter()
        .enumerate()
        .map(|(index, group)| {
            let notes = library
                .notes_in(group)
                .iter()
                .map(|n| (n.slug.clone(), n.title.clone()))
                .collect::<Vec<_>>();
            view! {
                <SidebarGroup title=group.title.clone() notes=notes current=current.clone()
                    initially_open=current_group == Some(index) />
            }
        })
        .collect();
    let mine = move || {
        let notes: Vec<(String, String)> = my_notes.list.with(|list| {
            list.iter()
                .map(|n| (n.slug.clone(), n.title.clone()))
                .collect()
        });
        let open = notes.iter().any(|(slug, _)| *slug == current);
        (!notes.is_empty()).then(|| view! {
            <SidebarGroup title="My notes".to_string() notes=notes current=current.clone() initially_open=open />
        })
    };
    view! {
        <nav class="sidebar" aria-label="Notes">
            <a class="sidebar-home" href="#/notes">"All notes"</a>
            <SearchBox query=query />
            <div class="sidebar-results" hidden=move || !searching()>
                <SearchResults query=query />
            </div>
            <div class="sidebar-groups" hidden=searching>
                {groups}
                {mine}
            </div>
        </nav>
    }
}
