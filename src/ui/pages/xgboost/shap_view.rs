//! TreeSHAP explanations computed in the worker: global importance (mean |SHAP|), the
//! beeswarm summary, and a waterfall for one chosen row. Shared by the tree labs: the
//! values are in the model's output units (margin for XGBoost, probability or value for
//! decision trees and forests), one set per explained output (class).

use std::sync::Arc;

use leptos::prelude::*;

use super::params::set_in;
use crate::data::csv_export::csv_field;
use crate::data::supervised::PreparedMeta;
use crate::jobs::xgboost::ShapValues;
use crate::kernels::shap::mean_abs_shap;
use crate::ui::charts::beeswarm::{beeswarm, SwarmRow};
use crate::ui::charts::hbars::hbar_chart;
use crate::ui::charts::sized::short;
use crate::ui::charts::waterfall::waterfall;
use crate::ui::components::chart::Chart;
use crate::ui::components::export_link::ExportLink;
use crate::ui::staged::staged;

/// What the SHAP plots need from a finished run, in a shape every tree lab can give.
#[derive(Clone)]
pub struct ShapSource {
    pub shap: Arc<ShapValues>,
    pub meta: Arc<PreparedMeta>,
    /// What the values measure, for axis labels ("margin units", "P(class)").
    pub units: &'static str,
    /// The paragraph under the heading.
    pub intro: &'static str,
}

/// Runs compare by identity, as the labs' results do.
impl PartialEq for ShapSource {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.shap, &other.shap)
    }
}

/// Every explained row's SHAP values as CSV: its channel and row (numbered as in the
/// predictions CSV, so the two files join on `channel,row`), the class explained when there
/// are several outputs, one column per feature, and `bias` (the base value) last, as
/// XGBoost's `pred_contribs` lays them out. One line per row and explained class.
pub fn shap_rows_csv(source: &ShapSource) -> String {
    let (shap, meta) = (&source.shap, &source.meta);
    let multiclass = shap.values.len() > 1;
    let mut header = vec!["channel".to_string(), "row".to_string()];
    if multiclass {
        header.push("class".into());
    }
    header.extend(meta.columns.iter().map(|c| csv_field(c)));
    header.push("bias".into());
    let mut out = header.join(",");
    out.push('\n');
    let channel_rows = if shap.channel == "train" {
        &meta.train_rows
    } else {
        &meta.validation_rows
    };
    for (class, values) in shap.values.iter().enumerate() {
        let class_name = meta
            .target
            .classes
            .get(class)
            .cloned()
            .unwrap_or_else(|| class.to_string());
        for (i, row_values) in values.iter().enumerate() {
            let position = shap.rows.get(i).copied().unwrap_or(i);
            let row = channel_rows.get(position).copied().unwrap_or(position);
            let mut cells = vec![shap.channel.clone(), row.to_string()];
            if multiclass {
                cells.push(csv_field(&class_name));
            }
            cells.extend(row_values.iter().map(|v| format!("{v}")));
            out.push_str(&cells.join(","));
            out.push('\n');
        }
    }
    out
}

const SWARM_FEATURES: usize = 15;
const GLOBAL_FEATURES: usize = 20;
const WATERFALL_STEPS: usize = 10;

/// Features ordered by mean |SHAP|, largest first: (feature index, mean |SHAP|).
fn ranked(values: &[Vec<f64>], features: usize) -> Vec<(usize, f64)> {
    let mut r: Vec<(usize, f64)> = mean_abs_shap(values, features)
        .into_iter()
        .enumerate()
        .collect();
    r.sort_by(|a, b| b.1.total_cmp(&a.1));
    r
}

