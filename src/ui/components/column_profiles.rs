use std::sync::Arc;

use leptos::prelude::*;

use crate::data::table::format_number;
use crate::data::{ColumnKind, ColumnProfile};

fn short(v: Option<f64>) -> String {
    v.map(|v| {
        if v.abs() >= 1e4 || (v != 0.0 && v.abs() < 1e-3) {
            format!("{v:.3e}")
        } else {
            format_number((v * 1e4).round() / 1e4)
        }
    })
    .unwrap_or_default()
}

/// Per column: inferred type, missing count, min / max / mean or the top categories
/// (profiled in the worker that parsed the file).
#[component]
pub fn ColumnProfiles(names: Vec<String>, profiles: Arc<Vec<ColumnProfile>>) -> impl IntoView {
    let rows: Vec<_> = names
        .iter()
        .zip(profiles.iter())
        .map(|(name, p)| {
            let summary = match p.kind {
                ColumnKind::Numeric => format!("min {} · max {} · mean {}", short(p.min), short(p.max), short(p.mean)),
                _ => p.top.iter().map(|(v, c)| format!("{v} ({c})")).collect::<Vec<_>>().join(", "),
            };
            view! {
                <tr>
                    <th scope="row">{name.clone()}</th>
                    <td><span class=format!("kind kind-{}", p.kind.name())>{p.kind.name()}</span></td>
                    <td class="num">{p.missing}</td>
                    <td class="num">{p.distinct}</td>
                    <td>{summary}</td>
                </tr>
            }
        })
        .collect();
    view! {
        <div class="scroll-x">
            <table class="profiles" data-testid="profiles">
                <thead><tr><th>"Column"</th><th>"Type"</th><th>"Missing"</th><th>"Distinct"</th><th>"Summary"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
