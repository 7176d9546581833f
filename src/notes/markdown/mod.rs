//! Markdown → a document tree of our own ([`Document`]), with pulldown-cmark.
//!
//! CommonMark plus tables, footnotes, task lists, strikethrough, heading attributes
//! (`## Title {#id}`), GitHub alerts (`> [!NOTE]`) and `$…$` / `$$…$$` math. The tree is what
//! the UI renders, and it is safe by construction:
//! - raw HTML (`<script>`, `<img onerror=…>`) becomes text; it is never markup;
//! - links keep only http(s)/mailto/relative targets, images http(s)/relative/raster `data:`;
//!   others are replaced by their text ([`links`]);
//! - formulas are converted to MathML here ([`crate::notes::math`]), mermaid blocks drawn by the
//!   diagram renderer passed in; each carries its own error, so one bad formula or diagram never
//!   breaks the rest of the page;
//! - headings get unique ids (slug of their text, `-1`, `-2` … for repeats) for deep links
//!   `#/notes/<slug>#<id>` and the outline.
//!
//! The front matter (`title`, `summary`, `lab`) is parsed and removed first ([`front_matter`]).

mod convert;
mod footnotes;
mod frames;
pub mod front_matter;
pub mod links;
pub mod slug;
pub mod tree;

use pulldown_cmark::{Options, Parser};

pub use convert::DiagramRenderer;
pub use front_matter::{split_front_matter, FrontMatter};
pub use links::{classify_link, note_slug_from_file_name, safe_image_src, LinkTarget};
pub use slug::slugify;
pub use tree::{
    inline_text, Alignment, Block, Callout, Diagram, DiagramFailure, Document, Footnote,
    HeadingEntry, Inline, ListItem, Math, Table,
};

/// The pulldown-cmark extensions notes use.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM
}

/// Parses a note, drawing its diagrams with our mermaid renderer.
pub fn parse(source: &str) -> Document {
    parse_with(source, &crate::notes::render_diagram)
}

/// Parses a note, drawing diagrams with `diagrams` (tests, or a renderer that defers drawing).
pub fn parse_with(source: &str, diagrams: DiagramRenderer<'_>) -> Document {
    convert_source(source, true, diagrams)
}

/// The document without converting math or drawing diagrams (formulas keep their LaTeX source):
/// for the notes search index, which reads only text.
pub fn parse_text_only(source: &str) -> Document {
    convert_source(source, false, &|_| Err(not_drawn()))
}

/// Only the headings (ids identical to [`parse`]'s), without converting math or drawing
/// diagrams: for outlines of notes that are not on screen.
pub fn headings(source: &str) -> Vec<HeadingEntry> {
    convert_source(source, false, &|_| Err(not_drawn())).headings
}

fn convert_source(source: &str, render_math: bool, diagrams: DiagramRenderer<'_>) -> Document {
    let (front_matter, body) = split_front_matter(source);
    let events = Parser::new_ext(body, markdown_options()).collect();
    let converted = convert::Converter::new(render_math, diagrams).convert(events);
    Document {
        front_matter,
        blocks: converted.blocks,
        footnotes: converted.footnotes,
        headings: converted.headings,
        raw_html: converted.raw_html,
    }
}

