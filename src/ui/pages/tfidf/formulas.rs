//! The formulas in use, for the current parameters, as MathML (through the notes' math module).

use leptos::prelude::*;

use crate::kernels::tfidf::{
    InverseDocumentFrequency, Normalization, SearchScoring, TermFrequency, TfidfParams,
};
use crate::notes::math::to_mathml;

pub fn tf_latex(tf: TermFrequency) -> &'static str {
    match tf {
        TermFrequency::Raw => r"\mathrm{tf}(t,d) = f_{t,d}",
        TermFrequency::Sublinear => r"\mathrm{tf}(t,d) = 1 + \ln f_{t,d}",
        TermFrequency::Relative => r"\mathrm{tf}(t,d) = \frac{f_{t,d}}{\sum_{t'} f_{t',d}}",
    }
}

pub fn idf_latex(idf: InverseDocumentFrequency) -> &'static str {
    match idf {
        InverseDocumentFrequency::Smooth => r"\mathrm{idf}(t) = \ln\frac{1 + N}{1 + n_t} + 1",
        InverseDocumentFrequency::Plain => r"\mathrm{idf}(t) = \ln\frac{N}{n_t} + 1",
        InverseDocumentFrequency::Probabilistic => {
            r"\mathrm{idf}(t) = \max\left(0,\ \ln\frac{N - n_t}{n_t}\right)"
        }
        InverseDocumentFrequency::Unweighted => r"\mathrm{idf}(t) = 1",
    }
}

pub fn weight_latex(norm: Normalization) -> &'static str {
    match norm {
        Normalization::L2 => {
            r"w_{t,d} = \frac{\mathrm{tf}(t,d)\,\mathrm{idf}(t)}{\sqrt{\sum_{t'} \left(\mathrm{tf}(t',d)\,\mathrm{idf}(t')\right)^2}}"
        }
        Normalization::L1 => {
            r"w_{t,d} = \frac{\mathrm{tf}(t,d)\,\mathrm{idf}(t)}{\sum_{t'} \mathrm{tf}(t',d)\,\mathrm{idf}(t')}"
        }
        Normalization::None => r"w_{t,d} = \mathrm{tf}(t,d)\,\mathrm{idf}(t)",
    }
}

pub fn score_latex(scoring: SearchScoring) -> &'static str {
    match scoring {
        SearchScoring::SumOfWeights => r"\mathrm{score}(q,d) = \sum_{t \in q} w_{t,d}",
        SearchScoring::Cosine => {
            r"\mathrm{score}(q,d) = \frac{\mathbf{q}\cdot\mathbf{w}_d}{\lVert\mathbf{q}\rVert\,\lVert\mathbf{w}_d\rVert}"
        }
    }
}

const HASHING_LATEX: &str =
    r"\mathrm{column}(t) = \left|\mathrm{murmur3}(t)\right| \bmod n_{\mathrm{features}}";

/// One formula: MathML, or its source with the reason it could not be shown.
#[component]
pub fn Formula(#[prop(into)] latex: Signal<&'static str>) -> impl IntoView {
    move || match to_mathml(latex.get(), true) {
        Ok(markup) => view! { <div class="formula" inner_html=markup></div> }.into_any(),
        Err(e) => view! {
            <div class="math-error" data-math-error=e.to_string()><code>{latex.get()}</code></div>
        }
        .into_any(),
    }
}

/// The weighting in use: tf, idf, the normalized weight, the hashing column if on, the score.
#[component]
pub fn Formulas(
    #[prop(into)] params: Signal<TfidfParams>,
    #[prop(into)] scoring: Signal<SearchScoring>,
) -> impl IntoView {
    view! {
        <section class="tfidf-formulas" aria-label="Formulas in use">
            <h2>"Formulas in use"</h2>
            <p class="note">"N documents, n_t of them contain term t, and t occurs f times in document d."</p>
            <Formula latex=Signal::derive(move || tf_latex(params.get().tf)) />
            <Formula latex=Signal::derive(move || idf_latex(params.get().idf)) />
            <Formula latex=Signal::derive(move || weight_latex(params.get().norm)) />
            <Show when=move || params.get().n_features.is_some()>
                <Formula latex=Signal::derive(|| HASHING_LATEX) />
            </Show>
            <Formula latex=Signal::derive(move || score_latex(scoring.get())) />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_formula_converts() {
        let mut all = vec![HASHING_LATEX];
        all.extend(
            [
                TermFrequency::Raw,
                TermFrequency::Sublinear,
                TermFrequency::Relative,
            ]
            .map(tf_latex),
        );
        all.extend(
            [
                InverseDocumentFrequency::Smooth,
                InverseDocumentFrequency::Plain,
                InverseDocumentFrequency::Probabilistic,
                InverseDocumentFrequency::Unweighted,
            ]
            .map(idf_latex),
        );
        all.extend([Normalization::L2, Normalization::L1, Normalization::None].map(weight_latex));
        all.extend([SearchScoring::SumOfWeights, SearchScoring::Cosine].map(score_latex));
        for latex in all {
            let markup = to_mathml(latex, true).unwrap_or_else(|e| panic!("{latex}: {e}"));
            assert!(markup.starts_with("<math"), "{markup}");
        }
    }
}
