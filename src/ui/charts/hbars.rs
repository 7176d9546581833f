//! Horizontal bars, one row per named item (feature importance, mean |SHAP|): long
//! feature names stay readable, and the chart grows with the number of items.

use std::fmt::Write;

use super::axis::{escape, Scale};
use super::sized::{clip, open, short};

const WIDTH: f64 = 640.0;
const LABEL: f64 = 190.0;
const ROW: f64 = 20.0;
const TOP: f64 = 30.0;

/// `bars` in the order to draw (largest first, usually); values ≥ 0.
pub fn hbar_chart(title: &str, value_label: &str, bars: &[(String, f64)], colour: &str) -> String {
    let height = TOP + ROW * bars.len().max(1) as f64 + 40.0;
    let hi = bars.iter().map(|b| b.1).fold(0.0, f64::max);
    let x = Scale::new(0.0, if hi > 0.0 { hi } else { 1.0 }, LABEL, WIDTH - 70.0);
    let mut out = String::new();
    open(&mut out, title, WIDTH, height);
    let _ = write!(
        out,
        r##"<text x="{LABEL}" y="18" fill="#111827" font-weight="600">{}</text>"##,
        escape(title)
    );
    for (i, (label, value)) in bars.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let w = (x.map(*value) - LABEL).max(0.5);
        let _ = write!(
            out,
            r##"<g data-bar="{}"><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#111827">{}</text><rect x="{LABEL}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{colour}"><title>{}: {value}</title></rect><text x="{:.1}" y="{:.1}" fill="#374151">{}</text></g>"##,
            escape(label),
            LABEL - 6.0,
            y + ROW * 0.7,
            escape(&clip(label, 28)),
            y + 3.0,
            ROW - 6.0,
            escape(label),
            LABEL + w + 4.0,
            y + ROW * 0.7,
            short(*value)
        );
    }
    let axis_y = TOP + ROW * bars.len().max(1) as f64 + 4.0;
    let _ = write!(
        out,
        r##"<line x1="{LABEL}" x2="{:.1}" y1="{axis_y:.1}" y2="{axis_y:.1}" stroke="#9ca3af"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#111827">{}</text></svg>"##,
        WIDTH - 70.0,
        (LABEL + WIDTH - 70.0) / 2.0,
        axis_y + 26.0,
        escape(value_label)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_group_per_bar_with_escaped_labels() {
        let svg = hbar_chart(
            "t",
            "gain",
            &[("<a>".into(), 2.0), ("b".into(), 1.0)],
            "#000",
        );
        assert_eq!(svg.matches("data-bar=").count(), 2);
        assert!(svg.contains("&lt;a&gt;") && !svg.contains("<a>"));
    }
}
