//! The notes search index, built in a worker: parsing every note and fitting TF-IDF on its
//! sections takes longer than a frame (about 95 ms natively for the library), so the page
//! sends the notes here and gets back the encoded index it queries.

use super::protocol::{decode, encode, JobResult};
use crate::kernels::{Control, Progress};
use crate::notes::search::{NotesSearchIndex, SearchSource};

pub fn build(file: Option<Vec<u8>>, progress: &mut dyn Progress) -> Result<JobResult, String> {
    let bytes = file.ok_or("no notes were sent with the job")?;
    let sources: Vec<SearchSource> =
        decode(&bytes).map_err(|e| format!("the notes could not be read: {e}"))?;
    drop(bytes);
    if progress.report(0.0, "indexing the notes", None) == Control::Stop {
        return Err("cancelled".to_string());
    }
    let index = NotesSearchIndex::build(&sources).map_err(|e| e.to_string())?;
    Ok(JobResult::NotesSearchIndex {
        encoded: encode(&index),
    })
}

#[cfg(test)]
mod tests {
    use crate::jobs::protocol::{decode, encode};
    use crate::jobs::{run, Event, FileInput, Job, JobResult};
    use crate::kernels::Control;
    use crate::notes::search::{NotesSearchIndex, SearchSource};

    #[test]
    fn builds_an_index_the_page_can_decode() {
        let sources = vec![SearchSource {
            slug: "my-note".into(),
            title: "Gradient clipping".into(),
            summary: String::new(),
            markdown: "# Gradient clipping\n\n## Why\n\nExploding gradients.\n".into(),
        }];
        let mut events = Vec::new();
        run(
            Job::NotesSearchIndex,
            Some(FileInput::from_bytes(encode(&sources))),
            &|| 0.0,
            &mut |e| {
                events.push(e);
                Control::Continue
            },
        );
        let Some(Event::Done(JobResult::NotesSearchIndex { encoded })) = events.pop() else {
            panic!("{events:?}");
        };
        let index: NotesSearchIndex = decode(&encoded).unwrap();
        let hits = index.search("exploding gradients", 5);
        assert_eq!(hits[0].slug, "my-note");
        assert_eq!(hits[0].sections[0].anchor.as_deref(), Some("why"));
    }
}
