//! An SVG document of any size (the shared frame is fixed at 640 × 400): for charts whose
//! height grows with their content (one row per feature, one level per tree depth).

use std::fmt::Write;

use super::axis::escape;

pub fn open(out: &mut String, title: &str, width: f64, height: f64) {
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" role="img" font-family="system-ui, sans-serif" font-size="12"><title>{}</title><rect width="{width:.0}" height="{height:.0}" fill="#ffffff"/>"##,
        escape(title)
    );
}

/// Short text for a number in a label: 4 significant digits, exponent when tiny or huge.
pub fn short(v: f64) -> String {
    let a = v.abs();
    if v == 0.0 {
        "0".into()
    } else if !(1e-3..1e5).contains(&a) {
        format!("{v:.2e}")
    } else {
        let digits = (3 - a.log10().floor() as i32).clamp(0, 6) as usize;
        let s = format!("{v:.digits$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    }
}

/// A label cut to `max` characters (with an ellipsis) so it fits its column.
pub fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let kept: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{kept}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_numbers_keep_four_significant_digits() {
        assert_eq!(short(0.123456), "0.1235");
        assert_eq!(short(1234.6), "1235");
        assert_eq!(short(12.5), "12.5");
        assert_eq!(short(-0.00001), "-1.00e-5");
        assert_eq!(clip("abcdef", 4), "abc…");
    }
}
