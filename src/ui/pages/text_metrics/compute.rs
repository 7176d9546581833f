//! From the lab's parameters to every number the page shows: tokens, BLEU with its n-gram
//! precisions and cumulative scores, ROUGE-1/2/L and perplexity. Pure and small enough to run
//! on the page as the user types; the input limits below keep one pass well under a frame.

use crate::kernels::text_metrics::{
    perplexity, perplexity_from_log_probs, rouge_l, rouge_n, sentence_bleu, BleuScore, RougeResult,
};

use super::params::LabParams;

/// Most tokens in the candidate or in any one reference.
pub const MAX_TOKENS: usize = 20_000;
pub const MAX_REFERENCES: usize = 20;
/// ROUGE-L fills a candidate × reference table per reference; above this many cells in all it
/// is skipped (the rest is linear in the text and stays cheap).
pub const MAX_LCS_CELLS: usize = 2_000_000;
pub const MAX_PROBABILITIES: usize = 100_000;

/// Splits typed text into tokens: on whitespace, optionally lowercased, optionally with the
/// punctuation at either end of a word split off as tokens of its own ("mat." → "mat", ".").
pub fn tokenize(text: &str, lowercase: bool, split_punctuation: bool) -> Vec<String> {
    let text = if lowercase {
        text.to_lowercase()
    } else {
        text.to_string()
    };
    let mut tokens = Vec::new();
    for word in text.split_whitespace() {
        if !split_punctuation {
            tokens.push(word.to_string());
            continue;
        }
        let is_punct = |c: char| !c.is_alphanumeric();
        let core_start = word.find(|c: char| !is_punct(c));
        let Some(start) = core_start else {
            tokens.extend(word.chars().map(String::from));
            continue;
        };
        let end = word
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_punct(c))
            .map_or(word.len(), |(at, c)| at + c.len_utf8());
        tokens.extend(word[..start].chars().map(String::from));
        tokens.push(word[start..end].to_string());
        tokens.extend(word[end..].chars().map(String::from));
    }
    tokens
}

