// Real-browser tests of what a reader sees and does on the search page, beyond finding words
// (search.test.mjs): snippets around the match, "phrases" and -exclusion, the prefix while
// typing, did-you-mean, the year range and the order, browsing by filters without a query, the
// language switch keeping the search, the header search form of every page, facet lists with
// «show all» and labels never cut, and the phone layout (results first, filters behind a
// button). Which documents should be found is read from the site's sources.
//
//   ARCHIVE_SITE=DIR [ARCHIVE_BASE=/archive-sub/] node --test tests/browser/

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
const SHOTS = process.env.ARCHIVE_SCREENSHOTS;
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
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && m.location()?.url !== `${server.origin}/favicon.ico`) problems.push(`console error on ${page.url()}: ${m.text()} (${m.location()?.url})`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception on ${page.url()}: ${e.message}`));
  // A fetch the page still had in flight (a passage or name forms, fetched after the results are
  // shown) is cancelled when a test moves on to the next address: that is no failure a reader sees.
  page.on('requestfailed', (r) => r.failure()?.errorText !== 'net::ERR_ABORTED' && problems.push(`request failed: ${r.url()} — ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} for ${r.url()}`));
  try {
    await body(page);
  } finally {
    await context.close();
  }
  await t.test('no console errors, failed requests or HTTP errors', () => assert.deepEqual(problems, []));
}

/** Waits until the status announces a count and the results listed match it (up to a page). */
async function settled(page) {
  await page.waitForFunction(() => {
    if (document.getElementById('search').dataset.state !== 'done') return false;
    const s = document.getElementById('search-status').textContent;
    const n = Number(s.replace(/\D/g, ''));
    return /\d/.test(s) && document.querySelectorAll('#search-results li').length === Math.min(n, 20);
  });
  return Number((await page.locator('#search-status').textContent()).replace(/\D/g, ''));
}

/** Waits for the status to say nothing was found. */
const nothing = (page) => page.waitForFunction(() => document.getElementById('search').dataset.state === 'done' && !/\d/.test(document.getElementById('search-status').textContent) && document.querySelectorAll('#search-results li').length === 0);

const slugs = (page) => page.locator('#search-results li > a').evaluateAll((as) => as.map((a) => a.pathname.split('/').filter(Boolean).pop()));

/** Waits until every listed result's snippet, its passage once fetched, has a match marked. */
const snippetsIn = async (page) => {
  // Texts are fetched as results come near the screen: scroll through them all.
  for (const li of await page.locator('#search-results li').all()) await li.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('#search-results li')].every((li) => li.querySelector('.search-snippet[data-from="text"] mark')), null, { timeout: 20_000 });
};

test('a result paints its title and line first, its snippet keeping its room until its text comes', { timeout: TEST_TIMEOUT }, async (t) => {
  await reader(t, {}, async (page) => {
    // Hold every text file back: what shows then is what the records alone paint.
    let release;
    const gate = new Promise((r) => (release = r));
    await page.route('**/search/p/**', async (route) => {
      await gate;
      await route.continue();
    });
    await page.goto(u(`ru/search/?q=${encodeURIComponent('Казахстана')}`));
    await settled(page);
    const first = await page.locator('#search-results li').evaluateAll((lis) =>
      lis.map((li) => ({
        title: li.querySelector(':scope > a')?.textContent.trim(),
        meta: li.querySelector('.search-meta')?.textContent.trim(),
        snippet: li.querySelector('.search-snippet')?.dataset.from,
        text: li.querySelector('.search-snippet')?.textContent,
        room: li.querySelector('.search-snippet')?.getBoundingClientRect().height,
      })),
    );
    for (const r of first) {
      assert.ok(r.title && r.meta, `a result painted without its title or line: ${JSON.stringify(r)}`);
      // No text comes with a record: the snippet waits, empty, in a kept room.
      assert.deepEqual([r.snippet, r.text], ['pending', ''], JSON.stringify(r));
      assert.ok(r.room > 20, `the waiting snippet keeps no room: ${JSON.stringify(r)}`);
    }
    release();
    await snippetsIn(page);
  });
});

test('snippets show the matched form in every result, a cross-language entity hit included', { timeout: TEST_TIMEOUT }, async (t) => {
  await reader(t, {}, async (page) => {
    // A Kazakh name on the Russian page: the Russian texts are found through the entity, and
    // their snippets mark the Russian forms of the name.
    await page.goto(u('ru/search/?q=' + encodeURIComponent('Қазақстан')));
    const n = await settled(page);
    assert.ok(n >= 2);
    await snippetsIn(page);
    const ru = await page.locator('#search-results li:has(> a:not([lang])) .search-snippet mark').allTextContents();
    assert.ok(ru.some((m) => /^Казахстан/.test(m)), `no Russian form of Казахстан marked in the Russian results: ${ru.join(', ')}`);
    // Every result shows a match, not only the ones whose opening holds it: the 2024 decision
    // names Kazakhstan only far into its text.
    const deep = documents().find((d) => d.folder === '2024');
    assert.ok(!/Казахстан/.test(deep.body.slice(0, 600)), 'the 2024 decision should not name Kazakhstan in its opening');
    const snippet = await page.locator(`#search-results li:has(> a[href$="/${deep.slug}/"]) .search-snippet`).textContent();
    assert.match(snippet, /^… /, 'the snippet of the 2024 decision is not a passage from further in');
  });
});

