//! The PCA lab's state as URL query parameters (SageMaker PCA's names), parsed with errors
//! that name the parameter. Pure: no DOM.

use crate::kernels::pca::{AlgorithmMode, PcaParams};
use crate::ui::pages::kmeans::params::{boolean, whole};

#[derive(Debug, Clone, PartialEq)]
pub struct LabParams {
    pub dataset: String,
    /// `None`: every numeric column not named like a label.
    pub features: Option<Vec<String>>,
    pub pca: PcaParams,
    pub drop_missing: bool,
    /// The column that colours the projection (any column; default: a label-like one).
    pub colour: Option<String>,
    /// Components on the projection's axes, counted from 1.
    pub plot_x: usize,
    pub plot_y: usize,
}

pub const DEFAULT_DATASET: &str = "sample:breast_cancer";

impl Default for LabParams {
    fn default() -> Self {
        LabParams {
            dataset: DEFAULT_DATASET.into(),
            features: None,
            // Features on different scales would let the widest one dominate the first
            // component, so the lab standardizes unless the user turns it off.
            pca: PcaParams {
                num_components: 5,
                standardize: true,
                ..PcaParams::default()
            },
            drop_missing: false,
            colour: None,
            plot_x: 1,
            plot_y: 2,
        }
    }
}

const KNOWN: [&str; 13] = [
    "dataset",
    "features",
    "num_components",
    "algorithm_mode",
    "subtract_mean",
    "standardize",
    "extra_components",
    "power_iterations",
    "seed",
    "drop_missing",
    "colour",
    "x",
    "y",
];

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
            "num_components" => whole(name, value).map(|v| p.pca.num_components = v),
            "algorithm_mode" => AlgorithmMode::parse(value)
                .map(|v| p.pca.algorithm_mode = v)
                .ok_or_else(|| {
                    format!("algorithm_mode: \"{value}\" must be regular or randomized")
                }),
            "subtract_mean" => boolean(name, value).map(|v| p.pca.subtract_mean = v),
            "standardize" => boolean(name, value).map(|v| p.pca.standardize = v),
            "extra_components" => value
                .trim()
                .parse::<i64>()
                .map(|v| p.pca.extra_components = v)
                .map_err(|_| format!("extra_components: \"{value}\" is not a whole number")),
            "power_iterations" => whole(name, value).map(|v| p.pca.power_iterations = v),
            "seed" => value
                .trim()
                .parse::<u64>()
                .map(|v| p.pca.seed = v)
                .map_err(|_| format!("seed: \"{value}\" is not a whole number ≥ 0")),
            "drop_missing" => boolean(name, value).map(|v| p.drop_missing = v),
            "colour" => {
                p.colour = (!value.is_empty()).then(|| value.clone());
                Ok(())
            }
            "x" => whole(name, value).map(|v| p.plot_x = v),
            "y" => whole(name, value).map(|v| p.plot_y = v),
            other => Err(format!(
                "unknown parameter \"{other}\" (this lab reads: {})",
                KNOWN.join(", ")
            )),
        };
        if let Err(e) = result {
            errors.push(e);
        }
    }
    // Rules that do not depend on the data; num_components against the features is
    // checked when the data is known.
    if p.pca.num_components == 0 {
        errors.push("num_components must be at least 1".to_string());
    } else if let Err(e) = p.pca.validate(usize::MAX, usize::MAX) {
        errors.push(e.to_string());
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
    fn reads_every_parameter() {
        let (p, errors) = parse(&q(&[
            ("num_components", "3"),
            ("algorithm_mode", "randomized"),
            ("standardize", "false"),
            ("extra_components", "4"),
            ("colour", "target"),
            ("x", "2"),
            ("y", "3"),
        ]));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(p.pca.num_components, 3);
        assert_eq!(p.pca.algorithm_mode, AlgorithmMode::Randomized);
        assert!(!p.pca.standardize);
        assert_eq!(p.pca.extra_components, 4);
        assert_eq!(p.colour.as_deref(), Some("target"));
        assert_eq!((p.plot_x, p.plot_y), (2, 3));
    }

    #[test]
    fn bad_values_name_the_parameter() {
        let (_, errors) = parse(&q(&[
            ("num_components", "0"),
            ("algorithm_mode", "fast"),
            ("power_iterations", "99"),
            ("bogus", "1"),
        ]));
        assert!(errors.iter().any(|e| e.starts_with("algorithm_mode:")));
        assert!(errors
            .iter()
            .any(|e| e.starts_with("unknown parameter \"bogus\"")));
        assert!(errors.contains(&"num_components must be at least 1".to_string()));
        let (_, errors) = parse(&q(&[("power_iterations", "99")]));
        assert!(
            errors[0].starts_with("power_iterations must be"),
            "{errors:?}"
        );
    }
}
