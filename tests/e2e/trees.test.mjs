// A user's path through the decision-tree and random-forest labs: fidelity against
// scikit-learn on the fixed breast-cancer split (uploaded as the train and validation
// channels, as the XGBoost test does), the views and exports, parameter errors, the
// forest's parallel run and cancel, and the links between the labs and the notes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, launch, openPage, foreignRequests, waitForStatus, metric, shotsDir } from './harness.mjs';

const PORT = 8771;
let server;
let browser;

before(async () => {
  server = await startServer(PORT);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const fixture = (p) => new URL(`../fixtures/${p}`, import.meta.url);
// scikit-learn 1.9.1 on the same split (expected/sklearn_models.json, spec: decision_tree
// "DecisionTreeClassifier(criterion=gini|entropy, max_depth=4, random_state=0)",
// random_forest "RandomForestClassifier(n_estimators=100, random_state=0)").
const sklearn = JSON.parse(readFileSync(fixture('expected/sklearn_models.json'), 'utf8')).datasets.breast_cancer;

/** The fixed 80/20 split of breast_cancer.csv (data/splits/breast_cancer_split.json) as two CSVs. */
function splitCsv() {
  const lines = readFileSync(fixture('data/breast_cancer.csv'), 'utf8').trim().split('\n');
  const split = JSON.parse(readFileSync(fixture('data/splits/breast_cancer_split.json'), 'utf8'));
  const rows = lines.slice(1);
  const pick = (idx) => Buffer.from([lines[0], ...idx.map((i) => rows[i])].join('\n') + '\n');
  return { train: pick(split.train), test: pick(split.test), nTest: split.test.length };
}

async function setValue(page, selector, value) {
  const el = page.locator(selector);
  if ((await el.evaluate((e) => e.tagName)) === 'SELECT') await el.selectOption(value);
  else {
    await el.fill(value);
    await el.dispatchEvent('change');
  }
}

async function download(page, name) {
  const done = page.waitForEvent('download');
  await page.click(`a[download="${name}"]`);
  return readFileSync(await (await done).path(), 'utf8');
}

test('tree (gini, entropy) and forest on the fixed split match scikit-learn; views and exports work', async (t) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, requests, errors } = await openPage(context, `${server.url}#/lab/tree?max_depth=4&criterion=gini`);
  const { train, test: held, nTest } = splitCsv();
  await page.locator('input[type=file][data-testid=upload-train]').setInputFiles({ name: 'bc_train.csv', mimeType: 'text/csv', buffer: train });
  await page.waitForFunction(() => document.querySelector('select[data-testid=dataset]')?.value === 'bc_train', null, { timeout: 30000 });
  await page.locator('input[type=file][data-testid=upload-validation]').setInputFiles({ name: 'bc_test.csv', mimeType: 'text/csv', buffer: held });
  await page.waitForFunction(() => document.querySelector('select[name=validation]')?.value === 'bc_test', null, { timeout: 30000 });
  assert.equal(await page.inputValue('select[data-testid=target]'), 'label');
  assert.equal(await page.getAttribute('[data-testid=note-link]', 'href'), '#/notes/decision-trees');

  // Issue 5: test accuracy within one test row (1/114) of scikit-learn's, gini and entropy.
  for (const criterion of ['gini', 'entropy']) {
    await setValue(page, 'select[name=criterion]', criterion);
    await page.click('button[data-testid=run]');
    await waitForStatus(page, 'done', 60000);
    const accuracy = await metric(page, 'validation:accuracy');
    const reference = sklearn[`decision_tree_${criterion}_depth4_accuracy`];
    t.diagnostic(`tree ${criterion} depth 4: validation:accuracy ${accuracy} (scikit-learn ${reference})`);
    assert.ok(Math.abs(accuracy - reference) <= 1 / nTest + 1e-12, `${criterion}: ${accuracy} vs ${reference}`);
    assert.match(await page.locator('[data-testid=tree-summary]').textContent(), /^depth 4,/);
  }
  assert.match(page.url(), /criterion=entropy/);
  for (const name of ['train:accuracy', 'validation:auc', 'validation:logloss', 'validation:error', 'validation:f1']) {
    assert.ok(Number.isFinite(await metric(page, name)), `metric ${name}`);
  }

  // The diagram: splits and leaves; the chosen row's path runs from the root to one leaf.
  const tree = '[data-testid=tree-viewer] [data-chart="tree-tree.svg"] svg';
  assert.ok((await page.locator(`${tree} [data-kind=split]`).count()) >= 3);
  const onPath = async () => page.locator(`${tree} [data-path]`).evaluateAll((gs) => gs.map((g) => g.getAttribute('data-node')));
  const first = await onPath();
  assert.equal(first[0], '0');
  assert.ok(first.length >= 2 && first.length <= 5, `path ${first}`);
  assert.equal(await page.locator(`${tree} [data-path][data-kind=leaf]`).count(), 1);
  // Clicking rows of the table moves the path (some row of the first eight takes another).
  let moved = false;
  for (let i = 1; i < 8 && !moved; i++) {
    await page.click(`[data-testid=row-picker] tr[data-row="${i}"]`);
    await page.waitForFunction((i) => location.hash.includes(`row=${i}`), i);
    moved = JSON.stringify(await onPath()) !== JSON.stringify(first);
  }
  assert.ok(moved, 'another row takes another path');
  assert.ok((await page.locator('[data-chart="tree-split-decrease.svg"] svg [data-bar]').count()) >= 3);
  assert.ok((await page.locator('[data-chart="tree-importance.svg"] svg [data-bar]').count()) >= 2);
  const cells = await page.locator('[data-chart="tree-confusion-matrix.svg"] svg [data-cell] text').allTextContents();
  assert.equal(cells.map(Number).reduce((a, b) => a + b, 0), nTest);
  await page.waitForSelector('[data-chart="tree-roc.svg"] svg polyline', { state: 'attached' });
  assert.ok((await page.locator('[data-chart="tree-shap-beeswarm.svg"] svg [data-feature]').count()) >= 2);
  assert.ok((await page.locator('[data-chart="tree-shap-waterfall.svg"] svg [data-step]').count()) >= 2);

  const predictions = (await download(page, 'tree-predictions.csv')).trim().split('\n');
  assert.equal(predictions[0], 'channel,row,label,probability_0,probability_1,predicted');
  assert.equal(predictions.length, 1 + 569);
  // SHAP values of the validation rows join the predictions on channel and row; base
  // value plus contributions is the row's P(class 1).
  const shap = (await download(page, 'tree-shap.csv')).trim().split('\n');
  assert.ok(shap[0].startsWith('channel,row,') && shap[0].endsWith(',bias'), shap[0]);
  assert.equal(shap.length, 1 + nTest);
  const probability = new Map(predictions.slice(1).map((line) => { const c = line.split(','); return [`${c[0]},${c[1]}`, Number(c[4])]; }));
  for (const line of shap.slice(1)) {
    const c = line.split(',');
    const sum = c.slice(2).map(Number).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - probability.get(`${c[0]},${c[1]}`)) < 1e-9, `row ${c[1]}: ${sum}`);
  }
  const model = JSON.parse(await download(page, 'tree-model.json'));
  assert.equal(model.trees.length, 1);
  assert.equal(model.criterion, 'entropy');
  assert.equal(model.feature_names.length, 30);
  assert.match(await download(page, 'decision-tree.svg'), /^<svg/);
  await page.screenshot({ path: path.join(shotsDir, 'tree-1280.png'), fullPage: true });

  // The forest on the same channels (same page: the uploads stay in the browser).
  await page.evaluate(() => { location.hash = '#/lab/forest?dataset=bc_train&validation=bc_test&num_trees=100&seed=0'; });
  await page.waitForFunction(() => document.querySelector('select[name=validation]')?.value === 'bc_test');
  assert.equal(await page.getAttribute('[data-testid=note-link]', 'href'), '#/notes/random-forest');
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 120000);
  const accuracy = await metric(page, 'validation:accuracy');
  const oob = await metric(page, 'oob:error');
  t.diagnostic(`forest 100 trees: validation:accuracy ${accuracy} (scikit-learn ${sklearn.random_forest_100_accuracy}), oob:error ${oob}`);
  // Issue 5: within two points of scikit-learn's (bootstrap draws differ).
  assert.ok(Math.abs(accuracy - sklearn.random_forest_100_accuracy) <= 0.02 + 1e-12, `forest ${accuracy}`);
  assert.ok(oob > 0 && oob < 0.15, `oob:error ${oob}`);
  await page.waitForSelector('[data-chart="forest-oob-error.svg"] svg polyline', { state: 'attached' });
  assert.match(await page.locator('[data-testid=tree-summary]').textContent(), /^tree 1 of 100/);
  await page.click('[data-testid=tree-viewer] button:has-text("▶")');
  await page.waitForFunction(() => /^tree 2 of 100/.test(document.querySelector('[data-testid=tree-summary]')?.textContent));
  assert.match(page.url(), /tree=1/);
  const forestModel = JSON.parse(await download(page, 'forest-model.json'));
  assert.equal(forestModel.trees.length, 100);
  const forestPredictions = (await download(page, 'forest-predictions.csv')).trim().split('\n');
  assert.equal(forestPredictions.length, 1 + 569);
  await page.screenshot({ path: path.join(shotsDir, 'forest-1280.png'), fullPage: true });
  assert.deepEqual(foreignRequests(requests, server.url), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('invalid parameters are named and nothing runs', async () => {
  const context = await browser.newContext();
  const { page } = await openPage(context, `${server.url}#/lab/tree?max_depth=0`);
  await page.waitForSelector('[data-testid=param-errors] li');
  assert.match(await page.locator('[data-testid=param-errors] li').first().textContent(), /^max_depth must be at least 1/);
  for (const [route, name] of [
    ['tree?max_depth=0', /max_depth/],
    ['tree?min_samples_leaf=0', /min_samples_leaf must be at least 1/],
    ['tree?min_samples_split=1', /min_samples_split/],
    ['tree?criterion=variance', /criterion/],
    ['tree?dataset=sample:diabetes&criterion=gini', /^criterion: gini is a classification criterion but the target "target" has 214 distinct values/],
    ['forest?num_trees=0', /num_trees must be between 1 and 2000/],
    ['forest?max_features=2', /max_features/],
  ]) {
    await page.goto(`${server.url}#/lab/${route}`);
    await page.waitForFunction(() => document.querySelector('select[data-testid=target]')?.options.length > 0);
    await page.click('button[data-testid=run]');
    await waitForStatus(page, 'error');
    assert.match(await page.locator('[data-testid=error]').last().textContent(), name, route);
    assert.equal(await page.locator('[data-testid=metrics] dd').count(), 0);
  }
  await context.close();
});

test('the forest shows trees grown, cancels back to idle, then a regression forest runs on diabetes', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const { page, requests, errors } = await openPage(context, `${server.url}#/lab/forest?num_trees=2000&max_features=all`);
  await page.waitForFunction(() => document.querySelector('select[data-testid=target]')?.value === 'label');
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'running');
  await page.waitForFunction(() => /of 2000 trees grown/.test(document.querySelector('.job-message')?.textContent), null, { timeout: 30000 });
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=status]')?.getAttribute('data-progress')) > 0);
  const cancelledAt = Date.now();
  await page.click('button[data-testid=cancel]');
  await waitForStatus(page, 'idle', 5000);
  assert.ok(Date.now() - cancelledAt < 3000, 'cancel takes effect within the grace period');

  await page.goto(`${server.url}#/lab/forest?dataset=sample:diabetes&num_trees=30&max_features=0.5&min_samples_leaf=3`);
  await page.waitForFunction(() => document.querySelector('select[data-testid=target]')?.value === 'target');
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 60000);
  const r2 = await metric(page, 'validation:r2');
  // Same order as the kernel's native diabetes test (forest test R² > 0.3 on its split).
  assert.ok(r2 > 0.25, `validation:r2 ${r2}`);
  assert.ok(Number.isFinite(await metric(page, 'validation:rmse')));
  assert.ok(Number.isFinite(await metric(page, 'oob:score')));
  assert.equal(await page.locator('[data-chart="forest-confusion-matrix.svg"]').count(), 0);
  await page.screenshot({ path: path.join(shotsDir, 'forest-390.png'), fullPage: true });
  assert.deepEqual(foreignRequests(requests, server.url), []);
  assert.deepEqual(errors, []);
  await context.close();
});

