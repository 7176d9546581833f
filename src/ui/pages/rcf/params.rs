//! The Random Cut Forest lab's state as URL query parameters (SageMaker's names where they
//! exist), parsed with errors that name the parameter. Pure: no DOM.

use crate::kernels::rcf::{Mode, RcfParams};
use crate::ui::pages::fm::params::real;
use crate::ui::pages::kmeans::params::whole;
pub use crate::ui::pages::kmeans::params::{set, set_in};
pub use crate::ui::pages::xgboost::params::remove_in;

/// The label column: picked automatically, none, or a named column.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// No `target` parameter: a column named like a label, if there is one.
    Auto,
    /// `target=` (empty): score without labels.
    Off,
    Column(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct LabParams {
    pub dataset: String,
    /// `None`: every numeric column that is neither a label nor a row counter.
    pub features: Option<Vec<String>>,
    pub target: Target,
    pub rcf: RcfParams,
    /// The cut for flagging; `None`: mean + 3σ of the scores.
    pub threshold: Option<f64>,
}

pub const DEFAULT_DATASET: &str = "sample:timeseries_anomaly";
/// The lab's shingle default: the sample is a time series whose anomalies are shapes (a
/// spike, a change of period) that single values do not show.
pub const DEFAULT_SHINGLE: usize = 8;

impl Default for LabParams {
    fn default() -> Self {
        LabParams {
            dataset: DEFAULT_DATASET.into(),
            features: None,
            target: Target::Auto,
            rcf: RcfParams {
                shingle_size: DEFAULT_SHINGLE,
                ..RcfParams::default()
            },
            threshold: None,
        }
    }
}

const KNOWN: [&str; 10] = [
    "dataset",
    "features",
    "target",
    "num_trees",
    "num_samples_per_tree",
    "shingle_size",
    "mode",
    "time_decay",
    "seed",
    "threshold",
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
            "target" => {
                p.target = if value.is_empty() {
                    Target::Off
                } else {
                    Target::Column(value.clone())
                };
                Ok(())
            }
            "num_trees" => whole(name, value).map(|v| p.rcf.num_trees = v),
            "num_samples_per_tree" => whole(name, value).map(|v| p.rcf.num_samples_per_tree = v),
            "shingle_size" => whole(name, value).map(|v| p.rcf.shingle_size = v),
            "mode" => Mode::parse(value)
                .map(|v| p.rcf.mode = v)
                .ok_or_else(|| format!("mode: \"{value}\" must be batch or streaming")),
            "time_decay" => real(name, value).map(|v| p.rcf.time_decay = v),
            "seed" => value
                .trim()
                .parse::<u64>()
                .map(|v| p.rcf.seed = v)
                .map_err(|_| format!("seed: \"{value}\" is not a whole number ≥ 0")),
            "threshold" if value.is_empty() => Ok(()),
            "threshold" => real(name, value).map(|v| p.threshold = Some(v)),
            other => Err(format!(
                "unknown parameter \"{other}\" (this lab reads: {})",
                KNOWN.join(", ")
            )),
        };
        if let Err(e) = result {
            errors.push(e);
        }
    }
    // Rules that do not depend on the data; shingle_size against the series length is
    // checked when the data is known.
    if p.rcf.shingle_size == 0 {
        errors.push("shingle_size must be at least 1".into());
    } else if let Err(e) = p.rcf.validate(usize::MAX) {
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
            ("num_trees", "50"),
            ("num_samples_per_tree", "128"),
            ("shingle_size", "4"),
            ("mode", "streaming"),
            ("target", "label"),
            ("threshold", "1.5"),
        ]));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((p.rcf.num_trees, p.rcf.num_samples_per_tree), (50, 128));
        assert_eq!((p.rcf.shingle_size, p.rcf.mode), (4, Mode::Streaming));
        assert_eq!(p.target, Target::Column("label".into()));
        assert_eq!(p.threshold, Some(1.5));
        assert_eq!(parse(&q(&[("target", "")])).0.target, Target::Off);
        assert_eq!(LabParams::default().rcf.shingle_size, 8);
    }

    #[test]
    fn bad_values_name_the_parameter() {
        let (_, errors) = parse(&q(&[
            ("num_trees", "0"),
            ("mode", "online"),
            ("shingle_size", "x"),
            ("nope", "1"),
        ]));
        assert!(errors.iter().any(|e| e.starts_with("mode:")));
        assert!(errors.iter().any(|e| e.starts_with("shingle_size:")));
        assert!(errors.iter().any(|e| e.starts_with("unknown parameter")));
        assert!(errors
            .iter()
            .any(|e| e == "num_trees must be between 1 and 1000; it is 0"));
    }
}
