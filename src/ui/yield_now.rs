//! Slicing long page-side work into tasks short enough that the page keeps painting.

use js_sys::Promise;
use wasm_bindgen_futures::JsFuture;

/// Lets the browser handle input and paint before the next slice of work.
pub async fn yield_to_browser() {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Yields once a slice has used its budget. A slice of 8 ms leaves room for layout and
/// paint inside one 16 ms frame, while small jobs finish without yielding at all
/// (each `setTimeout(0)` costs a few milliseconds).
pub struct SliceClock {
    slice_started: f64,
}

impl SliceClock {
    const BUDGET_MS: f64 = 8.0;

    pub fn new() -> SliceClock {
        SliceClock {
            slice_started: now_ms(),
        }
    }

    /// Yields to the browser when this slice is over its budget.
    pub async fn tick(&mut self) {
        if now_ms() - self.slice_started > Self::BUDGET_MS {
            yield_to_browser().await;
            self.slice_started = now_ms();
        }
    }
}

impl Default for SliceClock {
    fn default() -> Self {
        SliceClock::new()
    }
}
