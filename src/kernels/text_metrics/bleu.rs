//! BLEU (Papineni et al. 2002, "BLEU: a Method for Automatic Evaluation of Machine Translation").
//!
//! `BLEU = BP · exp(Σ_{n=1..4} ¼ ln p_n)` with the modified precision
//! `p_n = Σ_C Σ_{g ∈ C} min(count_C(g), max_R count_R(g)) / Σ_C Σ_{g ∈ C} count_C(g)` pooled over
//! all candidates `C` (each n-gram's count clipped by its largest count in any one reference),
//! and `BP = 1` if `c > r` else `exp(1 − r/c)`, `c` the total candidate length and `r` the sum
//! over candidates of the reference length closest to the candidate's (the shorter on a tie,
//! as NLTK does). Without smoothing a zero `p_n` makes BLEU 0, and an empty candidate gets
//! `BP = 0`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::{clipped_matches, ngram_counts, MetricError};

/// BLEU's n-gram orders: 1 to 4, weighted ¼ each.
pub const BLEU_MAX_N: usize = 4;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NgramPrecision {
    pub n: usize,
    /// Clipped matching n-grams.
    pub matches: usize,
    /// Candidate n-grams.
    pub total: usize,
    /// `matches / total`, 0 when there are no candidate n-grams.
    pub precision: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BleuScore {
    pub bleu: f64,
    pub precisions: Vec<NgramPrecision>,
    pub brevity_penalty: f64,
    pub candidate_length: usize,
    pub reference_length: usize,
}

/// BLEU of one candidate against its references.
pub fn sentence_bleu<S: AsRef<str>>(
    candidate: &[S],
    references: &[Vec<S>],
) -> Result<BleuScore, MetricError> {
    let candidate: Vec<&S> = candidate.iter().collect();
    let references: Vec<Vec<&S>> = references.iter().map(|r| r.iter().collect()).collect();
    corpus_bleu(&[candidate], &[references])
}

/// Corpus-level BLEU: `candidates[i]` is scored against `references[i]` (one or more token lists).
pub fn corpus_bleu<S: AsRef<str>>(
    candidates: &[Vec<S>],
    references: &[Vec<Vec<S>>],
) -> Result<BleuScore, MetricError> {
    if candidates.is_empty() {
        return Err(MetricError::NoCandidates);
    }
    if candidates.len() != references.len() {
        return Err(MetricError::CountMismatch {
            candidates: candidates.len(),
            references: references.len(),
        });
    }
    let mut matches = [0usize; BLEU_MAX_N];
    let mut totals = [0usize; BLEU_MAX_N];
    let (mut candidate_length, mut reference_length) = (0, 0);
    for (index, (candidate, refs)) in candidates.iter().zip(references).enumerate() {
        let closest = refs
            .iter()
            .map(Vec::len)
            .min_by_key(|&length| (length.abs_diff(candidate.len()), length))
            .ok_or(MetricError::NoReference(index))?;
        candidate_length += candidate.len();
        reference_length += closest;
        for n in 1..=BLEU_MAX_N {
            let candidate_counts = ngram_counts(candidate, n);
            let mut max_reference: HashMap<Vec<&str>, usize> = HashMap::new();
            for reference in refs {
                for (gram, count) in ngram_counts(reference, n) {
                    let entry = max_reference.entry(gram).or_insert(0);
                    *entry = (*entry).max(count);
                }
            }
            let limit = |gram: &[&str]| max_reference.get(gram).copied().unwrap_or(0);
            matches[n - 1] += clipped_matches(&candidate_counts, limit);
            totals[n - 1] += candidate_counts.values().sum::<usize>();
        }
    }
    let precisions: Vec<NgramPrecision> = (0..BLEU_MAX_N)
        .map(|i| NgramPrecision {
            n: i + 1,
            matches: matches[i],
            total: totals[i],
            precision: if totals[i] == 0 {
                0.0
            } else {
                matches[i] as f64 / totals[i] as f64
            },
        })
        .collect();
    let brevity_penalty = if candidate_length == 0 {
        0.0
    } else if candidate_length > reference_length {
        1.0
    } else {
        (1.0 - reference_length as f64 / candidate_length as f64).exp()
    };
    let bleu = if precisions.iter().any(|p| p.precision == 0.0) {
        0.0
    } else {
        let mean_log: f64 =
            precisions.iter().map(|p| p.precision.ln()).sum::<f64>() / BLEU_MAX_N as f64;
        brevity_penalty * mean_log.exp()
    };
    Ok(BleuScore {
        bleu,
        precisions,
        brevity_penalty,
        candidate_length,
        reference_length,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kernels::text_metrics::whitespace_tokens;

    fn words(text: &str) -> Vec<String> {
        whitespace_tokens(text)
    }

    fn ratios(score: &BleuScore) -> Vec<(usize, usize)> {
        score
            .precisions
            .iter()
            .map(|p| (p.matches, p.total))
            .collect()
    }

    // NLTK's doctest sentences (nltk/translate/bleu_score.py), from Papineni et al.'s Example 1.
    const HYPOTHESIS_1: &str = "It is a guide to action which ensures that the military always obeys the commands of the party";
    const HYPOTHESIS_2: &str =
        "It is to insure the troops forever hearing the activity guidebook that party direct";
    const REFERENCES: [&str; 3] = [
        "It is a guide to action that ensures that the military will forever heed Party commands",
        "It is the guiding principle which guarantees the military forces always being under the command of the Party",
        "It is the practical guide for the army always to heed the directions of the party",
    ];

    fn references() -> Vec<Vec<String>> {
        REFERENCES.iter().map(|r| words(r)).collect()
    }

    #[test]
    fn papineni_modified_unigram_precision_example() {
        // Papineni et al. 2002, section 2.1: candidate "the the the the the the the" against
        // "The cat is on the mat." / "There is a cat on the mat." has modified unigram
        // precision 2/7 (lowercased, punctuation dropped, as the paper counts).
        let candidate = words("the the the the the the the");
        let refs = vec![
            words("the cat is on the mat"),
            words("there is a cat on the mat"),
        ];
        let score = sentence_bleu(&candidate, &refs).unwrap();
        assert_eq!(ratios(&score)[0], (2, 7));
        assert_eq!(score.bleu, 0.0); // no bigram matches, no smoothing
    }

    #[test]
    fn papineni_example_one_precisions() {
        // Papineni et al. 2002, section 2.1: Candidate 1 has modified unigram precision 17/18
        // and bigram precision 10/17; Candidate 2 has 8/14 and 1/13.
        let one = sentence_bleu(&words(HYPOTHESIS_1), &references()).unwrap();
        let two = sentence_bleu(&words(HYPOTHESIS_2), &references()).unwrap();
        assert_eq!(ratios(&one)[..2], [(17, 18), (10, 17)]);
        assert_eq!(ratios(&two)[..2], [(8, 14), (1, 13)]);
    }

    #[test]
    fn nltk_sentence_bleu_doctest() {
        // nltk.translate.bleu_score.sentence_bleu([reference1, reference2, reference3],
        // hypothesis1) == 0.5045... (doctest); precisions 17/18, 10/17, 7/16, 4/15, BP 1.
        let score = sentence_bleu(&words(HYPOTHESIS_1), &references()).unwrap();
        assert!(
            (score.bleu - 0.5045666840058485).abs() < 1e-12,
            "{}",
            score.bleu
        );
        assert_eq!(ratios(&score), [(17, 18), (10, 17), (7, 16), (4, 15)]);
        assert_eq!((score.candidate_length, score.reference_length), (18, 18));
        assert_eq!(score.brevity_penalty, 1.0);
        // round(sentence_bleu([...], hypothesis2), 4) == 0.0: no 3-gram or 4-gram overlap.
        let two = sentence_bleu(&words(HYPOTHESIS_2), &references()).unwrap();
        assert_eq!(two.bleu, 0.0);
        // Its closest reference has 16 tokens for 14: BP = exp(1 - 16/14) = 0.8668778997501817.
        assert!((two.brevity_penalty - (1.0f64 - 16.0 / 14.0).exp()).abs() < 1e-15);
    }

    #[test]
    fn nltk_corpus_bleu_doctest() {
        // corpus_bleu([[ref1a, ref1b, ref1c], [ref2a]], [hyp1, hyp2]) == 0.5920... and the
        // mean of the two sentence scores == 0.6223... (NLTK doctest), so
        // sentence_bleu([ref2a], hyp2) = 2 · 0.6223... − 0.5045... = 0.7400...
        let hyp2 = words("he read the book because he was interested in world history");
        let ref2a = words("he was interested in world history because he read the book");
        let candidates = vec![words(HYPOTHESIS_1), hyp2.clone()];
        let refs = vec![references(), vec![ref2a.clone()]];
        let corpus = corpus_bleu(&candidates, &refs).unwrap();
        assert!(
            (corpus.bleu - 0.5920778868801042).abs() < 1e-12,
            "{}",
            corpus.bleu
        );
        assert_eq!(ratios(&corpus), [(28, 29), (19, 27), (13, 25), (8, 23)]);
        let second = sentence_bleu(&hyp2, &[ref2a]).unwrap();
        let first = sentence_bleu(&words(HYPOTHESIS_1), &references()).unwrap();
        assert!(((first.bleu + second.bleu) / 2.0 - 0.6223).abs() < 1e-4);
    }

    #[test]
    fn notes_worked_example() {
        // The note "Text-generation metrics" (section "Worked example"), worked by hand there:
        // candidate "the cat sat on the mat", reference "the cat is on the mat": p1 = 5/6,
        // p2 = 3/5, p3 = 1/4, p4 = 0/3, c = r = 6 so BP = 1, and unsmoothed BLEU-4 = 0.
        let reference = words("the cat is on the mat");
        let candidate = words("the cat sat on the mat");
        let score = sentence_bleu(&candidate, std::slice::from_ref(&reference)).unwrap();
        assert_eq!(ratios(&score), [(5, 6), (3, 5), (1, 4), (0, 3)]);
        assert_eq!(score.brevity_penalty, 1.0);
        assert_eq!(score.bleu, 0.0);
        // Worked by hand: a second reference "a cat sat on the mat" supplies "sat" and every
        // n-gram through it: p1 = 6/6, p2 = 5/5, p3 = 3/4 ("cat sat on", "sat on the",
        // "on the mat"), p4 = 2/3; BLEU = (1 · 1 · 3/4 · 2/3)^(1/4) = 0.5^(1/4).
        let two = sentence_bleu(&candidate, &[reference, words("a cat sat on the mat")]).unwrap();
        assert_eq!(ratios(&two), [(6, 6), (5, 5), (3, 4), (2, 3)]);
        assert!((two.bleu - 0.5f64.powf(0.25)).abs() < 1e-15, "{}", two.bleu);
    }

    #[test]
    fn brevity_penalty_and_edge_cases() {
        // A perfect but short candidate: p_n = 1, c = 4, r = 6 -> BLEU = exp(1 − 6/4).
        let reference = words("the cat is on the mat");
        let score =
            sentence_bleu(&words("the cat is on"), std::slice::from_ref(&reference)).unwrap();
        assert!((score.bleu - (1.0f64 - 1.5).exp()).abs() < 1e-15);
        // Closest reference length, shorter on a tie: 5 tokens vs references of 4 and 6 -> 4.
        let refs = vec![words("a b c d"), words("a b c d e f")];
        let tie = sentence_bleu(&words("a b c d e"), &refs).unwrap();
        assert_eq!(tie.reference_length, 4);
        assert_eq!(tie.brevity_penalty, 1.0);
        let empty: Vec<String> = Vec::new();
        let nothing = sentence_bleu(&empty, std::slice::from_ref(&reference)).unwrap();
        assert_eq!((nothing.bleu, nothing.brevity_penalty), (0.0, 0.0));
        assert_eq!(
            sentence_bleu(&reference, &[]),
            Err(MetricError::NoReference(0))
        );
        let mismatch = corpus_bleu(std::slice::from_ref(&reference), &[]);
        assert_eq!(
            mismatch,
            Err(MetricError::CountMismatch {
                candidates: 1,
                references: 0
            })
        );
        let none: Vec<Vec<String>> = Vec::new();
        assert_eq!(corpus_bleu(&none, &[]), Err(MetricError::NoCandidates));
    }
}
