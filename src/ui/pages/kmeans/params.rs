//! The K-Means lab's whole state as URL query parameters, parsed with errors that name
//! the parameter. Pure: no DOM.

use crate::kernels::kmeans::{Distance, InitMethod, KMeansParams};

#[derive(Debug, Clone, PartialEq)]
pub struct LabParams {
    pub dataset: String,
    /// `None`: every numeric column not named like a label.
    pub features: Option<Vec<String>>,
    pub kmeans: KMeansParams,
    pub standardize: bool,
    pub drop_missing: bool,
    /// Features on the scatter plot's axes.
    pub plot_x: Option<String>,
    pub plot_y: Option<String>,
    /// `debug=crash-worker`: Run sends a job that panics in the worker (for tests of crash recovery).
    pub crash_worker: bool,
}

pub const DEFAULT_DATASET: &str = "sample:blobs_2d";

impl Default for LabParams {
    fn default() -> Self {
        LabParams {
            dataset: DEFAULT_DATASET.into(),
            features: None,
            kmeans: KMeansParams::default(),
            standardize: false,
            drop_missing: false,
            plot_x: None,
            plot_y: None,
            crash_worker: false,
        }
    }
}

const KNOWN: [&str; 14] = [
    "dataset",
    "features",
    "k",
    "init_method",
    "distance",
    "max_iter",
    "tol",
    "n_init",
    "seed",
    "standardize",
    "drop_missing",
    "x",
    "y",
    "debug",
];

pub fn whole(name: &str, value: &str) -> Result<usize, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("{name}: \"{value}\" is not a whole number"))
}

pub fn boolean(name: &str, value: &str) -> Result<bool, String> {
    match value {
        "true" | "1" | "on" => Ok(true),
        "false" | "0" | "off" => Ok(false),
        _ => Err(format!("{name}: \"{value}\" must be true or false")),
    }
}

/// Reads every parameter; unknown names and unreadable values are reported, not ignored.
pub fn parse(query: &[(String, String)]) -> (LabParams, Vec<String>) {
    let mut p = LabParams::default();
    let mut errors = Vec::new();
    for (name, value) in query {
        let result: Result<(), String> = match name.as_str() {
            "dataset" => {
                p.dataset = value.clone();
                Ok(())
            }
            "features" => {
                let list: Vec<String> = value
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                p.features = (!list.is_empty()).then_some(list);
                Ok(())
            }
            "k" => whole("k", value).map(|v| p.kmeans.k = v),
            "init_method" => InitMethod::parse(value)
                .map(|v| p.kmeans.init_method = v)
                .ok_or_else(|| format!("init_method: \"{value}\" must be random or kmeans++")),
            "distance" => Distance::parse(value)
                .map(|v| p.kmeans.distance = v)
                .ok_or_else(|| format!("distance: \"{value}\" must be euclidean or manhattan")),
            "max_iter" => whole("max_iter", value).map(|v| p.kmeans.max_iter = v),
            "tol" => value
                .trim()
                .parse::<f64>()
                .map(|v| p.kmeans.tol = v)
                .map_err(|_| format!("tol: \"{value}\" is not a number")),
            "n_init" => whole("n_init", value).map(|v| p.kmeans.n_init = v),
            "seed" => value
                .trim()
                .parse::<u64>()
                .map(|v| p.kmeans.seed = v)
                .map_err(|_| format!("seed: \"{value}\" is not a whole number ≥ 0")),
            "standardize" => boolean("standardize", value).map(|v| p.standardize = v),
            "drop_missing" => boolean("drop_missing", value).map(|v| p.drop_missing = v),
            "x" => {
                p.plot_x = Some(value.clone());
                Ok(())
            }
            "y" => {
                p.plot_y = Some(value.clone());
                Ok(())
            }
            "debug" if value == "crash-worker" => {
                p.crash_worker = true;
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
    // Rules that do not depend on the data; k against the row count is checked at run time.
    if let Err(e) = (KMeansParams {
        k: p.kmeans.k.max(1),
        ..p.kmeans.clone()
    })
    .validate(usize::MAX)
    {
        errors.push(e.to_string());
    }
    if p.kmeans.k == 0 {
        errors.push("k must be at least 1".to_string());
    }
    (p, errors)
}

/// Sets one parameter in a query, keeping the others in order.
pub fn set(query: &mut Vec<(String, String)>, name: &str, value: String) {
    match query.iter_mut().find(|(k, _)| k == name) {
        Some(pair) => pair.1 = value,
        None => query.push((name.to_string(), value)),
    }
}

pub fn remove(query: &mut Vec<(String, String)>, name: &str) {
    query.retain(|(k, _)| k != name);
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
    fn reads_every_parameter() {
        let (p, errors) = parse(&q(&[
            ("k", "3"),
            ("init_method", "random"),
            ("distance", "manhattan"),
            ("features", "a, b"),
            ("standardize", "true"),
            ("n_init", "4"),
            ("tol", "0.01"),
        ]));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(p.kmeans.k, 3);
        assert_eq!(p.kmeans.init_method, InitMethod::Random);
        assert_eq!(p.kmeans.distance, Distance::Manhattan);
        assert_eq!(p.features, Some(vec!["a".to_string(), "b".to_string()]));
        assert!(p.standardize);
        assert_eq!((p.kmeans.n_init, p.kmeans.tol), (4, 0.01));
    }

    #[test]
    fn bad_values_name_the_parameter() {
        let (_, errors) = parse(&q(&[
            ("k", "abc"),
            ("distance", "cosine"),
            ("bogus", "1"),
            ("n_init", "0"),
        ]));
        assert!(errors.iter().any(|e| e.starts_with("k: \"abc\"")));
        assert!(errors.iter().any(|e| e.starts_with("distance:")));
        assert!(errors
            .iter()
            .any(|e| e.starts_with("unknown parameter \"bogus\"")));
        assert!(errors.iter().any(|e| e.starts_with("n_init must be")));
        let (_, errors) = parse(&q(&[("k", "0")]));
        assert_eq!(errors, vec!["k must be at least 1".to_string()]);
    }
}
