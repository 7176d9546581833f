//! The notes area: `#/notes` (the library by group, the user's own notes, search, import) and
//! `#/notes/<slug>[#<heading>]` (a note with the groups beside it, its outline, previous / next,
//! a read mark and, for algorithm notes, a link to the lab).

pub mod group_jumps;
pub mod import;
pub mod index;
pub mod library_list;
pub mod my_notes;
pub mod my_notes_list;
pub mod note_article;
pub mod note_page;
pub mod outline;
pub mod prev_next;
pub mod read_marks;
pub mod read_toggle;
pub mod scroll;
pub mod search_box;
pub mod search_index;
pub mod search_results;
pub mod sidebar;
pub mod sidebar_group;

pub use index::NotesIndex;
pub use my_notes::MyNotes;
pub use note_page::NotePage;
pub use search_index::NotesSearch;
