//! A series with an anomaly score overlaid: the values on the left axis, the score on the
//! right axis, the threshold as a dashed line and the flagged points marked on the series.

use std::fmt::Write;

use super::axis::{escape, format_tick, frame, min_max, open_svg, x_scale, y_scale, Scale, WIDTH};

const VALUE_COLOUR: &str = "#9ca3af";
const SCORE_COLOUR: &str = "#4e79a7";
const FLAG_COLOUR: &str = "#e15759";
/// Buckets across the plot: each keeps its minimum and maximum, so a one-point spike in
/// 10,000 points still shows at 600 px.
const BUCKETS: usize = 600;

pub struct ScoreSeriesInput<'a> {
    pub title: &'a str,
    pub value_label: &'a str,
    pub values: &'a [f64],
    pub scores: &'a [f64],
    pub threshold: f64,
    /// Rows at or above the threshold.
    pub flagged: &'a [usize],
}

/// (index, value) pairs keeping each bucket's extremes in order.
fn decimate(values: &[f64]) -> Vec<(usize, f64)> {
    let per = values.len().div_ceil(BUCKETS).max(1);
    let mut out = Vec::with_capacity(2 * BUCKETS + 2);
    for (b, chunk) in values.chunks(per).enumerate() {
        let start = b * per;
        let finite = chunk.iter().enumerate().filter(|(_, v)| v.is_finite());
        let lo = finite.clone().min_by(|a, b| a.1.total_cmp(b.1));
        let hi = finite.max_by(|a, b| a.1.total_cmp(b.1));
        if let (Some(lo), Some(hi)) = (lo, hi) {
            let (first, second) = if lo.0 <= hi.0 { (lo, hi) } else { (hi, lo) };
            out.push((start + first.0, *first.1));
            if second.0 != first.0 {
                out.push((start + second.0, *second.1));
            }
        }
    }
    out
}

fn polyline(
    out: &mut String,
    points: &[(usize, f64)],
    x: &Scale,
    y: &Scale,
    colour: &str,
    name: &str,
) {
    let path: Vec<String> = points
        .iter()
        .map(|(i, v)| format!("{:.1},{:.1}", x.map(*i as f64), y.map(*v)))
        .collect();
    let _ = write!(
        out,
        r#"<polyline fill="none" stroke="{colour}" stroke-width="1.2" points="{}"><title>{}</title></polyline>"#,
        path.join(" "),
        escape(name)
    );
}

pub fn score_series(input: &ScoreSeriesInput) -> String {
    let n = input.values.len().max(input.scores.len());
    let x = x_scale(0.0, n.saturating_sub(1) as f64);
    let (v_lo, v_hi) = min_max(input.values.iter().copied());
    let y = y_scale(v_lo, v_hi);
    let (s_lo, s_hi) = min_max(input.scores.iter().copied().chain([input.threshold]));
    let s = y_scale(s_lo.min(0.0), s_hi);
    let mut out = String::new();
    open_svg(&mut out, input.title);
    frame(&mut out, &x, &y, "row (time)", input.value_label, true);
    // The score's axis on the right, inside the plot so the frame's margins stay shared.
    for t in s.ticks() {
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="{SCORE_COLOUR}">{}</text>"#,
            WIDTH - 20.0,
            s.map(t) + 4.0,
            format_tick(t)
        );
    }
    polyline(
        &mut out,
        &decimate(input.values),
        &x,
        &y,
        VALUE_COLOUR,
        input.value_label,
    );
    polyline(
        &mut out,
        &decimate(input.scores),
        &x,
        &s,
        SCORE_COLOUR,
        "anomaly score",
    );
    let ty = s.map(input.threshold);
    let _ = write!(
        out,
        r#"<line x1="{:.1}" x2="{:.1}" y1="{ty:.1}" y2="{ty:.1}" stroke="{FLAG_COLOUR}" stroke-dasharray="5 3"><title>threshold {}</title></line>"#,
        x.from,
        x.to,
        escape(&format_tick(input.threshold))
    );
    let mut marks = String::new();
    for &row in input.flagged.iter().take(2000) {
        if let Some(v) = input.values.get(row).filter(|v| v.is_finite()) {
            let _ = write!(
                marks,
                "M{:.1} {:.1}m-3 0a3 3 0 1 0 6 0a3 3 0 1 0 -6 0",
                x.map(row as f64),
                y.map(*v)
            );
        }
    }
    if !marks.is_empty() {
        let _ = write!(
            out,
            r#"<path d="{marks}" fill="{FLAG_COLOUR}" fill-opacity="0.8" data-flagged="{}"/>"#,
            input.flagged.len()
        );
    }
    // Legend.
    for (i, (colour, name)) in [
        (VALUE_COLOUR, input.value_label),
        (SCORE_COLOUR, "score (right axis)"),
        (FLAG_COLOUR, "threshold / flagged"),
    ]
    .iter()
    .enumerate()
    {
        let ly = 30.0 + i as f64 * 16.0;
        let _ = write!(
            out,
            r##"<rect x="80" y="{:.1}" width="10" height="10" fill="{colour}"/><text x="95" y="{ly:.1}" fill="#111827">{}</text>"##,
            ly - 9.0,
            escape(name)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spikes_survive_decimation_and_flags_are_marked() {
        let mut values = vec![0.0; 10_000];
        values[6_123] = 50.0;
        let kept = decimate(&values);
        assert!(kept.len() <= 2 * BUCKETS);
        assert!(kept.contains(&(6_123, 50.0)));
        let svg = score_series(&ScoreSeriesInput {
            title: "t",
            value_label: "<v>",
            values: &values,
            scores: &values,
            threshold: 10.0,
            flagged: &[6_123],
        });
        assert!(svg.contains(r#"data-flagged="1""#));
        assert!(svg.contains("&lt;v&gt;") && !svg.contains("<v>"));
    }
}
