//! Scales, ticks and the frame shared by every chart.

use std::fmt::Write;

pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 400.0;
pub const MARGIN_LEFT: f64 = 64.0;
pub const MARGIN_RIGHT: f64 = 16.0;
pub const MARGIN_TOP: f64 = 16.0;
pub const MARGIN_BOTTOM: f64 = 48.0;

pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Appends `v` rounded to one decimal (what `{v:.1}` writes, up to how exact halves round)
/// through integer formatting: a beeswarm writes tens of thousands of coordinates, and
/// float formatting was most of its cost in the page's size-optimized build.
pub fn push_tenths(out: &mut String, v: f64) {
    let tenths = (v * 10.0).round();
    if !tenths.is_finite() || tenths.abs() >= 1e15 {
        let _ = write!(out, "{v:.1}");
        return;
    }
    let tenths = tenths as i64;
    if tenths < 0 {
        out.push('-');
    }
    let magnitude = tenths.unsigned_abs();
    let _ = write!(out, "{}.{}", magnitude / 10, magnitude % 10);
}

/// A linear map from a data range onto a pixel range.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub from: f64,
    pub to: f64,
    /// Only whole-number ticks (iterations, k).
    pub integer: bool,
}

impl Scale {
    /// Pads a degenerate or empty range so every value still lands inside the plot.
    pub fn new(lo: f64, hi: f64, from: f64, to: f64) -> Scale {
        let (lo, hi) = if !lo.is_finite() || !hi.is_finite() {
            (0.0, 1.0)
        } else if hi - lo < 1e-12 {
            (lo - 0.5, hi + 0.5)
        } else {
            (lo, hi)
        };
        Scale {
            lo,
            hi,
            from,
            to,
            integer: false,
        }
    }

    pub fn map(&self, v: f64) -> f64 {
        self.from + (v - self.lo) / (self.hi - self.lo) * (self.to - self.from)
    }

    /// About five round tick values inside the range.
    pub fn ticks(&self) -> Vec<f64> {
        let span = self.hi - self.lo;
        let raw = span / 5.0;
        let magnitude = 10f64.powf(raw.log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|s| span / s <= 6.0)
            .unwrap_or(magnitude * 10.0);
        let step = if self.integer {
            step.max(1.0).round()
        } else {
            step
        };
        let first = (self.lo / step).ceil() as i64;
        let last = (self.hi / step).floor() as i64;
        (first..=last).map(|i| i as f64 * step).collect()
    }
}

pub fn format_tick(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-3..1e6).contains(&a) {
        format!("{v:.1e}")
    } else if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

pub fn open_svg(out: &mut String, title: &str) {
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" font-family="system-ui, sans-serif" font-size="12"><title>{}</title><rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>"##,
        escape(title)
    );
}

/// Axes with ticks, grid lines and labels for the plot area.
pub fn frame(out: &mut String, x: &Scale, y: &Scale, x_label: &str, y_label: &str, x_ticks: bool) {
    let (left, right, top, bottom) = (
        MARGIN_LEFT,
        WIDTH - MARGIN_RIGHT,
        MARGIN_TOP,
        HEIGHT - MARGIN_BOTTOM,
    );
    for t in y.ticks() {
        let py = y.map(t);
        let _ = write!(
            out,
            r##"<line x1="{left}" x2="{right}" y1="{py:.1}" y2="{py:.1}" stroke="#e5e7eb"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#374151">{}</text>"##,
            left - 6.0,
            py + 4.0,
            format_tick(t)
        );
    }
    for t in if x_ticks { x.ticks() } else { Vec::new() } {
        let px = x.map(t);
        let _ = write!(
            out,
            r##"<line x1="{px:.1}" x2="{px:.1}" y1="{top}" y2="{bottom}" stroke="#e5e7eb"/><text x="{px:.1}" y="{:.1}" text-anchor="middle" fill="#374151">{}</text>"##,
            bottom + 16.0,
            format_tick(t)
        );
    }
    let _ = write!(
        out,
        r##"<rect x="{left}" y="{top}" width="{:.1}" height="{:.1}" fill="none" stroke="#9ca3af"/><text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#111827">{}</text><text transform="translate(14 {:.1}) rotate(-90)" text-anchor="middle" fill="#111827">{}</text>"##,
        right - left,
        bottom - top,
        (left + right) / 2.0,
        HEIGHT - 8.0,
        escape(x_label),
        (top + bottom) / 2.0,
        escape(y_label)
    );
}

pub fn x_scale(lo: f64, hi: f64) -> Scale {
    Scale::new(lo, hi, MARGIN_LEFT + 8.0, WIDTH - MARGIN_RIGHT - 8.0)
}

pub fn y_scale(lo: f64, hi: f64) -> Scale {
    Scale::new(lo, hi, HEIGHT - MARGIN_BOTTOM - 8.0, MARGIN_TOP + 8.0)
}

pub fn min_max(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_inside() {
        let s = Scale::new(0.0, 3901.0, 0.0, 1.0);
        let ticks = s.ticks();
        assert_eq!(ticks, vec![0.0, 1000.0, 2000.0, 3000.0]);
        assert!(Scale::new(5.0, 5.0, 0.0, 1.0)
            .ticks()
            .iter()
            .all(|t| (4.5..=5.5).contains(t)));
    }

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
    }
}

#[cfg(test)]
mod tenths_tests {
    use super::push_tenths;

    #[test]
    fn tenths_match_float_formatting() {
        for v in [
            0.0,
            1.25,
            -3.96,
            12345.678,
            -0.3,
            639.95,
            7.0,
            1e14,
            f64::NAN,
        ] {
            let mut out = String::new();
            push_tenths(&mut out, v);
            let expected = format!("{v:.1}");
            // Exact halves may round the other way; both are the same pixel.
            let close = out.parse::<f64>().ok().zip(expected.parse::<f64>().ok());
            assert!(
                out == expected || close.is_some_and(|(a, b)| (a - b).abs() <= 0.1 + 1e-9),
                "{v}: {out} vs {expected}"
            );
        }
    }
}
