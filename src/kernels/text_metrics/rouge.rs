//! ROUGE-N and ROUGE-L (Lin 2004, "ROUGE: A Package for Automatic Evaluation of Summaries").
//!
//! ROUGE-N against one reference: `matches = Σ_g min(count_candidate(g), count_reference(g))`
//! over n-grams `g`; recall `matches / reference n-grams` (Lin's ROUGE-N), precision
//! `matches / candidate n-grams`, F1 their harmonic mean.
//!
//! ROUGE-L (Lin's section 3.1): with `LCS` the length of the longest common subsequence,
//! `m` the reference and `n` the candidate length, `R = LCS / m`, `P = LCS / n`,
//! `F = (1 + β²) R P / (R + β² P)`, with `β = 1` here (the paper's examples and the common
//! implementations use `β = 1`).
//!
//! Several references: Lin's section 2.1 takes the best pairwise score; here the reference
//! with the highest F1 is reported (as Google's `rouge-score` does), along with every pair.

use serde::{Deserialize, Serialize};

use super::{clipped_matches, ngram_counts, MetricError};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RougeScore {
    pub recall: f64,
    pub precision: f64,
    pub f1: f64,
}

impl RougeScore {
    fn from_matches(matches: usize, reference_units: usize, candidate_units: usize) -> RougeScore {
        let ratio = |part: usize, whole: usize| {
            if whole == 0 {
                0.0
            } else {
                part as f64 / whole as f64
            }
        };
        let recall = ratio(matches, reference_units);
        let precision = ratio(matches, candidate_units);
        let f1 = if recall + precision > 0.0 {
            2.0 * recall * precision / (recall + precision)
        } else {
            0.0
        };
        RougeScore {
            recall,
            precision,
            f1,
        }
    }
}

/// The best pairwise score and every pairwise score, in reference order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RougeResult {
    pub best: RougeScore,
    pub per_reference: Vec<RougeScore>,
}

fn best_of(per_reference: Vec<RougeScore>) -> Result<RougeResult, MetricError> {
    let best = per_reference
        .iter()
        .copied()
        .reduce(|best, score| if score.f1 > best.f1 { score } else { best })
        .ok_or(MetricError::NoReference(0))?;
    Ok(RougeResult {
        best,
        per_reference,
    })
}

/// ROUGE-N of `candidate` against each of `references`.
pub fn rouge_n<S: AsRef<str>>(
    candidate: &[S],
    references: &[Vec<S>],
    n: usize,
) -> Result<RougeResult, MetricError> {
    if n == 0 {
        return Err(MetricError::ZeroN);
    }
    let candidate_counts = ngram_counts(candidate, n);
    let candidate_units: usize = candidate_counts.values().sum();
    let scores = references
        .iter()
        .map(|reference| {
            let reference_counts = ngram_counts(reference, n);
            let limit = |gram: &[&str]| reference_counts.get(gram).copied().unwrap_or(0);
            let matches = clipped_matches(&candidate_counts, limit);
            let reference_units = reference_counts.values().sum();
            RougeScore::from_matches(matches, reference_units, candidate_units)
        })
        .collect();
    best_of(scores)
}

