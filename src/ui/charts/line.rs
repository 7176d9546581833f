//! Line charts: one or more series of (x, y) points, with a legend.

use std::fmt::Write;

use super::axis::{escape, frame, min_max, open_svg, x_scale, y_scale, WIDTH};
use super::colour;

pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
    /// Drawn thicker, e.g. the kept restart.
    pub highlight: bool,
}

pub fn line_chart(
    title: &str,
    x_label: &str,
    y_label: &str,
    series: &[Series],
    marker_x: Option<f64>,
) -> String {
    let (x_lo, x_hi) = min_max(series.iter().flat_map(|s| s.points.iter().map(|p| p.0)));
    let (y_lo, y_hi) = min_max(series.iter().flat_map(|s| s.points.iter().map(|p| p.1)));
    let mut x = x_scale(x_lo, x_hi);
    x.integer = series
        .iter()
        .all(|s| s.points.iter().all(|p| p.0.fract() == 0.0));
    let y = y_scale(y_lo.min(0.0).max(y_lo - (y_hi - y_lo) * 0.05), y_hi);
    let mut out = String::new();
    open_svg(&mut out, title);
    frame(&mut out, &x, &y, x_label, y_label, true);
    if let Some(mx) = marker_x {
        let px = x.map(mx);
        let _ = write!(
            out,
            r##"<line x1="{px:.1}" x2="{px:.1}" y1="{:.1}" y2="{:.1}" stroke="#9ca3af" stroke-dasharray="4 3"/>"##,
            y.to, y.from
        );
    }
    for (i, s) in series.iter().enumerate() {
        let path: Vec<String> = s
            .points
            .iter()
            .map(|(px, py)| format!("{:.1},{:.1}", x.map(*px), y.map(*py)))
            .collect();
        let width = if s.highlight { 3.0 } else { 1.5 };
        let opacity = if s.highlight || series.len() == 1 {
            1.0
        } else {
            0.55
        };
        let _ = write!(
            out,
            r#"<polyline fill="none" stroke="{}" stroke-width="{width}" stroke-opacity="{opacity}" points="{}"><title>{}</title></polyline>"#,
            colour(i),
            path.join(" "),
            escape(&s.name)
        );
        if s.points.len() <= 40 {
            for (px, py) in &s.points {
                let _ = write!(
                    out,
                    r#"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{}"/>"#,
                    x.map(*px),
                    y.map(*py),
                    colour(i)
                );
            }
        }
    }
    if series.len() > 1 && series.len() <= 12 {
        // Placed by the longest name (about 6.6 px a character at the charts' 12 px), so a
        // long name stays inside the chart, on a pale box so lines under it do not cross it.
        let longest = series
            .iter()
            .map(|s| s.name.chars().count())
            .max()
            .unwrap_or(0);
        let text_width = longest as f64 * 6.6;
        let left = (WIDTH - 20.0 - 15.0 - text_width).max(60.0);
        let _ = write!(
            out,
            r##"<rect x="{:.1}" y="15" width="{:.1}" height="{:.1}" fill="#ffffff" fill-opacity="0.8"/>"##,
            left - 4.0,
            text_width + 23.0,
            series.len() as f64 * 16.0 + 4.0
        );
        for (i, s) in series.iter().enumerate() {
            let ly = 28.0 + i as f64 * 16.0;
            let _ = write!(
                out,
                r##"<rect x="{left:.1}" y="{:.1}" width="10" height="10" fill="{}"/><text x="{:.1}" y="{ly:.1}" fill="#111827">{}</text>"##,
                ly - 9.0,
                colour(i),
                left + 15.0,
                escape(&s.name)
            );
        }
    }
    out.push_str("</svg>");
    out
}