test('"phrases" keep their words together and -exclusion leaves documents out', { timeout: TEST_TIMEOUT }, async (t) => {
  const docs = documents();
  await reader(t, {}, async (page) => {
    await page.goto(u('ru/search/?q=' + encodeURIComponent('"Аскар Мамин"')));
    const found = await settled(page);
    const expected = docs.filter((d) => /Аскар\S*\s+Мамин/.test(`${d.title} ${d.body}`)).map((d) => d.slug).sort();
    assert.deepEqual((await slugs(page)).sort(), expected);
    assert.equal(found, expected.length);
    // The same words in the other order are not the phrase.
    await page.goto(u('ru/search/?q=' + encodeURIComponent('«Мамин Аскар»')));
    await nothing(page);
    // Without the documents that name Uzbekistan.
    await page.goto(u('ru/search/?q=' + encodeURIComponent('Казахстан')));
    await settled(page);
    const all = await slugs(page);
    await page.goto(u('ru/search/?q=' + encodeURIComponent('Казахстан -Узбекистан')));
    await settled(page);
    const left = await slugs(page);
    const uz = docs.filter((d) => /Узбекистан/.test(d.body)).map((d) => d.slug);
    assert.ok(left.length > 0 && left.length < all.length, `exclusion left ${left.length} of ${all.length}`);
    for (const s of left) assert.ok(!uz.includes(s), `${s} names Узбекистан but was not left out`);
  });
});

test('the last word counts as a prefix while typing; a name one edit away is suggested', { timeout: TEST_TIMEOUT }, async (t) => {
  await reader(t, {}, async (page) => {
    await page.goto(u('ru/search/'));
    await page.locator('#q').pressSequentially('Мирзиё', { delay: 20 });
    await page.waitForFunction(() => new URLSearchParams(location.search).get('q') === 'Мирзиё');
    await settled(page);
    const expected = documents().filter((d) => /Мирзиёев/.test(d.body)).map((d) => d.slug);
    assert.ok(expected.length > 0);
    assert.deepEqual((await slugs(page)).sort(), expected.sort());
    await page.goto(u('ru/search/?q=' + encodeURIComponent('Мамн')));
    await nothing(page);
    const link = page.locator('#search-suggest a');
    await link.waitFor();
    assert.match(await link.textContent(), /Мамин/);
    await link.click();
    await settled(page);
    assert.match(new URL(page.url()).searchParams.get('q'), /Мамин/);
  });
});

