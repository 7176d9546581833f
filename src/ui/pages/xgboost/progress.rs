//! "round 37 of 100, ~2 s left": the time left is extrapolated from the rounds seen so far
//! (measured from the first round that arrived, so binning and worker start-up do not
//! distort the rate).

use leptos::prelude::*;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

#[derive(Clone, Copy)]
pub struct RoundClock {
    /// (time, round) of the first round reported.
    first: RwSignal<Option<(f64, f64)>>,
}

impl RoundClock {
    pub fn new() -> RoundClock {
        RoundClock {
            first: RwSignal::new(None),
        }
    }

    pub fn reset(&self) {
        self.first.set(None);
    }

    pub fn message(&self, round: f64, rounds: usize) -> String {
        let now = now_ms();
        let (t0, r0) = match self.first.get_untracked() {
            Some(first) => first,
            None => {
                self.first.set(Some((now, round)));
                (now, round)
            }
        };
        let done = round - r0;
        let left = rounds as f64 - round;
        if done <= 0.0 || left <= 0.0 {
            return format!("round {round} of {rounds}");
        }
        let seconds = (now - t0) / done * left / 1000.0;
        let eta = if seconds < 1.0 {
            "under 1 s".to_string()
        } else {
            format!("~{seconds:.0} s")
        };
        format!("round {round} of {rounds}, {eta} left")
    }
}

impl Default for RoundClock {
    fn default() -> Self {
        RoundClock::new()
    }
}
