//! The data half of any supervised lab's URL: `dataset`, `target`, `features`, the
//! validation channel or split. XGBoost parses these itself; the linear learner and k-NN
//! labs read them through [`read`], so the shared data form works the same on every lab.

use crate::data::supervised::SupervisedSpec;

#[derive(Debug, Clone, PartialEq)]
pub struct DataChoice {
    pub dataset: String,
    /// A second dataset used as the validation channel (SageMaker's `validation`).
    pub validation: Option<String>,
    pub spec: SupervisedSpec,
}

impl Default for DataChoice {
    fn default() -> Self {
        DataChoice {
            dataset: super::params::DEFAULT_DATASET.into(),
            validation: None,
            spec: SupervisedSpec::default(),
        }
    }
}

/// The names [`read`] understands, in the order the form shows them.
pub const DATA_NAMES: [&str; 7] = [
    "dataset",
    "target",
    "features",
    "validation",
    "validation_fraction",
    "split_seed",
    "stratify",
];

pub fn whole(name: &str, value: &str) -> Result<usize, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("{name}: \"{value}\" is not a whole number"))
}

pub fn number(name: &str, value: &str) -> Result<f64, String> {
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("{name}: \"{value}\" is not a number"))
}

pub fn boolean(name: &str, value: &str) -> Result<bool, String> {
    match value {
        "true" | "1" | "on" => Ok(true),
        "false" | "0" | "off" => Ok(false),
        _ => Err(format!("{name}: \"{value}\" must be true or false")),
    }
}

fn list(value: &str) -> Option<Vec<String>> {
    let items: Vec<String> = value
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    (!items.is_empty()).then_some(items)
}

/// Reads one data parameter; `None` when `name` is not one of [`DATA_NAMES`].
pub fn read(choice: &mut DataChoice, name: &str, value: &str) -> Option<Result<(), String>> {
    let spec = &mut choice.spec;
    let result = match name {
        "dataset" => {
            choice.dataset = value.to_string();
            Ok(())
        }
        "target" => {
            spec.target = Some(value.to_string()).filter(|v| !v.is_empty());
            Ok(())
        }
        "features" => {
            spec.features = list(value);
            Ok(())
        }
        "validation" => {
            choice.validation = Some(value.to_string()).filter(|v| !v.is_empty());
            Ok(())
        }
        "validation_fraction" => number(name, value).and_then(|v| {
            if (0.0..1.0).contains(&v) {
                spec.validation_fraction = v;
                Ok(())
            } else {
                Err(format!(
                    "validation_fraction must be at least 0 and below 1 (got {value})"
                ))
            }
        }),
        "split_seed" => whole(name, value).map(|v| spec.split_seed = v as u64),
        "stratify" => boolean(name, value).map(|v| spec.stratify = v),
        _ => return None,
    };
    Some(result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_data_names_and_leaves_others() {
        let mut c = DataChoice::default();
        assert_eq!(read(&mut c, "features", "a, b"), Some(Ok(())));
        assert_eq!(c.spec.features, Some(vec!["a".into(), "b".into()]));
        assert!(read(&mut c, "validation_fraction", "1")
            .is_some_and(|r| r.is_err_and(|e| e.starts_with("validation_fraction"))));
        assert_eq!(read(&mut c, "k", "5"), None);
    }
}
