//! The tree and forest labs' whole state as URL query parameters: the data choices
//! (`dataset`, `target`, `features`, the validation split or channel), scikit-learn's tree
//! hyperparameters (`criterion`, `max_depth`, `min_samples_split`, `min_samples_leaf`,
//! `min_impurity_decrease`, `max_features`, `seed`) and, for the forest, `num_trees`,
//! `bootstrap` and `max_samples`. Each bad value is reported naming its parameter. Pure.

use crate::data::supervised::SupervisedSpec;
use crate::kernels::boosting::Objective;
use crate::kernels::forest::ForestParams;
use crate::kernels::tree::{Criterion, MaxFeatures, Task, TreeParams};
use crate::ui::pages::xgboost::data_choice::{boolean, number, whole};

/// Which lab reads the query: they share everything but the forest's own parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabKind {
    Tree,
    Forest,
}

impl LabKind {
    pub fn id(self) -> &'static str {
        match self {
            LabKind::Tree => "tree",
            LabKind::Forest => "forest",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LabParams {
    pub kind: LabKind,
    pub dataset: String,
    pub target: Option<String>,
    pub features: Option<Vec<String>>,
    pub validation: Option<String>,
    pub validation_fraction: f64,
    pub split_seed: u64,
    pub stratify: bool,
    /// `None`: gini for a class target, mse for a numeric one.
    pub criterion: Option<Criterion>,
    pub max_depth: Option<usize>,
    pub min_samples_split: usize,
    pub min_samples_leaf: usize,
    pub min_impurity_decrease: f64,
    pub max_features: MaxFeatures,
    pub seed: u64,
    pub num_trees: usize,
    pub bootstrap: bool,
    pub max_samples: f64,
    pub view: ViewParams,
}

/// What the result views show: part of the link, so a shared link opens the same view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewParams {
    /// The explained row (index among the explained validation rows): its path is drawn
    /// and its SHAP waterfall shown.
    pub row: usize,
    /// Class whose SHAP values are shown (multiclass).
    pub class: usize,
    /// Forest: the tree drawn (0-based).
    pub tree: usize,
}

pub const DEFAULT_DATASET: &str = "sample:breast_cancer";

impl LabParams {
    pub fn new(kind: LabKind) -> LabParams {
        let (tree, forest) = (TreeParams::default(), ForestParams::default());
        let (max_depth, max_features) = match kind {
            LabKind::Tree => (tree.max_depth, tree.max_features),
            LabKind::Forest => (forest.max_depth, forest.max_features),
        };
        LabParams {
            kind,
            dataset: DEFAULT_DATASET.into(),
            target: None,
            features: None,
            validation: None,
            validation_fraction: 0.2,
            split_seed: 0,
            stratify: true,
            criterion: None,
            max_depth,
            min_samples_split: tree.min_samples_split,
            min_samples_leaf: tree.min_samples_leaf,
            min_impurity_decrease: tree.min_impurity_decrease,
            max_features,
            seed: 0,
            num_trees: forest.num_trees,
            bootstrap: forest.bootstrap,
            max_samples: forest.max_samples,
            view: ViewParams::default(),
        }
    }

    pub fn spec(&self) -> SupervisedSpec {
        SupervisedSpec {
            target: self.target.clone(),
            features: self.features.clone(),
            // The criterion, when chosen, sets the task (the user's override of detection):
            // mse or mae make a numeric target a regression target, and gini, entropy or
            // misclassification treat the target's distinct values as classes (an integer
            // target with many values is detected as regression otherwise). With no
            // criterion the task is detected from the target column.
            objective: self.criterion.map(|c| match c.task() {
                Task::Regression => Objective::SquaredError,
                Task::Classification => Objective::Softprob,
            }),
            validation_fraction: self.validation_fraction,
            split_seed: self.split_seed,
            stratify: self.stratify,
        }
    }

    pub fn tree_params(&self, criterion: Criterion) -> TreeParams {
        TreeParams {
            criterion,
            max_depth: self.max_depth,
            min_samples_split: self.min_samples_split,
            min_samples_leaf: self.min_samples_leaf,
            min_impurity_decrease: self.min_impurity_decrease,
            max_features: self.max_features,
            seed: self.seed,
        }
    }

    pub fn forest_params(&self, criterion: Criterion) -> ForestParams {
        ForestParams {
            num_trees: self.num_trees,
            bootstrap: self.bootstrap,
            max_samples: self.max_samples,
            max_features: self.max_features,
            criterion,
            max_depth: self.max_depth,
            min_samples_split: self.min_samples_split,
            min_samples_leaf: self.min_samples_leaf,
            min_impurity_decrease: self.min_impurity_decrease,
            seed: self.seed,
        }
    }

