//! `#/lab/tree` and `#/lab/forest`: a CART decision tree and a random forest of them, on
//! the shared supervised data preparation. One route component per lab (`tree_lab`,
//! `forest_lab`); the form, the views and the exports are shared, and so are the
//! XGBoost lab's data form, validation plots and SHAP plots.

pub mod forest_lab;
mod forest_run;
mod hyper_form;
mod importance;
mod oob_curve;
mod page;
pub mod params;
pub mod prepare;
mod results;
mod row_picker;
mod tree_exports;
pub mod tree_lab;
mod tree_view;

use std::sync::Arc;

use crate::jobs::trees::Evaluation;
use crate::kernels::forest::OutOfBag;
use crate::kernels::tree::DecisionTree;
use prepare::Prepared;

/// A finished run, tree or forest, in the shape every view reads.
#[derive(Clone)]
pub struct Finished {
    /// One tree, or the forest's trees in order.
    pub trees: Arc<Vec<DecisionTree>>,
    pub importances: Arc<Vec<f64>>,
    pub evaluation: Arc<Evaluation>,
    pub oob: Option<OutOfBag>,
    pub oob_curve: Arc<Vec<f64>>,
    pub prepared: Arc<Prepared>,
}

/// Runs compare by identity: comparing whole models on every signal update is wasted work.
impl PartialEq for Finished {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.evaluation, &other.evaluation)
    }
}

/// The notes these labs link back to.
pub const TREE_NOTE: &str = "#/notes/decision-trees";
pub const FOREST_NOTE: &str = "#/notes/random-forest";
