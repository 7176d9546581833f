//! A search snippet's text with its matched words in `<mark>` (ranges from `text::snippet`).

use leptos::prelude::*;

use crate::text::Snippet;

/// The text split into plain and marked parts; ranges that overlap or do not fall on
/// character boundaries are skipped rather than trusted.
fn parts(text: &str, ranges: &[(usize, usize)]) -> Vec<AnyView> {
    let mut parts = Vec::new();
    let mut at = 0;
    for &(start, end) in ranges {
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        parts.push(text[at..start].to_string().into_any());
        parts.push(view! { <mark>{text[start..end].to_string()}</mark> }.into_any());
        at = end;
    }
    parts.push(text[at..].to_string().into_any());
    parts
}

/// `<p class="snippet">` with ellipses where the excerpt was cut.
#[component]
pub fn SnippetText(snippet: Snippet) -> impl IntoView {
    view! {
        <p class="snippet">
            {snippet.cut_before.then_some("… ")}
            {parts(&snippet.text, &snippet.highlights)}
            {snippet.cut_after.then_some(" …")}
        </p>
    }
}
