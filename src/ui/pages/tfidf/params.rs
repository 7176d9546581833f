//! The TF-IDF lab's whole state as URL query parameters, parsed with errors that name the
//! parameter. Names follow scikit-learn's `TfidfVectorizer` / `HashingVectorizer`. Pure: no DOM.

use crate::kernels::tfidf::{
    InverseDocumentFrequency, Normalization, SearchScoring, TermFrequency, TfidfParams,
    MAX_HASH_BUCKETS,
};
use crate::text::{DocFrequency, MAX_NGRAM};

#[derive(Debug, Clone, PartialEq)]
pub struct LabParams {
    /// Corpus id (`sample:…` or a stored corpus); empty until one is chosen.
    pub corpus: String,
    pub tfidf: TfidfParams,
    /// View state: the search box, its scoring, the explored term and the shown document.
    pub query: String,
    pub scoring: SearchScoring,
    pub term: String,
    pub doc: Option<String>,
    /// How many shards to count in parallel; `None`: one per worker of the pool.
    pub shards: Option<usize>,
}

impl Default for LabParams {
    fn default() -> Self {
        LabParams {
            corpus: String::new(),
            tfidf: TfidfParams::default(),
            query: String::new(),
            scoring: SearchScoring::SumOfWeights,
            term: String::new(),
            doc: None,
            shards: None,
        }
    }
}

/// Most shards a fit may be split into.
pub const MAX_SHARDS: usize = 64;

pub const KNOWN: [&str; 16] = [
    "corpus",
    "stop_words",
    "ngram_range",
    "min_df",
    "max_df",
    "max_features",
    "n_features",
    "tf",
    "idf",
    "norm",
    "q",
    "scoring",
    "term",
    "doc",
    "shards",
    "debug",
];

pub fn tf_name(tf: TermFrequency) -> &'static str {
    match tf {
        TermFrequency::Raw => "raw",
        TermFrequency::Sublinear => "log",
        TermFrequency::Relative => "length",
    }
}

pub fn idf_name(idf: InverseDocumentFrequency) -> &'static str {
    match idf {
        InverseDocumentFrequency::Smooth => "smooth",
        InverseDocumentFrequency::Plain => "plain",
        InverseDocumentFrequency::Probabilistic => "probabilistic",
        InverseDocumentFrequency::Unweighted => "none",
    }
}

pub fn norm_name(norm: Normalization) -> &'static str {
    match norm {
        Normalization::L2 => "l2",
        Normalization::L1 => "l1",
        Normalization::None => "none",
    }
}

fn boolean(name: &str, value: &str) -> Result<bool, String> {
    match value {
        "true" | "1" | "on" | "english" => Ok(true),
        "false" | "0" | "off" | "none" => Ok(false),
        _ => Err(format!("{name}: \"{value}\" must be true or false")),
    }
}

fn ngram_range(value: &str) -> Result<(usize, usize), String> {
    let bad = || {
        format!("ngram_range: \"{value}\" must be two lengths like 1,2 with 1 ≤ smallest ≤ largest ≤ {MAX_NGRAM}")
    };
    let cleaned = value.trim().trim_start_matches('(').trim_end_matches(')');
    let (lo, hi) = cleaned.split_once(',').unwrap_or((cleaned, cleaned));
    let lo: usize = lo.trim().parse().map_err(|_| bad())?;
    let hi: usize = hi.trim().parse().map_err(|_| bad())?;
    if 1 <= lo && lo <= hi && hi <= MAX_NGRAM {
        Ok((lo, hi))
    } else {
        Err(bad())
    }
}

fn doc_frequency(name: &str, value: &str) -> Result<DocFrequency, String> {
    let parsed: DocFrequency = value.parse().map_err(|e| format!("{name}: {e}"))?;
    let ok = match parsed {
        DocFrequency::Documents(n) => n >= 1,
        DocFrequency::Fraction(f) => (0.0..=1.0).contains(&f),
    };
    if ok {
        Ok(parsed)
    } else {
        Err(format!(
            "{name}: \"{value}\" must be a number of documents ≥ 1 (like 2) or a fraction between 0 and 1 (like 0.95)"
        ))
    }
}

/// An optional whole number: empty means "no limit".
fn optional_count(name: &str, value: &str, max: usize) -> Result<Option<usize>, String> {
    let value = value.trim();
    if value.is_empty() || value == "none" {
        return Ok(None);
    }
    match value.parse::<usize>() {
        Ok(n) if (1..=max).contains(&n) => Ok(Some(n)),
        _ => Err(format!(
            "{name}: \"{value}\" must be a whole number between 1 and {max}, or empty"
        )),
    }
}

