// Filters, sort, pager and CSV of long lists (issue 15, item 1), in a real browser:
//
//   ARCHIVE_SITE=DIR [ARCHIVE_BASE=/archive-sub/] node --test tests/browser/lists.test.mjs
//
// The shipped archive has too few documents for a second page, so these tests also build the
// fixture site tests/fixtures/minimal (four documents, two a page) with ./target/debug/archive
// (ARCHIVE_BIN to use another binary) under the same base path.
//
// - without JavaScript the list is the paginated list as built, pager at top and bottom, the
//   dates the page covers said above it, and no filter controls;
// - with it, filters by kind and language (with counts) and the order (newest, oldest, title)
//   narrow and sort the list, in the address, with items whose markup is the built pages' own;
//   the pager pages through the filtered list;
// - a year bar of an entity's chart leads to its documents of that year;
// - the CSV download is UTF-8 with a byte order mark, `;` between fields, the whole filtered list.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, normalizeBase } from './server.mjs';

const SITE = process.env.ARCHIVE_SITE;
const BASE = normalizeBase(process.env.ARCHIVE_BASE ?? '/');
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = process.env.ARCHIVE_BIN || path.join(REPO, 'target/debug/archive');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];
const LANGS = ['ru', 'kk'];
const FILTERS = { ru: 'Фильтры', kk: 'Сүзгілер' };
const COVERS = { ru: 'На этой странице — документы с ', kk: 'Бұл бетте: ' };

let server;
let minimal;
let browser;
let work;
const u = (srv, rel = '') => srv.origin + BASE + rel;

