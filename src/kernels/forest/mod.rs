//! Random forests (Breiman 2001): `num_trees` CART trees, each grown on a bootstrap sample
//! of the rows with √d (or `max_features`) randomly drawn features examined per split,
//! averaged by soft voting (mean class probability) or mean prediction. Rows a tree did
//! not draw score it, which gives the out-of-bag error without a validation set.
//!
//! Trees are independent: tree i draws from stream i of a ChaCha8 generator seeded with
//! `seed`, so [`fit_chunk`] can grow any range of trees in any worker and [`merge`]
//! assembles the same forest [`fit`] grows in one thread.
//!
//! Checked against scikit-learn 1.9.1 `RandomForestClassifier(n_estimators=100,
//! random_state=0)` test accuracy on breast_cancer (tests/fixtures/expected/
//! sklearn_models.json), within two points since bootstrap draws differ.

mod curve;
mod model;
mod params;
mod train;

pub use curve::oob_error_curve;
pub use model::{merge, ForestModel, OutOfBag};
pub use params::{ForestParams, ForestValidParams, ParamError, MAX_TREES};
pub use train::{fit, fit_chunk, ForestChunk};
