//! After a fit: explained variance as metrics, the scree plot, the projection coloured by a
//! column, the loadings heatmap and the exports.

use leptos::prelude::*;

use super::params::LabParams;
use super::Finished;
use crate::data::transform::looks_like_label;
use crate::data::{Column, Table};
use crate::kernels::pca::PcaModel;
use crate::ui::charts::colour;
use crate::ui::charts::heatmap::{heatmap, HeatmapInput};
use crate::ui::charts::line::{line_chart, Series};
use crate::ui::charts::scatter::{scatter, ScatterInput};
use crate::ui::components::chart::Chart;
use crate::ui::components::export_link::ExportLink;
use crate::ui::components::metrics::{Metric, Metrics};
use crate::ui::job::{JobState, Status};
use crate::ui::pages::kmeans::params::set_in;

/// Points drawn on the projection (every row is in the CSV export).
const MAX_PLOTTED: usize = 3000;
/// Distinct values up to which a column colours by value; above, by quintile.
const MAX_GROUPS: usize = 10;

fn metrics(model: &PcaModel, fit_ms: f64) -> Vec<Metric> {
    let mut out: Vec<Metric> = model
        .explained_variance_ratio
        .iter()
        .enumerate()
        .map(|(i, r)| Metric {
            name: format!("explained_variance_ratio_{}", i + 1),
            label: format!("PC{} variance share", i + 1),
            value: *r,
            decimals: 4,
        })
        .collect();
    out.push(Metric {
        name: "fit_ms".into(),
        label: "fit time in the worker (ms)".into(),
        value: fit_ms,
        decimals: 1,
    });
    for pct in [90, 95, 99] {
        if let Some(n) = model.components_for_variance(pct as f64 / 100.0) {
            out.push(Metric {
                name: format!("components_for_{pct}"),
                label: format!("components for {pct} %"),
                value: n as f64,
                decimals: 0,
            });
        }
    }
    out
}

/// Each plotted row's colour group and the legend: a column's values when it has few,
/// its quintiles when it is numeric with many.
pub fn colour_groups(table: &Table, column: &str, rows: &[usize]) -> (Vec<usize>, Vec<String>) {
    let Some(col) = table.column(column) else {
        return (vec![0; rows.len()], Vec::new());
    };
    match col {
        Column::Numeric(values) => {
            let mut distinct: Vec<f64> = rows
                .iter()
                .map(|&r| values[r])
                .filter(|v| !v.is_nan())
                .collect();
            distinct.sort_by(f64::total_cmp);
            let sorted = distinct.clone();
            distinct.dedup();
            if distinct.len() <= MAX_GROUPS {
                let groups = rows
                    .iter()
                    .map(|&r| {
                        distinct
                            .iter()
                            .position(|v| *v == values[r])
                            .unwrap_or(distinct.len())
                    })
                    .collect();
                let legend = distinct.iter().map(|v| format!("{column} = {v}")).collect();
                return (groups, legend);
            }
            let cut = |q: f64| sorted[((sorted.len() - 1) as f64 * q) as usize];
            let edges: Vec<f64> = (1..5).map(|i| cut(i as f64 / 5.0)).collect();
            let groups = rows
                .iter()
                .map(|&r| edges.iter().filter(|e| values[r] > **e).count())
                .collect();
            let legend = (0..5)
                .map(|i| match i {
                    0 => format!("{column} ≤ {:.4}", edges[0]),
                    4 => format!("{column} > {:.4}", edges[3]),
                    _ => format!("{:.4} < {column} ≤ {:.4}", edges[i - 1], edges[i]),
                })
                .collect();
            (groups, legend)
        }
        Column::Categorical { codes, levels } if levels.len() <= MAX_GROUPS => {
            let groups = rows
                .iter()
                .map(|&r| codes[r].map_or(levels.len(), |c| c as usize))
                .collect();
            let legend = levels.iter().map(|l| format!("{column} = {l}")).collect();
            (groups, legend)
        }
        _ => (vec![0; rows.len()], Vec::new()),
    }
}

/// The used rows' table index and their coordinates on every component.
pub fn projection_csv(f: &Finished) -> String {
    let k = f.projection.cols();
    let header: Vec<String> = std::iter::once("row".to_string())
        .chain((1..=k).map(|j| format!("PC{j}")))
        .collect();
    let mut out = header.join(",") + "\n";
    for (i, row) in f.rows_used.iter().enumerate() {
        let values: Vec<String> = f.projection.row(i).iter().map(|v| v.to_string()).collect();
        out.push_str(&format!("{row},{}\n", values.join(",")));
    }
    out
}

