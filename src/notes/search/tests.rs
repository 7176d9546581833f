use std::sync::OnceLock;

use super::*;

fn library_index() -> &'static NotesSearchIndex {
    static INDEX: OnceLock<NotesSearchIndex> = OnceLock::new();
    INDEX.get_or_init(|| NotesSearchIndex::build(&library_sources()).unwrap())
}

fn note(slug: &str, title: &str, markdown: &str) -> SearchSource {
    SearchSource {
        slug: slug.into(),
        title: title.into(),
        summary: String::new(),
        markdown: markdown.into(),
    }
}

#[test]
fn the_library_puts_the_named_note_first() {
    for (query, slug) in [
        ("k-means", "k-means"),
        ("xgboost", "xgboost"),
        (
            "principal component analysis",
            "principal-component-analysis",
        ),
        ("bleu", "text-generation-metrics"),
        ("tf-idf", "tf-idf"),
        ("confusion matrix", "classification-metrics"),
        ("random cut forest", "random-cut-forest"),
        ("smote", "imbalanced-data-smote"),
        ("s3 encryption", "s3-security-encryption"),
    ] {
        let hits = library_index().search(query, 10);
        assert_eq!(
            hits.first().map(|h| h.slug.as_str()),
            Some(slug),
            "{query}: {:?}",
            hits.iter()
                .take(3)
                .map(|h| (&h.slug, h.score))
                .collect::<Vec<_>>()
        );
        assert!(
            hits.windows(2).all(|w| w[0].score >= w[1].score),
            "{query}: best first"
        );
    }
}

#[test]
fn hits_name_matching_sections_and_mark_the_query_in_a_snippet() {
    let hits = library_index().search("brevity penalty", 5);
    let best = &hits[0];
    assert_eq!(best.slug, "text-generation-metrics");
    assert!(
        best.sections
            .iter()
            .any(|s| s.anchor.as_deref() == Some("bleu-precision-oriented-translation")),
        "{:?}",
        best.sections
    );
    assert!(best.sections.len() <= SECTIONS_SHOWN);
    let marked: Vec<String> = best
        .snippet
        .highlights
        .iter()
        .map(|&(s, e)| best.snippet.text[s..e].to_lowercase())
        .collect();
    assert!(marked.iter().any(|w| w == "brevity"), "{:?}", best.snippet);
}

#[test]
fn scores_are_title_weight_plus_the_best_section_of_the_engine() {
    // Two notes, one about the term in its title: the title's tf-idf weight decides.
    let sources = [
        note(
            "a",
            "Dropout",
            "# Dropout\n\n## Idea\n\nDropout drops units.\n",
        ),
        note(
            "b",
            "Regularization",
            "# Regularization\n\n## Options\n\nWeight decay or dropout.\n",
        ),
        note("c", "Trees", "# Trees\n\nNothing relevant.\n"),
    ];
    let index = NotesSearchIndex::build(&sources).unwrap();
    let hits = index.search("dropout", 10);
    let slugs: Vec<&str> = hits.iter().map(|h| h.slug.as_str()).collect();
    assert_eq!(slugs, ["a", "b"]);
    // "dropout" is the whole of title "Dropout": its l2-normalized weight there is 1.
    let params = notes_params().validate().unwrap();
    let bodies = crate::kernels::tfidf::fit(
        &crate::text::Corpus::from_texts(
            sources
                .iter()
                .flat_map(|s| sections(s).into_iter().map(|sec| ("", sec.text)))
                .collect::<Vec<_>>(),
        ),
        &params,
        &mut crate::kernels::Silent,
    )
    .unwrap();
    let best_b = bodies
        .search(
            "dropout",
            crate::kernels::tfidf::SearchScoring::SumOfWeights,
            10,
        )
        .into_iter()
        .filter(|h| h.document == 2 || h.document == 3)
        .map(|h| h.score)
        .fold(0.0, f64::max);
    assert!(
        (hits[1].score - best_b).abs() < 1e-12,
        "{} vs {best_b}",
        hits[1].score
    );
    assert!(hits[0].score > 1.0);
    assert!(index.search("   ", 10).is_empty());
    assert!(index.search("zebra", 10).is_empty());
    assert_eq!(index.search("dropout", 1).len(), 1);
}

#[test]
fn imported_notes_are_searched_with_the_library() {
    let mut sources = library_sources();
    sources.push(note(
        "my-quokka",
        "Quokka facts",
        "# Quokka facts\n\n## Habitat\n\nQuokkas live on Rottnest Island.\n",
    ));
    let index = NotesSearchIndex::build(&sources).unwrap();
    let hits = index.search("rottnest island", 5);
    assert_eq!(hits[0].slug, "my-quokka");
    assert_eq!(hits[0].sections[0].heading, "Habitat");
    assert_eq!(index.note_count(), library_sources().len() + 1);
}
