// Real-browser tests of search (static/search.js over the index in search/<lang>/) and of the
// timeline's links to year pages, on the built shipped archive.
//
//   ARCHIVE_SITE=DIR [ARCHIVE_BASE=/archive-sub/] node --test tests/browser/
//
// A reader types into the search box as a person would; every page reached is checked for
// console errors, failed requests and HTTP errors. Which documents should be found is read from
// the site's sources (content/documents), not from the built index.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer, normalizeBase } from './server.mjs';
import { documents as readDocuments } from './documents.mjs';

const SITE = process.env.ARCHIVE_SITE;
const BASE = normalizeBase(process.env.ARCHIVE_BASE ?? '/');
const CONTENT = process.env.ARCHIVE_CONTENT || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../content');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];
const TEST_TIMEOUT = 120_000;

let server;
let browser;
const u = (rel = '') => server.origin + BASE + rel;

before(async () => {
  assert.ok(SITE, 'ARCHIVE_SITE is not set: build the site and run ARCHIVE_SITE=DIR node --test tests/browser/');
  assert.ok(fs.existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  server = await startServer({ root: SITE, base: BASE });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The shipped documents (see documents.mjs). */
const documents = () => readDocuments(CONTENT);

/** A fresh page that records console errors, failed requests and HTTP errors. */
async function reader(t, options, body) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    // Chromium's own guess at /favicon.ico (the site declares its icons) is not the site's request.
    if (m.type() === 'error' && m.location()?.url !== `${server.origin}/favicon.ico`) problems.push(`console error on ${page.url()}: ${m.text()} (${m.location()?.url})`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception on ${page.url()}: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} — ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} for ${r.url()}`));
  try {
    await body(page);
  } finally {
    await context.close();
  }
  await t.test('no console errors, failed requests or HTTP errors', () => assert.deepEqual(problems, []));
}

/** Types a query as a reader would and waits for the count to be announced. */
async function type(page, q) {
  await page.locator('#q').fill('');
  await page.locator('#q').pressSequentially(q, { delay: 20 });
  // The count is announced, and the first page of results (up to 20) is listed.
  await page.waitForFunction(
    (q) => {
      const n = Number(document.getElementById('search-status').textContent.replace(/\D/g, ''));
      return new URLSearchParams(location.search).get('q') === q && n > 0 && document.querySelectorAll('#search-results li').length === Math.min(n, 20);
    },
    q,
  );
}

/** Slugs of the documents in the result list, in order. */
const resultSlugs = (page) =>
  page.locator('#search-results li > a').evaluateAll((as) => as.map((a) => a.pathname.split('/').filter(Boolean).pop()));

const statusCount = async (page) => Number(((await page.locator('#search-status').textContent()) || '').replace(/\D/g, ''));

test('«Казахстана» on the Russian search page finds the Russian documents about Казахстан', { timeout: TEST_TIMEOUT }, async (t) => {
  const expected = documents().filter((d) => d.lang === 'ru' && /Казахстан/i.test(d.body)).map((d) => d.slug);
  assert.ok(expected.length >= 2, 'the shipped archive should have Russian documents that mention Казахстан');
  await reader(t, {}, async (page) => {
    await page.goto(u('ru/search/'));
    // The search box is labelled and the status is a live region.
    assert.equal(await page.locator('label[for="q"]').count(), 1);
    assert.equal(await page.locator('#search-status').getAttribute('role'), 'status');
    await type(page, 'Казахстана');
    const found = await resultSlugs(page);
    for (const slug of expected) assert.ok(found.includes(slug), `«Казахстана» does not find ${slug}; found ${found.join(', ')}`);
    assert.equal(await statusCount(page), found.length, 'the announced count is the number of results listed');
    // The matched word is highlighted in a snippet (snippets follow the titles, with the texts).
    await page.locator('#search-results mark').first().waitFor();
    const marks = await page.locator('#search-results mark').allTextContents();
    assert.ok(marks.some((m) => /^казахстан/i.test(m)), `no highlighted form of Казахстан in the snippets: ${marks.join(', ')}`);
    // Through the entity, the Kazakh documents about Kazakhstan are found too.
    const kk = documents().filter((d) => d.lang === 'kk').map((d) => d.slug);
    assert.ok(kk.some((s) => found.includes(s)), `the Kazakh document about Қазақстан is not among ${found.join(', ')}`);
    assert.ok(await page.locator(`#search-entities a[href="${BASE}ru/countries/kazakhstan/"]`).count(), 'the country page is not offered');
  });
});

test('«Қазақстанның» on the Kazakh search page finds the Kazakh document', { timeout: TEST_TIMEOUT }, async (t) => {
  const expected = documents().filter((d) => d.lang === 'kk' && /Қазақстан/i.test(d.body)).map((d) => d.slug);
  assert.ok(expected.length >= 1);
  await reader(t, {}, async (page) => {
    await page.goto(u('kk/search/'));
    await type(page, 'Қазақстанның');
    const found = await resultSlugs(page);
    for (const slug of expected) assert.ok(found.includes(slug), `«Қазақстанның» does not find ${slug}; found ${found.join(', ')}`);
  });
});

