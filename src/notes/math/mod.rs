//! LaTeX math → MathML Core, through the pulldown-latex crate (latex2mathml cannot do `cases`
//! or `aligned`; pulldown-latex handles the amsmath environments the notes use).
//!
//! A formula either converts completely or returns a [`MathError`] naming the reason, so the page
//! can show the source with a visible error marker instead of a half-rendered formula. Because the
//! result is inserted into the page as markup, every conversion is re-escaped and checked against
//! a whitelist of MathML elements and attributes ([`sanitize`]; pulldown-latex leaves `<` in
//! operators and `\operatorname` unescaped) and the amount of work per formula is bounded (a
//! user's `\def` chain could otherwise expand exponentially and freeze the page).
//!
//! Checked against: every formula of the notes library and of the seed study notes
//! (tests/fixtures/seed_formulas.txt, see `seed_tests`).

mod safety;
#[cfg(test)]
mod seed_tests;

use pulldown_latex::config::DisplayMode;
use pulldown_latex::{push_mathml, Parser, RenderConfig, Storage};
use thiserror::Error;

pub use safety::{check_markup, sanitize};

/// Longest formula accepted, in bytes. The longest formula in the library is under 600 bytes; this
/// keeps a pasted document from stalling the page inside one conversion.
pub const MAX_FORMULA_BYTES: usize = 16 * 1024;

/// Deepest `{`/`\left`/`\begin` nesting accepted; the parser recurses per level, and the wasm
/// stack is small.
pub const MAX_NESTING: usize = 64;

/// Why a formula could not be converted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MathError {
    /// The LaTeX does not parse. `reason` is pulldown-latex's message, `context` the part of the
    /// formula around the failure (may be empty).
    #[error("{reason}")]
    Invalid { reason: String, context: String },
    /// The formula is longer than [`MAX_FORMULA_BYTES`].
    #[error("the formula is {actual} bytes long; at most {limit} bytes are supported")]
    TooLong { actual: usize, limit: usize },
    /// Groups nested deeper than [`MAX_NESTING`].
    #[error("the formula nests groups {actual} deep; at most {limit} levels are supported")]
    TooDeep { actual: usize, limit: usize },
    /// Macro expansion produced far more output than the formula's length justifies.
    #[error("the formula expands to too much output (macro definitions expanding without bound?)")]
    TooComplex,
    /// The converter produced markup outside the MathML whitelist; refused rather than injected.
    #[error("the converted formula contains markup that is not allowed: {0}")]
    UnsafeOutput(String),
}

/// Converts one LaTeX formula (without the surrounding `$`) to a `<math>` element.
///
/// `display` selects block display (`$$…$$`) rather than inline (`$…$`).
pub fn to_mathml(latex: &str, display: bool) -> Result<String, MathError> {
    if latex.len() > MAX_FORMULA_BYTES {
        return Err(MathError::TooLong {
            actual: latex.len(),
            limit: MAX_FORMULA_BYTES,
        });
    }
    let depth = nesting_depth(latex);
    if depth > MAX_NESTING {
        return Err(MathError::TooDeep {
            actual: depth,
            limit: MAX_NESTING,
        });
    }

    let storage = Storage::new();
    // Each source byte yields a handful of events at most; a macro chain can yield millions.
    let event_budget = 64 * latex.len() + 4096;
    let mut events = Vec::new();
    for event in Parser::new(latex, &storage) {
        match event {
            Ok(event) => events.push(event),
            Err(error) => return Err(invalid(&error.to_string())),
        }
        if events.len() > event_budget {
            return Err(MathError::TooComplex);
        }
    }

    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        // No `annotation`: pulldown-latex writes it without escaping, so the source would be
        // injected as markup. The page keeps the source itself.
        annotation: None,
        ..RenderConfig::default()
    };
    let mut mathml = String::with_capacity(latex.len() * 8 + 64);
    push_mathml(
        &mut mathml,
        events.into_iter().map(Ok::<_, std::convert::Infallible>),
        config,
    )
    .map_err(|error| MathError::Invalid {
        reason: error.to_string(),
        context: String::new(),
    })?;
    sanitize(&mathml)
        .map(|safe| safe.replace(ESCAPED_CONTROL_SPACE, CONTROL_SPACE))
        .map_err(MathError::UnsafeOutput)
}

/// pulldown-latex renders a control space (`\ `, as in `a,\ b`) as the entity `&nbsp;`
/// inside an `<mtext>` and then escapes its `&`, so the page showed the letters "&nbsp;".
const ESCAPED_CONTROL_SPACE: &str = "<mtext>&amp;nbsp;</mtext>";
/// The same space as a character: U+00A0 NO-BREAK SPACE.
const CONTROL_SPACE: &str = "<mtext>\u{a0}</mtext>";

/// Splits pulldown-latex's "parsing error: REASON\n╭─► context:\n…" into reason and context.
fn invalid(message: &str) -> MathError {
    let (first, rest) = message.split_once('\n').unwrap_or((message, ""));
    let reason = first
        .trim_start_matches("parsing error: ")
        .trim()
        .to_string();
    let context = rest
        .lines()
        .filter(|line| !line.contains("context:"))
        .collect::<Vec<_>>()
        .join("\n");
    MathError::Invalid { reason, context }
}

