//! Horizontal bars around a zero line, one row per named item (a linear model's weights):
//! positive to the right, negative to the left, and an exact zero drawn as a hollow tick so
//! what L1 removed stays visible.

use std::fmt::Write;

use super::axis::{escape, Scale};
use super::sized::{clip, open, short};

const WIDTH: f64 = 640.0;
const LABEL: f64 = 190.0;
const ROW: f64 = 20.0;
/// Room beside the longest bar on either side for its value ("-1.356"), so a long negative
/// bar's value never runs into the feature names.
const VALUE_ROOM: f64 = 56.0;
const TOP: f64 = 30.0;
const POSITIVE: &str = "#b2182b";
const NEGATIVE: &str = "#2166ac";

pub fn signed_bar_chart(title: &str, value_label: &str, bars: &[(String, f64)]) -> String {
    let height = TOP + ROW * bars.len().max(1) as f64 + 40.0;
    let reach = bars
        .iter()
        .map(|b| b.1.abs())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let reach = if reach > 0.0 { reach } else { 1.0 };
    let x = Scale::new(-reach, reach, LABEL + VALUE_ROOM, WIDTH - VALUE_ROOM);
    let zero = x.map(0.0);
    let mut out = String::new();
    open(&mut out, title, WIDTH, height);
    let _ = write!(
        out,
        r##"<text x="{LABEL}" y="18" fill="#111827" font-weight="600">{}</text>"##,
        escape(title)
    );
    for (i, (label, value)) in bars.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let end = x.map(*value);
        let shape = if *value == 0.0 {
            format!(
                r##"<rect x="{:.1}" y="{:.1}" width="3" height="{:.1}" fill="none" stroke="#6b7280"/>"##,
                zero - 1.5,
                y + 3.0,
                ROW - 6.0
            )
        } else {
            format!(
                r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>"##,
                zero.min(end),
                y + 3.0,
                (end - zero).abs().max(0.5),
                ROW - 6.0,
                if *value > 0.0 { POSITIVE } else { NEGATIVE }
            )
        };
        let _ = write!(
            out,
            r##"<g data-bar="{}" data-value="{value}" data-zero="{}"><title>{}: {value}</title><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#111827">{}</text>{shape}<text x="{:.1}" y="{:.1}" fill="#374151" text-anchor="{}">{}</text></g>"##,
            escape(label),
            *value == 0.0,
            escape(label),
            LABEL - 6.0,
            y + ROW * 0.7,
            escape(&clip(label, 28)),
            if *value >= 0.0 { end + 4.0 } else { end - 4.0 },
            y + ROW * 0.7,
            if *value >= 0.0 { "start" } else { "end" },
            if *value == 0.0 {
                "0 (L1)".to_string()
            } else {
                short(*value)
            }
        );
    }
    let axis_y = TOP + ROW * bars.len().max(1) as f64 + 4.0;
    let _ = write!(
        out,
        r##"<line x1="{zero:.1}" x2="{zero:.1}" y1="{TOP}" y2="{axis_y:.1}" stroke="#9ca3af"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#111827">{}</text></svg>"##,
        (LABEL + WIDTH) / 2.0,
        axis_y + 26.0,
        escape(value_label)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_weights_are_marked_and_labels_escaped() {
        let svg = signed_bar_chart(
            "w",
            "weight",
            &[("<a>".into(), 2.0), ("b".into(), 0.0), ("c".into(), -1.0)],
        );
        assert_eq!(svg.matches("data-bar=").count(), 3);
        assert_eq!(svg.matches(r#"data-zero="true""#).count(), 1);
        assert!(svg.contains("&lt;a&gt;") && !svg.contains("<a>"));
    }
}