test('a year range narrows the results and sort by date puts the newest first', { timeout: TEST_TIMEOUT }, async (t) => {
  await reader(t, {}, async (page) => {
    await page.goto(u('ru/search/?q=' + encodeURIComponent('Казахстан')));
    const all = await settled(page);
    await page.locator('#f-range-from').selectOption('2024');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('from') === '2024');
    const n = await settled(page);
    assert.ok(n > 0 && n < all, `from 2024: ${n} of ${all}`);
    const metas = await page.locator('#search-results .search-meta').allTextContents();
    assert.ok(metas.every((m) => /2024/.test(m)), `results outside the range: ${metas.join(' | ')}`);
    await page.locator('#f-range-from').selectOption('');
    await settled(page);
    await page.locator('#search-sort').selectOption('date');
    await page.waitForFunction(() => new URLSearchParams(location.search).get('sort') === 'date');
    await settled(page);
    const years = (await page.locator('#search-results .search-meta').allTextContents()).map((m) => Number((/\b(\d{4})\b/.exec(m) || [])[1] || 0));
    const dated = years.filter(Boolean);
    assert.ok(dated.length >= 2, `too few dated results: ${years}`);
    assert.deepEqual(dated, dated.slice().sort((a, b) => b - a), `not newest first: ${years}`);
    assert.deepEqual(years, dated.concat(years.filter((y) => !y)), 'undated results should come after the dated ones');
  });
});

test('filters without a query list the documents they select', { timeout: TEST_TIMEOUT }, async (t) => {
  const kk = documents().filter((d) => d.lang === 'kk').map((d) => d.slug).sort();
  await reader(t, {}, async (page) => {
    await page.goto(u('ru/search/?lang=kk'));
    const n = await settled(page);
    assert.equal(n, kk.length);
    assert.deepEqual((await slugs(page)).sort(), kk);
    assert.ok(await page.locator('#f-lang-kk').isChecked());
  });
});

/** Clicks the CSV button and returns the downloaded file's text. */
async function downloadCsv(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#search-csv').click()]);
  assert.equal(download.suggestedFilename(), 'search.csv');
  return fs.readFileSync(await download.path(), 'utf8');
}

/** Rows of a `;`-separated CSV with RFC 4180 quoting and CRLF line ends. */
function csvRows(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') (field += '"'), i++;
    else if (c === '"') quoted = !quoted;
    else if (!quoted && c === ';') row.push(field), (field = '');
    else if (!quoted && c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  assert.equal(field + row.join(''), '', 'the CSV ends with CRLF');
  return rows;
}

test('the CSV download holds every result of the query and filters, not only the first screen (ru, kk)', { timeout: TEST_TIMEOUT }, async (t) => {
  const kk = documents().filter((d) => d.lang === 'kk').map((d) => d.slug).sort();
  await reader(t, { acceptDownloads: true }, async (page) => {
    await page.goto(u('ru/search/?q=' + encodeURIComponent('Казахстан')));
    // All results, however many screens: on the 10,000-document corpus this query finds
    // thousands (ARCHIVE_CONTENT pointing at its content), on the shipped archive a few.
    const n = await settled(page);
    assert.ok(n > 0);
    const text = await downloadCsv(page);
    assert.ok(text.startsWith('\ufeffid;url;lang;title;date;kind\r\n'), 'a BOM and the export\'s column names');
    const rows = csvRows(text.slice(1));
    assert.equal(rows.length, n + 1, 'one row per result');
    const shown = await slugs(page);
    assert.deepEqual(rows.slice(1, 1 + shown.length).map((r) => r[0]), shown, 'in the order shown');
    for (const r of rows.slice(1)) {
      assert.equal(r.length, 6, r.join('|'));
      assert.ok(r[1].startsWith(server.origin + BASE) && r[1].endsWith(`/${r[0]}/`), r[1]);
      assert.match(r[4], /^(\d{4}(-\d{2}(-\d{2})?)?)?$/);
    }
    const first = await page.request.get(rows[1][1]);
    assert.equal(first.status(), 200, rows[1][1]);
    // A filter narrows the download as it narrows the list, in the Kazakh UI too.
    await page.goto(u('kk/search/?lang=kk'));
    assert.equal(await settled(page), kk.length);
    const only = csvRows((await downloadCsv(page)).slice(1));
    assert.deepEqual(only.slice(1).map((r) => r[0]).sort(), kk);
    assert.ok(only.slice(1).every((r) => r[2] === 'kk'));
    assert.equal(await page.locator('#search-csv').textContent(), 'Барлық нәтижені жүктеп алу (CSV)');
  });
});

test('the language switch keeps the query and the filters', { timeout: TEST_TIMEOUT }, async (t) => {
  await reader(t, {}, async (page) => {
    await page.goto(u('ru/search/?q=' + encodeURIComponent('Казахстан') + '&lang=ru'));
    const n = await settled(page);
    await page.locator('nav.lang-switch a[hreflang="kk"]').click();
    await page.waitForURL((x) => x.pathname === `${BASE}kk/search/`);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('q'), 'Казахстан');
    assert.equal(url.searchParams.get('lang'), 'ru');
    assert.equal(await page.locator('#q').inputValue(), 'Казахстан');
    assert.equal(await settled(page), n);
    assert.ok(await page.locator('#f-lang-ru').isChecked());
  });
});

