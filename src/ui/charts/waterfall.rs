//! A SHAP waterfall for one row: from the base value E[f(x)] at the bottom, each feature's
//! SHAP value moves the margin (red up, blue down) until it reaches the row's f(x) at the top.

use std::fmt::Write;

use super::axis::{escape, format_tick, Scale};
use super::sized::{clip, open, short};

const WIDTH: f64 = 640.0;
const LABEL: f64 = 210.0;
const ROW: f64 = 24.0;
const TOP: f64 = 34.0;

/// `steps` are `(label, shap value)`, largest |value| first; they sum with `base` to `fx`.
pub fn waterfall(title: &str, base: f64, fx: f64, steps: &[(String, f64)]) -> String {
    let n = steps.len();
    // Running totals from the bottom (smallest step) up.
    let mut ends = vec![0.0; n];
    let mut running = base;
    for i in (0..n).rev() {
        running += steps[i].1;
        ends[i] = running;
    }
    let values = ends
        .iter()
        .copied()
        .chain([base, fx])
        .chain((0..n).map(|i| ends[i] - steps[i].1));
    let (lo, hi) = super::axis::min_max(values);
    let pad = (hi - lo).max(1e-9) * 0.12;
    let x = Scale::new(lo - pad, hi + pad, LABEL + 8.0, WIDTH - 20.0);
    let bottom = TOP + ROW * n as f64;
    let height = bottom + 70.0;
    let mut out = String::new();
    open(&mut out, title, WIDTH, height);
    let fx_x = x.map(fx);
    let base_x = x.map(base);
    let _ = write!(
        out,
        r##"<line x1="{fx_x:.1}" x2="{fx_x:.1}" y1="{:.1}" y2="{bottom:.1}" stroke="#9ca3af" stroke-dasharray="3 3"/><text x="{fx_x:.1}" y="{:.1}" text-anchor="middle" fill="#111827" font-weight="600">f(x) = {}</text>"##,
        TOP - 8.0,
        TOP - 12.0,
        short(fx)
    );
    for (i, (label, value)) in steps.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let (from, to) = (x.map(ends[i] - value), x.map(ends[i]));
        let (left, w) = (from.min(to), (to - from).abs().max(1.0));
        let fill = if *value >= 0.0 { "#ff0052" } else { "#1e88e5" };
        let text_x = if *value >= 0.0 {
            left + w + 4.0
        } else {
            left - 4.0
        };
        let anchor = if *value >= 0.0 { "start" } else { "end" };
        let sign = if *value >= 0.0 { "+" } else { "" };
        let _ = write!(
            out,
            r##"<g data-step="{i}"><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#111827">{}</text><rect x="{left:.1}" y="{:.1}" width="{w:.1}" height="{:.1}" fill="{fill}"><title>{}: {value}</title></rect><text x="{text_x:.1}" y="{:.1}" text-anchor="{anchor}" fill="#374151" font-size="11">{sign}{}</text></g>"##,
            LABEL - 6.0,
            y + ROW * 0.68,
            escape(&clip(label, 32)),
            y + 3.0,
            ROW - 6.0,
            escape(label),
            y + ROW * 0.68,
            short(*value)
        );
    }
    let _ = write!(
        out,
        r##"<line x1="{base_x:.1}" x2="{base_x:.1}" y1="{TOP}" y2="{:.1}" stroke="#9ca3af" stroke-dasharray="3 3"/><text x="{base_x:.1}" y="{:.1}" text-anchor="middle" fill="#111827" font-weight="600">E[f(x)] = {}</text><line x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}" stroke="#9ca3af"/>"##,
        bottom + 6.0,
        bottom + 46.0,
        short(base),
        LABEL + 8.0,
        WIDTH - 20.0,
        bottom + 4.0,
        bottom + 4.0
    );
    for t in x.ticks() {
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#374151" font-size="11">{}</text>"##,
            x.map(t),
            bottom + 20.0,
            format_tick(t)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_run_from_base_to_fx() {
        let svg = waterfall(
            "w",
            0.5,
            1.0,
            &[("a = 1".into(), 0.7), ("b = 2".into(), -0.2)],
        );
        assert_eq!(svg.matches("data-step=").count(), 2);
        assert!(svg.contains("f(x) = 1") && svg.contains("E[f(x)] = 0.5"));
    }
}
