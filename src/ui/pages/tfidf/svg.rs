//! The text lab's charts as standalone SVG text (shown and downloaded as the same string):
//! a log-log plot, horizontal bars with long labels, and a similarity heatmap. Pure; every
//! piece of user text is escaped.

use std::fmt::Write;

use crate::ui::charts::escape;

const FONT: &str = r#"font-family="system-ui, sans-serif" font-size="12""#;

fn open(out: &mut String, width: f64, height: f64, title: &str) {
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" {FONT}><title>{}</title><rect width="{width}" height="{height}" fill="#ffffff"/>"##,
        escape(title)
    );
}

/// Powers of ten covering `lo..=hi` (both > 0).
fn decades(lo: f64, hi: f64) -> Vec<f64> {
    let (a, b) = (lo.log10().floor() as i32, hi.log10().ceil() as i32);
    (a..=b).map(|e| 10f64.powi(e)).collect()
}

fn decade_label(v: f64) -> String {
    if (1.0..1e6).contains(&v) {
        format!("{}", v as u64)
    } else {
        format!("1e{}", v.log10().round() as i32)
    }
}

/// Points on log-log axes (values ≤ 0 are left out), as a line with dots.
pub fn loglog(title: &str, x_label: &str, y_label: &str, points: &[(f64, f64)]) -> String {
    let (w, h, left, right, top, bottom) = (640.0, 400.0, 64.0, 16.0, 16.0, 48.0);
    let kept: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|&(x, y)| x > 0.0 && y > 0.0)
        .collect();
    let fold = |f: fn(&(f64, f64)) -> f64| {
        kept.iter()
            .map(f)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
                (a.min(v), b.max(v))
            })
    };
    let (x_lo, x_hi) = fold(|p| p.0);
    let (y_lo, y_hi) = fold(|p| p.1);
    let (x_lo, x_hi) = if kept.is_empty() {
        (1.0, 10.0)
    } else {
        (x_lo, x_hi.max(x_lo * 10.0))
    };
    let (y_lo, y_hi) = if kept.is_empty() {
        (1.0, 10.0)
    } else {
        (y_lo, y_hi.max(y_lo * 10.0))
    };
    let xd = decades(x_lo, x_hi);
    let yd = decades(y_lo, y_hi);
    let (lx0, lx1) = (xd[0].log10(), xd[xd.len() - 1].log10());
    let (ly0, ly1) = (yd[0].log10(), yd[yd.len() - 1].log10());
    let px = |x: f64| left + (x.log10() - lx0) / (lx1 - lx0).max(1e-9) * (w - left - right);
    let py = |y: f64| h - bottom - (y.log10() - ly0) / (ly1 - ly0).max(1e-9) * (h - top - bottom);
    let mut out = String::new();
    open(&mut out, w, h, title);
    for &d in &xd {
        let x = px(d);
        let _ = write!(
            out,
            r##"<line x1="{x:.1}" x2="{x:.1}" y1="{top}" y2="{:.1}" stroke="#e5e7eb"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#374151">{}</text>"##,
            h - bottom,
            h - bottom + 16.0,
            decade_label(d)
        );
    }
    for &d in &yd {
        let y = py(d);
        let _ = write!(
            out,
            r##"<line x1="{left}" x2="{:.1}" y1="{y:.1}" y2="{y:.1}" stroke="#e5e7eb"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#374151">{}</text>"##,
            w - right,
            left - 6.0,
            y + 4.0,
            decade_label(d)
        );
    }
    let path: Vec<String> = kept
        .iter()
        .map(|&(x, y)| format!("{:.1},{:.1}", px(x), py(y)))
        .collect();
    if !path.is_empty() {
        let _ = write!(
            out,
            r##"<polyline points="{}" fill="none" stroke="#4e79a7" stroke-width="2"/>"##,
            path.join(" ")
        );
    }
    let _ = write!(
        out,
        r##"<rect x="{left}" y="{top}" width="{:.1}" height="{:.1}" fill="none" stroke="#9ca3af"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#111827">{}</text><text transform="translate(14 {:.1}) rotate(-90)" text-anchor="middle" fill="#111827">{}</text></svg>"##,
        w - left - right,
        h - top - bottom,
        (left + w - right) / 2.0,
        h - 8.0,
        escape(x_label),
        (top + h - bottom) / 2.0,
        escape(y_label)
    );
    out
}

/// Horizontal bars, one per labelled value, largest scale at the longest bar.
pub fn hbars(title: &str, value_label: &str, bars: &[(String, f64)]) -> String {
    let row = 22.0;
    let (w, left, right, top) = (640.0, 200.0, 70.0, 12.0);
    let h = top + row * bars.len().max(1) as f64 + 36.0;
    let hi = bars.iter().map(|b| b.1).fold(0.0, f64::max).max(1e-300);
    let mut out = String::new();
    open(&mut out, w, h, title);
    for (i, (label, value)) in bars.iter().enumerate() {
        let y = top + row * i as f64;
        let length = (value / hi).max(0.0) * (w - left - right);
        let shown: String = if label.chars().count() > 30 {
            format!("{}…", label.chars().take(29).collect::<String>())
        } else {
            label.clone()
        };
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#111827">{}</text><rect x="{left}" y="{:.1}" width="{length:.1}" height="{:.1}" fill="{}"><title>{}: {value}</title></rect><text x="{:.1}" y="{:.1}" fill="#374151">{value:.4}</text>"##,
            left - 6.0,
            y + row * 0.7,
            escape(&shown),
            y + 3.0,
            row - 6.0,
            crate::ui::charts::colour(0),
            escape(label),
            left + length + 4.0,
            y + row * 0.7,
        );
    }
    let _ = write!(
        out,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#111827">{}</text></svg>"##,
        (left + w - right) / 2.0,
        h - 10.0,
        escape(value_label)
    );
    out
}