#[component]
pub fn ShapView(
    #[prop(into)] source: Signal<Option<ShapSource>>,
    /// The explained output (class) and row, from the lab's URL (`class`, `row`).
    #[prop(into)]
    class: Signal<usize>,
    #[prop(into)] row: Signal<usize>,
    query: RwSignal<Vec<(String, String)>>,
    /// Start of the download names (`xgboost` → `xgboost-shap-beeswarm.svg`).
    file_prefix: &'static str,
) -> impl IntoView {
    let finished = source;
    let outputs = move || finished.get().map_or(1, |f| f.shap.values.len().max(1));
    let class = move || class.get().min(outputs() - 1);
    let rows = move || finished.get().map_or(0, |f| f.shap.rows.len());
    let row = move || row.get().min(rows().saturating_sub(1));
    let global_svg = Signal::derive(move || {
        let Some(f) = finished.get() else {
            return String::new();
        };
        let Some(values) = f.shap.values.get(class()) else {
            return String::new();
        };
        let columns = &f.meta.columns;
        let bars: Vec<(String, f64)> = ranked(values, columns.len())
            .into_iter()
            .take(GLOBAL_FEATURES)
            .map(|(j, v)| (columns[j].clone(), v))
            .collect();
        hbar_chart(
            "Mean |SHAP value| (global importance)",
            &format!("mean |SHAP| ({})", f.units),
            &bars,
            "#e15759",
        )
    });
    let swarm_svg = Signal::derive(move || {
        let Some(f) = finished.get() else {
            return String::new();
        };
        let Some(values) = f.shap.values.get(class()) else {
            return String::new();
        };
        let (columns, x) = (&f.meta.columns, &f.shap.features);
        let swarm: Vec<SwarmRow> = ranked(values, columns.len())
            .into_iter()
            .take(SWARM_FEATURES)
            .map(|(j, _)| {
                let (lo, hi) = x
                    .iter()
                    .map(|r| r[j])
                    .filter(|v| !v.is_nan())
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                        (lo.min(v), hi.max(v))
                    });
                let span = if hi > lo { hi - lo } else { 1.0 };
                SwarmRow {
                    feature: columns[j].clone(),
                    points: values
                        .iter()
                        .zip(x)
                        .map(|(s, r)| {
                            let v = r[j];
                            (s[j], (!v.is_nan()).then(|| (v - lo) / span))
                        })
                        .collect(),
                }
            })
            .collect();
        beeswarm("SHAP summary (beeswarm)", f.units, &swarm)
    });
    let waterfall_svg = Signal::derive(move || {
        let Some(f) = finished.get() else {
            return String::new();
        };
        let Some(values) = f.shap.values.get(class()) else {
            return String::new();
        };
        let (Some(phi), Some(x)) = (values.get(row()), f.shap.features.get(row())) else {
            return String::new();
        };
        let columns = &f.meta.columns;
        let d = columns.len();
        let base = phi.get(d).copied().unwrap_or(0.0);
        let fx = phi.iter().sum::<f64>();
        let mut order: Vec<usize> = (0..d).collect();
        order.sort_by(|&a, &b| phi[b].abs().total_cmp(&phi[a].abs()));
        let mut steps: Vec<(String, f64)> = order
            .iter()
            .take(WATERFALL_STEPS)
            .map(|&j| {
                let v = if x[j].is_nan() {
                    "missing".to_string()
                } else {
                    short(x[j])
                };
                (format!("{} = {v}", columns[j]), phi[j])
            })
            .collect();
        if d > WATERFALL_STEPS {
            let rest: f64 = order[WATERFALL_STEPS..].iter().map(|&j| phi[j]).sum();
            steps.push((format!("{} other features", d - WATERFALL_STEPS), rest));
        }
        waterfall(
            &format!("Why row {} gets f(x) = {}", row(), short(fx)),
            base,
            fx,
            &steps,
        )
    });
    let row_label = move || {
        finished.get().map(|f| {
            let shap = &f.shap;
            let position = shap.rows.get(row()).copied().unwrap_or(0);
            let source = match shap.channel.as_str() {
                "validation" => f.meta.validation_rows.get(position),
                _ => f.meta.train_rows.get(position),
            };
            format!(
                "{} row {} (data row {}) of {} explained rows",
                shap.channel,
                position,
                source.map_or_else(String::new, |r| (r + 1).to_string()),
                shap.rows.len()
            )
        })
    };
    let class_names = move || {
        finished
            .get()
            .map(|f| f.meta.target.classes.clone())
            .unwrap_or_default()
    };
    let file = move |name: &str| format!("{file_prefix}-{name}");
    let csv = Signal::derive(move || {
        finished.with(|f| f.as_ref().map(shap_rows_csv).unwrap_or_default())
    });
    // The three plots arrive one per frame (crate::ui::staged).
    let stage = staged(move || finished.with(Option::is_some), 3);
    view! {
        <section class="xgb-section" data-testid="shap">
            <h2>"SHAP values (TreeSHAP)"</h2>
            <p class="muted">{move || finished.get().map(|f| f.intro).unwrap_or_default()}</p>
            <Show when=move || { outputs() > 1 }>
                <label class="field inline">
                    <span>"class"</span>
                    <select name="shap-class" prop:value=move || class().to_string() on:change=move |ev| set_in(query, "class", event_target_value(&ev))>
                        {move || class_names().into_iter().enumerate().map(|(i, c)| view! { <option value=i.to_string()>{format!("{i} = {c}")}</option> }).collect::<Vec<_>>()}
                    </select>
                </label>
            </Show>
            <Show when=move || { stage.get() >= 1 }>
                <Chart svg=global_svg file_name=file("shap-importance.svg") caption="Mean |SHAP| per feature: how far each moves predictions on average." />
            </Show>
            <Show when=move || { stage.get() >= 2 }>
                <Chart svg=swarm_svg file_name=file("shap-beeswarm.svg") caption="One dot per explained row; colour is the feature's value (blue low, red high, grey missing)." />
            </Show>
            <div class="stepper">
                <label class="field inline">
                    <span>"row"</span>
                    <input type="number" name="row" min="0" max=move || rows().saturating_sub(1).to_string() prop:value=move || row().to_string()
                        on:change=move |ev| set_in(query, "row", event_target_value(&ev).trim().parse::<usize>().unwrap_or(0).to_string()) />
                </label>
                <span data-testid="shap-row">{row_label}</span>
            </div>
            <Show when=move || { stage.get() >= 3 }>
                <Chart svg=waterfall_svg file_name=file("shap-waterfall.svg") caption="From the base value E[f(x)] to this row's output f(x), one feature at a time." />
            </Show>
            <p class="exports">
                <ExportLink file_name=file("shap.csv") mime="text/csv" label="SHAP values CSV" content=csv />
                <span class="muted">{move || finished.get().map(|f| format!(
                    " The {} explained rows of the {} channel{}: channel and row as in the predictions CSV, then one column per feature and the base value (bias) last.",
                    f.shap.rows.len(),
                    f.shap.channel,
                    if f.shap.values.len() > 1 { ", one line per class" } else { "" },
                ))}</span>
            </p>
        </section>
    }
}