/// Reads every parameter; unknown names and unreadable values are reported, not ignored.
pub fn parse(query: &[(String, String)]) -> (LabParams, Vec<String>) {
    let mut p = LabParams::default();
    let mut errors = Vec::new();
    for (name, value) in query {
        let t = &mut p.tfidf;
        let result: Result<(), String> = match name.as_str() {
            "corpus" => {
                p.corpus = value.clone();
                Ok(())
            }
            "stop_words" => boolean("stop_words", value).map(|v| t.stop_words = v),
            "ngram_range" => ngram_range(value).map(|v| t.ngram_range = v),
            "min_df" => doc_frequency("min_df", value).map(|v| t.min_df = v),
            "max_df" => doc_frequency("max_df", value).map(|v| t.max_df = v),
            "max_features" => {
                optional_count("max_features", value, usize::MAX).map(|v| t.max_features = v)
            }
            "n_features" => {
                optional_count("n_features", value, MAX_HASH_BUCKETS).map(|v| t.n_features = v)
            }
            "tf" => match value.as_str() {
                "raw" => Ok(TermFrequency::Raw),
                "log" | "sublinear" => Ok(TermFrequency::Sublinear),
                "length" | "relative" => Ok(TermFrequency::Relative),
                _ => Err(format!("tf: \"{value}\" must be raw, log or length")),
            }
            .map(|v| t.tf = v),
            "idf" => match value.as_str() {
                "smooth" => Ok(InverseDocumentFrequency::Smooth),
                "plain" => Ok(InverseDocumentFrequency::Plain),
                "probabilistic" => Ok(InverseDocumentFrequency::Probabilistic),
                "none" => Ok(InverseDocumentFrequency::Unweighted),
                _ => Err(format!(
                    "idf: \"{value}\" must be smooth, plain, probabilistic or none"
                )),
            }
            .map(|v| t.idf = v),
            "norm" => match value.as_str() {
                "l2" => Ok(Normalization::L2),
                "l1" => Ok(Normalization::L1),
                "none" => Ok(Normalization::None),
                _ => Err(format!("norm: \"{value}\" must be l2, l1 or none")),
            }
            .map(|v| t.norm = v),
            "q" => {
                p.query = value.clone();
                Ok(())
            }
            "scoring" => match value.as_str() {
                "sum" => Ok(SearchScoring::SumOfWeights),
                "cosine" => Ok(SearchScoring::Cosine),
                _ => Err(format!("scoring: \"{value}\" must be sum or cosine")),
            }
            .map(|v| p.scoring = v),
            "term" => {
                p.term = value.clone();
                Ok(())
            }
            "doc" => {
                p.doc = (!value.is_empty()).then(|| value.clone());
                Ok(())
            }
            "shards" => optional_count("shards", value, MAX_SHARDS).map(|v| p.shards = v),
            "debug" => Ok(()),
            other => Err(format!(
                "unknown parameter \"{other}\" (this lab reads: {})",
                KNOWN.join(", ")
            )),
        };
        if let Err(e) = result {
            errors.push(e);
        }
    }
    // Rules between parameters (hashing has no vocabulary to prune).
    if errors.is_empty() {
        if let Err(e) = p.tfidf.validate() {
            errors.push(e.to_string());
        }
    }
    (p, errors)
}

/// Sets one parameter in a query, keeping the others in order; an empty value removes it.
pub fn set(query: &mut Vec<(String, String)>, name: &str, value: String) {
    if value.is_empty() {
        query.retain(|(k, _)| k != name);
        return;
    }
    match query.iter_mut().find(|(k, _)| k == name) {
        Some(pair) => pair.1 = value,
        None => query.push((name.to_string(), value)),
    }
}

/// Sets one parameter in the lab's query signal (which writes the URL).
pub fn set_in(query: leptos::prelude::RwSignal<Vec<(String, String)>>, name: &str, value: String) {
    use leptos::prelude::Update;
    query.update(|q| set(q, name, value));
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
    fn defaults_are_sklearn_sublinear() {
        let (p, errors) = parse(&[]);
        assert!(errors.is_empty());
        assert_eq!(p.tfidf, TfidfParams::default());
    }

    #[test]
    fn reads_every_parameter() {
        let (p, errors) = parse(&q(&[
            ("corpus", "sample:sotu"),
            ("stop_words", "true"),
            ("ngram_range", "1,3"),
            ("min_df", "2"),
            ("max_df", "0.9"),
            ("max_features", "500"),
            ("tf", "raw"),
            ("idf", "probabilistic"),
            ("norm", "l1"),
            ("q", "income tax"),
            ("scoring", "cosine"),
            ("term", "war"),
            ("doc", "a.txt"),
            ("shards", "3"),
        ]));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(p.corpus, "sample:sotu");
        assert!(p.tfidf.stop_words);
        assert_eq!(p.tfidf.ngram_range, (1, 3));
        assert_eq!(p.tfidf.min_df, DocFrequency::Documents(2));
        assert_eq!(p.tfidf.max_df, DocFrequency::Fraction(0.9));
        assert_eq!(p.tfidf.max_features, Some(500));
        assert_eq!(p.tfidf.tf, TermFrequency::Raw);
        assert_eq!(p.tfidf.idf, InverseDocumentFrequency::Probabilistic);
        assert_eq!(p.tfidf.norm, Normalization::L1);
        assert_eq!(p.scoring, SearchScoring::Cosine);
        assert_eq!((p.query.as_str(), p.term.as_str()), ("income tax", "war"));
        assert_eq!(p.doc.as_deref(), Some("a.txt"));
        assert_eq!(p.shards, Some(3));
    }

    #[test]
    fn bad_values_name_the_parameter() {
        let (_, errors) = parse(&q(&[
            ("ngram_range", "1,4"),
            ("min_df", "abc"),
            ("max_df", "1.5"),
            ("n_features", "0"),
            ("tf", "binary"),
            ("norm", "l3"),
            ("bogus", "1"),
        ]));
        let starts: Vec<&str> = errors
            .iter()
            .map(|e| e.split(':').next().unwrap_or(""))
            .collect();
        assert_eq!(
            starts,
            [
                "ngram_range",
                "min_df",
                "max_df",
                "n_features",
                "tf",
                "norm",
                "unknown parameter \"bogus\" (this lab reads"
            ]
        );
        let (_, errors) = parse(&q(&[("n_features", "1024"), ("min_df", "2")]));
        assert!(errors[0].contains("n_features"), "{errors:?}");
    }
}