/// Colour of a similarity level (0 = white … 1 = dark blue).
fn level_colour(level: usize, levels: usize) -> String {
    let t = level as f64 / levels as f64;
    let mix = |from: f64, to: f64| (from + (to - from) * t).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        mix(255.0, 8.0),
        mix(255.0, 48.0),
        mix(255.0, 107.0)
    )
}

/// An `m × m` similarity matrix (1 on the diagonal) as a heatmap. Cells are grouped by colour level into
/// one path each, so 300 × 300 cells make a dozen elements, not 90,000.
pub fn heatmap(title: &str, m: usize, values: &[f64], labels: &[String]) -> String {
    const LEVELS: usize = 12;
    let side = 560.0;
    let (left, top) = (24.0, 24.0);
    let cell = side / m.max(1) as f64;
    // One unit per cell inside a scaled group, and runs of equal colour along a row merged:
    // the path text stays small even for 300 × 300 documents.
    // Colours span the off-diagonal range (a document is always 1 with itself), so the
    // differences between documents stay visible when every pair shares common words.
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for i in 0..m {
        for j in 0..m {
            if i != j {
                let v = values.get(i * m + j).copied().unwrap_or(0.0);
                lo = lo.min(v);
                hi = hi.max(v);
            }
        }
    }
    if !(lo.is_finite() && hi > lo) {
        (lo, hi) = (0.0, 1.0);
    }
    let level_of = |i: usize, j: usize| {
        let v = values.get(i * m + j).copied().unwrap_or(0.0);
        let t = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
        (t * LEVELS as f64).round() as usize
    };
    let mut paths: Vec<String> = vec![String::new(); LEVELS + 1];
    for i in 0..m {
        let mut j = 0;
        while j < m {
            let level = level_of(i, j);
            let mut run = 1;
            while j + run < m && level_of(i, j + run) == level {
                run += 1;
            }
            if level > 0 {
                let _ = write!(paths[level], "M{j} {i}h{run}v1h-{run}z");
            }
            j += run;
        }
    }
    let mut out = String::new();
    open(&mut out, side + left + 150.0, side + top + 24.0, title);
    let _ = write!(
        out,
        r#"<g transform="translate({left} {top}) scale({cell})">"#
    );
    for (level, d) in paths.iter().enumerate() {
        if !d.is_empty() {
            let _ = write!(
                out,
                r#"<path d="{d}" fill="{}"/>"#,
                level_colour(level, LEVELS)
            );
        }
    }
    out.push_str("</g>");
    let _ = write!(
        out,
        r##"<rect x="{left}" y="{top}" width="{side}" height="{side}" fill="none" stroke="#9ca3af"/>"##
    );
    if let (Some(first), Some(last)) = (labels.first(), labels.last()) {
        let _ = write!(
            out,
            r##"<text x="{left}" y="{:.1}" fill="#374151">{}</text><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#374151">{}</text>"##,
            top - 8.0,
            escape(first),
            left + side,
            top + side + 16.0,
            escape(last)
        );
    }
    // Legend: the colour scale from 0 to 1.
    let lx = left + side + 30.0;
    for level in 0..=LEVELS {
        let y = top + (LEVELS - level) as f64 * 20.0;
        let _ = write!(
            out,
            r##"<rect x="{lx}" y="{y:.1}" width="18" height="20" fill="{}" stroke="#e5e7eb"/>"##,
            level_colour(level, LEVELS)
        );
    }
    let _ = write!(
        out,
        r##"<text x="{:.1}" y="{:.1}" fill="#374151">≥ {hi:.3}</text><text x="{:.1}" y="{:.1}" fill="#374151">≤ {lo:.3}</text></svg>"##,
        lx + 24.0,
        top + 14.0,
        lx + 24.0,
        top + LEVELS as f64 * 20.0 + 14.0
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_labels_and_close() {
        let bars = hbars("t", "w", &[("<b>".into(), 0.5), ("a".into(), 0.25)]);
        assert!(bars.contains("&lt;b&gt;") && bars.ends_with("</svg>"));
        let plot = loglog(
            "z",
            "rank",
            "df",
            &[(1.0, 233.0), (10.0, 50.0), (25149.0, 1.0)],
        );
        assert!(plot.contains("<polyline") && plot.contains(">10000<"));
        let map = heatmap("h", 2, &[1.0, 0.2, 0.2, 1.0], &["a".into(), "b".into()]);
        assert_eq!(map.matches("<path").count(), 2);
        assert!(loglog("e", "x", "y", &[]).ends_with("</svg>"));
    }
}
