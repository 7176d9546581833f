//! The factorization-machines lab's state as URL query parameters (SageMaker's names),
//! parsed with errors that name the parameter. Pure: no DOM.

use crate::kernels::fm::{FmParams, PredictorType};
use crate::ui::pages::kmeans::params::whole;
pub use crate::ui::pages::kmeans::params::{set, set_in};
pub use crate::ui::pages::xgboost::params::remove_in;

#[derive(Debug, Clone, PartialEq)]
pub struct LabParams {
    pub dataset: String,
    /// A second dataset as SageMaker's validation channel; `None` holds out rows instead.
    pub validation: Option<String>,
    pub validation_fraction: f64,
    pub split_seed: u64,
    /// `None`: a column named like a rating or label, else the last numeric column.
    pub target: Option<String>,
    /// Columns one-hot encoded; `None`: every categorical column but the target.
    pub features: Option<Vec<String>>,
    /// binary_classifier on a numeric target: label 1 when target ≥ this.
    pub binarize: Option<f64>,
    /// Column whose factor vectors are mapped in 2-D; `None`: the second feature (the item).
    pub embed: Option<String>,
    pub fm: FmParams,
}

pub const DEFAULT_DATASET: &str = "sample:ratings";

impl Default for LabParams {
    fn default() -> Self {
        LabParams {
            dataset: DEFAULT_DATASET.into(),
            validation: None,
            validation_fraction: 0.2,
            split_seed: 0,
            target: None,
            features: None,
            binarize: None,
            embed: None,
            fm: FmParams::default(),
        }
    }
}

const KNOWN: [&str; 21] = [
    "dataset",
    "validation",
    "validation_fraction",
    "split_seed",
    "target",
    "features",
    "binarize",
    "embed",
    "predictor_type",
    "num_factors",
    "epochs",
    "mini_batch_size",
    "bias_lr",
    "linear_lr",
    "factors_lr",
    "bias_wd",
    "linear_wd",
    "factors_wd",
    "factors_init_sigma",
    "clip_gradient",
    "seed",
];

pub fn real(name: &str, value: &str) -> Result<f64, String> {
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{name}: \"{value}\" is not a number"))
}

fn seed(name: &str, value: &str) -> Result<u64, String> {
    value
        .trim()
        .parse::<u64>()
        .map_err(|_| format!("{name}: \"{value}\" is not a whole number ≥ 0"))
}

fn some(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

/// Reads every parameter; unknown names and unreadable values are reported, not ignored.
pub fn parse(query: &[(String, String)]) -> (LabParams, Vec<String>) {
    let mut p = LabParams::default();
    let mut errors = Vec::new();
    for (name, value) in query {
        let fm = &mut p.fm;
        let result: Result<(), String> = match name.as_str() {
            "dataset" => {
                p.dataset = value.clone();
                Ok(())
            }
            "validation" => {
                p.validation = some(value);
                Ok(())
            }
            "validation_fraction" => real(name, value).and_then(|v| {
                if (0.0..0.9).contains(&v) {
                    p.validation_fraction = v;
                    Ok(())
                } else {
                    Err(format!(
                        "validation_fraction must be at least 0 and below 0.9; it is {v}"
                    ))
                }
            }),
            "split_seed" => seed(name, value).map(|v| p.split_seed = v),
            "target" => {
                p.target = some(value);
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
            "binarize" if value.is_empty() => Ok(()),
            "binarize" => real(name, value).map(|v| p.binarize = Some(v)),
            "embed" => {
                p.embed = some(value);
                Ok(())
            }
            "predictor_type" => PredictorType::parse(value)
                .map(|v| fm.predictor_type = v)
                .ok_or_else(|| {
                    format!("predictor_type: \"{value}\" must be regressor or binary_classifier")
                }),
            "num_factors" => whole(name, value).map(|v| fm.num_factors = v),
            "epochs" => whole(name, value).map(|v| fm.epochs = v),
            "mini_batch_size" => whole(name, value).map(|v| fm.mini_batch_size = v),
            "bias_lr" => real(name, value).map(|v| fm.bias_lr = v),
            "linear_lr" => real(name, value).map(|v| fm.linear_lr = v),
            "factors_lr" => real(name, value).map(|v| fm.factors_lr = v),
            "bias_wd" => real(name, value).map(|v| fm.bias_wd = v),
            "linear_wd" => real(name, value).map(|v| fm.linear_wd = v),
            "factors_wd" => real(name, value).map(|v| fm.factors_wd = v),
            "factors_init_sigma" => real(name, value).map(|v| fm.factors_init_sigma = v),
            "clip_gradient" if value.is_empty() => Ok(()),
            "clip_gradient" => real(name, value).map(|v| fm.clip_gradient = Some(v)),
            "seed" => seed(name, value).map(|v| fm.seed = v),
            other => Err(format!(
                "unknown parameter \"{other}\" (this lab reads: {})",
                KNOWN.join(", ")
            )),
        };
        if let Err(e) = result {
            errors.push(e);
        }
    }
    if let Err(e) = p.fm.validate() {
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
    fn reads_sagemaker_names() {
        let (p, errors) = parse(&q(&[
            ("predictor_type", "binary_classifier"),
            ("num_factors", "4"),
            ("epochs", "3"),
            ("factors_wd", "0.01"),
            ("features", "user,item"),
            ("binarize", "4"),
        ]));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(p.fm.predictor_type, PredictorType::BinaryClassifier);
        assert_eq!((p.fm.num_factors, p.fm.epochs), (4, 3));
        assert_eq!(p.fm.factors_wd, 0.01);
        assert_eq!(p.features, Some(vec!["user".into(), "item".into()]));
        assert_eq!(p.binarize, Some(4.0));
    }

    #[test]
    fn bad_values_name_the_parameter() {
        let (_, errors) = parse(&q(&[
            ("predictor_type", "ranker"),
            ("epochs", "0"),
            ("factors_wd", "x"),
            ("validation_fraction", "0.95"),
            ("bogus", "1"),
        ]));
        assert!(errors.iter().any(|e| e.starts_with("predictor_type:")));
        assert!(errors.iter().any(|e| e.starts_with("factors_wd:")));
        assert!(errors
            .iter()
            .any(|e| e.starts_with("validation_fraction must be")));
        assert!(errors.iter().any(|e| e.starts_with("unknown parameter")));
        assert!(errors
            .iter()
            .any(|e| e == "epochs must be between 1 and 1000; it is 0"));
        let (_, errors) = parse(&q(&[("linear_wd", "-1")]));
        assert_eq!(
            errors,
            vec!["linear_wd must be a number between 0 and 10; it is -1"]
        );
    }
}
