//! Hash routes (`#/data`, `#/lab/kmeans?k=3`…): they survive a reload on any static host.
//! The query after the route is the lab's whole parameter state.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    Home,
    Data,
    Labs,
    Lab(String),
    /// `#/notes`: the notes library and the user's own notes.
    Notes,
    /// `#/notes/<slug>` or `#/notes/<slug>#<heading>` (the heading is a second `#` in the hash).
    Note {
        slug: String,
        heading: Option<String>,
    },
    NotFound(String),
}

impl Route {
    /// The route without its heading: what decides which page is mounted (moving to another
    /// heading of the same note scrolls, it does not rebuild the note).
    pub fn page(&self) -> Route {
        match self {
            Route::Note { slug, .. } => Route::Note {
                slug: slug.clone(),
                heading: None,
            },
            other => other.clone(),
        }
    }
}

/// A route plus its query parameters, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Location {
    pub route: Route,
    pub query: Vec<(String, String)>,
}

impl Location {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

pub fn parse_hash(hash: &str) -> Location {
    let hash = hash.trim_start_matches('#');
    let (hash, heading) = split_note_heading(hash);
    let (path, query) = hash.split_once('?').unwrap_or((hash, ""));
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let route = match segments.as_slice() {
        [] => Route::Home,
        ["data"] => Route::Data,
        ["labs"] => Route::Labs,
        ["lab", name] => Route::Lab((*name).to_string()),
        ["notes"] => Route::Notes,
        ["notes", slug] => Route::Note {
            slug: decode_component(slug),
            heading,
        },
        _ => Route::NotFound(path.to_string()),
    };
    Location {
        route,
        query: parse_query(query),
    }
}

/// Splits `/notes/<slug>#<heading>` into the route and the (decoded, non-empty) heading id.
/// Only note routes have headings; other hashes are returned whole.
fn split_note_heading(hash: &str) -> (&str, Option<String>) {
    if !hash.starts_with("/notes/") {
        return (hash, None);
    }
    match hash.split_once('#') {
        Some((route, heading)) => (
            route,
            Some(decode_component(heading)).filter(|h| !h.is_empty()),
        ),
        None => (hash, None),
    }
}

pub fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(k), decode_component(v))
        })
        .collect()
}

pub fn format_query(params: &[(String, String)]) -> String {
    params
        .iter()
        .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes everything but unreserved characters and `,` (kept for readable feature lists).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~,".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+`; a malformed escape is kept as text.
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = (bytes[i] == b'%')
            .then(|| bytes.get(i + 1..i + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (escaped, bytes[i]) {
            (Some(v), _) => {
                out.push(v);
                i += 3;
                continue;
            }
            (None, b'+') => out.push(b' '),
            (None, b) => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The current location as a signal, updated on every `hashchange`.
pub fn use_location() -> ReadSignal<Location> {
    let (location, set_location) = signal(parse_hash(&current_hash()));
    let on_change =
        Closure::<dyn FnMut()>::new(move || set_location.set(parse_hash(&current_hash())));
    if let Some(window) = web_sys::window() {
        let _ = window
            .add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref());
    }
    on_change.forget();
    location
}

/// Rewrites the query of the current route without adding a history entry or re-routing.
pub fn replace_query(path: &str, params: &[(String, String)]) {
    let query = format_query(params);
    let hash = if query.is_empty() {
        format!("#{path}")
    } else {
        format!("#{path}?{query}")
    };
    if let Some(window) = web_sys::window() {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&hash));
        }
    }
}

/// A lab's whole state: the route's query as a signal. A new deep link (hashchange) replaces
/// it, and every change to it is written back to the URL without a new history entry.
pub fn lab_query(path: &'static str) -> leptos::prelude::RwSignal<Vec<(String, String)>> {
    use leptos::prelude::*;
    let location = expect_context::<ReadSignal<Location>>();
    let query = RwSignal::new(location.get_untracked().query);
    Effect::new(move |_| {
        let q = location.with(|l| l.query.clone());
        if q != query.get_untracked() {
            query.set(q);
        }
    });
    Effect::new(move |_| replace_query(path, &query.get()));
    query
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_routes_and_query() {
        let loc = parse_hash("#/lab/kmeans?k=3&features=x0,x1&dataset=sample%3Ablobs_2d");
        assert_eq!(loc.route, Route::Lab("kmeans".into()));
        assert_eq!(loc.param("k"), Some("3"));
        assert_eq!(loc.param("features"), Some("x0,x1"));
        assert_eq!(loc.param("dataset"), Some("sample:blobs_2d"));
        assert_eq!(parse_hash("").route, Route::Home);
        assert_eq!(parse_hash("#/data").route, Route::Data);
        assert_eq!(
            parse_hash("#/nope/x").route,
            Route::NotFound("/nope/x".into())
        );
    }

    #[test]
    fn query_round_trips() {
        let params = vec![
            ("features".to_string(), "mean radius,a&b=c".to_string()),
            ("k".into(), "5".into()),
        ];
        assert_eq!(parse_query(&format_query(&params)), params);
    }

    #[test]
    fn parses_note_routes_and_heading_anchors() {
        assert_eq!(parse_hash("#/notes").route, Route::Notes);
        assert_eq!(parse_hash("#/notes/").route, Route::Notes);
        assert_eq!(
            parse_hash("#/notes/k-means").route,
            Route::Note {
                slug: "k-means".into(),
                heading: None
            }
        );
        let deep = parse_hash("#/notes/k-means#the-objective");
        assert_eq!(
            deep.route,
            Route::Note {
                slug: "k-means".into(),
                heading: Some("the-objective".into())
            }
        );
        assert_eq!(
            deep.route.page(),
            Route::Note {
                slug: "k-means".into(),
                heading: None
            }
        );
        assert_eq!(
            parse_hash("#/notes/k-means#").route,
            Route::Note {
                slug: "k-means".into(),
                heading: None
            }
        );
        assert_eq!(
            parse_hash("#/notes/tf-idf#pr%C3%A9cision-%C3%A0-90").route,
            Route::Note {
                slug: "tf-idf".into(),
                heading: Some("précision-à-90".into())
            }
        );
        let searched = parse_hash("#/notes?q=k-means");
        assert_eq!(
            (&searched.route, searched.param("q")),
            (&Route::Notes, Some("k-means"))
        );
        let with_query = parse_hash("#/notes/pca?x=1#variance");
        assert_eq!(
            with_query.route,
            Route::Note {
                slug: "pca".into(),
                heading: Some("variance".into())
            }
        );
        assert_eq!(with_query.param("x"), Some("1"));
        assert_eq!(
            parse_hash("#/notes/a/b").route,
            Route::NotFound("/notes/a/b".into())
        );
        // Only note routes have headings: other routes are parsed as before.
        assert_eq!(
            parse_hash("#/data#x").route,
            Route::NotFound("/data#x".into())
        );
        assert_eq!(parse_hash("#/labs").route.page(), Route::Labs);
    }

    #[test]
    fn bad_percent_escapes_do_not_panic() {
        assert_eq!(decode_component("%"), "%");
        assert_eq!(decode_component("%zz1"), "%zz1");
        assert_eq!(decode_component("%4"), "%4");
        assert_eq!(decode_component("a%20b"), "a b");
    }
}
