//! One decision tree as a diagram: leaves side by side in order, each split centred over
//! its children; a split shows its rule, gain and cover, a leaf its value and cover. The
//! branch that missing values follow is dashed. Only the root's two branches carry words
//! ("yes", "no, missing"): every split reads the same way, and each SVG text costs the
//! page ~40 µs of layout, so a depth-6 tree's 126 edge labels were a quarter of its cost.

use std::fmt::Write;

use super::axis::escape;
use super::sized::{clip, open};

pub struct DiagramNode {
    /// `(left, right)` for a split, `None` for a leaf.
    pub children: Option<(usize, usize)>,
    /// Up to three short lines of text.
    pub lines: Vec<String>,
    /// For leaves: the value, which colours the box (blue < 0 < orange).
    pub value: Option<f64>,
    pub default_left: bool,
    /// On the path of the row being followed: drawn bold, as is the edge into it.
    pub highlighted: bool,
}

const BOX_W: f64 = 150.0;
const BOX_H: f64 = 50.0;
const GAP: f64 = 10.0;
const LEVEL: f64 = 86.0;

/// Horizontal slot of every node: leaves take consecutive slots, a split sits midway
/// between its children.
fn layout(nodes: &[DiagramNode]) -> (Vec<f64>, Vec<usize>, f64) {
    let mut x = vec![0.0; nodes.len()];
    let mut depth = vec![0usize; nodes.len()];
    let mut next_slot = 0.0;
    // Iterative post-order walk (trees here are shallow, but input is never trusted).
    let mut stack = vec![(0usize, false)];
    while let Some((node, expanded)) = stack.pop() {
        match (nodes.get(node).and_then(|n| n.children), expanded) {
            (Some((l, r)), false) if l < nodes.len() && r < nodes.len() => {
                depth[l] = depth[node] + 1;
                depth[r] = depth[node] + 1;
                stack.push((node, true));
                stack.push((r, false));
                stack.push((l, false));
            }
            (Some((l, r)), true) => x[node] = (x[l] + x[r]) / 2.0,
            _ => {
                x[node] = next_slot;
                next_slot += 1.0;
            }
        }
    }
    (x, depth, next_slot)
}

/// A drawn diagram: the SVG, the root's horizontal centre (so a viewer can scroll it into
/// view) and the height in pixels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DrawnTree {
    pub svg: String,
    pub root_x: f64,
    pub height: f64,
}

pub fn draw_tree(title: &str, nodes: &[DiagramNode]) -> DrawnTree {
    let max_depth = layout(nodes).1.into_iter().max().unwrap_or(0);
    DrawnTree {
        svg: tree_diagram(title, nodes),
        root_x: root_centre(nodes),
        height: diagram_height(max_depth),
    }
}

fn diagram_height(max_depth: usize) -> f64 {
    (max_depth + 1) as f64 * LEVEL + 24.0
}

/// Horizontal centre of the root in the diagram, so a viewer can scroll it into view.
fn root_centre(nodes: &[DiagramNode]) -> f64 {
    if nodes.is_empty() {
        return 0.0;
    }
    let (slots, _, _) = layout(nodes);
    GAP + slots[0] * (BOX_W + GAP) + BOX_W / 2.0
}