// Every lab (not only these two) → the note that explains it; the note → back to the lab.
const LAB_NOTES = [
  ['kmeans', 'k-means'],
  ['pca', 'principal-component-analysis'],
  ['tfidf', 'tf-idf'],
  ['lda', 'latent-dirichlet-allocation'],
  ['text-metrics', 'text-generation-metrics'],
  ['xgboost', 'xgboost'],
  ['tree', 'decision-trees'],
  ['forest', 'random-forest'],
  ['linear', 'linear-learner'],
  ['knn', 'k-nearest-neighbors'],
  ['fm', 'factorization-machines'],
  ['rcf', 'random-cut-forest'],
];

test('labs list both labs; every lab links to its note and the note back to the lab', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const { page, requests, errors } = await openPage(context, `${server.url}#/labs`);
  assert.equal(await page.locator('a[href="#/lab/tree"]').count(), 1);
  assert.equal(await page.locator('a[href="#/lab/forest"]').count(), 1);
  for (const [lab, note] of LAB_NOTES) {
    await page.goto(`${server.url}#/lab/${lab}`);
    const link = page.locator('a[data-testid=note-link]').first();
    await link.waitFor({ state: 'attached' });
    assert.equal(await link.getAttribute('href'), `#/notes/${note}`, `lab ${lab}`);
    await page.goto(`${server.url}#/notes/${note}`);
    await page.waitForSelector('[data-testid=lab-link]');
    const back = await page.locator('[data-testid=lab-link]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(back.includes(`#/lab/${lab}`), `note ${note} links to ${back}, not #/lab/${lab}`);
  }
  assert.deepEqual(errors, []);
  assert.deepEqual(foreignRequests(requests, server.url), []);
  await page.goto(`${server.url}#/lab/tree`);
  // The built-in sample loads in the background; its columns fill the target select.
  await page.waitForSelector('select[data-testid=target] option[value=label]', { state: 'attached' });
  await page.click('button[data-testid=run]');
  await waitForStatus(page, 'done', 60000);
  await page.screenshot({ path: path.join(shotsDir, 'tree-390.png'), fullPage: true });
  await context.close();
});
