//! Study notes: markdown → document tree ([`markdown`]), LaTeX → MathML ([`math`]), mermaid
//! flowcharts → SVG ([`diagram`]), the compiled-in notes library ([`library`]) and notes a user
//! imports ([`note::parse_note`]). Pure Rust: no web types; the UI renders the tree.
//!
//! What the UI calls:
//! - `Library::builtin()` → `groups()`, `notes_in(group)`, `get(slug)`, `previous`/`next(slug)`,
//!   `outline(slug)`, `note(slug)` (parsed, math and diagrams rendered);
//! - `parse_note(source, file_name)` for an imported `.md` file;
//! - `Note::document` (blocks, footnotes, headings) and `Note::outline()`;
//! - `LinkTarget::href(current_slug)` for links; `Math::mathml` / `Diagram::svg` are markup to
//!   insert as-is (`<math>` / `<svg data-diagram>`), or an error to show next to the source.

pub mod benchmark;
pub mod diagram;
pub mod library;
pub mod markdown;
pub mod math;
pub mod note;
pub mod search;

pub use library::{Group, Library, NoteEntry};
pub use markdown::{DiagramFailure, Document, LinkTarget};
pub use note::{parse_note, Note};

/// Draws a mermaid block with our flowchart renderer; the error keeps the source line if known.
pub fn render_diagram(source: &str) -> Result<String, DiagramFailure> {
    diagram::render_svg(source).map_err(|error| DiagramFailure {
        message: error.to_string(),
        line: error.line(),
    })
}