    /// Every name this lab reads.
    pub fn known(kind: LabKind) -> Vec<&'static str> {
        let mut names = vec![
            "dataset",
            "target",
            "features",
            "validation",
            "validation_fraction",
            "split_seed",
            "stratify",
            "criterion",
            "max_depth",
            "min_samples_split",
            "min_samples_leaf",
            "min_impurity_decrease",
            "max_features",
            "seed",
        ];
        if kind == LabKind::Forest {
            names.extend(["num_trees", "bootstrap", "max_samples", "tree"]);
        }
        names.extend(["row", "class"]);
        names
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

fn read_one(p: &mut LabParams, name: &str, value: &str) -> Result<(), String> {
    if !LabParams::known(p.kind).contains(&name) {
        return Err(format!(
            "unknown parameter \"{name}\" (this lab reads: {})",
            LabParams::known(p.kind).join(", ")
        ));
    }
    match name {
        "dataset" => p.dataset = value.to_string(),
        "target" => p.target = Some(value.to_string()).filter(|v| !v.is_empty()),
        "features" => p.features = list(value),
        "validation" => p.validation = Some(value.to_string()).filter(|v| !v.is_empty()),
        "validation_fraction" => {
            let v = number(name, value)?;
            if !(0.0..1.0).contains(&v) {
                return Err(format!(
                    "validation_fraction must be at least 0 and below 1 (got {value})"
                ));
            }
            p.validation_fraction = v;
        }
        "split_seed" => p.split_seed = whole(name, value)? as u64,
        "stratify" => p.stratify = boolean(name, value)?,
        "criterion" => {
            p.criterion = match value.trim() {
                "" | "auto" => None,
                v => Some(Criterion::parse(v).ok_or_else(|| {
                    format!("criterion: \"{v}\" must be gini, entropy or misclassification (classification), mse or mae (regression)")
                })?),
            }
        }
        "max_depth" => {
            p.max_depth = match value.trim() {
                "" | "none" => None,
                v => Some(whole(name, v)?),
            }
        }
        "min_samples_split" => p.min_samples_split = whole(name, value)?,
        "min_samples_leaf" => p.min_samples_leaf = whole(name, value)?,
        "min_impurity_decrease" => p.min_impurity_decrease = number(name, value)?,
        "max_features" => {
            p.max_features = MaxFeatures::parse(value.trim()).ok_or_else(|| {
                format!("max_features: \"{value}\" must be sqrt, log2, all, or a fraction in (0, 1]")
            })?
        }
        "seed" => p.seed = whole(name, value)? as u64,
        "num_trees" => p.num_trees = whole(name, value)?,
        "bootstrap" => p.bootstrap = boolean(name, value)?,
        "max_samples" => p.max_samples = number(name, value)?,
        "tree" => p.view.tree = whole(name, value)?,
        "row" => p.view.row = whole(name, value)?,
        "class" => p.view.class = whole(name, value)?,
        _ => {}
    }
    Ok(())
}

/// Reads every parameter of `kind`'s lab; unknown names and unreadable or invalid values
/// are reported (the kernel's own rules run on a probe, so max_depth 0 is named at once).
pub fn parse(kind: LabKind, query: &[(String, String)]) -> (LabParams, Vec<String>) {
    let mut p = LabParams::new(kind);
    let mut errors = Vec::new();
    for (name, value) in query {
        if let Err(e) = read_one(&mut p, name, value) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        let criterion = p.criterion.unwrap_or(Criterion::Gini);
        let checked = match kind {
            LabKind::Tree => p
                .tree_params(criterion)
                .validate()
                .err()
                .map(|e| e.to_string()),
            LabKind::Forest => p
                .forest_params(criterion)
                .validate()
                .err()
                .map(|e| e.to_string()),
        };
        errors.extend(checked);
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
    fn reads_the_parameters_and_names_bad_ones() {
        let (p, errors) = parse(
            LabKind::Forest,
            &q(&[
                ("criterion", "entropy"),
                ("max_depth", "4"),
                ("num_trees", "30"),
                ("bootstrap", "false"),
                ("max_features", "0.5"),
            ]),
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(p.criterion, Some(Criterion::Entropy));
        assert_eq!(
            (p.max_depth, p.num_trees, p.bootstrap),
            (Some(4), 30, false)
        );
        assert_eq!(p.max_features, MaxFeatures::Fraction(0.5));
        let first =
            |kind, pairs: &[(&str, &str)]| parse(kind, &q(pairs)).1.first().cloned().unwrap();
        assert!(first(LabKind::Tree, &[("max_depth", "0")]).starts_with("max_depth"));
        assert!(first(LabKind::Tree, &[("min_samples_leaf", "0")]).starts_with("min_samples_leaf"));
        assert!(first(LabKind::Forest, &[("num_trees", "0")]).starts_with("num_trees"));
        assert!(first(LabKind::Tree, &[("criterion", "x")]).starts_with("criterion"));
        assert!(first(LabKind::Tree, &[("num_trees", "3")])
            .starts_with("unknown parameter \"num_trees\""));
        assert_eq!(parse(LabKind::Tree, &[]).0.max_depth, Some(5));
        assert_eq!(parse(LabKind::Forest, &[]).0.max_depth, None);
    }
}
