//! Mounting a big result over several frames.

use leptos::prelude::*;

/// How many parts of a view are mounted: none while `ready` is false, then one more per
/// animation frame, up to `parts`; starting over whenever what `ready` reads changes (a new
/// result). Built and laid out all at once, a 200,000-row boosting run's views (tree
/// diagram, SHAP plots, curves) held the page's thread for over 100 ms; one part per frame
/// keeps every frame short.
pub fn staged(ready: impl Fn() -> bool + 'static, parts: usize) -> RwSignal<usize> {
    let stage = RwSignal::new(0);
    Effect::new(move |_| {
        stage.set(0);
        if ready() {
            mount_next(stage, 1, parts);
        }
    });
    stage
}

fn mount_next(stage: RwSignal<usize>, next: usize, last: usize) {
    request_animation_frame(move || {
        stage.set(next.max(stage.get_untracked()));
        if next < last {
            mount_next(stage, next + 1, last);
        }
    });
}