/// Deepest nesting of `{…}`, `\left…\right` and `\begin…\end` (escaped braces `\{` excluded).
fn nesting_depth(latex: &str) -> usize {
    let bytes = latex.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                let rest = &latex[i + 1..];
                if rest.starts_with("left") || rest.starts_with("begin") {
                    depth += 1;
                } else if rest.starts_with("right") || rest.starts_with("end") {
                    depth = depth.saturating_sub(1);
                }
                // Skip the escaped character so `\{` and `\\` do not count.
                i += 1 + rest.chars().next().map_or(0, char::len_utf8);
                deepest = deepest.max(depth);
                continue;
            }
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        deepest = deepest.max(depth);
        i += 1;
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_space_is_a_space_not_the_letters_of_its_entity() {
        let mathml = to_mathml(r"\min(a,\ b)", false).expect("converts");
        assert!(!mathml.contains("nbsp"), "{mathml}");
        assert!(mathml.contains("<mtext>\u{a0}</mtext>"), "{mathml}");
    }

    #[test]
    fn converts_the_constructs_the_notes_use() {
        let cases = [
            r"\frac{1}{1 + e^{-x}}",
            r"\sum_{i=1}^{n} x_i \prod_{j} y_j",
            r"f(x) = \begin{cases} 0 & x < 0 \\ 1 & x \ge 0 \end{cases}",
            r"\begin{aligned} a &= b \\ c &= d \end{aligned}",
            r"\mathbb{R}^d \mathrm{tf} \text{if } \mathbf{v} \boldsymbol{\mu}",
            r"\left( \frac{a}{b} \right) \langle u, v \rangle \lVert x \rVert",
            r"\log\!\left(\frac{1 + N}{1 + n_t}\right) \exp(x) \arg\min_k \max_k",
            r"\sqrt{x} \partial \hat{y} \bar{y} \varepsilon",
        ];
        for latex in cases {
            let mathml = to_mathml(latex, true).unwrap_or_else(|e| panic!("{latex}: {e}"));
            assert!(mathml.starts_with("<math"), "{latex}: {mathml}");
            assert!(mathml.contains("display=\"block\""), "{latex}: {mathml}");
        }
        let inline = to_mathml("x^2", false).unwrap_or_default();
        assert!(inline.starts_with("<math") && !inline.contains("display=\"block\""));
        // `cases` becomes a table with a brace; `\frac` a fraction.
        let cases =
            to_mathml(r"\begin{cases} 1 & a \\ 2 & b \end{cases}", true).unwrap_or_default();
        assert!(cases.contains("<mtable") && cases.contains('{'), "{cases}");
        assert!(to_mathml(r"\frac{a}{b}", false)
            .unwrap_or_default()
            .contains("<mfrac"));
    }

    #[test]
    fn malformed_latex_is_an_error_with_a_reason() {
        for bad in [
            r"\frac{1}{",
            r"\begin{cases} a",
            r"x^{2",
            r"\unknowncommand",
            "}",
        ] {
            match to_mathml(bad, false) {
                Err(MathError::Invalid { reason, .. }) => assert!(!reason.is_empty(), "{bad}"),
                other => panic!("{bad}: expected Invalid, got {other:?}"),
            }
        }
        let error = to_mathml(r"\frac{1}{", false).err().map(|e| e.to_string());
        assert!(error.is_some_and(|m| !m.starts_with("parsing error")));
    }

    #[test]
    fn text_cannot_smuggle_markup() {
        for latex in [
            r"\text{<script>alert(1)</script>}",
            r"\operatorname{<img src=x onerror=alert(1)>}",
            r"\mathrm{</math><img src=x onerror=alert(1)>}",
            "a < b > c & d",
            r#"\text{" onmouseover="alert(1)}"#,
        ] {
            if let Ok(mathml) = to_mathml(latex, false) {
                assert!(check_markup(&mathml).is_ok(), "{latex}: {mathml}");
                assert!(
                    !mathml.contains("<script") && !mathml.contains("<img"),
                    "{mathml}"
                );
            }
        }
    }

    #[test]
    fn runaway_input_is_refused_not_run() {
        let long = "x+".repeat(MAX_FORMULA_BYTES);
        assert!(matches!(
            to_mathml(&long, false),
            Err(MathError::TooLong { .. })
        ));
        let deep = format!("{}x{}", "{".repeat(500), "}".repeat(500));
        assert!(matches!(
            to_mathml(&deep, false),
            Err(MathError::TooDeep { actual: 500, .. })
        ));
        let deep_left = format!("{}x{}", r"\left(".repeat(200), r"\right)".repeat(200));
        assert!(matches!(
            to_mathml(&deep_left, false),
            Err(MathError::TooDeep { .. })
        ));
        // Each macro doubles the previous one: 2^40 tokens if expanded in full.
        let mut bomb = String::from(r"\def\a{xx}");
        let names = [
            "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o",
        ];
        let mut previous = "a";
        for name in names {
            bomb.push_str(&format!(r"\def\{name}{{\{previous}\{previous}}}"));
            previous = name;
        }
        bomb.push_str(&format!(r"\{previous}\{previous}\{previous}"));
        let started = std::time::Instant::now();
        let result = to_mathml(&bomb, false);
        assert!(
            matches!(
                result,
                Err(MathError::TooComplex) | Err(MathError::Invalid { .. })
            ),
            "{result:?}"
        );
        assert!(started.elapsed().as_secs_f64() < 2.0);
    }

    #[test]
    fn nesting_ignores_escaped_braces() {
        assert_eq!(nesting_depth(r"\{ x \}"), 0);
        assert_eq!(nesting_depth(r"{a{b}}"), 2);
        assert_eq!(nesting_depth(r"\left( \frac{a}{b} \right)"), 2);
        assert_eq!(nesting_depth(r"a \\ b"), 0);
    }
}
