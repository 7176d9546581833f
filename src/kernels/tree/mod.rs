//! CART decision trees (Breiman, Friedman, Olshen & Stone 1984) for classification and
//! regression, grown like scikit-learn's `DecisionTreeClassifier` / `Regressor` with the
//! `best` splitter.
//!
//! At each node every threshold midway between consecutive distinct sorted values of each
//! feature is tried (the notes' n − 1 candidates), and the split minimising the weighted
//! child impurity w_L·I(L) + w_R·I(R) wins. Impurities: Gini 1 − Σ pₖ², entropy
//! −Σ pₖ log₂ pₖ, misclassification 1 − max pₖ, MSE (variance around the mean) and MAE
//! (mean absolute deviation around the median). A node stays a leaf when it reaches
//! `max_depth`, has fewer than `min_samples_split` rows or fewer than 2·`min_samples_leaf`,
//! is pure, or its best split decreases impurity by less than `min_impurity_decrease`
//! (weighted: N_t/N · (I − N_L/N_t·I_L − N_R/N_t·I_R)). Missing values (NaN) are sent to
//! the side that lowers impurity most (or split off on their own), as scikit-learn ≥ 1.3.
//!
//! Ties between equally good splits are common (correlated features often cut the rows
//! identically); they are broken by visiting features in the order scikit-learn's
//! splitter draws for the same seed (`random_state`), so the tree is the one scikit-learn
//! grows. Two differences remain: scikit-learn compares float32 copies of the features
//! and treats values within 1e-7 as equal; here values are f64 and every distinct value
//! is a candidate.
//!
//! Checked against scikit-learn 1.9.1 `DecisionTreeClassifier(max_depth=4)` test accuracy
//! on breast_cancer (tests/fixtures/expected/sklearn_models.json), gini and entropy.

mod builder;
mod criterion;
mod data;
mod feature_order;
mod model;
mod nodes;
mod params;
mod shap;
mod splitter;
#[cfg(test)]
pub(crate) mod tests_support;

pub use builder::{fit, grow};
pub use data::{TrainingSet, MAX_CLASSES};
pub use model::{Condition, DecisionTree, Node, Split};
pub use params::{Criterion, MaxFeatures, ParamError, Task, TreeParams, TreeValidParams};
pub use shap::TreeOutput;
