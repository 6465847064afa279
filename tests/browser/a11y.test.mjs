// Accessibility check of the built `archive` site with axe-core in headless Chromium.
//
//   ARCHIVE_SITE=DIR [ARCHIVE_BASE=/archive-sub/] node --test tests/browser/a11y.test.mjs
//
// One page of each kind, in both UI languages, is opened (the search page with a query, so its
// results are checked too), axe-core is injected from node_modules and run with its default rules,
// and the test fails on any violation of impact «serious» or «critical», printing the rule id, its
// impact, its help text and the selectors of the offending nodes.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startServer, normalizeBase } from './server.mjs';

const SITE = process.env.ARCHIVE_SITE;
const BASE = normalizeBase(process.env.ARCHIVE_BASE ?? '/');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];
const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const FAIL_ON = new Set(['serious', 'critical']);
const LANGS = ['ru', 'kk'];
const TEST_TIMEOUT = 60_000;

/** One page of each kind, per UI language; `search` is a query typed into the search page. */
const PAGES = [
  ['home', ''],
  ['documents list', 'documents/'],
  ['document: the long 2024 decision (table of contents, footnote)', 'documents/2024/ob-otchete-sekretariata-shankhaiskoi-organizatsii-sotrudnichestva-o-meropriiatiiakh/'],
  ['document in Kazakh', 'documents/undated/olzhas-bektenov-minskide-otken-tmd-ukimetteri-basshylary-kenesinin/'],
  ['events index', 'events/'],
  ['event', 'events/2019-11-02-sco-heads-of-government-tashkent/'],
  ['countries index', 'countries/'],
  ['country', 'countries/kazakhstan/'],
  ['organization', 'organizations/sco/'],
  ['person', 'people/askar-mamin/'],
  ['place', 'places/tashkent/'],
  ['year', 'years/2019/'],
  ['years', 'years/'],
  ['timeline', 'timeline/'],
  ['translations', 'translations/'],
  ['search with results', 'search/', { ru: 'Казахстан', kk: 'Қазақстан' }],
  ['404', '404.html'],
];

let server;
let browser;
let context;
const u = (rel = '') => server.origin + BASE + rel;

before(async () => {
  assert.ok(SITE, 'ARCHIVE_SITE is not set: build the site and run ARCHIVE_SITE=DIR node --test tests/browser/');
  assert.ok(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  server = await startServer({ root: SITE, base: BASE });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  // One context for all pages (a fresh page each): axe looks at one page at a time.
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(15_000);
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** Runs axe-core on the page as it is now and returns the serious and critical violations, readable. */
async function violations(page) {
  await page.addScriptTag({ content: AXE });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => FAIL_ON.has(v.impact))
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n      ${v.nodes.map((n) => n.target.join(' ')).join('\n      ')}`);
}

/**
 * Opens `rel` in a fresh page and asserts that axe finds nothing serious or critical there.
 * `prepare(page)` runs before the page is opened, `ready(page)` after it has loaded.
 */
async function check(rel, { prepare = async () => {}, ready = async () => {} } = {}) {
  const page = await context.newPage();
  try {
    await prepare(page);
    await page.goto(u(rel), { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await ready(page);
    assert.equal(page.url(), u(rel), 'the page left for another before it could be checked');
    const found = await violations(page);
    if (found.length) assert.fail(`axe-core on ${page.url()}:\n  ${found.join('\n  ')}`);
  } finally {
    await page.close();
  }
}

test('root page', { timeout: TEST_TIMEOUT }, async () => {
  // The root page sends the reader on at once (meta refresh); answering that request with
  // 204 No Content keeps the browser on the root page so that it can be checked.
  const html = await (await fetch(u(''))).text();
  const target = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(html)?.[1];
  assert.ok(target, 'the root page has no meta refresh');
  // With JavaScript the root page's script (site.js) picks the reader's language at once: it is
  // answered empty here, so the page stays as a reader sees it while being sent on.
  await check('', {
    prepare: async (page) => {
      await page.route(new URL(target, u('')).href, (route) => route.fulfill({ status: 204 }));
      await page.route(u('assets/site.js'), (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
    },
  });
});

test('root 404 page', { timeout: TEST_TIMEOUT }, async () => {
  await check('404.html');
});

for (const lang of LANGS) {
  for (const [kind, rel, query] of PAGES) {
    test(`${lang}: ${kind}`, { timeout: TEST_TIMEOUT }, async () => {
      if (!query) return check(`${lang}/${rel}`);
      // Search: the results are written by the script; check once they are listed.
      await check(`${lang}/${rel}?q=${encodeURIComponent(query[lang])}`, {
        ready: (page) => page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 0),
      });
    });
  }
}
