//! The Leptos user interface: app shell and hash router, pages (one per route),
//! components (one per file), charts as SVG, and the worker pool's page side.

pub mod app;
pub mod charts;
pub mod components;
pub mod datasets;
pub mod download;
pub mod job;
pub mod pages;
pub mod panic;
pub mod pool;
pub mod route;
pub mod staged;
pub mod table_blob;
pub mod yield_now;

/// Installs the panic banner and mounts the app.
pub fn start() {
    panic::install();
    leptos::mount::mount_to_body(app::App);
}