before(async () => {
  assert.ok(SITE && fs.existsSync(path.join(SITE, 'index.html')), 'set ARCHIVE_SITE to a built site');
  assert.ok(fs.existsSync(BIN), `no archive binary at ${BIN}: run cargo build (or set ARCHIVE_BIN)`);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-lists-'));
  const out = path.join(work, 'site');
  execFileSync(BIN, ['build', '--root', path.join(REPO, 'tests/fixtures/minimal'), '--output', out, '--base-url', `http://127.0.0.1${BASE}`], { stdio: 'ignore' });
  server = await startServer({ root: SITE, base: BASE });
  minimal = await startServer({ root: out, base: BASE });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await minimal?.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** `body(page)` in a fresh context; script errors and failed requests fail the test. */
async function inContext(options, body) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // An HTTP error is reported below with its address.
  page.on('console', (m) => { if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  try {
    await body(page);
  } finally {
    await context.close();
  }
  assert.deepEqual(errors, [], 'no script errors');
}

const titles = (page) => page.$$eval('ol.doc-list > li a.doc-title', (as) => as.map((a) => a.textContent));
const items = (page) => page.$$eval('ol.doc-list > li', (lis) => lis.map((li) => li.outerHTML));

test('without JavaScript a long list is the paginated list as built, pager at top and bottom', async () => {
  for (const lang of LANGS) {
    await inContext({ javaScriptEnabled: false }, async (page) => {
      await page.goto(u(minimal, `${lang}/documents/?kind=decision`));
      assert.equal((await titles(page)).length, 2, 'the first page of two, the filter ignored');
      assert.equal(await page.locator('nav.pager').count(), 2, 'pager above and below the list');
      assert.ok((await page.textContent('p.covers')).startsWith(COVERS[lang]), lang);
      assert.equal(await page.isVisible('.list-tools-toggle'), false);
      assert.equal(await page.isVisible('form.list-tools'), false);
    });
  }
});

test('filters and order narrow the list, live in the address and show the built items', async () => {
  for (const lang of LANGS) {
    // The built items of every document, from the list's two pages without filters.
    const built = [];
    await inContext({ javaScriptEnabled: false }, async (page) => {
      for (const rel of ['documents/', 'documents/page/2/']) {
        await page.goto(u(minimal, `${lang}/${rel}`));
        built.push(...(await items(page)));
      }
    });
    assert.equal(built.length, 4);
    await inContext({}, async (page) => {
      await page.goto(u(minimal, `${lang}/documents/`));
      await page.click(`button.list-tools-toggle:has-text("${FILTERS[lang]}")`);
      await page.waitForSelector('#list-kind option[value="decision"]', { state: 'attached' });
      const label = await page.textContent('#list-kind option[value="news"]');
      assert.match(label, /\(3\)$/, 'three news items');
      await page.selectOption('#list-kind', 'decision');
      await page.waitForFunction(() => location.search === '?kind=decision');
      await page.waitForFunction(() => document.querySelectorAll('ol.doc-list > li').length === 1);
      assert.deepEqual(await items(page), [built[0]], 'the decision, as the built page shows it');
      assert.equal(await page.locator('nav.pager').count(), 0, 'one page: no pager');
      // The language filter's counts follow the kind chosen.
      assert.match(await page.textContent('#list-lang option[value="ru"]'), /\(1\)$/);
      assert.equal(await page.locator('#list-lang option[value="kk"]').count(), 0);
    });
    await inContext({}, async (page) => {
      // Oldest first, the undated last; two a page; the pager pages through the sorted list.
      await page.goto(u(minimal, `${lang}/documents/?sort=old`));
      await page.waitForFunction(() => document.querySelector('.list-status')?.textContent);
      assert.deepEqual(await items(page), [built[2], built[1]]);
      assert.equal(await page.locator('nav.pager').count(), 2);
      await page.click('nav.pager >> nth=0 >> a[rel="next"]');
      await page.waitForFunction(() => new URLSearchParams(location.search).get('page') === '2');
      await page.waitForFunction((b) => document.querySelector('ol.doc-list > li')?.outerHTML === b, built[0]);
      assert.deepEqual(await items(page), [built[0], built[3]]);
      assert.equal(new URL(page.url()).searchParams.get('sort'), 'old');
      await page.goBack();
      await page.waitForFunction((b) => document.querySelector('ol.doc-list > li')?.outerHTML === b, built[2]);
    });
    await inContext({}, async (page) => {
      await page.goto(u(minimal, `${lang}/documents/?lang=kk&sort=title`));
      await page.waitForFunction(() => document.querySelectorAll('ol.doc-list > li').length === 1);
      assert.deepEqual(await items(page), [built[2]], 'the one Kazakh text');
      assert.equal(await page.inputValue('#list-sort'), 'title');
    });
  }
});

test('a year bar of an entity chart leads to its documents of that year', async () => {
  for (const lang of LANGS) {
    await inContext({}, async (page) => {
      await page.goto(u(minimal, `${lang}/countries/kazakhstan/`));
      const bar = page.locator('svg a[href*="?from=2019&to=2019"]').first();
      await bar.click();
      await page.waitForFunction(() => new URLSearchParams(location.search).get('from') === '2019');
      await page.waitForFunction(() => document.querySelector('.list-status')?.textContent);
      const dates = await page.$$eval('ol.doc-list time', (ts) => ts.map((t) => t.getAttribute('datetime')));
      assert.ok(dates.length === 2 && dates.every((d) => d.startsWith('2019')), dates.join());
    });
  }
});

test('the CSV of a filtered list is UTF-8 with a byte order mark, one row per document', async () => {
  for (const lang of LANGS) {
    await inContext({}, async (page) => {
      await page.goto(u(minimal, `${lang}/documents/?country=china`));
      await page.waitForSelector('button.list-csv');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('button.list-csv')]);
      const bytes = fs.readFileSync(await download.path());
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'byte order mark');
      const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
      assert.equal(lines.length, 1 + 3, 'header and the three documents naming China');
      assert.equal(lines[0].split(';').length, 7);
      assert.ok(lines.some((l) => l.includes('"Решение № 158 <о Отчёте>"') || l.includes('Решение № 158 <о Отчёте>')));
      assert.ok(lines.slice(1).every((l) => l.includes(`${BASE}${lang}/documents/`)), 'each row has its page address');
    });
  }
});

test('the shipped archive\'s lists load their data without errors', async () => {
  for (const lang of LANGS) {
    await inContext({}, async (page) => {
      await page.goto(u(server, `${lang}/documents/?sort=title`));
      await page.waitForFunction(() => document.querySelector('.list-status')?.textContent);
      const shown = await titles(page);
      const sorted = [...shown].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
      assert.deepEqual(shown, sorted);
    });
  }
});
