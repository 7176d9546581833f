//! The text-metrics lab's whole state as URL query parameters: the candidate, the references
//! (one `ref` per reference, repeated), the per-token probabilities and how texts are split
//! into tokens. Pure: no DOM.

use super::examples::EXAMPLES;

#[derive(Debug, Clone, PartialEq)]
pub struct LabParams {
    pub candidate: String,
    pub references: Vec<String>,
    /// Per-token probabilities (or natural-log probabilities), separated by spaces, commas,
    /// semicolons or new lines.
    pub probabilities: String,
    /// `probabilities` holds ln p rather than p.
    pub log_probabilities: bool,
    pub lowercase: bool,
    /// Split punctuation at the start and end of words into tokens of its own.
    pub split_punctuation: bool,
}

impl Default for LabParams {
    /// The worked example of the notes.
    fn default() -> Self {
        EXAMPLES[0].params()
    }
}

pub const KNOWN: [&str; 6] = [
    "candidate",
    "ref",
    "probabilities",
    "log",
    "lowercase",
    "punctuation",
];

fn boolean(name: &str, value: &str) -> Result<bool, String> {
    match value {
        "true" | "1" | "on" => Ok(true),
        "false" | "0" | "off" => Ok(false),
        _ => Err(format!("{name}: \"{value}\" must be true or false")),
    }
}

/// Reads every parameter; unknown names and unreadable values are reported, not ignored.
/// Texts missing from the query keep the default example's, so a link that sets only the
/// probabilities still shows a BLEU example.
pub fn parse(query: &[(String, String)]) -> (LabParams, Vec<String>) {
    let mut p = LabParams::default();
    let mut errors = Vec::new();
    let mut references = Vec::new();
    for (name, value) in query {
        let result = match name.as_str() {
            "candidate" => {
                p.candidate = value.clone();
                Ok(())
            }
            "ref" => {
                references.push(value.clone());
                Ok(())
            }
            "probabilities" => {
                p.probabilities = value.clone();
                Ok(())
            }
            "log" => boolean("log", value).map(|v| p.log_probabilities = v),
            "lowercase" => boolean("lowercase", value).map(|v| p.lowercase = v),
            "punctuation" => match value.as_str() {
                "split" | "keep" => {
                    p.split_punctuation = value == "split";
                    Ok(())
                }
                _ => Err(format!("punctuation: \"{value}\" must be split or keep")),
            },
            other => Err(format!(
                "{other}: unknown parameter (known: {})",
                KNOWN.join(", ")
            )),
        };
        if let Err(e) = result {
            errors.push(e);
        }
    }
    if !references.is_empty() {
        p.references = references;
    }
    (p, errors)
}

/// The query that reproduces `p` (every text written out, so a link is self-contained).
pub fn to_query(p: &LabParams) -> Vec<(String, String)> {
    let mut query = vec![("candidate".to_string(), p.candidate.clone())];
    query.extend(p.references.iter().map(|r| ("ref".to_string(), r.clone())));
    query.push(("probabilities".into(), p.probabilities.clone()));
    if p.log_probabilities {
        query.push(("log".into(), "true".into()));
    }
    if p.lowercase {
        query.push(("lowercase".into(), "true".into()));
    }
    if p.split_punctuation {
        query.push(("punctuation".into(), "split".into()));
    }
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn round_trips_with_repeated_references() {
        let p = LabParams {
            candidate: "a b & c".into(),
            references: vec!["a b".into(), "".into(), "c, d".into()],
            probabilities: "0.5 0.25".into(),
            log_probabilities: true,
            lowercase: true,
            split_punctuation: true,
        };
        let (back, errors) = parse(&to_query(&p));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(back, p);
    }

    #[test]
    fn an_empty_query_is_the_notes_example_and_errors_name_the_parameter() {
        assert_eq!(parse(&[]).0, EXAMPLES[0].params());
        let (_, errors) = parse(&pairs(&[
            ("lowercase", "maybe"),
            ("n", "4"),
            ("punctuation", "x"),
        ]));
        assert!(errors[0].starts_with("lowercase:"), "{errors:?}");
        assert!(errors[1].starts_with("n: unknown parameter"), "{errors:?}");
        assert!(errors[2].starts_with("punctuation:"), "{errors:?}");
    }
}
