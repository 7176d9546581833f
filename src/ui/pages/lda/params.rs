//! The LDA lab's whole state as URL query parameters (SageMaker LDA's names: `num_topics`,
//! `alpha0`; plus `beta`, `iterations`, `seed` and the tokenizer options), parsed with errors
//! that name the parameter. Pure: no DOM.

use crate::kernels::lda::{LdaParams, MAX_ITERATIONS, MAX_TOPICS};
use crate::text::DocFrequency;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabParams {
    pub corpus: String,
    pub lda: LdaParams,
    /// The document whose mixture is shown.
    pub doc: Option<String>,
}

pub const KNOWN: [&str; 11] = [
    "corpus",
    "num_topics",
    "alpha0",
    "beta",
    "iterations",
    "seed",
    "stop_words",
    "min_df",
    "max_df",
    "max_features",
    "doc",
];

fn whole(name: &str, value: &str, lo: usize, hi: usize) -> Result<usize, String> {
    match value.trim().parse::<usize>() {
        Ok(n) if (lo..=hi).contains(&n) => Ok(n),
        _ => Err(format!(
            "{name}: \"{value}\" must be a whole number between {lo} and {hi}"
        )),
    }
}

fn positive(name: &str, value: &str) -> Result<f64, String> {
    match value.trim().parse::<f64>() {
        Ok(v) if v > 0.0 && v.is_finite() => Ok(v),
        _ => Err(format!("{name}: \"{value}\" must be a number above 0")),
    }
}

fn doc_frequency(name: &str, value: &str) -> Result<DocFrequency, String> {
    let parsed: DocFrequency = value.parse().map_err(|e| format!("{name}: {e}"))?;
    match parsed {
        DocFrequency::Documents(n) if n >= 1 => Ok(parsed),
        DocFrequency::Fraction(f) if (0.0..=1.0).contains(&f) => Ok(parsed),
        _ => Err(format!(
            "{name}: \"{value}\" must be a number of documents ≥ 1 or a fraction between 0 and 1"
        )),
    }
}

pub fn parse(query: &[(String, String)]) -> (LabParams, Vec<String>) {
    let mut p = LabParams::default();
    let mut errors = Vec::new();
    for (name, value) in query {
        let l = &mut p.lda;
        let result: Result<(), String> = match name.as_str() {
            "corpus" => {
                p.corpus = value.clone();
                Ok(())
            }
            "num_topics" => whole("num_topics", value, 1, MAX_TOPICS).map(|v| l.num_topics = v),
            "alpha0" => positive("alpha0", value).map(|v| l.alpha0 = v),
            "beta" => positive("beta", value).map(|v| l.beta = v),
            "iterations" => whole("iterations", value, 1, MAX_ITERATIONS).map(|v| l.iterations = v),
            "seed" => value
                .trim()
                .parse::<u64>()
                .map(|v| l.seed = v)
                .map_err(|_| format!("seed: \"{value}\" is not a whole number ≥ 0")),
            "stop_words" => match value.as_str() {
                "true" | "1" | "english" => Ok(true),
                "false" | "0" | "none" => Ok(false),
                _ => Err(format!("stop_words: \"{value}\" must be true or false")),
            }
            .map(|v| l.stop_words = v),
            "min_df" => doc_frequency("min_df", value).map(|v| l.min_df = v),
            "max_df" => doc_frequency("max_df", value).map(|v| l.max_df = v),
            "max_features" => {
                if value.trim().is_empty() {
                    l.max_features = None;
                    Ok(())
                } else {
                    whole("max_features", value, 1, usize::MAX).map(|v| l.max_features = Some(v))
                }
            }
            "doc" => {
                p.doc = (!value.is_empty()).then(|| value.clone());
                Ok(())
            }
            other => Err(format!(
                "unknown parameter \"{other}\" (this lab reads: {})",
                KNOWN.join(", ")
            )),
        };
        if let Err(e) = result {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        if let Err(e) = p.lda.validate() {
            errors.push(e.to_string());
        }
    }
    (p, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_parameters_and_names_bad_ones() {
        let (p, errors) = parse(&q(&[("num_topics", "5"), ("alpha0", "0.5"), ("seed", "3")]));
        assert!(errors.is_empty());
        assert_eq!((p.lda.num_topics, p.lda.alpha0, p.lda.seed), (5, 0.5, 3));
        let (_, errors) = parse(&q(&[("num_topics", "0"), ("beta", "-1"), ("x", "1")]));
        assert!(errors[0].starts_with("num_topics:"));
        assert!(errors[1].starts_with("beta:"));
        assert!(errors[2].starts_with("unknown parameter \"x\""));
    }
}