pub fn tree_diagram(title: &str, nodes: &[DiagramNode]) -> String {
    if nodes.is_empty() {
        return String::new();
    }
    let (slots, depth, width_slots) = layout(nodes);
    let max_depth = depth.iter().copied().max().unwrap_or(0);
    let width = (width_slots * (BOX_W + GAP) + GAP).max(320.0);
    let height = diagram_height(max_depth);
    let centre = |n: usize| GAP + slots[n] * (BOX_W + GAP) + BOX_W / 2.0;
    let top = |n: usize| 12.0 + depth[n] as f64 * LEVEL;
    let largest = nodes
        .iter()
        .filter_map(|n| n.value)
        .map(f64::abs)
        .fold(0.0, f64::max)
        .max(1e-12);
    let mut out = String::new();
    open(&mut out, title, width, height);
    for (i, node) in nodes.iter().enumerate() {
        if let Some((l, r)) = node.children {
            for (child, yes) in [(l, true), (r, false)] {
                if child >= nodes.len() {
                    continue;
                }
                let missing = yes == node.default_left;
                let label = match (yes, missing) {
                    (true, true) => "yes, missing",
                    (true, false) => "yes",
                    (false, true) => "no, missing",
                    (false, false) => "no",
                };
                let (x1, y1, x2, y2) = (centre(i), top(i) + BOX_H, centre(child), top(child));
                let on_path = node.highlighted && nodes[child].highlighted;
                let (stroke, width) = if on_path {
                    ("#d62728", 3.0)
                } else {
                    ("#64748b", 1.3)
                };
                let _ = write!(
                    out,
                    r##"<path d="M{x1:.1} {y1:.1}C{x1:.1} {:.1} {x2:.1} {:.1} {x2:.1} {y2:.1}" fill="none" stroke="{stroke}" stroke-width="{width}"{}/>"##,
                    (y1 + y2) / 2.0,
                    (y1 + y2) / 2.0,
                    if missing {
                        r#" stroke-dasharray="5 3""#
                    } else {
                        ""
                    },
                );
                if i == 0 {
                    let _ = write!(
                        out,
                        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="10" fill="#475569">{label}</text>"##,
                        (x1 + x2) / 2.0 + if yes { -6.0 } else { 6.0 },
                        (y1 + y2) / 2.0 - 2.0
                    );
                }
            }
        }
    }
    for (i, node) in nodes.iter().enumerate() {
        let (x, y) = (centre(i) - BOX_W / 2.0, top(i));
        let (fill, opacity) = match node.value {
            Some(v) if v < 0.0 => ("#4e79a7", 0.15 + 0.6 * v.abs() / largest),
            Some(v) => ("#f28e2b", 0.15 + 0.6 * v.abs() / largest),
            None => ("#f1f5f9", 1.0),
        };
        let kind = if node.children.is_some() {
            "split"
        } else {
            "leaf"
        };
        let (stroke, width, on_path) = if node.highlighted {
            ("#d62728", 3.0, r#" data-path="true""#)
        } else {
            ("#475569", 1.0, "")
        };
        let _ = write!(
            out,
            r##"<g data-node="{i}" data-kind="{kind}"{on_path}><rect x="{x:.1}" y="{y:.1}" width="{BOX_W}" height="{BOX_H}" rx="6" fill="{fill}" fill-opacity="{opacity:.3}" stroke="{stroke}" stroke-width="{width}"/>"##
        );
        let shown = node
            .lines
            .iter()
            .take(3)
            .enumerate()
            .filter(|(_, l)| !l.is_empty());
        for (k, line) in shown {
            let weight = if k == 0 { "600" } else { "400" };
            let _ = write!(
                out,
                r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11" font-weight="{weight}" fill="#111827">{}</text>"##,
                centre(i),
                y + 15.0 + 14.0 * k as f64,
                escape(&clip(line, 25))
            );
        }
        let full: Vec<String> = node
            .lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| escape(l))
            .collect();
        let _ = write!(out, "<title>{}</title></g>", full.join("&#10;"));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(children: Option<(usize, usize)>, value: Option<f64>) -> DiagramNode {
        DiagramNode {
            children,
            lines: vec!["x < 1".into()],
            value,
            default_left: true,
            highlighted: false,
        }
    }

    #[test]
    fn splits_sit_between_their_children() {
        let nodes = vec![
            node(Some((1, 2)), None),
            node(None, Some(-0.2)),
            node(Some((3, 4)), None),
            node(None, Some(0.1)),
            node(None, Some(0.3)),
        ];
        let (x, depth, slots) = layout(&nodes);
        assert_eq!(slots, 3.0);
        assert_eq!((x[1], x[3], x[4]), (0.0, 1.0, 2.0));
        assert_eq!((x[2], x[0]), (1.5, 0.75));
        assert_eq!(depth, vec![0, 1, 1, 2, 2]);
        let svg = tree_diagram("t", &nodes);
        assert_eq!(svg.matches("data-kind=\"leaf\"").count(), 3);
    }
}
