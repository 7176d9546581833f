//! Heatmaps of a signed matrix (e.g. PCA loadings): blue for negative, red for positive,
//! white at zero, on a scale symmetric around zero so equal colours mean equal magnitudes.

use std::fmt::Write;

use super::axis::escape;

pub struct HeatmapInput<'a> {
    pub title: &'a str,
    /// One label per row (drawn on the left) and per column (drawn rotated on top).
    pub row_labels: &'a [String],
    pub column_labels: &'a [String],
    /// Row-major, `row_labels.len() × column_labels.len()`.
    pub values: &'a [f64],
}

const CELL: f64 = 18.0;
const LEFT: f64 = 150.0;
const TOP: f64 = 140.0;
/// Height of the colour legend (11 steps of 10 px).
const LEGEND: f64 = 110.0;

/// Diverging colour for `t` in −1..=1.
fn diverging(t: f64) -> String {
    let t = t.clamp(-1.0, 1.0);
    // White → #b2182b for positive, white → #2166ac for negative.
    let (r, g, b) = if t >= 0.0 {
        (178.0, 24.0, 43.0)
    } else {
        (33.0, 102.0, 172.0)
    };
    let a = t.abs();
    let mix = |c: f64| (255.0 + (c - 255.0) * a).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(r), mix(g), mix(b))
}

pub fn heatmap(input: &HeatmapInput) -> String {
    let (rows, cols) = (input.row_labels.len(), input.column_labels.len());
    let width = LEFT + cols as f64 * CELL + 90.0;
    let height = TOP + (rows as f64 * CELL).max(LEGEND) + 16.0;
    let scale = input
        .values
        .iter()
        .fold(0.0f64, |m, v| m.max(v.abs()))
        .max(f64::MIN_POSITIVE);
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" font-family="system-ui, sans-serif" font-size="11"><title>{}</title><rect width="{width}" height="{height}" fill="#ffffff"/>"##,
        escape(input.title)
    );
    for (j, label) in input.column_labels.iter().enumerate() {
        let x = LEFT + (j as f64 + 0.5) * CELL;
        // Long names are shortened on the axis; each cell's tooltip has the full name.
        let label = match label.char_indices().nth(24) {
            Some((cut, _)) => format!("{}…", &label[..cut]),
            None => label.clone(),
        };
        let _ = write!(
            out,
            r##"<text transform="translate({x:.1},{:.1}) rotate(-60)" fill="#111827">{}</text>"##,
            TOP - 6.0,
            escape(&label)
        );
    }
    for (i, label) in input.row_labels.iter().enumerate() {
        let y = TOP + i as f64 * CELL;
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#111827">{}</text>"##,
            LEFT - 6.0,
            y + CELL * 0.7,
            escape(label)
        );
        for j in 0..cols {
            let v = input.values.get(i * cols + j).copied().unwrap_or(0.0);
            let _ = write!(
                out,
                r##"<rect x="{:.1}" y="{y:.1}" width="{CELL}" height="{CELL}" fill="{}" stroke="#ffffff" stroke-width="0.5"><title>{} · {}: {v:.4}</title></rect>"##,
                LEFT + j as f64 * CELL,
                diverging(v / scale),
                escape(label),
                escape(&input.column_labels[j]),
            );
        }
    }
    // Legend: the colour scale from −max to +max.
    let legend_x = LEFT + cols as f64 * CELL + 24.0;
    for step in 0..=10 {
        let t = 1.0 - step as f64 / 5.0;
        let _ = write!(
            out,
            r##"<rect x="{legend_x:.1}" y="{:.1}" width="14" height="10" fill="{}"/>"##,
            TOP + step as f64 * 10.0,
            diverging(t)
        );
    }
    let _ = write!(
        out,
        r##"<text x="{:.1}" y="{:.1}" fill="#374151">+{scale:.2}</text><text x="{:.1}" y="{:.1}" fill="#374151">−{scale:.2}</text></svg>"##,
        legend_x + 18.0,
        TOP + 9.0,
        legend_x + 18.0,
        TOP + 109.0
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_run_from_blue_through_white_to_red() {
        assert_eq!(diverging(0.0), "#ffffff");
        assert_eq!(diverging(1.0), "#b2182b");
        assert_eq!(diverging(-1.0), "#2166ac");
        assert_eq!(diverging(7.0), "#b2182b");
    }

    #[test]
    fn one_cell_per_value_and_labels_are_escaped() {
        let svg = heatmap(&HeatmapInput {
            title: "loadings",
            row_labels: &["PC1".into(), "PC2".into()],
            column_labels: &["a<b".into(), "c".into(), "d".into()],
            values: &[0.5, -0.5, 0.0, 1.0, 0.25, -1.0],
        });
        assert_eq!(svg.matches("<title>PC").count(), 6);
        assert!(svg.contains("a&lt;b") && !svg.contains("a<b"));
    }
}
