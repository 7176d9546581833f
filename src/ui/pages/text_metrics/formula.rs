//! One formula as MathML (through the notes' LaTeX converter), or its source with the reason.

use leptos::prelude::*;

use crate::notes::math::to_mathml;

#[component]
pub fn Formula(latex: &'static str) -> impl IntoView {
    match to_mathml(latex, true) {
        Ok(markup) => view! { <div class="formula" inner_html=markup></div> }.into_any(),
        Err(e) => view! {
            <div class="math-error" data-math-error=e.to_string()><code>{latex}</code></div>
        }
        .into_any(),
    }
}

pub const PRECISION: &str = r"p_n = \frac{\sum_{g \in \text{n-grams(cand)}} \min\left(\mathrm{Count}_{\text{cand}}(g), \max_{r} \mathrm{Count}_{r}(g)\right)}{\sum_{g \in \text{n-grams(cand)}} \mathrm{Count}_{\text{cand}}(g)}";
pub const BREVITY: &str =
    r"BP = \begin{cases} 1 & \text{if } c > r \\ e^{\,1 - r/c} & \text{if } c \le r \end{cases}";
pub const BLEU: &str =
    r"\mathrm{BLEU} = BP \cdot \exp\left( \sum_{n=1}^{4} \tfrac{1}{4} \ln p_n \right)";
pub const ROUGE_N: &str = r"R_n = \frac{\sum_{g} \min\left(\mathrm{Count}_{\text{cand}}(g), \mathrm{Count}_{\text{ref}}(g)\right)}{\sum_{g \in \text{n-grams(ref)}} \mathrm{Count}_{\text{ref}}(g)}, \qquad P_n = \frac{\text{same}}{\sum_{g \in \text{n-grams(cand)}} \mathrm{Count}_{\text{cand}}(g)}";
pub const ROUGE_L: &str = r"R_{\text{lcs}} = \frac{\mathrm{LCS}}{m}, \qquad P_{\text{lcs}} = \frac{\mathrm{LCS}}{n}, \qquad F = \frac{2\, R\, P}{R + P}";
pub const PERPLEXITY: &str =
    r"\mathrm{PPL} = \exp\left( -\frac{1}{N} \sum_{i=1}^{N} \ln p_i \right)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_converts() {
        for latex in [PRECISION, BREVITY, BLEU, ROUGE_N, ROUGE_L, PERPLEXITY] {
            let markup = to_mathml(latex, true).unwrap_or_else(|e| panic!("{latex}: {e}"));
            assert!(markup.starts_with("<math"), "{markup}");
        }
    }
}
