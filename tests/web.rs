//! Component and storage tests that need a real browser (run by wasm-bindgen-test in
//! headless Chromium; see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use ml_field_guide::data::{Column, Table};
use ml_field_guide::ui::components::metrics::{Metric, Metrics};

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_container() -> web_sys::HtmlElement {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let div: web_sys::HtmlElement = document
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document
        .body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

#[wasm_bindgen_test]
fn metrics_component_exposes_full_precision_values() {
    let container = fresh_container();
    let metrics = RwSignal::new(vec![Metric {
        name: "J".into(),
        label: "J".into(),
        value: 3901.348064013757,
        decimals: 2,
    }]);
    let _handle = leptos::mount::mount_to(
        container.clone(),
        move || view! { <Metrics metrics=metrics /> },
    );
    let dd = container
        .query_selector("[data-testid=metrics] dd[data-metric=J]")
        .expect("query")
        .expect("dd");
    assert_eq!(
        dd.get_attribute("data-value").as_deref(),
        Some("3901.348064013757")
    );
    assert_eq!(dd.text_content().as_deref(), Some("3901.35"));
}

#[wasm_bindgen_test]
fn chart_component_renders_escaped_svg() {
    use ml_field_guide::ui::charts::bars::bar_chart;
    use ml_field_guide::ui::components::chart::Chart;
    let container = fresh_container();
    let svg = bar_chart(
        "sizes",
        "<img src=x onerror=alert(1)>",
        "n",
        &[("a".into(), 3.0), ("b".into(), 5.0)],
    );
    let _handle = leptos::mount::mount_to(
        container.clone(),
        move || view! { <Chart svg=svg.clone() file_name="x.svg" caption="c" /> },
    );
    assert!(container
        .query_selector("figure svg")
        .expect("query")
        .is_some());
    assert!(
        container.query_selector("img").expect("query").is_none(),
        "markup in a label must stay text"
    );
    assert!(container
        .query_selector("a[data-testid=export][download='x.svg']")
        .expect("query")
        .is_some());
}

#[wasm_bindgen_test]
async fn datasets_round_trip_through_indexeddb() {
    use ml_field_guide::data::{split_columns, ColumnBuffer};
    use ml_field_guide::jobs::protocol::{decode, encode};
    use ml_field_guide::store::datasets::{self, StoredTable};
    let table = Table {
        names: vec!["a".into()],
        columns: vec![Column::Numeric(vec![1.0, 2.5])],
    };
    let mut skeleton = table.clone();
    let columns = js_sys::Array::new();
    for buffer in split_columns(&mut skeleton) {
        if let ColumnBuffer::F64(cells) = buffer {
            columns.push(&js_sys::Float64Array::from(cells.as_slice()));
        }
    }
    let record = datasets::Record {
        skeleton: &encode(&skeleton),
        profiles: &[],
        columns: &columns,
    };
    datasets::save("web-test", "web-test.csv", 1.0, record)
        .await
        .expect("save");
    datasets::rename("web-test", "renamed.csv")
        .await
        .expect("rename");
    let all = datasets::load_all().await.expect("load");
    let stored = all.iter().find(|d| d.id == "web-test").expect("stored");
    assert_eq!(stored.name, "renamed.csv");
    let StoredTable::Parts {
        skeleton, columns, ..
    } = &stored.table
    else {
        panic!("stored as parts");
    };
    let back: Table = decode(skeleton).expect("decode");
    assert_eq!(back.names, table.names);
    let cells = js_sys::Float64Array::new(&columns.get(0)).to_vec();
    assert_eq!(cells, vec![1.0, 2.5]);
    datasets::delete("web-test").await.expect("delete");
    assert!(datasets::load_all()
        .await
        .expect("load")
        .iter()
        .all(|d| d.id != "web-test"));
}
