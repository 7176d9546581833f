//! Charts as standalone SVG text: the same string is shown in the page and downloaded,
//! so an exported chart looks exactly like the one on screen. Pure Rust (no DOM);
//! every piece of user text is XML-escaped.

mod axis;
pub mod bars;
pub mod beeswarm;
pub mod confusion;
pub mod hbars;
pub mod heatmap;
pub mod line;
pub mod regions;
pub mod scatter;
pub mod score_series;
pub mod signed_bars;
pub mod sized;
pub mod tree;
pub mod waterfall;

pub use axis::escape;

/// Categorical colours (Tableau 10), distinguishable in light and dark themes.
pub const PALETTE: [&str; 10] = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac",
];

pub fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}
