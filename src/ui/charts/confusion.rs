//! A confusion matrix as a heat map: rows are true classes, columns predicted ones.

use std::fmt::Write;

use super::axis::escape;
use super::sized::{clip, open};

pub fn confusion_chart(title: &str, classes: &[String], counts: &[Vec<u64>]) -> String {
    let n = classes.len().max(1);
    let cell = (360.0 / n as f64).clamp(28.0, 90.0);
    let (left, top) = (130.0, 60.0);
    let width = left + cell * n as f64 + 20.0;
    let height = top + cell * n as f64 + 50.0;
    let largest = counts.iter().flatten().copied().max().unwrap_or(1).max(1) as f64;
    let mut out = String::new();
    open(&mut out, title, width.max(320.0), height);
    let _ = write!(
        out,
        r##"<text x="{:.1}" y="20" text-anchor="middle" fill="#111827" font-weight="600">predicted class</text>"##,
        left + cell * n as f64 / 2.0
    );
    for (j, name) in classes.iter().enumerate() {
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#374151">{}</text><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#374151">{}</text>"##,
            left + cell * (j as f64 + 0.5),
            top - 8.0,
            escape(&clip(name, 10)),
            left - 8.0,
            top + cell * (j as f64 + 0.5) + 4.0,
            escape(&clip(name, 14))
        );
    }
    let _ = write!(
        out,
        r##"<text transform="translate(16 {:.1}) rotate(-90)" text-anchor="middle" fill="#111827" font-weight="600">true class</text>"##,
        top + cell * n as f64 / 2.0
    );
    for (i, row) in counts.iter().enumerate() {
        for (j, &c) in row.iter().enumerate() {
            let share = c as f64 / largest;
            let text = if share > 0.55 { "#ffffff" } else { "#111827" };
            let _ = write!(
                out,
                r##"<g data-cell="{i},{j}"><rect x="{:.1}" y="{:.1}" width="{cell:.1}" height="{cell:.1}" fill="#1f4e79" fill-opacity="{:.3}" stroke="#cbd5e1"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="{text}" font-size="{:.0}">{c}</text></g>"##,
                left + cell * j as f64,
                top + cell * i as f64,
                0.06 + 0.94 * share,
                left + cell * (j as f64 + 0.5),
                top + cell * (i as f64 + 0.5) + 5.0,
                (cell / 3.0).clamp(10.0, 16.0)
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
    fn draws_every_cell() {
        let svg = confusion_chart("c", &["0".into(), "1".into()], &[vec![5, 1], vec![2, 9]]);
        assert_eq!(svg.matches("data-cell=").count(), 4);
        assert!(svg.contains(">9</text>"));
    }
}