/// The failure a renderer that does not draw reports.
pub fn not_drawn() -> DiagramFailure {
    DiagramFailure {
        message: "diagram not drawn".to_string(),
        line: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_diagrams(_: &str) -> Result<String, DiagramFailure> {
        Err(not_drawn())
    }

    fn parse_plain(source: &str) -> Document {
        parse_with(source, &no_diagrams)
    }

    fn text_of(blocks: &[Block]) -> String {
        let mut text = String::new();
        tree::block_text(blocks, &mut text);
        text
    }

    #[test]
    fn headings_get_unique_ids_and_the_outline() {
        let doc = parse_plain("# K-Means\n\n## Cost\n\ntext\n\n## Cost\n\n### Custom {#my-id}\n");
        let ids: Vec<_> = doc
            .headings
            .iter()
            .map(|h| (h.level, h.id.as_str()))
            .collect();
        assert_eq!(
            ids,
            [(1, "k-means"), (2, "cost"), (2, "cost-1"), (3, "my-id")]
        );
        assert_eq!(doc.headings[3].text, "Custom");
        assert!(matches!(&doc.blocks[0], Block::Heading { level: 1, id, .. } if id == "k-means"));
        assert_eq!(headings("# K-Means\n\n## Cost\n\n## Cost\n").len(), 3);
        assert_eq!(headings("## $\\alpha$ and `x`")[0].id, "alpha-and-x");
    }

    #[test]
    fn raw_html_is_text_never_markup() {
        let source = "<script>alert(1)</script>\n\nHello <img src=x onerror=alert(1)> world\n\n<div onclick=\"x()\">\nblock\n</div>\n";
        let doc = parse_plain(source);
        assert_eq!(doc.raw_html.len(), 3, "{:?}", doc.raw_html);
        let text = text_of(&doc.blocks);
        assert!(text.contains("<script>alert(1)</script>"), "{text}");
        assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
        // Everything is Text/HardBreak/Plain/Paragraph: no variant can carry markup through.
        let debug = format!("{:?}", doc.blocks);
        assert!(!debug.contains("Html"), "{debug}");
    }

    #[test]
    fn unsafe_links_keep_their_text_and_safe_ones_are_classified() {
        let doc = parse_plain(
            "[click](javascript:alert(1)) [ok](https://aws.amazon.com) [km](#/notes/k-means#cost) \
             ![pic](javascript:x) ![png](data:image/png;base64,AA) [d](data:text/html,x) <a@b.org>",
        );
        let Block::Paragraph(inlines) = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks)
        };
        let links: Vec<_> = doc.links().into_iter().cloned().collect();
        assert_eq!(
            links,
            [
                LinkTarget::External("https://aws.amazon.com".into()),
                LinkTarget::Note {
                    slug: "k-means".into(),
                    heading: Some("cost".into())
                },
                LinkTarget::External("mailto:a@b.org".into()),
            ]
        );
        let text = inline_text(inlines);
        assert!(text.starts_with("click ok km pic png d"), "{text}");
        let images: Vec<_> = inlines
            .iter()
            .filter_map(|i| match i {
                Inline::Image { src, .. } => Some(src.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(images, ["data:image/png;base64,AA"]);
        assert!(!format!("{doc:?}").contains("javascript"));
    }

    #[test]
    fn math_is_converted_and_lone_display_math_is_a_block() {
        let doc = parse_plain(
            "Inline $x^2$ here.\n\n$$\n\\frac{a}{b}\n$$\n\nBad $\\nosuchcommand x$ one.\n",
        );
        let formulas = doc.formulas();
        assert_eq!(formulas.len(), 3);
        assert!(!formulas[0].display && formulas[0].mathml.is_ok());
        assert!(
            matches!(&doc.blocks[1], Block::Math(m) if m.display && m.source == r"\frac{a}{b}")
        );
        assert!(formulas[1]
            .mathml
            .as_ref()
            .is_ok_and(|m| m.contains("<mfrac")));
        assert!(formulas[2].mathml.is_err());
        assert_eq!(formulas[2].source, r"\nosuchcommand x");
    }

    #[test]
    fn code_blocks_keep_language_and_mermaid_becomes_a_diagram() {
        let draw = |source: &str| -> Result<String, DiagramFailure> {
            Ok(format!(
                "<svg data-diagram>{}</svg>",
                source.lines().count()
            ))
        };
        let doc = parse_with(
            "```python extra\nprint(1)\n```\n\n```mermaid\nflowchart TD\n  A --> B\n```\n\n    indented\n",
            &draw,
        );
        assert_eq!(
            doc.blocks[0],
            Block::Code {
                language: Some("python".into()),
                code: "print(1)".into()
            }
        );
        let diagrams = doc.diagrams();
        assert_eq!(diagrams.len(), 1);
        assert_eq!(diagrams[0].source, "flowchart TD\n  A --> B");
        assert_eq!(diagrams[0].svg.as_deref(), Ok("<svg data-diagram>2</svg>"));
        assert!(
            matches!(&doc.blocks[2], Block::Code { language: None, code } if code == "indented")
        );
    }

    #[test]
    fn lists_tasks_tables_quotes_and_rules() {
        let source = "- [x] done\n- [ ] todo\n\n3. three\n4. four\n\n| a | b |\n|:--|--:|\n| 1 | $y$ |\n\n> [!TIP]\n> quoted\n\n---\n\n~~old~~ *em* **strong**\n";
        let doc = parse_plain(source);
        let Block::List { start: None, items } = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks[0])
        };
        assert_eq!(
            items.iter().map(|i| i.task).collect::<Vec<_>>(),
            [Some(true), Some(false)]
        );
        assert!(
            matches!(&items[0].blocks[0], Block::Plain(_)),
            "tight items hold plain inlines"
        );
        assert!(
            matches!(&doc.blocks[1], Block::List { start: Some(3), items } if items.len() == 2)
        );
        let Block::Table(table) = &doc.blocks[2] else {
            panic!("{:?}", doc.blocks[2])
        };
        assert_eq!(table.alignments, [Alignment::Left, Alignment::Right]);
        assert_eq!(
            (table.head.len(), table.rows.len(), table.rows[0].len()),
            (2, 1, 2)
        );
        assert!(matches!(&table.rows[0][1][0], Inline::Math(m) if m.source == "y"));
        assert!(matches!(
            &doc.blocks[3],
            Block::BlockQuote {
                kind: Some(Callout::Tip),
                ..
            }
        ));
        assert_eq!(doc.blocks[4], Block::Rule);
        let Block::Paragraph(inlines) = &doc.blocks[5] else {
            panic!("{:?}", doc.blocks[5])
        };
        assert!(matches!(&inlines[0], Inline::Strikethrough(_)));
        assert!(inlines.iter().any(|i| matches!(i, Inline::Emphasis(_))));
        assert!(inlines.iter().any(|i| matches!(i, Inline::Strong(_))));
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference() {
        let source = "A[^b] then[^a] again[^b] missing[^zz].\n\n[^a]: Note A.\n[^b]: Note B.\n[^c]: Unused.\n";
        let doc = parse_plain(source);
        let numbers: Vec<_> = doc
            .footnotes
            .iter()
            .map(|f| (f.label.as_str(), f.number))
            .collect();
        assert_eq!(numbers, [("b", 1), ("a", 2), ("c", 3)]);
        let Block::Paragraph(inlines) = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks[0])
        };
        let refs: Vec<_> = inlines
            .iter()
            .filter_map(|i| match i {
                Inline::FootnoteRef { number, .. } => Some(*number),
                _ => None,
            })
            .collect();
        assert_eq!(refs, [1, 2, 1]);
        assert!(inline_text(inlines).contains("[^zz]"));
    }

    #[test]
    fn front_matter_is_removed_from_the_body() {
        let doc = parse_plain("---\ntitle: T\nlab: pca\n---\n# Heading\n");
        assert_eq!(doc.front_matter.title.as_deref(), Some("T"));
        assert_eq!(doc.front_matter.lab.as_deref(), Some("pca"));
        assert_eq!(doc.blocks.len(), 1);
        assert!(!doc.plain_text().contains("lab"));
    }

    #[test]
    fn hostile_markdown_never_panics() {
        let pieces = [
            "# h",
            "\n",
            "- ",
            "1. ",
            "> ",
            "| a |",
            "|---|",
            "$",
            "$$",
            "`",
            "```",
            "```mermaid\n",
            "[",
            "](",
            ")",
            "![",
            "[^1]",
            "[^1]: x",
            "<b>",
            "*",
            "**",
            "~~",
            "\\",
            "{#id}",
            "- [ ] ",
            "---\n",
            "    ",
            "&amp;",
            "\t",
        ];
        let mut state = 7u64;
        for _ in 0..400 {
            let mut source = String::new();
            for _ in 0..30 {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                source.push_str(pieces[(state >> 33) as usize % pieces.len()]);
            }
            let doc = parse_plain(&source);
            let _ = doc.plain_text();
        }
    }
}
