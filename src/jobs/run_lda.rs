//! The LDA lab's job: fit topics on the corpus sent beside the message.

use super::protocol::{decode, JobResult};
use crate::kernels::lda::{fit as fit_lda, LdaParams};
use crate::kernels::{KernelError, Progress};
use crate::text::Corpus;

pub fn fit(
    params: LdaParams,
    file: Option<Vec<u8>>,
    progress: &mut dyn Progress,
) -> Result<JobResult, String> {
    let valid = params.validate().map_err(|e| e.to_string())?;
    let bytes = file.ok_or("no corpus was sent with the job")?;
    let corpus: Corpus =
        decode(&bytes).map_err(|e| format!("the corpus could not be read: {e}"))?;
    drop(bytes);
    match fit_lda(&corpus, &valid, progress) {
        Ok(model) => Ok(JobResult::Lda(Box::new(model))),
        Err(KernelError::Cancelled) => Err("cancelled".to_string()),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use crate::jobs::protocol::encode;
    use crate::jobs::{run, Event, FileInput, Job, JobResult};
    use crate::kernels::lda::LdaParams;
    use crate::kernels::Control;
    use crate::text::Corpus;

    #[test]
    fn lda_job_reports_perplexity_and_returns_topics() {
        let corpus = Corpus::from_texts([
            ("a", "tax income tax budget income tax"),
            ("b", "war army navy war army"),
            ("c", "tax budget income"),
            ("d", "navy army war"),
        ]);
        let params = LdaParams {
            num_topics: 2,
            iterations: 20,
            min_df: crate::text::DocFrequency::Documents(1),
            max_df: crate::text::DocFrequency::Fraction(1.0),
            ..LdaParams::default()
        };
        let mut events = Vec::new();
        let clock = std::cell::Cell::new(0.0);
        let now = || {
            clock.set(clock.get() + 100.0);
            clock.get()
        };
        run(
            Job::LdaFit { params },
            Some(FileInput::from_bytes(encode(&corpus))),
            &now,
            &mut |e| {
                events.push(e);
                Control::Continue
            },
        );
        assert!(events
            .iter()
            .any(|e| matches!(e, Event::Progress { partials, .. } if !partials.is_empty())));
        match events.last() {
            Some(Event::Done(JobResult::Lda(model))) => {
                assert_eq!(model.num_topics(), 2);
                assert!(model.perplexity.is_finite());
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