/// One row per component: its variance, share, and loading on every feature.
pub fn components_csv(f: &Finished) -> String {
    let mut out = format!(
        "component,explained_variance,explained_variance_ratio,{}\n",
        f.features
            .iter()
            .map(|n| format!("\"{}\"", n.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(",")
    );
    for (j, component) in f.model.components.iter().enumerate() {
        let loadings: Vec<String> = component.iter().map(|v| v.to_string()).collect();
        out.push_str(&format!(
            "PC{},{},{},{}\n",
            j + 1,
            f.model.explained_variance[j],
            f.model.explained_variance_ratio[j],
            loadings.join(",")
        ));
    }
    out
}

/// Whether the model came from the randomized sketch, which never computes the directions
/// it drops (so it has no full spectrum).
fn from_sketch(model: &PcaModel) -> bool {
    model.full_spectrum_ratio.is_empty()
}

/// The ratios the scree plot draws: the whole spectrum in regular mode, only the fitted
/// components in randomized mode.
fn scree_ratios(model: &PcaModel) -> &[f64] {
    if from_sketch(model) {
        &model.explained_variance_ratio
    } else {
        &model.full_spectrum_ratio
    }
}

/// What the fitted components leave unexplained, for the shares 90/95/99 % that they do not
/// reach (randomized mode sees only its own components, so it cannot count the rest).
fn unreached_shares(model: &PcaModel) -> Option<String> {
    let fitted: f64 = model.explained_variance_ratio.iter().sum();
    let unreached: Vec<String> = [90, 95, 99]
        .into_iter()
        .filter(|pct| model.components_for_variance(*pct as f64 / 100.0).is_none())
        .map(|pct| format!("{pct} %"))
        .collect();
    (!unreached.is_empty()).then(|| {
        format!(
            "The {} fitted components explain {:.1} % of the variance, so {} need more of them: raise num_components or use the regular mode, which sees the whole spectrum.",
            model.components.len(),
            fitted * 100.0,
            unreached.join(", ")
        )
    })
}

fn scree_svg(model: &PcaModel) -> String {
    let ratios = scree_ratios(model);
    let share: Vec<(f64, f64)> = ratios
        .iter()
        .enumerate()
        .map(|(i, r)| ((i + 1) as f64, *r))
        .collect();
    let cumulative: Vec<(f64, f64)> = ratios
        .iter()
        .scan(0.0, |sum, r| {
            *sum += r;
            Some(*sum)
        })
        .enumerate()
        .map(|(i, c)| ((i + 1) as f64, c))
        .collect();
    line_chart(
        "Scree plot",
        "component",
        "share of variance",
        &[
            Series {
                name: "each component".into(),
                points: share,
                highlight: true,
            },
            Series {
                name: "cumulative".into(),
                points: cumulative,
                highlight: false,
            },
        ],
        Some(model.components.len() as f64),
    )
}

#[component]
pub fn Results(
    job: JobState,
    finished: RwSignal<Option<Finished>>,
    lab: Memo<LabParams>,
    query: RwSignal<Vec<(String, String)>>,
) -> impl IntoView {
    let done = move || job.status.get() == Status::Done && finished.with(Option::is_some);
    let metric_list = Signal::derive(move || {
        finished
            .get()
            .filter(|_| job.status.get() == Status::Done)
            .map(|f| metrics(&f.model, f.fit_ms))
            .unwrap_or_default()
    });
    let colour_column = Signal::derive(move || {
        lab.get().colour.or_else(|| {
            finished
                .get()
                .and_then(|f| f.table.names.iter().find(|n| looks_like_label(n)).cloned())
        })
    });
    let legend = RwSignal::new(Vec::<String>::new());
    let projection_svg = Signal::derive(move || {
        let Some(f) = finished.get() else {
            return String::new();
        };
        let lab = lab.get();
        let k = f.projection.cols();
        let (ax, ay) = (lab.plot_x.clamp(1, k), lab.plot_y.clamp(1, k));
        let stride = f.rows_used.len().div_ceil(MAX_PLOTTED).max(1);
        let plotted: Vec<usize> = (0..f.rows_used.len()).step_by(stride).collect();
        let table_rows: Vec<usize> = plotted.iter().map(|&i| f.rows_used[i]).collect();
        let (groups, names) = match colour_column.get() {
            Some(c) => colour_groups(&f.table, &c, &table_rows),
            None => (vec![0; plotted.len()], Vec::new()),
        };
        legend.set(names);
        let points: Vec<(f64, f64, usize)> = plotted
            .iter()
            .zip(groups)
            .map(|(&i, g)| (f.projection.get(i, ax - 1), f.projection.get(i, ay - 1), g))
            .collect();
        let share = |c: usize| f.model.explained_variance_ratio[c - 1] * 100.0;
        scatter(&ScatterInput {
            title: "Projection onto two principal components",
            x_label: &format!("PC{ax} ({:.1} %)", share(ax)),
            y_label: &format!("PC{ay} ({:.1} %)", share(ay)),
            points: &points,
            centroid_paths: &[],
        })
    });
    let scree_caption = move || {
        if finished.with(|f| f.as_ref().is_some_and(|f| from_sketch(&f.model))) {
            "Share of the total variance along each fitted direction, and the running total. The randomized sketch computes only these directions, so the rest of the spectrum is not drawn."
        } else {
            "Share of the total variance along each direction (all of them, so you can see what was dropped), and the running total; the dashed line marks num_components."
        }
    };
    let unreached = move || finished.get().and_then(|f| unreached_shares(&f.model));
    let scree = Signal::derive(move || {
        finished
            .get()
            .map(|f| scree_svg(&f.model))
            .unwrap_or_default()
    });
    let loadings = Signal::derive(move || {
        finished.get().map_or_else(String::new, |f| {
            let rows: Vec<String> = (1..=f.model.components.len())
                .map(|j| format!("PC{j}"))
                .collect();
            let values: Vec<f64> = f.model.components.iter().flatten().copied().collect();
            heatmap(&HeatmapInput {
                title: "Loadings: each component's weight on each feature",
                row_labels: &rows,
                column_labels: &f.features,
                values: &values,
            })
        })
    });
    let component_select = move |name: &'static str, label: &'static str| {
        view! {
            <label class="field inline">
                <span>{label}</span>
                <select name=name prop:value=move || (if name == "x" { lab.get().plot_x } else { lab.get().plot_y }).to_string()
                    on:change=move |ev| set_in(query, name, event_target_value(&ev))>
                    {move || finished.get().map(|f| (1..=f.projection.cols()).map(|j| view! { <option value=j.to_string()>{format!("PC{j}")}</option> }).collect::<Vec<_>>())}
                </select>
            </label>
        }
    };
    view! {
        <section class="lab-results" aria-label="Results">
            <Metrics metrics=metric_list />
            <Show when=done>
                {move || view! { <Chart svg=scree file_name="pca-scree.svg" caption=scree_caption() /> }}
                {move || unreached().map(|text| view! { <p class="note" data-testid="variance-unreached">{text}</p> })}
                <div class="axis-pickers">
                    {component_select("x", "x axis")}
                    {component_select("y", "y axis")}
                    <label class="field inline">
                        <span>"colour by"</span>
                        <select name="colour" prop:value=move || colour_column.get().unwrap_or_default()
                            on:change=move |ev| set_in(query, "colour", event_target_value(&ev))>
                            <option value="">"(none)"</option>
                            {move || finished.get().map(|f| f.table.names.iter().map(|n| view! { <option value=n.clone()>{n.clone()}</option> }).collect::<Vec<_>>())}
                        </select>
                    </label>
                </div>
                <Chart svg=projection_svg file_name="pca-projection.svg" caption="Every row (up to 3,000 shown) at its coordinates on the two chosen components." />
                <ul class="legend">
                    {move || legend.get().into_iter().enumerate().map(|(i, name)| view! {
                        <li><span class="swatch" style=format!("background:{}", colour(i))></span>{name}</li>
                    }).collect::<Vec<_>>()}
                </ul>
                <Chart svg=loadings file_name="pca-loadings.svg" caption="Red: the feature pushes the component up; blue: down. Features with large weights on the same component vary together." />
                <div class="exports">
                    <span>"Download: "</span>
                    <ExportLink file_name="pca-projection.csv" mime="text/csv" label="projected rows CSV"
                        content=Signal::derive(move || finished.get().map(|f| projection_csv(&f)).unwrap_or_default()) />
                    <ExportLink file_name="pca-components.csv" mime="text/csv" label="components CSV"
                        content=Signal::derive(move || finished.get().map(|f| components_csv(&f)).unwrap_or_default()) />
                </div>
            </Show>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            names: vec!["label".into(), "size".into(), "kind".into()],
            columns: vec![
                Column::Numeric(vec![
                    0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0,
                ]),
                Column::Numeric((0..12).map(f64::from).collect()),
                Column::Categorical {
                    codes: vec![
                        Some(0),
                        Some(1),
                        None,
                        Some(0),
                        Some(1),
                        Some(0),
                        Some(1),
                        Some(0),
                        Some(1),
                        Some(0),
                        Some(1),
                        Some(0),
                    ],
                    levels: vec!["a".into(), "b".into()],
                },
            ],
        }
    }

    #[test]
    fn few_values_colour_by_value_many_by_quintile() {
        let t = table();
        let rows: Vec<usize> = (0..12).collect();
        let (groups, legend) = colour_groups(&t, "label", &rows);
        assert_eq!(legend, vec!["label = 0", "label = 1"]);
        assert_eq!(&groups[..3], &[0, 1, 1]);
        let (groups, legend) = colour_groups(&t, "size", &rows);
        assert_eq!(legend.len(), 5);
        assert_eq!((groups[0], groups[11]), (0, 4));
        assert!(groups.windows(2).all(|w| w[0] <= w[1]));
        let (groups, legend) = colour_groups(&t, "kind", &rows);
        assert_eq!(legend, vec!["kind = a", "kind = b"]);
        assert_eq!(groups[2], 2, "a missing category gets its own group");
        let (groups, legend) = colour_groups(&t, "nope", &rows);
        assert!(legend.is_empty() && groups.iter().all(|g| *g == 0));
    }
}
