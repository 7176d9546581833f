//! Small reusable pieces of the interface, one component per file.

pub mod chart;
pub mod column_profiles;
pub mod data_preview;
pub mod dataset_picker;
pub mod export_link;
pub mod feature_picker;
pub mod header;
pub mod highlighted;
pub mod job_status;
pub mod metrics;
pub mod notes;
pub mod theme_toggle;
pub mod tree_figure;
pub mod upload;
