// Shared setup for the end-to-end tests: a plain static server over dist/ (as users will
// deploy it) and headless Debian Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const shotsDir = path.join(root, 'test-results');
mkdirSync(shotsDir, { recursive: true });

export async function startServer(port) {
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', path.join(root, 'dist')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Drain the request log: once an unread pipe fills (~64 KB, a few hundred requests) the
  // server blocks on its next log line and stops answering.
  server.stdout.resume();
  server.stderr.resume();
  // Wait until it answers.
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/index.html`);
      if (res.ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url: `http://127.0.0.1:${port}/`, stop: async () => { server.kill(); await once(server, 'exit'); } };
}

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** A page that records every request and every page error. */
export async function openPage(context, url) {
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  context.on('serviceworker', () => {});
  await page.goto(url);
  await page.waitForSelector('header.site-header');
  return { page, requests, errors };
}

/** Every request went to the local server (or stayed in the page: blob:, data:). */
export function foreignRequests(requests, base) {
  return requests.filter((u) => !u.startsWith(base) && !u.startsWith('blob:') && !u.startsWith('data:'));
}

export async function waitForStatus(page, wanted, timeout = 60000) {
  await page.waitForFunction(
    (w) => document.querySelector('[data-testid=status]')?.textContent.trim() === w,
    wanted,
    { timeout },
  );
}

export async function metric(page, name) {
  const el = page.locator(`[data-testid=metrics] dd[data-metric="${name}"]`);
  return Number(await el.getAttribute('data-value'));
}