test('«ШЫҰ» on the Russian site offers the SCO organization page', { timeout: TEST_TIMEOUT }, async (t) => {
  await reader(t, {}, async (page) => {
    await page.goto(u('ru/search/'));
    await type(page, 'ШЫҰ');
    const link = page.locator(`#search-entities a[href="${BASE}ru/organizations/sco/"]`);
    assert.equal(await link.count(), 1, 'no link to the SCO page among the offered pages');
    assert.match(await link.textContent(), /Шанхайская организация сотрудничества/);
    assert.ok((await resultSlugs(page)).length > 0, 'the documents about the SCO are not listed');
    await link.click();
    await page.waitForURL(u('ru/organizations/sco/'));
  });
});

test('a filter narrows the results to its count; the query and filters live in the URL', { timeout: TEST_TIMEOUT }, async (t) => {
  await reader(t, {}, async (page) => {
    await page.goto(u('ru/search/'));
    await type(page, 'Казахстана');
    const before = await statusCount(page);
    // The organization and country filters take their place at once; their counts come with
    // their own file when they come into view (search-ui.test.mjs).
    await page.waitForSelector('#search-filters fieldset[data-facet="country"]');
    const legends = await page.locator('#search-filters fieldset > legend').allTextContents();
    for (const l of ['Язык текста', 'Вид документа', 'Организация', 'Страна']) assert.ok(legends.includes(l), `no filter «${l}»: ${legends}`);
    // The language filter: Kazakh only.
    const box = page.locator('#search-filters fieldset[data-facet="lang"] input[value="kk"]');
    const count = Number(await page.locator('label[for="f-lang-kk"] .count').getAttribute('data-count'));
    assert.ok(count > 0 && count < before, `the kk filter count ${count} should be between 0 and ${before}`);
    await box.check();
    await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length === n, count);
    assert.equal(await statusCount(page), count);
    const langs = await page.locator('#search-results li > a').evaluateAll((as) => as.map((a) => a.getAttribute('lang')));
    assert.ok(langs.every((l) => l === 'kk'), `results after the kk filter: ${langs}`);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), 'Казахстана');
    assert.equal(url.searchParams.get('lang'), 'kk');
    // Reloading restores the query, the filter and the results.
    await page.reload();
    await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length === n, count);
    assert.equal(await page.locator('#q').inputValue(), 'Казахстана');
    assert.ok(await box.isChecked(), 'the filter is not restored from the URL');
    // A kind filter, keyboard only: Tab to it and press Space.
    await box.uncheck();
    await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length === n, before);
    const kind = page.locator('#search-filters fieldset[data-facet="kind"] input').first();
    const kindValue = await kind.getAttribute('value');
    const kindCount = Number(await page.locator(`label[for="f-kind-${kindValue}"] .count`).getAttribute('data-count'));
    await kind.focus();
    await page.keyboard.press('Space');
    await page.waitForFunction((n) => document.querySelectorAll('#search-results li').length === n, kindCount);
    assert.equal(new URL(page.url()).searchParams.get('kind'), kindValue);
  });
});

test('clicking a result opens its document', { timeout: TEST_TIMEOUT }, async (t) => {
  await reader(t, {}, async (page) => {
    await page.goto(u('ru/search/?q=' + encodeURIComponent('Мамин')));
    await page.waitForSelector('#search-results li > a');
    assert.equal(await page.locator('#q').inputValue(), 'Мамин');
    const first = page.locator('#search-results li > a').first();
    const href = await first.evaluate((a) => a.href);
    assert.match(href, new RegExp(`${BASE}ru/documents/(\\d{4}|undated)/[^/]+/$`));
    await first.click();
    await page.waitForURL(href);
    assert.equal(await page.locator('h1').count(), 1);
  });
});

test('without JavaScript the search page says search needs it and still submits as GET', { timeout: TEST_TIMEOUT }, async (t) => {
  await reader(t, { javaScriptEnabled: false }, async (page) => {
    await page.goto(u('ru/search/'));
    assert.match(await page.locator('main').innerText(), /JavaScript/);
    assert.equal(await page.locator('form.search-form').getAttribute('method'), 'get');
    await page.locator('#q').fill('ШОС');
    await page.locator('form.search-form button[type="submit"]').click();
    await page.waitForURL((x) => x.searchParams.get('q') === 'ШОС');
  });
});

test('the timeline links to year pages', { timeout: TEST_TIMEOUT }, async (t) => {
  await reader(t, {}, async (page) => {
    await page.goto(u('ru/timeline/'));
    const year = page.locator(`main a[href^="${BASE}ru/years/"]`).filter({ hasText: /\d{4}/ }).first();
    // A bar of the SVG chart or a year in the text: either way a link (SVG links have no .href string).
    const href = await year.evaluate((a) => new URL(a.getAttribute('href'), location.href).href);
    assert.match(href, new RegExp(`${BASE}ru/years/\\d{4}/$`));
    await year.click();
    await page.waitForURL(href);
    assert.match(await page.locator('h1').textContent(), /\d{4}/);
  });
});
