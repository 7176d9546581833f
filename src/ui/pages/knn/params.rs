//! The k-NN lab's whole state as URL query parameters: the data choices (shared with every
//! supervised lab), SageMaker k-NN's `predictor_type`, `k`, `sample_size`, the distance,
//! `standardize`, the index, and the two features the decision-region map spans. Pure.

use crate::kernels::boosting::Objective;
use crate::kernels::knn::{Distance, IndexType, KnnParams, PredictorType};
use crate::ui::pages::xgboost::data_choice::{self, boolean, whole, DataChoice};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabParams {
    pub data: DataChoice,
    /// `None`: from the target column (classes → classifier, numbers → regressor).
    pub predictor_type: Option<PredictorType>,
    pub knn: KnnParams,
    /// Feature columns of the decision-region map; `None`: the first two features.
    pub map_x: Option<String>,
    pub map_y: Option<String>,
}

impl LabParams {
    /// The data choices with the task forced when `predictor_type` is set.
    pub fn data(&self) -> DataChoice {
        let mut data = self.data.clone();
        data.spec.objective = self.predictor_type.map(|p| match p {
            PredictorType::Regressor => Objective::SquaredError,
            // Binary or multiclass: the preparation tells them apart by the class count.
            PredictorType::Classifier => Objective::Softprob,
        });
        data
    }
}

pub const HYPER_NAMES: [&str; 9] = [
    "predictor_type",
    "k",
    "sample_size",
    "distance",
    "standardize",
    "index_type",
    "seed",
    "map_x",
    "map_y",
];

fn read_one(p: &mut LabParams, name: &str, value: &str) -> Result<(), String> {
    if let Some(result) = data_choice::read(&mut p.data, name, value) {
        return result;
    }
    let v = value.trim();
    match name {
        "predictor_type" => {
            p.predictor_type = match v {
                "" | "auto" => None,
                _ => Some(PredictorType::parse(v).ok_or_else(|| {
                    format!("predictor_type: \"{v}\" must be auto, classifier or regressor")
                })?),
            }
        }
        "k" => p.knn.k = whole(name, value)?,
        "sample_size" => {
            p.knn.sample_size = match v {
                "" | "all" => None,
                _ => Some(whole(name, value)?),
            }
        }
        "distance" => {
            p.knn.distance = Distance::parse(v).ok_or_else(|| {
                format!("distance: \"{v}\" must be euclidean, manhattan or cosine")
            })?
        }
        "standardize" => p.knn.standardize = boolean(name, value)?,
        "index_type" => {
            p.knn.index_type = match v {
                "brute" => IndexType::BruteForce,
                "tree" => IndexType::KdTree,
                _ => IndexType::parse(v)
                    .ok_or_else(|| format!("index_type: \"{v}\" must be brute_force or kd_tree"))?,
            }
        }
        "seed" => p.knn.seed = whole(name, value)? as u64,
        "map_x" => p.map_x = Some(v.to_string()).filter(|s| !s.is_empty()),
        "map_y" => p.map_y = Some(v.to_string()).filter(|s| !s.is_empty()),
        other => {
            return Err(format!(
                "unknown parameter \"{other}\" (this lab reads: {}, {})",
                data_choice::DATA_NAMES.join(", "),
                HYPER_NAMES.join(", ")
            ))
        }
    }
    Ok(())
}

/// Reads every parameter; unknown names and unreadable values are reported, not ignored.
/// `k` and `sample_size` are checked against the rows when the job is prepared.
pub fn parse(query: &[(String, String)]) -> (LabParams, Vec<String>) {
    let mut p = LabParams::default();
    let mut errors = Vec::new();
    for (name, value) in query {
        if let Err(e) = read_one(&mut p, name, value) {
            errors.push(e);
        }
    }
    if p.knn.k == 0 {
        errors.push("k must be at least 1; it is 0".into());
    }
    if p.knn.sample_size == Some(0) {
        errors.push("sample_size must be at least 1 (or empty for every row); it is 0".into());
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
    fn reads_names_and_aliases() {
        let (p, errors) = parse(&q(&[
            ("k", "7"),
            ("distance", "manhattan"),
            ("standardize", "false"),
            ("index_type", "brute"),
            ("sample_size", "100"),
            ("predictor_type", "regressor"),
            ("map_x", "a"),
        ]));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((p.knn.k, p.knn.distance), (7, Distance::Manhattan));
        assert_eq!(p.knn.index_type, IndexType::BruteForce);
        assert_eq!((p.knn.sample_size, p.knn.standardize), (Some(100), false));
        assert_eq!(p.data().spec.objective, Some(Objective::SquaredError));
        assert_eq!(p.map_x.as_deref(), Some("a"));
    }

    #[test]
    fn invalid_values_name_the_parameter() {
        let first = |pairs: &[(&str, &str)]| parse(&q(pairs)).1.first().cloned().unwrap();
        assert!(first(&[("k", "0")]).starts_with("k must be"));
        assert!(first(&[("k", "x")]).starts_with("k:"));
        assert!(first(&[("distance", "chebyshev")]).starts_with("distance:"));
        assert!(first(&[("index_type", "ball")]).starts_with("index_type:"));
        assert!(first(&[("bogus", "1")]).starts_with("unknown parameter \"bogus\""));
    }
}
