//! Search over the notes (the library and the user's imported notes) with the TF-IDF engine of
//! the text lab: notes and their sections ranked for a query, with highlighted snippets.

mod index;
mod sections;

#[cfg(test)]
mod tests;

pub use index::{notes_params, NoteHit, NotesSearchIndex, SectionHit, SECTIONS_SHOWN};
pub use sections::{sections, SearchSource, Section};

use crate::notes::Library;

/// The library's notes as search sources, in reading order.
pub fn library_sources() -> Vec<SearchSource> {
    Library::builtin()
        .notes()
        .iter()
        .map(|n| SearchSource {
            slug: n.slug.clone(),
            title: n.title.clone(),
            summary: n.summary.clone(),
            markdown: n.source.to_string(),
        })
        .collect()
}
