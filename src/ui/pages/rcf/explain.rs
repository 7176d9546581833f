//! How a score is computed: the kernel follows AWS's scalar score visitor
//! (aws/random-cut-forest-by-aws), explained here next to the numbers it produces.

use leptos::prelude::*;

#[component]
pub fn HowScored() -> impl IntoView {
    view! {
        <section class="how-scored" aria-label="How the score is computed">
            <h2>"How the score is computed"</h2>
            <p>"As AWS's own implementation does it (the scalar score visitor of aws/random-cut-forest-by-aws), tree by tree. Follow the point q down the cuts to a leaf at depth D."</p>
            <ul>
                <li>"If the leaf holds q itself (q is in the tree's sample, m copies of it), the score is damp / (D + log₂(1 + m)) with damp = 1 − m / (2 · tree mass): a point seen many times is the most ordinary of all."</li>
                <li>"Otherwise it starts at 1 / (D + 1). On the way back up, at each node at depth d whose bounding box B does not contain q, it becomes (1 − p) · score + p / (d + 1), where p = (how far q lies outside B, summed over dimensions) / (Σ ranges of B + that distance): the chance that a random cut of B ∪ {q} would have cut q off right there. Once q is inside a box, it is inside every box above, and the score stops changing."</li>
                <li>"The tree's score is multiplied by log₂(1 + tree mass), so a typical point scores about 1 whatever num_samples_per_tree is; the forest's score is the mean over its trees. A point isolated near the root scores well above 1."</li>
            </ul>
            <p>"SageMaker suggests flagging scores above mean + 3σ of the scores; that is the default threshold here, and the slider moves it. Batch mode samples the whole data set first and then scores every row with the finished forest, as SageMaker's training and inference do; streaming mode scores each point before the trees see it, so the first points (while the reservoirs are still filling) score higher."</p>
        </section>
    }
}
