//! The SHAP summary ("beeswarm"): one row per feature, one dot per data row at its SHAP
//! value, piled up where values crowd, coloured from blue (low feature value) to red
//! (high); grey when the value is missing. Dots are drawn as one path per colour step so
//! a thousand rows × fifteen features stay a light document.

use std::fmt::Write;

use super::axis::{escape, format_tick, min_max, push_tenths, Scale};
use super::sized::{clip, open};

pub struct SwarmRow {
    pub feature: String,
    /// `(shap value, feature value scaled to 0..1 or None when missing)`.
    pub points: Vec<(f64, Option<f64>)>,
}

const WIDTH: f64 = 640.0;
const LABEL: f64 = 170.0;
const ROW: f64 = 30.0;
const TOP: f64 = 16.0;
const STEPS: usize = 8;
/// Left end of the colour legend: room after it for "high feature value" (≈ 95 px).
const LEGEND_LEFT: f64 = WIDTH - 190.0;
/// Dot diameter in pixels.
const DOT: f64 = 4.4;

/// Blue → red through purple, as the shap library's summary plot.
fn step_colour(step: usize) -> String {
    let t = step as f64 / (STEPS - 1) as f64;
    let (r, g, b) = (
        (0x1e as f64 + t * (0xff - 0x1e) as f64) as u8,
        (0x88 as f64 * (1.0 - t)) as u8,
        (0xe5 as f64 + t * (0x52 as f64 - 0xe5 as f64)) as u8,
    );
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// `units` names what a SHAP value moves ("margin units", "P(class 1)") on the x axis.
pub fn beeswarm(title: &str, units: &str, rows: &[SwarmRow]) -> String {
    let (lo, hi) = min_max(rows.iter().flat_map(|r| r.points.iter().map(|p| p.0)));
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    let x = Scale::new(lo, hi, LABEL + 8.0, WIDTH - 40.0);
    let plot_bottom = TOP + ROW * rows.len().max(1) as f64;
    let height = plot_bottom + 60.0;
    let mut out = String::new();
    open(&mut out, title, WIDTH, height);
    let zero = x.map(0.0);
    let _ = write!(
        out,
        r##"<line x1="{zero:.1}" x2="{zero:.1}" y1="{TOP}" y2="{plot_bottom:.1}" stroke="#9ca3af"/>"##
    );
    // One path per colour step (plus grey for missing values).
    let mut paths: Vec<String> = vec![String::new(); STEPS + 1];
    for (i, row) in rows.iter().enumerate() {
        let cy = TOP + ROW * (i as f64 + 0.5);
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#111827" data-feature="{}">{}</text><line x1="{:.1}" x2="{:.1}" y1="{cy:.1}" y2="{cy:.1}" stroke="#eef2f7"/>"##,
            LABEL - 6.0,
            cy + 4.0,
            escape(&row.feature),
            escape(&clip(&row.feature, 24)),
            LABEL + 8.0,
            WIDTH - 40.0
        );
        // Pile dots that share a 3-pixel bucket above and below the row's line.
        let mut order: Vec<usize> = (0..row.points.len()).collect();
        order.sort_by(|&a, &b| row.points[a].0.total_cmp(&row.points[b].0));
        let mut bucket = i64::MIN;
        let mut in_bucket = 0usize;
        for k in order {
            let (value, colour) = row.points[k];
            let px = x.map(value);
            let b = (px / 3.0).floor() as i64;
            if b == bucket {
                in_bucket += 1;
            } else {
                bucket = b;
                in_bucket = 0;
            }
            let side = if in_bucket.is_multiple_of(2) {
                1.0
            } else {
                -1.0
            };
            let lift = in_bucket.div_ceil(2) as f64 * 1.8 * side;
            let py = cy + lift.clamp(-ROW / 2.0 + 2.0, ROW / 2.0 - 2.0);
            let path = match colour {
                Some(t) => (t.clamp(0.0, 1.0) * (STEPS - 1) as f64).round() as usize,
                None => STEPS,
            };
            let d = &mut paths[path];
            d.push('M');
            push_tenths(d, px);
            d.push(' ');
            push_tenths(d, py);
            d.push_str("h0");
        }
    }
    for (step, d) in paths.iter().enumerate() {
        if !d.is_empty() {
            let fill = if step == STEPS {
                "#9ca3af".to_string()
            } else {
                step_colour(step)
            };
            // Each dot is a zero-length segment drawn with round caps: a circle of the
            // stroke's width whose geometry is one point, so Chromium parses and lays out
            // 15,000 dots several times faster than as arcs.
            let _ = write!(
                out,
                r#"<path d="{d}" fill="none" stroke="{fill}" stroke-width="{DOT}" stroke-linecap="round" stroke-opacity="0.8"/>"#
            );
        }
    }
    for t in x.ticks() {
        let px = x.map(t);
        let _ = write!(
            out,
            r##"<text x="{px:.1}" y="{:.1}" text-anchor="middle" fill="#374151">{}</text>"##,
            plot_bottom + 16.0,
            format_tick(t)
        );
    }
    let _ = write!(
        out,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#111827">SHAP value ({})</text>"##,
        (LABEL + WIDTH) / 2.0,
        plot_bottom + 36.0,
        escape(units)
    );
    // Colour legend: low → high feature value.
    for step in 0..STEPS {
        let _ = write!(
            out,
            r##"<rect x="{:.1}" y="{:.1}" width="10" height="8" fill="{}"/>"##,
            LEGEND_LEFT + 10.0 * step as f64,
            plot_bottom + 44.0,
            step_colour(step)
        );
    }
    let _ = write!(
        out,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#374151" font-size="10">low</text><text x="{:.1}" y="{:.1}" fill="#374151" font-size="10">high feature value</text></svg>"##,
        LEGEND_LEFT - 4.0,
        plot_bottom + 52.0,
        LEGEND_LEFT + 10.0 * STEPS as f64 + 4.0,
        plot_bottom + 52.0
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_label_per_feature_and_grey_for_missing() {
        let rows = vec![
            SwarmRow {
                feature: "a".into(),
                points: vec![(0.1, Some(0.0)), (0.1, Some(1.0))],
            },
            SwarmRow {
                feature: "b".into(),
                points: vec![(-0.2, None)],
            },
        ];
        let svg = beeswarm("s", "margin units", &rows);
        assert_eq!(svg.matches("data-feature=").count(), 2);
        assert!(svg.contains("stroke=\"#9ca3af\" stroke-width"));
    }
}