/// Length of the longest common subsequence, by the classic dynamic programme in two rows.
fn lcs_length<S: AsRef<str>>(a: &[S], b: &[S]) -> usize {
    let mut previous = vec![0usize; b.len() + 1];
    let mut current = vec![0usize; b.len() + 1];
    for token_a in a {
        for (j, token_b) in b.iter().enumerate() {
            current[j + 1] = if token_a.as_ref() == token_b.as_ref() {
                previous[j] + 1
            } else {
                current[j].max(previous[j + 1])
            };
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// ROUGE-L of `candidate` against each of `references`.
pub fn rouge_l<S: AsRef<str>>(
    candidate: &[S],
    references: &[Vec<S>],
) -> Result<RougeResult, MetricError> {
    let scores = references
        .iter()
        .map(|reference| {
            let lcs = lcs_length(reference, candidate);
            RougeScore::from_matches(lcs, reference.len(), candidate.len())
        })
        .collect();
    best_of(scores)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::text_metrics::whitespace_tokens;

    fn words(text: &str) -> Vec<String> {
        whitespace_tokens(text)
    }

    fn close(score: RougeScore, recall: f64, precision: f64, f1: f64) {
        let ok = (score.recall - recall).abs() < 1e-12
            && (score.precision - precision).abs() < 1e-12
            && (score.f1 - f1).abs() < 1e-12;
        assert!(ok, "{score:?} vs ({recall}, {precision}, {f1})");
    }

    // Lin 2004, section 3.1: S1 "police killed the gunman" (the reference),
    // S2 "police kill the gunman", S3 "the gunman kill police".
    const S1: &str = "police killed the gunman";
    const S2: &str = "police kill the gunman";
    const S3: &str = "the gunman kill police";

    #[test]
    fn lin_rouge_l_example() {
        // "S2 has a ROUGE-L score of 3/4 = 0.75 and S3 has a ROUGE-L score of 2/4 = 0.5,
        // with β = 1" (LCS "police the gunman" and "the gunman").
        let reference = vec![words(S1)];
        close(
            rouge_l(&words(S2), &reference).unwrap().best,
            0.75,
            0.75,
            0.75,
        );
        close(rouge_l(&words(S3), &reference).unwrap().best, 0.5, 0.5, 0.5);
    }

    #[test]
    fn lin_rouge_2_example() {
        // "S2 and S3 would have the same ROUGE-2 score, since they both have one bigram,
        // i.e. 'the gunman'": 1 of the reference's 3 bigrams, 1 of their own 3.
        let reference = vec![words(S1)];
        let third = 1.0 / 3.0;
        close(
            rouge_n(&words(S2), &reference, 2).unwrap().best,
            third,
            third,
            third,
        );
        close(
            rouge_n(&words(S3), &reference, 2).unwrap().best,
            third,
            third,
            third,
        );
        // ROUGE-1 ignores order: 3 of 4 words either way.
        close(
            rouge_n(&words(S3), &reference, 1).unwrap().best,
            0.75,
            0.75,
            0.75,
        );
    }

    #[test]
    fn notes_worked_example() {
        // The note "Text-generation metrics" (section "Worked example"): candidate "the cat
        // sat on the mat" against "the cat is on the mat": ROUGE-1 recall 5/6, ROUGE-2 recall
        // 3/5, ROUGE-L with LCS "the cat on the mat" (5): R = P = F = 5/6. Both texts have 6
        // tokens, so precision equals recall throughout.
        let reference = vec![words("the cat is on the mat")];
        let candidate = words("the cat sat on the mat");
        let five_sixths = 5.0 / 6.0;
        close(
            rouge_n(&candidate, &reference, 1).unwrap().best,
            five_sixths,
            five_sixths,
            five_sixths,
        );
        close(
            rouge_n(&candidate, &reference, 2).unwrap().best,
            0.6,
            0.6,
            0.6,
        );
        close(
            rouge_l(&candidate, &reference).unwrap().best,
            five_sixths,
            five_sixths,
            five_sixths,
        );
    }

    #[test]
    fn counts_are_clipped_and_lengths_differ() {
        // Candidate "the the the" vs reference "the cat": 1 clipped match;
        // R = 1/2, P = 1/3, F1 = 2 · (1/2)(1/3) / (1/2 + 1/3) = 0.4.
        let score = rouge_n(&words("the the the"), &[words("the cat")], 1)
            .unwrap()
            .best;
        close(score, 0.5, 1.0 / 3.0, 0.4);
        // ROUGE-L with different lengths: reference "a b c d e f", candidate "a c e x":
        // LCS 3 ("a c e"); R = 3/6, P = 3/4, F1 = 2 · 0.5 · 0.75 / 1.25 = 0.6.
        let score = rouge_l(&words("a c e x"), &[words("a b c d e f")])
            .unwrap()
            .best;
        close(score, 0.5, 0.75, 0.6);
    }

    #[test]
    fn several_references_report_the_best_pair() {
        // Candidate "police ended the gunman": against S1, ROUGE-1 R = P = 3/4; against
        // "the gunman was shot down by police", R = 3/7, P = 3/4, F1 = 6/11. Best: S1.
        let refs = vec![words(S1), words("the gunman was shot down by police")];
        let result = rouge_n(&words("police ended the gunman"), &refs, 1).unwrap();
        close(result.per_reference[1], 3.0 / 7.0, 0.75, 6.0 / 11.0);
        close(result.best, 0.75, 0.75, 0.75);
    }

    #[test]
    fn edge_cases() {
        let empty: Vec<String> = Vec::new();
        close(rouge_l(&empty, &[words(S1)]).unwrap().best, 0.0, 0.0, 0.0);
        close(
            rouge_n(&words("x y"), &[words(S1)], 1).unwrap().best,
            0.0,
            0.0,
            0.0,
        );
        assert_eq!(
            rouge_n(&words(S1), &[words(S1)], 0),
            Err(MetricError::ZeroN)
        );
        assert_eq!(rouge_l(&words(S1), &[]), Err(MetricError::NoReference(0)));
        assert_eq!(lcs_length(&words("a b c b d a b"), &words("b d c a b")), 4);
    }
}
