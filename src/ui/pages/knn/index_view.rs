//! Brute force or k-d tree: both find the same neighbours, so the choice is about time.
//! The worker timed both on this run's queries; this view shows the numbers and why.

use leptos::prelude::*;

use super::Finished;
use crate::kernels::knn::IndexType;

fn explain(dims: usize, rows: usize) -> String {
    let verdict = if dims <= 10 {
        "With this few dimensions the tree's boxes rule out most of the index, so it checks far fewer rows than brute force."
    } else {
        "In this many dimensions almost every box of the tree lies within reach of the k-th neighbour, so it checks nearly every row anyway and its bookkeeping only adds time; brute force is the better choice."
    };
    format!(
        "Brute force compares each query with all {rows} indexed rows (O(n·d) per query). The k-d tree splits the rows at the median of their widest coordinate into boxes of up to 16 rows and skips a box when even its nearest corner is farther than the current k-th neighbour. {verdict} SageMaker's k-NN makes the same trade with its Faiss index types (Flat is brute force; IVF and HNSW skip most rows, approximately)."
    )
}

#[component]
pub fn IndexView(finished: RwSignal<Option<Finished>>) -> impl IntoView {
    move || {
        finished.get().and_then(|f| {
            let o = &f.outcome;
            if o.timings.is_empty() {
                return None;
            }
            let dims = f.prepared.meta.columns.len();
            let rows = o
                .timings
                .iter()
                .map(|t| {
                    let name = match t.index {
                        IndexType::BruteForce => "brute_force",
                        IndexType::KdTree => "kd_tree",
                    };
                    let chosen = t.index == f.prepared.params.index_type;
                    view! {
                        <tr class:chosen=chosen data-index=name>
                            <td>{format!("{name}{}", if chosen { " (chosen)" } else { "" })}</td>
                            <td>{format!("{:.2}", t.build_ms)}</td>
                            <td data-query-ms=t.query_ms.to_string()>{format!("{:.4}", t.query_ms)}</td>
                            <td>{t.queries}</td>
                        </tr>
                    }
                })
                .collect::<Vec<_>>();
            Some(view! {
                <section class="xgb-section" data-testid="index-timing">
                    <h2>"Which index"</h2>
                    <table class="candidates">
                        <thead><tr><th>"index_type"</th><th>"build (ms)"</th><th>"per query (ms)"</th><th>"queries timed"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <p>{explain(dims, o.index_rows)}</p>
                </section>
            })
        })
    }
}