test('every page has a search form in its header that lands on the search page', { timeout: TEST_TIMEOUT }, async (t) => {
  const doc = documents().find((d) => d.lang === 'kk');
  await reader(t, {}, async (page) => {
    await page.goto(u(`kk/documents/${doc.folder}/${doc.slug}/`));
    const form = page.locator('header form.header-search');
    assert.equal(await form.getAttribute('method'), 'get');
    await page.locator('#header-q').fill('Қазақстан');
    await page.locator('#header-q').press('Enter');
    await page.waitForURL((x) => x.pathname === `${BASE}kk/search/` && x.searchParams.get('q') === 'Қазақстан');
    assert.ok((await settled(page)) > 0);
    assert.equal(await page.locator('#q').inputValue(), 'Қазақстан');
  });
  // Without JavaScript the form still lands on the search page, which says search needs it.
  await reader(t, { javaScriptEnabled: false }, async (page) => {
    await page.goto(u('ru/'));
    await page.locator('#header-q').fill('ШОС');
    await page.locator('#header-q').press('Enter');
    await page.waitForURL((x) => x.pathname === `${BASE}ru/search/` && x.searchParams.get('q') === 'ШОС');
    assert.match(await page.locator('main').innerText(), /JavaScript/);
  });
});

test('facets list every value behind «show all», and a long Kazakh label is never cut', { timeout: TEST_TIMEOUT }, async (t) => {
  await reader(t, {}, async (page) => {
    await page.goto(u('kk/search/'));
    await settled(page);
    const fieldset = page.locator('#search-filters fieldset[data-facet="organization"]');
    const button = fieldset.locator('.search-show-all');
    // The organization filter fetches its counts when it comes into view, as a reader scrolls to it.
    await fieldset.scrollIntoViewIfNeeded();
    await button.waitFor();
    const total = Number((await button.textContent()).replace(/\D/g, ''));
    const before = await fieldset.locator('input').count();
    assert.ok(before < total, `${before} shown before «show all» of ${total}`);
    await button.click();
    await page.waitForFunction((n) => document.querySelectorAll('#search-filters fieldset[data-facet="organization"] input').length === n, total);
    assert.equal(await fieldset.locator('.search-show-all').getAttribute('aria-expanded'), 'true');
    // The longest label: inside its fieldset, not clipped, and no word split over two lines.
    const report = await page.evaluate(() => {
      const labels = [...document.querySelectorAll('#search-filters label')];
      const label = labels.sort((a, b) => b.textContent.length - a.textContent.length)[0];
      const box = label.getBoundingClientRect();
      const fs = label.closest('fieldset').getBoundingClientRect();
      const broken = [];
      const text = label.firstChild;
      // Words between spaces and hyphens: a line may break after the hyphen of жан-жақты, as in print.
      for (const m of text.textContent.matchAll(/[^\s-]+/g)) {
        const r = document.createRange();
        r.setStart(text, m.index);
        r.setEnd(text, m.index + m[0].length);
        if (new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size > 1) broken.push(m[0]);
      }
      // No facet is a scroll box that hides part of its list or of a label.
      const scrolled = [...document.querySelectorAll('#search-filters fieldset')].filter((f) => f.scrollHeight > f.clientHeight + 1 || f.scrollWidth > f.clientWidth + 1).map((f) => f.dataset.facet);
      return { text: label.textContent, inside: box.right <= fs.right + 0.5 && box.left >= fs.left - 0.5 && box.bottom <= fs.bottom + 0.5, clipped: label.scrollWidth > label.clientWidth, broken, scrolled };
    });
    assert.ok(report.text.length > 40, `the longest label is short: ${report.text}`);
    assert.ok(report.inside, `«${report.text}» sticks out of its fieldset`);
    assert.ok(!report.clipped, `«${report.text}» is clipped`);
    assert.deepEqual(report.broken, [], `words of «${report.text}» are split over lines`);
    assert.deepEqual(report.scrolled, [], 'facets that scroll, hiding part of their list');
  });
});

