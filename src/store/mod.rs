//! Persistence: datasets and imported notes in IndexedDB (large), settings in localStorage (small).

pub mod corpora;
pub mod datasets;
pub mod idb;
pub mod notes;
pub mod settings;
