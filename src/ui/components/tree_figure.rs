//! A tree diagram in a sideways scroller that opens with the root in the middle of the
//! view. New content is built in one frame and laid out in the next: for one frame the
//! scroller keeps the diagram's height while the browser skips its contents
//! (`content-visibility: hidden`). A depth-6 tree's parse, style, layout and paint took
//! 55–67 ms as one frame; split, each frame stays well under the 50 ms budget.

use leptos::prelude::*;

use super::export_link::ExportLink;
use crate::ui::charts::tree::DrawnTree;

#[component]
pub fn TreeFigure(
    #[prop(into)] drawn: Signal<DrawnTree>,
    /// `data-chart` of the figure, which tests and users' scripts find it by.
    #[prop(into)]
    chart: String,
    /// The download's name.
    #[prop(into)]
    file_name: Signal<String>,
    caption: &'static str,
) -> impl IntoView {
    let settled = RwSignal::new(false);
    let scroller = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let root_x = drawn.with(|d| d.root_x);
        settled.set(false);
        request_animation_frame(move || {
            settled.set(true);
            // A frame later the layout is done, so reading the width forces nothing.
            request_animation_frame(move || {
                if let Some(div) = scroller.get_untracked() {
                    let left = root_x - f64::from(div.client_width()) / 2.0;
                    div.set_scroll_left(left.max(0.0) as i32);
                }
            });
        });
    });
    let svg = Signal::derive(move || drawn.with(|d| d.svg.clone()));
    view! {
        <figure class="chart tree-chart" data-chart=chart>
            <div class="chart-svg tree-scroll" node_ref=scroller inner_html=move || svg.get()
                style:content-visibility=move || if settled.get() { "visible" } else { "hidden" }
                style:contain-intrinsic-height=move || format!("{}px", drawn.with(|d| d.height))></div>
            <figcaption>
                <span>{caption}</span>
                <ExportLink file_name=file_name mime="image/svg+xml" content=svg label="SVG" />
            </figcaption>
        </figure>
    }
}
