//! A note cut into the sections search ranks: the lead (title, summary and the text before the
//! first subheading) and one section per heading of level 2 or deeper, each as plain text.
//!
//! Display formulas and diagrams are left out: their LaTeX or mermaid source makes poor search
//! terms and unreadable snippets. Inline math stays (it is short and part of the sentence).

use serde::{Deserialize, Serialize};

use crate::notes::markdown::parse_text_only;
use crate::notes::markdown::tree::{block_text, inline_text, Block};

/// A note to index, library or imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchSource {
    pub slug: String,
    pub title: String,
    pub summary: String,
    /// The markdown, front matter included.
    pub markdown: String,
}

/// One searchable part of a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The heading's anchor id; `None` for the lead.
    pub anchor: Option<String>,
    /// The heading as plain text (empty for the lead).
    pub heading: String,
    /// Plain text of the section: the heading line first, then the body.
    pub text: String,
}

/// The note's sections in document order; the lead always comes first, even when empty.
pub fn sections(source: &SearchSource) -> Vec<Section> {
    let document = parse_text_only(&source.markdown);
    let mut lead = format!("{}\n{}\n", source.title, source.summary);
    let mut found: Vec<Section> = Vec::new();
    for block in &document.blocks {
        match block {
            Block::Heading { level, id, content } if *level >= 2 => {
                let heading = inline_text(content);
                found.push(Section {
                    anchor: Some(id.clone()),
                    text: format!("{heading}\n"),
                    heading,
                });
            }
            // The title is already the lead's first line.
            Block::Heading { .. } | Block::Math(_) | Block::Diagram(_) => {}
            other => {
                let text = found.last_mut().map_or(&mut lead, |s| &mut s.text);
                block_text(std::slice::from_ref(other), text);
            }
        }
    }
    // Footnotes are numbered for the whole note: they belong to no one section.
    for footnote in &document.footnotes {
        block_text(&footnote.blocks, &mut lead);
    }
    let lead = Section {
        anchor: None,
        heading: String::new(),
        text: lead,
    };
    std::iter::once(lead).chain(found).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_subheadings_and_drops_display_math() {
        let source = SearchSource {
            slug: "demo".into(),
            title: "Demo note".into(),
            summary: "A summary.".into(),
            markdown: "---\ntitle: Demo note\n---\n# Demo note\n\nIntro with $k$ words.\n\n## First part\n\nBody **one**.\n\n$$\n\\frac{a}{b}\n$$\n\n### Deeper\n\n- item\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\nText[^1].\n\n[^1]: A footnote.\n".into(),
        };
        let found = sections(&source);
        let anchors: Vec<Option<&str>> = found.iter().map(|s| s.anchor.as_deref()).collect();
        assert_eq!(anchors, [None, Some("first-part"), Some("deeper")]);
        assert_eq!(
            found[0].text,
            "Demo note\nA summary.\nIntro with k words.\nA footnote.\n"
        );
        assert_eq!(found[1].heading, "First part");
        assert_eq!(found[1].text, "First part\nBody one.\n");
        assert!(!found[2].text.contains("flowchart"), "{:?}", found[2].text);
        assert_eq!(found[2].text, "Deeper\nitem\nText.\n");
    }
}
