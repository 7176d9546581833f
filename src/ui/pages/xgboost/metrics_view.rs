//! `[data-testid=metrics]`: every metric of both channels, named as SageMaker logs them.

use leptos::prelude::*;

use super::Finished;
use crate::ui::components::metrics::{Metric, Metrics};

#[component]
pub fn RunMetrics(finished: RwSignal<Option<Finished>>) -> impl IntoView {
    let metrics = Signal::derive(move || {
        finished.get().map_or_else(Vec::new, |f| {
            f.outcome
                .metrics
                .iter()
                .map(|(name, value)| Metric {
                    name: name.clone(),
                    label: name.clone(),
                    value: *value,
                    decimals: 4,
                })
                .chain(std::iter::once(Metric {
                    name: "train_ms".into(),
                    label: "train time in the worker (ms)".into(),
                    value: f.outcome.train_ms,
                    decimals: 0,
                }))
                .collect()
        })
    });
    view! { <Metrics metrics=metrics /> }
}