/// BLEU and the cumulative scores BLEU-1..4 (`BP · exp(mean of ln p_k for k ≤ n)`).
#[derive(Debug, Clone, PartialEq)]
pub struct BleuView {
    pub score: BleuScore,
    pub cumulative: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RougeView {
    pub rouge_1: RougeResult,
    pub rouge_2: RougeResult,
    /// `Err` with the reason when the texts are too long to compare here.
    pub rouge_l: Result<RougeResult, String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PerplexityView {
    pub count: usize,
    /// `(1/N) Σ ln p_i`.
    pub mean_log: f64,
    pub perplexity: f64,
}

/// Everything computed; `errors` name the parameter at fault.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Computed {
    pub candidate_tokens: Vec<String>,
    pub reference_tokens: Vec<Vec<String>>,
    pub bleu: Option<BleuView>,
    pub rouge: Option<RougeView>,
    pub perplexity: Option<PerplexityView>,
    pub errors: Vec<String>,
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn too_long(name: &str, tokens: usize) -> String {
    format!(
        "{name}: {} tokens is more than the {} this page scores as you type; score a shorter text",
        thousands(tokens),
        thousands(MAX_TOKENS)
    )
}

pub fn cumulative_bleu(score: &BleuScore) -> Vec<f64> {
    let mut log_sum = 0.0;
    score
        .precisions
        .iter()
        .enumerate()
        .map(|(i, p)| {
            log_sum += p.precision.ln();
            if score.precisions[..=i].iter().any(|q| q.precision == 0.0) {
                0.0
            } else {
                score.brevity_penalty * (log_sum / (i + 1) as f64).exp()
            }
        })
        .collect()
}

/// The probabilities typed, or an error naming the first one that is not a number.
pub fn parse_probabilities(text: &str) -> Result<Vec<f64>, String> {
    let items: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .filter(|s| !s.is_empty())
        .collect();
    if items.len() > MAX_PROBABILITIES {
        return Err(format!(
            "probabilities: {} values is more than the {} this page takes",
            thousands(items.len()),
            thousands(MAX_PROBABILITIES)
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.parse::<f64>().map_err(|_| {
                format!(
                    "probabilities: value {} (\"{item}\") is not a number",
                    i + 1
                )
            })
        })
        .collect()
}

fn compute_perplexity(p: &LabParams) -> Result<Option<PerplexityView>, String> {
    let values = parse_probabilities(&p.probabilities)?;
    if values.is_empty() {
        return Ok(None);
    }
    let result = if p.log_probabilities {
        perplexity_from_log_probs(&values)
    } else {
        perplexity(&values)
    };
    let ppl = result.map_err(|e| format!("probabilities: {e}"))?;
    Ok(Some(PerplexityView {
        count: values.len(),
        mean_log: -ppl.ln(),
        perplexity: ppl,
    }))
}

pub fn compute(p: &LabParams) -> Computed {
    let mut out = Computed::default();
    match compute_perplexity(p) {
        Ok(view) => out.perplexity = view,
        Err(e) => out.errors.push(e),
    }
    let tokens = |text: &str| tokenize(text, p.lowercase, p.split_punctuation);
    let candidate = tokens(&p.candidate);
    let references: Vec<Vec<String>> = p
        .references
        .iter()
        .filter(|r| !r.trim().is_empty())
        .map(|r| tokens(r))
        .collect();
    if candidate.is_empty() {
        out.errors
            .push("candidate: type the text to score (the model's output)".into());
    }
    if references.is_empty() {
        out.errors
            .push("ref: type at least one reference text".into());
    }
    if references.len() > MAX_REFERENCES {
        out.errors.push(format!(
            "ref: {} references is more than the {MAX_REFERENCES} this page compares",
            references.len()
        ));
    }
    if candidate.len() > MAX_TOKENS {
        out.errors.push(too_long("candidate", candidate.len()));
    }
    if let Some((i, r)) = references
        .iter()
        .enumerate()
        .find(|(_, r)| r.len() > MAX_TOKENS)
    {
        out.errors
            .push(too_long(&format!("ref (reference {})", i + 1), r.len()));
    }
    let texts_ok = !out.errors.iter().any(|e| !e.starts_with("probabilities:"));
    if texts_ok {
        if let Ok(score) = sentence_bleu(&candidate, &references) {
            out.bleu = Some(BleuView {
                cumulative: cumulative_bleu(&score),
                score,
            });
        }
        let cells: usize = references.iter().map(|r| r.len() * candidate.len()).sum();
        let rouge_l = if cells > MAX_LCS_CELLS {
            Err(format!(
                "ROUGE-L is skipped: it compares every candidate token with every reference token ({} pairs), more than the {} this page compares as you type",
                thousands(cells),
                thousands(MAX_LCS_CELLS)
            ))
        } else {
            rouge_l(&candidate, &references).map_err(|e| e.to_string())
        };
        if let (Ok(rouge_1), Ok(rouge_2)) = (
            rouge_n(&candidate, &references, 1),
            rouge_n(&candidate, &references, 2),
        ) {
            out.rouge = Some(RougeView {
                rouge_1,
                rouge_2,
                rouge_l,
            });
        }
    }
    out.candidate_tokens = candidate;
    out.reference_tokens = references;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::pages::text_metrics::examples::EXAMPLES;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    }

    #[test]
    fn the_notes_worked_example() {
        // The note "Text-generation metrics", section "Worked example": p1 = 5/6, p2 = 3/5,
        // p3 = 1/4, p4 = 0/3, BP = 1, BLEU-2 = sqrt(5/6 · 3/5) = 0.707, BLEU-4 = 0,
        // ROUGE-1 recall 5/6, ROUGE-2 recall 3/5, ROUGE-L R = P = F = 5/6.
        let out = compute(&EXAMPLES[0].params());
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let bleu = out.bleu.unwrap();
        let ratios: Vec<(usize, usize)> = bleu
            .score
            .precisions
            .iter()
            .map(|p| (p.matches, p.total))
            .collect();
        assert_eq!(ratios, [(5, 6), (3, 5), (1, 4), (0, 3)]);
        assert_eq!(bleu.score.brevity_penalty, 1.0);
        assert_eq!(bleu.score.bleu, 0.0);
        close(bleu.cumulative[0], 5.0 / 6.0);
        close(bleu.cumulative[1], 0.5f64.sqrt());
        close(bleu.cumulative[2], (5.0 / 6.0 * 3.0 / 5.0 / 4.0f64).cbrt());
        assert_eq!(bleu.cumulative[3], 0.0);
        let rouge = out.rouge.unwrap();
        close(rouge.rouge_1.best.recall, 5.0 / 6.0);
        close(rouge.rouge_2.best.recall, 3.0 / 5.0);
        close(rouge.rouge_l.unwrap().best.f1, 5.0 / 6.0);
        // Perplexity of [1/4, 1/2, 1/8] = 2^2 = 4 (mean ln p = −2 ln 2).
        let ppl = out.perplexity.unwrap();
        close(ppl.perplexity, 4.0);
        close(ppl.mean_log, -2.0 * 2f64.ln());
    }

    #[test]
    fn the_papineni_example_through_the_page() {
        // NLTK's sentence_bleu doctest: 0.5045666840058485 (tokens compared case-sensitively).
        let out = compute(&EXAMPLES[1].params());
        close(out.bleu.unwrap().score.bleu, 0.5045666840058485);
        // Lin 2004 §3.1: "the gunman kill police" has ROUGE-L 0.5 and ROUGE-2 1/3.
        let out = compute(&EXAMPLES[2].params());
        let rouge = out.rouge.unwrap();
        close(rouge.rouge_l.unwrap().best.f1, 0.5);
        close(rouge.rouge_2.best.f1, 1.0 / 3.0);
    }

    #[test]
    fn tokenizing_options() {
        assert_eq!(
            tokenize("The cat, (sat).", false, false),
            ["The", "cat,", "(sat)."]
        );
        assert_eq!(
            tokenize("The cat, (sat)... don't", true, true),
            ["the", "cat", ",", "(", "sat", ")", ".", ".", ".", "don't"]
        );
        assert_eq!(tokenize("— !", false, true), ["—", "!"]);
        assert!(tokenize("  \n ", true, true).is_empty());
    }

    #[test]
    fn bad_input_is_named_and_the_rest_still_computes() {
        let mut p = EXAMPLES[0].params();
        p.probabilities = "0.5, x".into();
        let out = compute(&p);
        assert_eq!(
            out.errors,
            ["probabilities: value 2 (\"x\") is not a number"]
        );
        assert!(out.bleu.is_some());
        p.probabilities = "0.5 0".into();
        assert!(compute(&p).errors[0].starts_with("probabilities: token 1"));
        p.probabilities = " ".into();
        let out = compute(&p);
        assert!(out.errors.is_empty() && out.perplexity.is_none());
        p.references = vec![" ".into()];
        p.candidate = String::new();
        let out = compute(&p);
        assert_eq!(out.errors.len(), 2);
        assert!(out.bleu.is_none() && out.rouge.is_none());
        p.log_probabilities = true;
        p.probabilities = "-1.3862943611198906 -1.3862943611198906".into();
        close(compute(&p).perplexity.unwrap().perplexity, 4.0);
    }

    #[test]
    fn limits_keep_a_pass_cheap() {
        let long = "w ".repeat(MAX_TOKENS + 1);
        let mut p = EXAMPLES[0].params();
        p.candidate = long.clone();
        assert!(compute(&p).errors[0].starts_with("candidate: 20,001 tokens"));
        // 2,000 × 2,000 = 4,000,000 LCS cells: ROUGE-L is skipped, BLEU still computed.
        p.candidate = "w ".repeat(2000);
        p.references = vec!["w ".repeat(2000)];
        let out = compute(&p);
        assert!(out.errors.is_empty());
        assert!(out.rouge.unwrap().rouge_l.is_err());
        assert!(out.bleu.is_some());
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
