//! Each topic's most probable words as bars.

use leptos::prelude::*;

use crate::kernels::lda::LdaModel;
use crate::ui::components::chart::Chart;
use crate::ui::pages::tfidf::svg::hbars;

const WORDS: usize = 10;

#[component]
pub fn Topics(model: Signal<Option<std::sync::Arc<LdaModel>>>) -> impl IntoView {
    move || {
        model.get().map(|m| {
            let charts: Vec<_> = (0..m.num_topics())
                .map(|topic| {
                    let words = m.top_words(topic, WORDS);
                    let names: Vec<String> = words.iter().take(4).map(|w| w.0.clone()).collect();
                    let svg = hbars(&format!("Topic {}", topic + 1), "p(word | topic)", &words);
                    view! {
                        <div class="topic" data-topic=topic + 1>
                            <h3>{format!("Topic {}: {}", topic + 1, names.join(", "))}</h3>
                            <Chart svg=Signal::derive(move || svg.clone()) file_name=format!("lda-topic-{}.svg", topic + 1) caption="The topic's ten most probable words." />
                        </div>
                    }
                })
                .collect();
            view! { <div class="topics" data-testid="topics">{charts}</div> }
        })
    }
}