test('on a phone the first result comes before the filters, which open behind a button', { timeout: TEST_TIMEOUT }, async (t) => {
  for (const [lang, q, name] of [['ru', 'Казахстан', /Фильтры/], ['kk', 'Қазақстан', /Сүзгілер/]]) {
    await reader(t, { viewport: { width: 390, height: 844 } }, async (page) => {
      await page.goto(u(`${lang}/search/?q=` + encodeURIComponent(q)));
      await settled(page);
      const first = page.locator('#search-results li').first();
      const toggle = page.locator('#search-filters-toggle');
      assert.match(await toggle.textContent(), name);
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.ok(!(await page.locator('#search-filters input').first().isVisible()), 'the filters show before the button is pressed');
      const top = (await first.boundingBox()).y;
      assert.ok(top < 844, `the first result starts at ${top}px, below the first screen`);
      await toggle.click();
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      await page.locator('#search-filters input').first().waitFor({ state: 'visible' });
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= 390, `the page scrolls sideways: ${scroll}px`);
    });
  }
});

test('the organization and country counts are fetched only when those filters come into view', { timeout: TEST_TIMEOUT }, async (t) => {
  await reader(t, { viewport: { width: 390, height: 844 } }, async (page) => {
    const fetched = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    const facets = () => fetched.filter((p) => p.endsWith('/search/facets.json')).length;
    await page.goto(u('ru/search/?q=' + encodeURIComponent('Казахстан')));
    await settled(page);
    await page.waitForLoadState('networkidle');
    assert.equal(facets(), 0, 'facets.json is fetched though the filters are behind their button');
    const fieldset = page.locator('#search-filters fieldset[data-facet="country"]');
    assert.equal(await fieldset.getAttribute('aria-busy'), 'true');
    await page.locator('#search-filters-toggle').click();
    await fieldset.scrollIntoViewIfNeeded();
    await fieldset.locator('input').first().waitFor({ state: 'visible' });
    assert.equal(facets(), 1);
    assert.equal(await fieldset.getAttribute('aria-busy'), null);
    const n = Number(await fieldset.locator('.count').first().getAttribute('data-count'));
    assert.ok(n > 0, `the first country's count is ${n}`);
  });
});

test('screenshots of the search page (1280 and 390, both languages)', { timeout: TEST_TIMEOUT, skip: !SHOTS && 'ARCHIVE_SCREENSHOTS is not set' }, async (t) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const [lang, q] of [['ru', 'Қазақстан'], ['kk', 'Казахстан']]) {
    for (const width of [1280, 390]) {
      await reader(t, { viewport: { width, height: 900 } }, async (page) => {
        await page.goto(u(`${lang}/search/?q=` + encodeURIComponent(q)));
        await settled(page);
        await snippetsIn(page);
        await page.screenshot({ path: path.join(SHOTS, `search-${lang}-${width}.png`), fullPage: true });
      });
    }
  }
});
