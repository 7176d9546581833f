//! A table → what a supervised learner trains on: the target encoded as labels (task
//! detected or chosen), the features as a matrix (categorical columns one-hot, missing
//! values kept as NaN), and the train / validation rows (a seeded, optionally stratified
//! split, or a second table as SageMaker's validation channel). Pure, so it runs in the
//! worker and is tested natively; every supervised lab (trees, forests, boosting, linear
//! learner, KNN) uses it.

pub mod encode;
pub mod prepare;
pub mod split;
pub mod target;

pub use encode::{default_features, FeatureEncoding, MAX_LEVELS};
pub use prepare::{
    feature_names, prepare, target_name, PreparedMeta, SupervisedData, SupervisedSpec,
    ValidationSource,
};
pub use split::split;
pub use target::{
    class_count, default_target, detect_objective, task_name, TargetEncoding, MAX_CLASSES,
};
