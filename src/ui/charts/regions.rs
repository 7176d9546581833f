//! Decision regions: a grid of a model's predictions over two features, drawn as cells (runs
//! of equal cells in a row merged into one rectangle), with the training points on top.
//! Classes use the categorical palette; a regression target a light-to-dark scale.

use std::fmt::Write;

use super::axis::{escape, frame, open_svg, Scale, HEIGHT, MARGIN_BOTTOM, MARGIN_LEFT};
use super::axis::{MARGIN_RIGHT, MARGIN_TOP, WIDTH};
use super::colour;

pub struct RegionInput<'a> {
    pub title: &'a str,
    pub x_label: &'a str,
    pub y_label: &'a str,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    /// `resolution²` predictions, row j (from the bottom) then column i.
    pub cells: &'a [f64],
    pub resolution: usize,
    /// (x, y, target)
    pub points: &'a [(f64, f64, f64)],
    /// Class names for a classifier; empty for a regressor.
    pub classes: &'a [String],
}

/// Light (#eff3ff) to dark (#08519c) blue for `t` in 0..=1.
fn sequential(t: f64) -> String {
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(239.0, 8.0),
        mix(243.0, 81.0),
        mix(255.0, 156.0)
    )
}

pub fn region_chart(input: &RegionInput) -> String {
    let n = input.resolution.max(1);
    let x = Scale::new(
        input.x_range.0,
        input.x_range.1,
        MARGIN_LEFT,
        WIDTH - MARGIN_RIGHT,
    );
    let y = Scale::new(
        input.y_range.0,
        input.y_range.1,
        HEIGHT - MARGIN_BOTTOM,
        MARGIN_TOP,
    );
    let classify = !input.classes.is_empty();
    let (lo, hi) = input
        .cells
        .iter()
        .chain(input.points.iter().map(|p| &p.2))
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let span = if hi > lo { hi - lo } else { 1.0 };
    let fill = |v: f64| {
        if classify {
            colour(v as usize).to_string()
        } else {
            sequential((v - lo) / span)
        }
    };
    let (cell_w, cell_h) = ((x.to - x.from) / n as f64, (y.from - y.to) / n as f64);
    let mut out = String::new();
    open_svg(&mut out, input.title);
    out.push_str(r#"<g data-regions="" fill-opacity="0.35">"#);
    for j in 0..n {
        let row = &input.cells[j * n..((j + 1) * n).min(input.cells.len())];
        let mut start = 0;
        while start < row.len() {
            let mut end = start + 1;
            while end < row.len() && row[end] == row[start] {
                end += 1;
            }
            let _ = write!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}" data-cell="{}"/>"#,
                x.from + start as f64 * cell_w,
                y.from - (j + 1) as f64 * cell_h,
                (end - start) as f64 * cell_w + 0.3,
                cell_h + 0.3,
                fill(row[start]),
                row[start]
            );
            start = end;
        }
    }
    out.push_str("</g>");
    frame(&mut out, &x, &y, input.x_label, input.y_label, true);
    let mut d: Vec<(String, String)> = Vec::new();
    for &(px, py, target) in input.points {
        let key = fill(target);
        let (cx, cy) = (x.map(px), y.map(py));
        let dot = format!("M{:.1} {:.1}m-3 0a3 3 0 1 0 6 0a3 3 0 1 0 -6 0", cx, cy);
        match d.iter_mut().find(|(k, _)| *k == key) {
            Some((_, path)) => path.push_str(&dot),
            None => d.push((key, dot)),
        }
    }
    for (fill_colour, path) in d {
        let _ = write!(
            out,
            r##"<path d="{path}" fill="{fill_colour}" stroke="#111827" stroke-width="0.8" data-points=""/>"##
        );
    }
    if classify {
        for (i, name) in input.classes.iter().enumerate().take(10) {
            let ly = MARGIN_TOP + 16.0 + i as f64 * 16.0;
            let _ = write!(
                out,
                r##"<rect x="{:.1}" y="{:.1}" width="10" height="10" fill="{}"/><text x="{:.1}" y="{ly:.1}" fill="#111827">{}</text>"##,
                WIDTH - MARGIN_RIGHT - 120.0,
                ly - 9.0,
                colour(i),
                WIDTH - MARGIN_RIGHT - 105.0,
                escape(name)
            );
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_cells_in_a_row_merge_and_points_are_drawn() {
        let cells = [0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0];
        let svg = region_chart(&RegionInput {
            title: "t",
            x_label: "<x>",
            y_label: "y",
            x_range: (0.0, 1.0),
            y_range: (0.0, 1.0),
            cells: &cells,
            resolution: 3,
            points: &[(0.1, 0.1, 0.0), (0.9, 0.9, 1.0)],
            classes: &["a".into(), "b".into()],
        });
        // Rows: [0 0 1] → 2 runs, [1 1 1] → 1, [0 1 1] → 2.
        assert_eq!(svg.matches("data-cell=").count(), 5);
        assert_eq!(svg.matches("data-points=").count(), 2);
        assert!(svg.contains("&lt;x&gt;"));
    }
}
