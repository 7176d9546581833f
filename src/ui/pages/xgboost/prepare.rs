//! From the lab's parameters and the chosen table(s) to the job the worker runs. The
//! tables travel packed in a `Blob`; the worker prepares them (target, one-hot, split),
//! so a 200,000-row table never stalls the page.

use std::sync::Arc;

use wasm_bindgen::JsValue;

use super::params::LabParams;
use crate::data::supervised::PreparedMeta;
use crate::data::Table;
use crate::jobs::xgboost::{XgboostJob, XgboostOutcome};
use crate::kernels::boosting::Params;
use crate::ui::table_blob::table_blob;

/// SHAP values are computed for at most this many rows (the beeswarm's points).
pub const MAX_SHAP_ROWS: usize = 1000;

/// Everything a finished run needs to be shown and exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub table: Arc<Table>,
    pub validation_table: Option<Arc<Table>>,
    pub meta: PreparedMeta,
    /// The hyperparameters as trained (objective and num_class filled in).
    pub params: Params,
}

impl Prepared {
    pub fn new(
        table: Arc<Table>,
        validation_table: Option<Arc<Table>>,
        outcome: &XgboostOutcome,
    ) -> Prepared {
        Prepared {
            table,
            validation_table,
            meta: outcome.meta.clone(),
            params: outcome.params.clone(),
        }
    }
}

/// The job for the lab's parameters; `validation_name` names the validation channel.
pub fn job(lab: &LabParams, validation_name: Option<&str>) -> XgboostJob {
    XgboostJob {
        spec: lab.spec(),
        validation_name: validation_name.map(str::to_string),
        booster: lab.booster,
        params: lab.xgb.clone(),
        lightgbm: lab.lgbm.clone(),
        max_shap_rows: MAX_SHAP_ROWS,
    }
}

/// The job's attachment: the training table, then the validation channel's, packed in
/// slices between frames.
pub async fn attachment(
    table: Arc<Table>,
    validation: Option<Arc<Table>>,
) -> Result<JsValue, String> {
    let tables: Vec<&Table> = std::iter::once(table.as_ref())
        .chain(validation.as_deref())
        .collect();
    table_blob(&tables).await.map(JsValue::from)
}
