//! The notes search index for the whole session: built in a worker the first time a search box
//! is used (indexing the library takes longer than a frame), rebuilt when the user imports or
//! removes notes, decoded once on the page, then queried on the page in well under a
//! millisecond. Provided once by the app shell.

use std::sync::Arc;

use js_sys::Uint8Array;
use leptos::prelude::*;

use super::my_notes::MyNotes;
use crate::jobs::protocol::{decode, encode};
use crate::jobs::{Event, Job, JobResult};
use crate::notes::search::{library_sources, NotesSearchIndex, SearchSource};
use crate::ui::pool::pool;

/// Which imported notes an index holds: their slugs and sources (by identity: a re-import is
/// a new `Arc`).
type Fingerprint = Vec<(String, usize)>;

#[derive(Clone, Copy)]
pub struct NotesSearch {
    /// The latest index built (kept while a newer one builds, so search never goes blank).
    pub index: RwSignal<Option<Arc<NotesSearchIndex>>>,
    pub building: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
    /// Set by the first search box that is focused or holds a query.
    wanted: RwSignal<bool>,
}

impl NotesSearch {
    pub fn new(my_notes: MyNotes) -> NotesSearch {
        let search = NotesSearch {
            index: RwSignal::new(None),
            building: RwSignal::new(false),
            error: RwSignal::new(None),
            wanted: RwSignal::new(false),
        };
        let built_for = StoredValue::new(None::<Fingerprint>);
        let job = StoredValue::new(None::<u64>);
        // Syncs the index with the notes once search is wanted (and the user's notes are back
        // from IndexedDB, so the first build already holds them).
        Effect::new(move |_| {
            if !search.wanted.get() || !my_notes.restored.get() {
                return;
            }
            let (fingerprint, mine): (Fingerprint, Vec<SearchSource>) =
                my_notes.list.with(|list| {
                    let fingerprint = list
                        .iter()
                        .map(|n| (n.slug.clone(), Arc::as_ptr(&n.source) as *const u8 as usize))
                        .collect();
                    let sources = list
                        .iter()
                        .map(|n| SearchSource {
                            slug: n.slug.clone(),
                            title: n.title.clone(),
                            summary: n.summary.clone(),
                            markdown: n.source.to_string(),
                        })
                        .collect();
                    (fingerprint, sources)
                });
            if built_for.get_value().as_ref() == Some(&fingerprint) {
                return;
            }
            built_for.set_value(Some(fingerprint));
            if let Some(previous) = job.get_value() {
                pool().cancel(previous);
            }
            let mut sources = library_sources();
            sources.extend(mine);
            let bytes = encode(&sources);
            let file = Uint8Array::from(bytes.as_slice()).buffer();
            search.building.set(true);
            let id = pool().submit_file(Job::NotesSearchIndex, file.into(), move |event, _| {
                match event {
                    Event::Done(JobResult::NotesSearchIndex { encoded }) => {
                        job.set_value(None);
                        search.building.set(false);
                        match decode::<NotesSearchIndex>(&encoded) {
                            Ok(index) => {
                                search.error.set(None);
                                search.index.set(Some(Arc::new(index)));
                            }
                            Err(e) => search.error.set(Some(e)),
                        }
                    }
                    // A newer build replaced this one: it is already running.
                    Event::Failed(message) if message == "cancelled" => {}
                    Event::Failed(message) => {
                        job.set_value(None);
                        search.building.set(false);
                        search.error.set(Some(format!(
                            "The search index could not be built: {message}"
                        )));
                    }
                    _ => {}
                }
            });
            job.set_value(Some(id));
        });
        search
    }

    /// Starts the first build (idempotent): called when a search box is focused or filled.
    pub fn request(&self) {
        if !self.wanted.get_untracked() {
            self.wanted.set(true);
        }
    }
}
